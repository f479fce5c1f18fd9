import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { test as base, type Browser, type Page } from '@playwright/test';
import { startCouncilServerProcess } from '../helpers/host-process';
import { callApi, expect, expectNoAccessibilityViolations, saveScreenshot } from './fixtures';

/**
 * Issue 14, roles in the screens: each member sees what the role allows, not buttons that end in "Dit mag
 * uw rol niet". A lid reads advices (the letter, no outline to edit, no status or trash buttons) and is
 * told who may change them; a secretaris writes them but leaves vastgesteld/verzonden to the voorzitter.
 */
const test = base;
test.describe.configure({ mode: 'serial' });

let server: { child: ChildProcess; url: string; setupCode: string };
let dir: string;

/** A sign-in form's request from the page itself (same origin, so the browser sends the Origin the server checks). */
async function postAuth(page: Page, action: 'setup' | 'invitation', body: unknown): Promise<void> {
  const result = await page.evaluate(
    async ([name, input]) => {
      const response = await fetch(`auth/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
      return (await response.json()) as { ok: boolean; error?: { message: string } };
    },
    [action, body] as const,
  );
  if (!result.ok) throw new Error(`auth/${action}: ${result.error?.message}`);
}

async function memberPage(browser: Browser, invitationLink: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await postAuth(page, 'invitation', { token: invitationLink.split('/').pop(), password: 'een lang genoeg wachtwoord' });
  await page.goto(server.url);
  await expect(page.getByText(/^Ingelogd als /)).toBeVisible();
  return page;
}

let beheer: Page;
let meetingId: string;
let lidLink: string;
let secretarisLink: string;

test.beforeAll(async ({ browser }) => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-rollen-'));
  server = await startCouncilServerProcess(path.join(dir, 'raad.sqlite'));
  beheer = await (await browser.newContext()).newPage();
  await beheer.goto(server.url);
  await postAuth(beheer, 'setup', { setupCode: server.setupCode, name: 'Anna de Vries', login: 'anna', password: 'een lang genoeg wachtwoord' });
  lidLink = (await callApi<{ link: string }>(beheer, 'accounts.invite', { name: 'Bert Jansen', login: 'bert', role: 'lid' })).link;
  secretarisLink = (await callApi<{ link: string }>(beheer, 'accounts.invite', { name: 'Carla Smit', login: 'carla', role: 'secretaris' })).link;
});
test.afterAll(() => {
  server.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

test('a secretaris writes advices and sees no voorzitter-only status buttons', async ({ browser }, testInfo) => {
  const carla = await memberPage(browser, secretarisLink);
  await callApi(carla, 'advices.create', { kind: 'ongevraagd', betreft: 'Regiotaxi', withDefaultSections: true });
  meetingId = (await callApi<{ id: string }>(carla, 'meetings.create', { title: 'Wijkavond Noord', date: '2026-11-12', wijkIds: [] })).id;
  await carla.goto(`${server.url}#/adviezen`);
  await expect(carla.getByRole('heading', { level: 2, name: 'Nieuw advies' })).toBeVisible();
  await expect(carla.getByTestId('read-only-note')).toHaveCount(0);
  await carla.getByRole('link', { name: /^WMO-/ }).click();
  await expect(carla.getByRole('heading', { level: 2, name: 'Opbouw van het advies' })).toBeVisible();
  await expect(carla.getByRole('button', { name: 'Advies verwijderen' })).toBeVisible();
  // Vastgesteld and verzonden are the voorzitter's.
  await expect(carla.getByRole('button', { name: 'Markeer als vastgesteld' })).toHaveCount(0);
  await saveScreenshot(carla, testInfo, 'rollen-secretaris-advies');
  await carla.context().close();
});

test('a lid reads advices, is told who may change them, and logs input at meetings', async ({ browser }, testInfo) => {
  const bert = await memberPage(browser, lidLink);
  await expect(bert.getByText('Rol: lid')).toBeVisible();

  await bert.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Adviezen' }).click();
  await expect(bert.getByRole('heading', { level: 1, name: 'Adviezen' })).toBeVisible();
  await expect(bert.getByTestId('read-only-note')).toHaveText(
    'Met uw rol (lid) kunt u dit bekijken, maar niet wijzigen. Wijzigen kan de secretaris en de voorzitter.',
  );
  await expect(bert.getByRole('heading', { name: 'Nieuw advies' })).toHaveCount(0);
  await expect(bert.getByRole('button', { name: 'Aanvraag toevoegen' })).toHaveCount(0);
  await expect(bert.getByLabel('Advies importeren uit JSON-bestand')).toHaveCount(0);
  await expect(bert.getByRole('button', { name: /^Verwijderen/ })).toHaveCount(0);
  await expect(bert.getByRole('row', { name: /Regiotaxi/ })).toBeVisible();
  await expectNoAccessibilityViolations(bert);
  await saveScreenshot(bert, testInfo, 'rollen-lid-adviezen');

  // The advice: the letter to read, nothing to edit or to set.
  await bert.getByRole('link', { name: /^WMO-/ }).click();
  await expect(bert.getByTestId('letter-preview')).toContainText('Regiotaxi');
  await expect(bert.getByRole('heading', { name: 'Opbouw van het advies' })).toHaveCount(0);
  await expect(bert.getByRole('heading', { name: 'Gegevens van de brief' })).toHaveCount(0);
  await expect(bert.locator('textarea')).toHaveCount(0);
  await expect(bert.getByRole('button', { name: 'Advies verwijderen' })).toHaveCount(0);
  await expect(bert.getByRole('button', { name: 'Openbaarmaking wijzigen' })).toHaveCount(0);
  await expect(bert.getByTestId('advice-status')).toHaveText('Status: Concept');
  await expectNoAccessibilityViolations(bert);
  await saveScreenshot(bert, testInfo, 'rollen-lid-advies');
  // At 200 % zoom (a 683 px wide window) the note and the letter still fit.
  await bert.setViewportSize({ width: 683, height: 384 });
  await expect(bert.getByTestId('read-only-note')).toBeVisible();
  expect(await bert.locator('html').evaluate((html) => html.scrollWidth <= html.clientWidth)).toBe(true);
  await bert.setViewportSize({ width: 1366, height: 768 });

  // Meetings are a lid's work: no note, live capture offered, the trash left to the secretariat.
  await bert.goto(`${server.url}#/bijeenkomsten/${meetingId}`);
  await expect(bert.getByRole('heading', { level: 1, name: 'Wijkavond Noord' })).toBeVisible();
  await expect(bert.getByTestId('read-only-note')).toHaveCount(0);
  await expect(bert.getByRole('button', { name: 'Live vastleggen' })).toBeVisible();
  await expect(bert.getByRole('button', { name: 'Bijeenkomst bewerken' })).toBeVisible();
  await expect(bert.getByRole('button', { name: 'Bijeenkomst naar de prullenbak' })).toHaveCount(0);

  // Settings: read only, and the note says who may change them.
  await bert.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Instellingen' }).click();
  await expect(bert.getByTestId('read-only-note')).toContainText('Wijzigen kan de beheerder, de secretaris en de voorzitter.');
  await bert.context().close();
});
