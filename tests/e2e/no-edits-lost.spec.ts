import type { Page } from '@playwright/test';
import { callApi as call, expect, expectNoAccessibilityViolations, saveScreenshot, test } from './fixtures';

interface Advice {
  id: string;
  sections: { id: string; items: { id: string; text: string }[] }[];
}

async function adviceWithItem(page: Page, betreft: string): Promise<Advice> {
  const advice = await call<Advice>(page, 'advices.create', { kind: 'ongevraagd', betreft, adviceDate: '2026-03-02', withDefaultSections: true });
  return call<Advice>(page, 'advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'bevinding', text: 'Eerste versie' });
}

async function storedItemText(page: Page, adviceId: string): Promise<string> {
  return (await call<Advice>(page, 'advices.get', { id: adviceId })).sections[0]!.items[0]!.text;
}

test('text typed in an advice item survives Back and reload within the autosave delay', async ({ app }) => {
  const origin = new URL(app.url()).origin;
  const advice = await adviceWithItem(app, 'Terug binnen de wachttijd');
  await app.goto(`${origin}/#/adviezen/${advice.id}`);
  const item = app.getByLabel('Tekst van Punt I.1');
  await item.fill('Getypt en meteen terug');
  // In-app Back, well within the 700 ms delay: the field goes away and saves on its way out.
  await app.getByRole('link', { name: /Terug naar de adviezen/ }).first().click();
  await expect(app.getByRole('heading', { level: 1, name: 'Adviezen' })).toBeVisible();
  await expect.poll(() => storedItemText(app, advice.id)).toBe('Getypt en meteen terug');
  await app.goto(`${origin}/#/adviezen/${advice.id}`);
  await expect(item).toHaveValue('Getypt en meteen terug');

  // Browser Back.
  await item.fill('Getypt en dan de knop Vorige');
  await app.goBack();
  await expect.poll(() => storedItemText(app, advice.id)).toBe('Getypt en dan de knop Vorige');

  // Reload: saved on pagehide.
  await app.goto(`${origin}/#/adviezen/${advice.id}`);
  await item.fill('Getypt en herladen');
  await app.reload();
  await expect(item).toHaveValue(/.+/);
  await expect.poll(() => storedItemText(app, advice.id)).toBe('Getypt en herladen');
  await app.reload();
  await expect(item).toHaveValue('Getypt en herladen');
});

test('a failed autosave says so at the field and is tried again until it is saved', async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  const origin = new URL(app.url()).origin;
  const advice = await adviceWithItem(app, 'Opslaan mislukt eerst');
  await app.goto(`${origin}/#/adviezen/${advice.id}`);
  // The host cannot be reached for a while: the request never arrives.
  let refused = 0;
  await app.route('**/api/advices.updateItem', async (route) => {
    refused += 1;
    await route.abort('connectionrefused');
  });
  const item = app.getByLabel('Tekst van Punt I.1');
  await item.fill('Tekst die eerst niet aankomt');
  await item.blur();
  const notSaved = app.getByRole('status').filter({ hasText: 'Niet opgeslagen — opnieuw proberen…' });
  await expect(notSaved).toBeVisible();
  await expect.poll(() => refused).toBeGreaterThanOrEqual(2);
  await expect(item).toHaveValue('Tekst die eerst niet aankomt');
  // The page says so in Dutch, never in the browser's own words ("Failed to fetch").
  await expect(app.getByRole('alert')).toContainText('Geen verbinding met Advieswerk');
  await expect(app.getByRole('alert')).not.toContainText('Failed to fetch');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'autosave-niet-opgeslagen');
  expect(await storedItemText(app, advice.id)).toBe('Eerste versie');

  // The host is back: the next attempt saves it, and the message goes.
  await app.unroute('**/api/advices.updateItem');
  // Attempts wait longer each time (up to 30 s between them).
  await expect.poll(() => storedItemText(app, advice.id), { timeout: 45_000 }).toBe('Tekst die eerst niet aankomt');
  await expect(notSaved).toHaveCount(0);
});

