import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { startCouncilServerProcess } from '../helpers/host-process';
import { callApi, expect, expectNoAccessibilityViolations, saveScreenshot, test } from './fixtures';

/**
 * Issue 14, "Verhuizen naar een raadsserver" in the real UI: on one computer Instellingen makes the move
 * package and downloads it; on a new council server the beheerder takes it over from Instellingen, by
 * keyboard, with the error at the field first, and is told what the members do next.
 */
test.describe.configure({ mode: 'serial' });

let server: { child: ChildProcess; url: string; setupCode: string };
let dir: string;

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-verhuizing-'));
  server = await startCouncilServerProcess(path.join(dir, 'raad.sqlite'));
});
test.afterAll(() => {
  server.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

test('make the move package on the laptop, take it over on the council server', async ({ app, browser }, testInfo) => {
  test.setTimeout(180_000);
  const meeting = await callApi<{ id: string }>(app, 'meetings.create', { title: 'Wijkavond Verhuizing', date: '2026-03-12', wijkIds: [] });
  await callApi(app, 'findings.create', { meetingId: meeting.id, text: 'De regiotaxi komt te laat' });

  // The laptop: Instellingen → Verhuizen naar een raadsserver.
  await app.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Instellingen' }).click();
  const moveOut = app.getByRole('region', { name: 'Verhuizen naar een raadsserver' });
  await moveOut.getByRole('button', { name: 'Verhuisbestand maken' }).click();
  await expect(moveOut.getByText(/Het verhuisbestand is klaar/)).toBeVisible({ timeout: 60_000 });
  await expectNoAccessibilityViolations(app);
  const downloading = app.waitForEvent('download');
  await moveOut.getByRole('button', { name: /downloaden/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^Advieswerk verhuizing \d{4}-\d{2}-\d{2}\.zip$/);
  const packageFile = path.join(dir, download.suggestedFilename());
  await download.saveAs(packageFile);

  // The server: its beheerder sets it up and takes the package over.
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const beheer = await context.newPage();
  await beheer.goto(server.url);
  await beheer.getByLabel('Instelcode').fill(server.setupCode);
  await beheer.getByLabel('Naam', { exact: true }).fill('Anna de Vries');
  await beheer.getByLabel('Inlognaam').fill('anna@adviesraad.nl');
  await beheer.getByLabel('Nieuw wachtwoord').fill('een lang genoeg wachtwoord');
  await beheer.getByRole('button', { name: 'Beheerder aanmaken' }).click();
  await expect(beheer.getByText('Ingelogd als Anna de Vries')).toBeVisible();
  await beheer.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Instellingen' }).click();
  const takeOver = beheer.getByRole('region', { name: 'Gegevens overnemen uit een verhuisbestand' });
  // The laptop's section is not on the server.
  await expect(beheer.getByRole('region', { name: 'Verhuizen naar een raadsserver' })).toHaveCount(0);

  // Without a file: the Dutch error at the field, by keyboard.
  await takeOver.getByRole('button', { name: 'Gegevens overnemen' }).focus();
  await beheer.keyboard.press('Enter');
  await expect(takeOver.getByText('Kies eerst het verhuisbestand.')).toBeVisible();
  await expect(takeOver.getByLabel('Verhuisbestand')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAccessibilityViolations(beheer);

  await takeOver.getByLabel('Verhuisbestand').setInputFiles(packageFile);
  await takeOver.getByRole('button', { name: 'Gegevens overnemen' }).focus();
  await beheer.keyboard.press('Enter');
  await expect(takeOver.getByText(/overgenomen; aantallen en controlegetallen zijn gelijk/)).toBeVisible({ timeout: 60_000 });
  await expect(takeOver.getByText(/Bestand → Verbinding wijzigen/)).toContainText(new URL(server.url).origin);
  await expectNoAccessibilityViolations(beheer);
  await saveScreenshot(beheer, testInfo, 'raadsserver-overnemen');

  // The council's data is on the server now; the beheerder is still signed in.
  await beheer.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Bijeenkomsten' }).click();
  await expect(beheer.getByText('Wijkavond Verhuizing')).toBeVisible();
  await expect(beheer.getByText('Ingelogd als Anna de Vries')).toBeVisible();
  await context.close();
});
