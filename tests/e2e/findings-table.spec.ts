import type { Locator, Page } from '@playwright/test';
import { callApi, expect, expectNoAccessibilityViolations, saveScreenshot, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

/** The rendered width of a column's header cell (CSS px). */
async function headerWidth(table: Locator, name: string): Promise<number> {
  return table.getByRole('columnheader', { name, exact: true }).evaluate((cell) => Math.round(cell.getBoundingClientRect().width));
}

/** Every header shows its whole label: nothing overflows its cell (wrapping is fine, clipping is not). */
async function expectHeadersWhole(page: Page): Promise<void> {
  const clipped = await page.locator('.aw-virtual-table thead th').evaluateAll((cells) =>
    cells
      .filter((cell) => [cell, ...cell.querySelectorAll('button')].some((element) => element.scrollWidth > element.clientWidth + 1))
      .map((cell) => cell.textContent),
  );
  expect(clipped).toEqual([]);
}

/** Issue 19 item 10: choose and resize the columns (remembered), a signal column, headers never clipped. */
test('findings table: choose, resize and remember columns; the signal column links to its signal', async ({ app }, testInfo) => {
  const origin = new URL(app.url()).origin;
  const meeting = await callApi<{ id: string }>(app, 'meetings.create', { title: 'Wijkbijeenkomst Stevenshof', date: '2026-03-04' });
  const reach = await callApi<{ id: string }>(app, 'findings.create', { meetingId: meeting.id, text: 'Het wijkteam is slecht bereikbaar' });
  await callApi(app, 'findings.create', { meetingId: meeting.id, text: 'Te weinig bankjes in het park', votes: 3 });
  const signal = await callApi<{ id: string }>(app, 'signals.create', { title: 'Wijkteam onbereikbaar', findingIds: [reach.id] });

  await app.setViewportSize({ width: 1366, height: 768 });
  await app.goto(`${origin}/#/inbreng`);
  await app.reload();
  const table = app.getByRole('table', { name: 'Inbreng' });
  const rowOf = (text: string) => table.getByRole('row').filter({ hasText: text });
  await expect(rowOf('slecht bereikbaar').getByRole('link', { name: 'Wijkteam onbereikbaar' })).toBeVisible();
  await expect(rowOf('bankjes')).toContainText('—');
  for (const name of ['Inbreng', 'Bijeenkomst', 'Thema / tafel', 'Wijk', 'Datum', 'Stemmen', 'Signaal']) {
    await expect(table.getByRole('columnheader', { name, exact: true })).toBeVisible();
  }
  // "Bron" starts hidden so the rest fits beside the text at 1366 px, without sideways scrolling.
  await expect(table.getByRole('columnheader', { name: 'Bron', exact: true })).toHaveCount(0);
  const region = app.getByRole('region', { name: 'Tabel met inbreng (scrollbaar)' });
  expect(await region.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
  await expectHeadersWhole(app);

  // The chooser by keyboard: open the disclosure, hide "Wijk", show "Bron", widen "Bijeenkomst".
  const summary = app.getByText('Kolommen kiezen', { exact: true });
  await summary.focus();
  await app.keyboard.press('Enter');
  const chooser = app.getByRole('group', { name: 'Kolommen in de tabel' });
  await expect(chooser).toBeVisible();
  await chooser.getByRole('checkbox', { name: 'Wijk' }).focus();
  await app.keyboard.press('Space');
  await expect(table.getByRole('columnheader', { name: 'Wijk', exact: true })).toHaveCount(0);
  await chooser.getByRole('checkbox', { name: 'Bron' }).check();
  await expect(table.getByRole('columnheader', { name: 'Bron', exact: true })).toBeVisible();
  const meetingBefore = await headerWidth(table, 'Bijeenkomst');
  await chooser.getByRole('button', { name: 'Kolom Bijeenkomst breder' }).focus();
  await app.keyboard.press('Enter');
  await app.keyboard.press('Enter');
  await expect.poll(() => headerWidth(table, 'Bijeenkomst')).toBe(meetingBefore + 64);
  await expectNoAccessibilityViolations(app);

  // With the mouse: drag the right edge of "Datum" 80 px wider.
  const dateBefore = await headerWidth(table, 'Datum');
  const edge = await table.getByRole('columnheader', { name: 'Datum', exact: true }).locator('.aw-column-resizer').boundingBox();
  expect(edge).not.toBeNull();
  await app.mouse.move(edge!.x + edge!.width / 2, edge!.y + edge!.height / 2);
  await app.mouse.down();
  await app.mouse.move(edge!.x + edge!.width / 2 + 40, edge!.y + edge!.height / 2, { steps: 4 });
  await app.mouse.move(edge!.x + edge!.width / 2 + 80, edge!.y + edge!.height / 2, { steps: 4 });
  await app.mouse.up();
  await expect.poll(() => headerWidth(table, 'Datum')).toBe(dateBefore + 80);
  await expectHeadersWhole(app);
  await saveScreenshot(app, testInfo, 'inbreng-kolommen-1366');

  // Remembered: after a reload (as after a restart) the same columns at the same widths.
  await app.reload();
  await expect(rowOf('slecht bereikbaar')).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Wijk', exact: true })).toHaveCount(0);
  await expect(table.getByRole('columnheader', { name: 'Bron', exact: true })).toBeVisible();
  expect(await headerWidth(table, 'Bijeenkomst')).toBe(meetingBefore + 64);
  expect(await headerWidth(table, 'Datum')).toBe(dateBefore + 80);

  // 200 % zoom of 1366×768: headers still whole, the table scrolls in its own region, not the page.
  await app.setViewportSize({ width: 683, height: 384 });
  await expect(rowOf('slecht bereikbaar')).toBeVisible();
  await expectHeadersWhole(app);
  expect(await app.locator('html').evaluate((html) => html.scrollWidth <= html.clientWidth)).toBe(true);
  await saveScreenshot(app, testInfo, 'inbreng-kolommen-200-procent');
  await app.setViewportSize({ width: 1366, height: 768 });

  // "Standaardindeling" puts the defaults back.
  await app.getByText('Kolommen kiezen', { exact: true }).click();
  await app.getByRole('button', { name: 'Standaardindeling' }).click();
  await expect(table.getByRole('columnheader', { name: 'Wijk', exact: true })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Bron', exact: true })).toHaveCount(0);
  expect(await headerWidth(table, 'Bijeenkomst')).toBe(meetingBefore);

  // The signal column's link opens the signal with its findings.
  await rowOf('slecht bereikbaar').getByRole('link', { name: 'Wijkteam onbereikbaar' }).click();
  await expect(app).toHaveURL(new RegExp(`#/inbreng/signalen/${signal.id}$`));
  await expect(app.getByRole('heading', { level: 2, name: 'Signaal: Wijkteam onbereikbaar' })).toBeVisible();
  await expect(app.getByRole('list', { name: 'Inbreng in dit signaal: Wijkteam onbereikbaar' })).toContainText('Het wijkteam is slecht bereikbaar');
  await expect(app.getByLabel('Onderdelen van Inbreng').getByRole('link', { name: 'Signalen' })).toHaveAttribute('aria-current', 'page');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'signaal-uit-tabel');
  await app.getByRole('link', { name: 'Alle signalen' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Inbreng: Signalen' })).toBeVisible();
});

/**
 * Issue 18 (search ≤ 150 ms after the last keystroke): while the next search loads, the rows of the last one
 * stay, marked busy, instead of an empty table drawn only to be replaced; a new search starts at its top;
 * the first page is smaller than the pages that follow on scrolling, and scrolling still reaches every row.
 */
test('findings table: a new search keeps the shown rows until its own arrive, starts at the top, and pages on scroll', async ({ app }) => {
  const origin = new URL(app.url()).origin;
  const number = (index: number) => String(index).padStart(3, '0');
  for (let start = 1; start <= 260; start += 52) {
    await Promise.all(Array.from({ length: 52 }, (_, offset) => callApi(app, 'findings.create', { text: `Pagineerproef lantaarnpaal melding${number(start + offset)}` })));
  }
  await callApi(app, 'findings.create', { text: 'Het bankje bij de vijver is kapot' });
  await app.setViewportSize({ width: 1366, height: 768 });
  await app.goto(`${origin}/#/inbreng`);
  await app.reload();
  const table = app.getByRole('table', { name: 'Inbreng' });
  const region = app.getByRole('region', { name: 'Tabel met inbreng (scrollbaar)' });
  const search = app.getByRole('searchbox', { name: 'Zoeken in inbreng' });
  await search.fill('pagineerproef');
  await expect(app.getByText('260 resultaten', { exact: true })).toBeVisible();

  // Scrolled to the end: every one of the 260 rows is reached (a first page, then the pages after it).
  const dataRows = table.locator('tbody tr[aria-rowindex]');
  await expect
    .poll(async () => {
      await region.evaluate((element) => element.scrollTo(0, element.scrollHeight));
      return dataRows.last().getAttribute('aria-rowindex');
    })
    .toBe('261');
  await expect(table).toHaveAttribute('aria-rowcount', '261');

  // The next search's answer held back: the last rows stay, the table says it is busy, the count says loading.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await app.route('**/api/findings.search', async (route) => {
    if (JSON.parse(route.request().postData() ?? '{}').query === 'vijver') await held;
    await route.continue();
  });
  await search.fill('vijver');
  await expect(table).toHaveAttribute('aria-busy', 'true');
  await expect(app.getByText('Bezig met laden…', { exact: true })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'Pagineerproef' }).first()).toBeVisible();
  // …scrolled back to the top of the list (its first row again in view).
  await expect.poll(() => region.evaluate((element) => element.scrollTop)).toBe(0);
  await expect(dataRows.first()).toHaveAttribute('aria-rowindex', '2');
  release();
  await expect(app.getByText('1 resultaat', { exact: true })).toBeVisible();
  await expect(table).not.toHaveAttribute('aria-busy', 'true');
  await expect(table.getByRole('row').filter({ hasText: 'bankje bij de vijver' })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'Pagineerproef' })).toHaveCount(0);
  await app.unroute('**/api/findings.search');
});
