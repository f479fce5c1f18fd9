import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { test as base, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { startCouncilServerProcess } from '../helpers/host-process';
import { callApi as call, expect, expectNoAccessibilityViolations, saveScreenshot } from './fixtures';

/**
 * Issue 14, "no lost edits", in the real UI: two secretaries of one council server edit the same advice
 * item, each in a browser of their own. Carla's save lands first; Bert's, made on the text he saw, is
 * refused, and his editor says who changed it and when and lets him keep his, take hers or merge.
 */
const test = base;
test.describe.configure({ mode: 'serial' });

interface Advice {
  id: string;
  sections: { id: string; items: { id: string; text: string; kind: string }[] }[];
}

let server: { child: ChildProcess; url: string; setupCode: string };
let dir: string;
let bertContext: BrowserContext;
let carlaContext: BrowserContext;
let bert: Page;
let carla: Page;

/** Posts to the server from the page, as its own scripts do (the session's cookie, the page's Origin). */
async function post<T>(page: Page, address: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([to, body]) => {
      const response = await fetch(to, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    [address, input] as const,
  );
  if (!result.ok) throw new Error(`${address}: ${result.error?.message}`);
  return result.value as T;
}

/** A secretary in a browser of their own, signed in through the beheerder's invitation. */
async function secretary(browser: Browser, beheer: Page, name: string, login: string): Promise<{ context: BrowserContext; page: Page }> {
  const invitation = await post<{ link: string }>(beheer, '/api/accounts.invite', { name, login, role: 'secretaris' });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await post(page, '/auth/invitation', { token: /#\/uitnodiging\/(.+)$/.exec(invitation.link)![1], password: `${login} zijn eigen wachtwoord` });
  await page.goto(server.url);
  await expect(page.getByText(`Ingelogd als ${name}`)).toBeVisible();
  return { context, page };
}

test.beforeAll(async ({ browser }) => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-conflict-'));
  server = await startCouncilServerProcess(path.join(dir, 'raad.sqlite'));
  const beheerContext = await browser.newContext();
  const beheer = await beheerContext.newPage();
  await beheer.goto(server.url);
  await post(beheer, '/auth/setup', { setupCode: server.setupCode, name: 'Anna de Vries', login: 'anna', password: 'een lang genoeg wachtwoord' });
  ({ context: bertContext, page: bert } = await secretary(browser, beheer, 'Bert Jansen', 'bert'));
  ({ context: carlaContext, page: carla } = await secretary(browser, beheer, 'Carla Smit', 'carla'));
  await beheerContext.close();
});
test.afterAll(async () => {
  await bertContext?.close();
  await carlaContext?.close();
  server?.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

async function storedText(page: Page, adviceId: string): Promise<string> {
  return (await call<Advice>(page, 'advices.get', { id: adviceId })).sections[0]!.items[0]!.text;
}

/** A new advice with one item, open in both browsers. */
async function openInBoth(betreft: string): Promise<Advice> {
  const created = await call<Advice>(bert, 'advices.create', { kind: 'ongevraagd', betreft, adviceDate: '2026-03-02', withDefaultSections: true });
  const advice = await call<Advice>(bert, 'advices.addItem', { sectionId: created.sections[0]!.id, kind: 'bevinding', text: 'Eerste versie' });
  for (const page of [bert, carla]) {
    await page.goto(`${server.url}#/adviezen/${advice.id}`);
    await expect(page.getByLabel('Tekst van Punt I.1')).toHaveValue('Eerste versie');
  }
  return advice;
}

/**
 * Bert types while Carla's save of the same field lands first: his save is held on its way until hers is
 * stored, then arrives made on the version before hers.
 */
async function carlaSavesFirst(stored: () => Promise<string>, bertsText: string, carlasText: string, label = 'Tekst van Punt I.1', method = 'advices.updateItem'): Promise<void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let sent!: () => void;
  const passedOn = new Promise<void>((resolve) => (sent = resolve));
  let held = 0;
  await bert.route(`**/api/${method}`, async (route) => {
    held += 1;
    await released;
    await route.continue();
    sent();
  });
  await bert.getByLabel(label, { exact: true }).fill(bertsText);
  await expect.poll(() => held).toBe(1);
  await carla.getByLabel(label, { exact: true }).fill(carlasText);
  await expect.poll(stored).toBe(carlasText);
  release();
  await passedOn;
  await bert.unroute(`**/api/${method}`);
}

/** Bert's editor shows the conflict at the item, with the focus on it; his text is still in the field. */
async function expectConflict(bertsText: string, label = 'Tekst van Punt I.1', where = bert.getByTestId('advice-item')) {
  const alert = where.getByRole('alert');
  await expect(alert).toContainText(/Gewijzigd door Carla Smit op \d{1,2} \w+ \d{4} om \d{2}:\d{2}/);
  await expect(alert).toBeFocused();
  await expect(bert.getByLabel(label, { exact: true })).toHaveValue(bertsText);
  return alert;
}

// Playwright reads a test's fixtures from this pattern; these tests need none of them.
// eslint-disable-next-line no-empty-pattern
test('my own consecutive autosaves never conflict; a stale save is refused and "Mijn versie bewaren" saves mine over theirs', async ({}, testInfo) => {
  test.setTimeout(120_000);
  const advice = await openInBoth('Wachttijden huishoudelijke hulp');
  const field = bert.getByLabel('Tekst van Punt I.1');
  // Type, pause for the autosave, type again (and change the item's kind between): each save is made on
  // the version the one before it answered with.
  await field.fill('De wachttijd is lang.');
  await expect.poll(() => storedText(bert, advice.id)).toBe('De wachttijd is lang.');
  await field.fill('De wachttijd is lang, vaak acht weken.');
  await expect.poll(() => storedText(bert, advice.id)).toBe('De wachttijd is lang, vaak acht weken.');
  await bert.getByLabel('Soort punt: Punt I.1').selectOption('conclusie');
  await expect.poll(async () => (await call<Advice>(bert, 'advices.get', { id: advice.id })).sections[0]!.items[0]!.kind).toBe('conclusie');
  await field.fill('De wachttijd is lang, vaak acht weken of meer.');
  await expect.poll(() => storedText(bert, advice.id)).toBe('De wachttijd is lang, vaak acht weken of meer.');
  await expect(bert.getByRole('alert')).toHaveCount(0);

  // Carla's page is reloaded on the newest text; then both edit it.
  await carla.reload();
  await expect(carla.getByLabel('Tekst van Punt I.1')).toHaveValue('De wachttijd is lang, vaak acht weken of meer.');
  await carlaSavesFirst(() => storedText(carla, advice.id), 'Bert: de wachttijd is te lang.', 'Carla: wachttijd van acht weken.');
  const alert = await expectConflict('Bert: de wachttijd is te lang.');
  await expect(alert.getByRole('button', { name: 'Mijn versie bewaren' })).toBeVisible();
  await expect(alert.getByRole('button', { name: 'Hun versie nemen' })).toBeVisible();
  await expect(alert.getByRole('button', { name: 'Zelf samenvoegen' })).toBeVisible();
  // Nothing more is saved meanwhile: hers stays stored until he chose.
  expect(await storedText(bert, advice.id)).toBe('Carla: wachttijd van acht weken.');
  await expectNoAccessibilityViolations(bert);
  await bert.getByTestId('advice-item').scrollIntoViewIfNeeded();
  await bert.screenshot({ path: testInfo.outputPath('conflict-alert-1366.png') });
  await saveScreenshot(bert, testInfo, 'conflict-alert');

  // By keyboard: the alert has the focus, its first button is next.
  await bert.keyboard.press('Tab');
  await expect(alert.getByRole('button', { name: 'Mijn versie bewaren' })).toBeFocused();
  await bert.keyboard.press('Enter');
  await expect.poll(() => storedText(bert, advice.id)).toBe('Bert: de wachttijd is te lang.');
  await expect(bert.getByRole('alert')).toHaveCount(0);
  await expect(field).toBeFocused();
  await carla.reload();
  await expect(carla.getByLabel('Tekst van Punt I.1')).toHaveValue('Bert: de wachttijd is te lang.');
});

test('"Hun versie nemen" shows their text in my field, stores nothing of mine, and my next typing saves on theirs', async () => {
  test.setTimeout(90_000);
  const advice = await openInBoth('Mantelzorgwaardering');
  await carlaSavesFirst(() => storedText(carla, advice.id), 'Bert: de waardering komt te laat.', 'Carla: de waardering is te laag.');
  const alert = await expectConflict('Bert: de waardering komt te laat.');
  await alert.getByRole('button', { name: 'Hun versie nemen' }).click();
  const field = bert.getByLabel('Tekst van Punt I.1');
  await expect(field).toHaveValue('Carla: de waardering is te laag.');
  await expect(field).toBeFocused();
  expect(await storedText(bert, advice.id)).toBe('Carla: de waardering is te laag.');
  await field.fill('Carla: de waardering is te laag. Bert: en komt te laat.');
  await expect.poll(() => storedText(bert, advice.id)).toBe('Carla: de waardering is te laag. Bert: en komt te laat.');
  await expect(bert.getByRole('alert')).toHaveCount(0);
});

// eslint-disable-next-line no-empty-pattern
test('"Zelf samenvoegen" shows both texts side by side and saves the merged text', async ({}, testInfo) => {
  test.setTimeout(90_000);
  const advice = await openInBoth('Vervoer naar de dagbesteding');
  await carlaSavesFirst(() => storedText(carla, advice.id), 'Bert: het vervoer is vaak te laat.', 'Carla: de ritten duren te lang.');
  const alert = await expectConflict('Bert: het vervoer is vaak te laat.');
  // Leaving while the choice waits asks first (his text is not saved yet); he stays.
  await bert.getByRole('link', { name: /Terug naar de adviezen/ }).first().click();
  const leave = bert.getByRole('dialog', { name: 'Wijzigingen niet opgeslagen' });
  await expect(leave.getByRole('button', { name: 'Annuleren' })).toBeFocused();
  await bert.keyboard.press('Enter');
  await expect(leave).toBeHidden();
  await alert.getByRole('button', { name: 'Zelf samenvoegen' }).click();
  const merge = bert.getByRole('group', { name: 'Samenvoegen: Tekst van Punt I.1' });
  await expect(merge.getByRole('region', { name: 'Uw versie' })).toContainText('Bert: het vervoer is vaak te laat.');
  await expect(merge.getByRole('region', { name: 'Versie van Carla Smit' })).toContainText('Carla: de ritten duren te lang.');
  const merged = merge.getByLabel('Samengevoegde tekst: Tekst van Punt I.1');
  // It starts as mine, with the focus: nothing typed is lost.
  await expect(merged).toHaveValue('Bert: het vervoer is vaak te laat.');
  await expect(merged).toBeFocused();
  await expectNoAccessibilityViolations(bert);
  await merge.scrollIntoViewIfNeeded();
  await bert.screenshot({ path: testInfo.outputPath('conflict-merge-1366.png') });
  // At 200 % zoom (half the CSS pixels) it still fits (the two versions stack when narrower): nothing scrolls sideways.
  await bert.setViewportSize({ width: 683, height: 384 });
  await merge.scrollIntoViewIfNeeded();
  await bert.screenshot({ path: testInfo.outputPath('conflict-merge-200-procent.png') });
  expect(await bert.locator('html').evaluate((html) => html.scrollWidth <= html.clientWidth)).toBe(true);
  await bert.setViewportSize({ width: 1366, height: 768 });
  // Back to the choice and in again: the focus follows, and the merge typed so far is still there.
  await merged.fill('Het vervoer is vaak te laat');
  await merge.getByRole('button', { name: 'Terug naar de keuze' }).click();
  await expect(bert.getByTestId('advice-item').getByRole('alert')).toBeFocused();
  await bert.getByRole('button', { name: 'Zelf samenvoegen' }).click();
  await expect(merged).toHaveValue('Het vervoer is vaak te laat');
  await merged.fill('Het vervoer is vaak te laat en de ritten duren te lang.');
  await merge.getByRole('button', { name: 'Samengevoegde tekst opslaan' }).click();
  await expect.poll(() => storedText(bert, advice.id)).toBe('Het vervoer is vaak te laat en de ritten duren te lang.');
  await expect(bert.getByLabel('Tekst van Punt I.1')).toHaveValue('Het vervoer is vaak te laat en de ritten duren te lang.');
  await expect(bert.getByRole('alert')).toHaveCount(0);
  await carla.reload();
  await expect(carla.getByLabel('Tekst van Punt I.1')).toHaveValue('Het vervoer is vaak te laat en de ritten duren te lang.');
});

test('a letter field: consecutive saves of a list the store cleans never conflict; a stale Betreft is refused and kept by choice', async () => {
  test.setTimeout(90_000);
  // No items yet: the letter's details are open.
  const advice = await call<Advice>(bert, 'advices.create', { kind: 'ongevraagd', betreft: 'Eerste betreft', adviceDate: '2026-03-02', withDefaultSections: true });
  const stored = async () => call<{ betreft: string; cc: string[] }>(carla, 'advices.get', { id: advice.id });
  for (const page of [bert, carla]) {
    await page.goto(`${server.url}#/adviezen/${advice.id}`);
    await expect(page.getByLabel('Betreft', { exact: true })).toHaveValue('Eerste betreft');
  }
  // The store drops the empty line the typing ends with, and the next save is made on what it stored.
  const cc = bert.getByLabel('Afschrift aan (één per regel)');
  await cc.fill('Wethouder Zorg\n');
  await expect.poll(async () => (await stored()).cc).toEqual(['Wethouder Zorg']);
  await cc.fill('Wethouder Zorg\nGriffie');
  await expect.poll(async () => (await stored()).cc).toEqual(['Wethouder Zorg', 'Griffie']);
  await expect(bert.getByRole('alert')).toHaveCount(0);

  await carlaSavesFirst(async () => (await stored()).betreft, 'Wachttijden hulp bij het huishouden', 'Wachttijden Wmo-voorzieningen', 'Betreft', 'advices.update');
  const alert = await expectConflict('Wachttijden hulp bij het huishouden', 'Betreft', bert.getByRole('region', { name: 'Gegevens van de brief' }));
  await expectNoAccessibilityViolations(bert);
  await alert.getByRole('button', { name: 'Mijn versie bewaren' }).click();
  await expect.poll(async () => (await stored()).betreft).toBe('Wachttijden hulp bij het huishouden');
  // Carla's cc list was not touched by either.
  expect((await stored()).cc).toEqual(['Wethouder Zorg', 'Griffie']);
  await expect(bert.getByRole('alert')).toHaveCount(0);
});