test('leaving a changed settings form asks first, with the focus on staying', async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  const origin = new URL(app.url()).origin;
  await app.goto(`${origin}/#/instellingen`);
  const name = app.getByLabel('Naam van de raad');
  await expect(name).toBeEditable();
  const before = await name.inputValue();
  await name.fill('Adviesraad Sociaal Domein Leiden');
  expect(await app.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true });
    (globalThis as unknown as EventTarget).dispatchEvent(event);
    return event.defaultPrevented;
  })).toBe(true);

  const menu = app.getByRole('navigation', { name: 'Hoofdmenu' });
  await menu.getByRole('link', { name: 'Adviezen' }).click();
  const dialog = app.getByRole('dialog', { name: 'Wijzigingen niet opgeslagen' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Annuleren' })).toBeFocused();
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'instellingen-verlaten-vraag');
  await app.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(app.getByRole('heading', { level: 1, name: 'Instellingen' })).toBeVisible();
  await expect(name).toHaveValue('Adviesraad Sociaal Domein Leiden');
  expect(new URL(app.url()).hash).toBe('#/instellingen');

  // Leaving after all: the change is dropped, as the user chose.
  await menu.getByRole('link', { name: 'Adviezen' }).click();
  await dialog.getByRole('button', { name: 'Verlaten zonder opslaan' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Adviezen' })).toBeVisible();
  expect((await call<{ name: string }>(app, 'council.get', {})).name).toBe(before);

  // Saved: nothing to ask.
  await menu.getByRole('link', { name: 'Instellingen' }).click();
  await name.fill('Adviesraad Sociaal Domein Leiden');
  await name.press('Enter');
  await expect.poll(async () => (await call<{ name: string }>(app, 'council.get', {})).name).toBe('Adviesraad Sociaal Domein Leiden');
  // As the user sees it: the form says it is saved (the server can have stored it a moment before the
  // page has its answer, and until then the form still counts as changed: CI of 2026-12-07 clicked in between).
  await expect(app.getByRole('form', { name: 'Instellingen van de raad' }).getByRole('status')).toHaveText('Opgeslagen.');
  await menu.getByRole('link', { name: 'Adviezen' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Adviezen' })).toBeVisible();

  // Browser Back (to an earlier page of the app) is asked about too.
  await menu.getByRole('link', { name: 'Start' }).click();
  await menu.getByRole('link', { name: 'Instellingen' }).click();
  await name.fill('Nog een wijziging');
  await app.goBack();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Annuleren' }).click();
  await expect(name).toHaveValue('Nog een wijziging');
  expect(new URL(app.url()).hash).toBe('#/instellingen');
  await menu.getByRole('link', { name: 'Adviezen' }).click();
  await dialog.getByRole('button', { name: 'Verlaten zonder opslaan' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Adviezen' })).toBeVisible();
});

test('the delete confirmation opens on "Annuleren": Enter right away deletes nothing', async ({ app }) => {
  const origin = new URL(app.url()).origin;
  const meeting = await call<{ id: string }>(app, 'meetings.create', { title: 'Wijkbijeenkomst Zuid', date: '2026-02-10' });
  await call(app, 'findings.create', { text: 'Het buurthuis is te vaak dicht', source: 'plenair', meetingId: meeting.id });
  await app.goto(`${origin}/#/bijeenkomsten/${meeting.id}`);
  await app.getByRole('button', { name: 'Bijeenkomst naar de prullenbak' }).click();
  const dialog = app.getByRole('dialog', { name: 'Naar de prullenbak' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Annuleren' })).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  const stillThere = await call<{ title: string; findingCount: number }>(app, 'meetings.get', { id: meeting.id });
  expect(stillThere.title).toBe('Wijkbijeenkomst Zuid');
  expect(stillThere.findingCount).toBe(1);
  expect(await call<unknown[]>(app, 'trash.list', {})).toEqual([]);
});
