import { addDays, todayInNetherlands } from '../../shared/calendar';
import { callApi, expect, expectNoAccessibilityViolations, saveScreenshot, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

/** Issue 19 items 9, 11, 12, 15: the day's overview, searched and paged signals, printing. */
test('the start page is the day overview, and prints without navigation', async ({ app }, testInfo) => {
  const origin = new URL(app.url()).origin;
  const today = todayInNetherlands();
  const meeting = await callApi<{ id: string }>(app, 'meetings.create', { title: 'Wijkavond Noord', date: addDays(today, 2), startTime: '19:30', location: 'Buurthuis' });
  await callApi(app, 'findings.create', { meetingId: meeting.id, text: 'De bus rijdt te weinig' });
  await callApi(app, 'adviceRequests.create', { receivedOn: today, subject: 'Beleidsplan Wmo', deadline: addDays(today, 20) });
  await app.setViewportSize({ width: 1366, height: 768 });
  await app.goto(`${origin}/#/`);
  // Written behind the page's back (API calls): load the page afresh.
  await app.reload();
  await expect(app.getByRole('region', { name: 'Komende bijeenkomsten' })).toContainText('Wijkavond Noord');
  await expect(app.getByRole('region', { name: 'Laatste inbreng' })).toContainText('De bus rijdt te weinig');
  await expect(app.getByRole('region', { name: 'Adviesaanvragen' })).toContainText('Beleidsplan Wmo: uiterste datum');
  await expect(app.getByRole('region', { name: 'Concept-adviezen' })).toContainText('Niets.');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'start-overzicht');

  await app.emulateMedia({ media: 'print' });
  await expect(app.getByRole('navigation', { name: 'Hoofdmenu' })).toBeHidden();
  await expect(app.getByRole('region', { name: 'Komende bijeenkomsten' })).toBeVisible();
  const mainWidth = await app.locator('main').evaluate((main) => main.getBoundingClientRect().width);
  expect(mainWidth).toBeGreaterThan(1300);
  await saveScreenshot(app, testInfo, 'start-afdruk');
  await app.emulateMedia({ media: 'screen' });
  await expect(app.getByRole('navigation', { name: 'Hoofdmenu' })).toBeVisible();
});

test('signals: search, count and paging through the core', async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  const origin = new URL(app.url()).origin;
  const finding = await callApi<{ id: string }>(app, 'findings.create', { text: 'Het wijkteam is slecht bereikbaar' });
  for (let i = 1; i <= 60; i++) await callApi(app, 'signals.create', { title: i % 10 === 0 ? `Vervoer ${i}` : `Signaal ${i}`, findingIds: [finding.id] });
  await app.goto(`${origin}/#/inbreng`);
  await app.getByLabel('Onderdelen van Inbreng').getByRole('link', { name: 'Signalen' }).click();
  const pager = app.getByRole('navigation', { name: 'Bladeren door de signalen' });
  await expect(pager).toContainText('1–50 van 60');
  await pager.getByRole('button', { name: 'Volgende' }).click();
  await expect(pager).toContainText('51–60 van 60');
  await expect(pager.getByRole('button', { name: 'Volgende' })).toBeDisabled();

  await app.getByRole('searchbox', { name: 'Zoeken' }).fill('vervoer');
  await expect(pager).toContainText('1–6 van 6');
  await expect(app.getByRole('heading', { level: 3, name: /^Vervoer/ })).toHaveCount(6);
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'signalen-zoeken');

  await app.getByRole('searchbox', { name: 'Zoeken' }).fill('bestaat niet');
  await expect(pager).toContainText('0–0 van 0');
  await expect(app.getByText('Niets gevonden met deze zoekwoorden en filters.')).toBeVisible();

  // Printing the list: no navigation, no buttons.
  await app.getByRole('searchbox', { name: 'Zoeken' }).fill('');
  await expect(pager).toContainText('1–50 van 60');
  await app.emulateMedia({ media: 'print' });
  await expect(app.getByRole('navigation', { name: 'Hoofdmenu' })).toBeHidden();
  await expect(app.getByRole('button', { name: 'Volgende' })).toBeHidden();
  await expect(app.getByRole('heading', { level: 3, name: 'Vervoer 60' })).toBeVisible();
  await app.emulateMedia({ media: 'screen' });
});

test('meetings list: searched and filtered by the core, with a count', async ({ app }, testInfo) => {
  const origin = new URL(app.url()).origin;
  for (const [title, format] of [
    ['Wijkavond Zuid', 'wijkbijeenkomst'],
    ['Expertmeeting Zorg', 'expertmeeting'],
    ['Inloopuur Cliëntondersteuning', 'inloopuur'],
  ] as const) {
    await callApi(app, 'meetings.create', { title, date: '2026-03-01', format });
  }
  await app.goto(`${origin}/#/bijeenkomsten`);
  await app.reload();
  const pager = app.getByRole('navigation', { name: 'Bladeren door de bijeenkomsten' });
  // One file, one database: the first test's "Wijkavond Noord" is here too.
  await expect(pager).toContainText('1–4 van 4');
  await app.getByRole('searchbox', { name: 'Zoeken' }).fill('clientondersteuning');
  await expect(pager).toContainText('1–1 van 1');
  await expect(app.getByRole('link', { name: 'Inloopuur Cliëntondersteuning' })).toBeVisible();
  await app.getByRole('searchbox', { name: 'Zoeken' }).fill('');
  await app.getByLabel('Vorm').selectOption('wijkbijeenkomst');
  await expect(pager).toContainText('1–2 van 2');
  await expect(app.getByRole('link', { name: 'Expertmeeting Zorg' })).toBeHidden();
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'bijeenkomsten-zoeken');
});
