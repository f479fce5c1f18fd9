import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { addDays, todayInNetherlands } from '../../shared/calendar';
import { callApi, expect, expectNoAccessibilityViolations, saveScreenshot, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

/**
 * Issue 19 items 13 and 15: dialogs fit a laptop screen (and 200 % zoom of one), and the overviews a
 * council brings to a meeting print cleanly. Printing is checked on the real thing: Chromium prints the
 * page to PDF (A4) and pdftotext reads back what is on paper.
 */

/** The page as printed on A4, as text with whitespace normalised (line wrapping depends on fonts). */
async function printedText(page: Page, testInfo: TestInfo, name: string): Promise<{ text: string; pages: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-print-'));
  try {
    const file = path.join(dir, 'afdruk.pdf');
    writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    // The first sheet as a picture beside the screenshots, to look at.
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, testInfo.outputPath(name)]);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
    return { text: text.replace(/\s+/g, ' '), pages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every word of a cell's text is on paper. Table cells wrap, and pdftotext reads neighbouring cells'
 * lines in turn, so a phrase is checked word by word: a cell cut off at its column's edge loses words.
 */
function expectOnPaper(text: string, phrase: string): void {
  const words = new Set(text.split(' '));
  for (const word of phrase.split(/\s+/)) expect(words.has(word), `"${word}" (uit "${phrase}") staat niet op papier`).toBe(true);
}

/** The navigation and the app's buttons stay off paper. */
function expectNoChrome(text: string): void {
  for (const navigationLabel of ['Bijeenkomsten', 'Instellingen', 'Privacy', 'Naam wijzigen', 'Naar de inhoud']) {
    expect(text, `"${navigationLabel}" staat op papier`).not.toContain(navigationLabel);
  }
}

/** The whole dialog, its title and its buttons are on screen without scrolling the page. */
async function expectDialogFits(page: Page, dialog: Locator, buttonNames: string[]): Promise<void> {
  const viewport = page.viewportSize()!;
  const box = (await dialog.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height + 0.5);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width + 0.5);
  await expect(dialog.getByRole('heading').first()).toBeInViewport({ ratio: 1 });
  for (const name of buttonNames) await expect(dialog.getByRole('button', { name, exact: true })).toBeInViewport({ ratio: 1 });
}

const SIZES = [
  { width: 1366, height: 768, label: 'laptop' },
  // 200 % zoom of a 1280×800 screen.
  { width: 640, height: 400, label: '200-procent' },
];

test('the dashboard with its commitments prints on paper: every figure, no navigation', async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  const origin = new URL(app.url()).origin;
  const today = todayInNetherlands();
  const finding = await callApi<{ id: string }>(app, 'findings.create', { text: 'De wachtlijst voor huishoudelijke hulp is lang' });
  let advice = await callApi<{ id: string; kenmerk: string; sections: { id: string; items: { id: string }[] }[] }>(app, 'advices.create', {
    kind: 'ongevraagd',
    betreft: 'Huishoudelijke hulp',
    adviceDate: addDays(today, -70),
  });
  advice = await callApi(app, 'advices.addSection', { adviceId: advice.id, title: 'Aanbevelingen' });
  advice = await callApi(app, 'advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'aanbeveling', text: 'Maak de wachttijd openbaar', findingIds: [finding.id] });
  await callApi(app, 'advices.setStatus', { id: advice.id, status: 'vastgesteld', date: addDays(today, -60) });
  await callApi(app, 'advices.setStatus', { id: advice.id, status: 'verzonden', date: addDays(today, -60) });
  await callApi(app, 'responses.record', { adviceId: advice.id, receivedOn: addDays(today, -20), summary: 'Het college neemt het advies over.' });
  await callApi(app, 'responses.setPosition', { itemId: advice.sections[0]!.items[0]!.id, position: 'overgenomen' });
  // A commitment long enough to wrap: on paper it must be whole, not cut at the column's edge.
  const promise = 'De gemeente publiceert vanaf het tweede kwartaal elke maand de wachttijden voor huishoudelijke hulp per wijk op haar website';
  await callApi(app, 'commitments.create', { adviceId: advice.id, description: promise, owner: 'Wethouder Zorg', dueOn: addDays(today, -3) });

  await app.setViewportSize({ width: 1366, height: 768 });
  await app.goto(`${origin}/#/reacties`);
  await app.reload();
  await expect(app.getByRole('region', { name: 'Toezeggingen' })).toContainText('Wethouder Zorg');

  const { text, pages } = await printedText(app, testInfo, 'reacties-papier');
  expectOnPaper(text, 'Reacties en opvolging');
  expectOnPaper(text, promise);
  expectOnPaper(text, 'Wethouder Zorg');
  expectOnPaper(text, '3 dagen te laat');
  expectOnPaper(text, advice.kenmerk);
  expectNoChrome(text);
  // The export controls make documents; they have nothing to say on paper.
  expect(text).not.toContain('Adviezenoverzicht');
  expect(pages).toBeLessThanOrEqual(4);
  await app.emulateMedia({ media: 'print' });
  await saveScreenshot(app, testInfo, 'reacties-afdruk');
  await app.emulateMedia({ media: 'screen' });
});

test('the monitoring matrix prints with every team and score, and the assessment dialog fits the screen', async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  const origin = new URL(app.url()).origin;
  const frameworks = await callApi<{ id: string; name: string; builtinKey: string | null; criteria: { id: string; name: string }[] }[]>(app, 'frameworks.list', {});
  const avi = frameworks.find((framework) => framework.builtinKey === 'avi')!;
  const teams = [];
  for (const name of ['Wijkteam Noord', 'Wijkteam Zuid', 'Wijkteam Merenwijk']) teams.push(await callApi<{ id: string }>(app, 'wijkteams.create', { name }));
  const satisfaction = avi.criteria.find((criterion) => criterion.name === 'Tevredenheid van bewoners')!;
  await callApi(app, 'assessments.save', { wijkteamId: teams[0]!.id, criterionId: satisfaction.id, periodKey: '2026-K1', value: 4 });

  await app.setViewportSize({ width: 1366, height: 768 });
  await app.goto(`${origin}/#/wijkteams`);
  await app.reload();
  await app.getByRole('navigation', { name: 'Onderdelen van monitoring' }).getByRole('link', { name: 'Overzicht per periode' }).click();
  await app.getByLabel('Soort periode').selectOption('quarter');
  await app.getByLabel('Jaar').fill('2026');
  await app.getByLabel('Kwartaal', { exact: true }).selectOption('1');
  const matrix = app.getByRole('table', { name: /Beoordelingen van 1e kwartaal 2026/ });
  await expect(matrix.getByRole('button', { name: /^Wijkteam Noord, Tevredenheid van bewoners: 4 van 5/ })).toBeVisible();

  const { text } = await printedText(app, testInfo, 'wijkteams-matrix-papier');
  for (const team of ['Wijkteam Noord', 'Wijkteam Zuid', 'Wijkteam Merenwijk']) expectOnPaper(text, team);
  expectOnPaper(text, 'Tevredenheid van bewoners');
  // The scores are the matrix's cells (buttons on screen): on paper as well, one per team and criterion.
  expectOnPaper(text, '4 van 5');
  expect(text.match(/ontbreekt/g)?.length ?? 0).toBeGreaterThanOrEqual(3 * 5 - 1);
  expectNoChrome(text);
  // Making an advice and exporting are screen work.
  expect(text).not.toContain('Advies opstellen');
  expect(text).not.toContain('Exporteren');
  await app.emulateMedia({ media: 'print' });
  await saveScreenshot(app, testInfo, 'wijkteams-matrix-afdruk');
  await app.emulateMedia({ media: 'screen' });

  // The assessment dialog is the tallest: at a laptop's 768 px and at 200 % zoom its buttons stay on screen.
  for (const size of SIZES) {
    await app.setViewportSize(size);
    await matrix.getByRole('button', { name: /^Wijkteam Zuid, Tevredenheid van bewoners/ }).click();
    const dialog = app.getByRole('dialog', { name: 'Beoordelen: Wijkteam Zuid' });
    await expect(dialog).toBeVisible();
    await expectDialogFits(app, dialog, ['Beoordeling opslaan', 'Annuleren']);
    await expectNoAccessibilityViolations(app);
    await saveScreenshot(app, testInfo, `beoordelen-${size.label}`);
    // The body scrolls to its last field; the buttons do not move.
    const save = dialog.getByRole('button', { name: 'Beoordeling opslaan', exact: true });
    const before = await save.boundingBox();
    await dialog.getByLabel('Bronnen (optioneel)').scrollIntoViewIfNeeded();
    expect(await save.boundingBox()).toEqual(before);
    await dialog.getByRole('button', { name: 'Annuleren', exact: true }).click();
    await expect(dialog).toBeHidden();
  }
});

test('the name dialog and the confirmation fit a laptop screen and 200 % zoom', async ({ app }, testInfo) => {
  const origin = new URL(app.url()).origin;
  await callApi(app, 'findings.create', { text: 'Het buurthuis is op zondag dicht' });
  for (const size of SIZES) {
    await app.setViewportSize(size);
    await app.goto(`${origin}/#/inbreng`);
    await app.reload();
    // At 640 px the sidebar is behind the Menu button.
    if (size.width < 800) await app.getByRole('button', { name: 'Menu' }).click();
    await app.getByRole('button', { name: 'Naam wijzigen', exact: true }).click();
    const nameDialog = app.getByRole('dialog');
    await expect(nameDialog).toBeVisible();
    await expectDialogFits(app, nameDialog, ['Doorgaan']);
    await saveScreenshot(app, testInfo, `naam-${size.label}`);
    await app.keyboard.press('Escape');
    await expect(nameDialog).toBeHidden();

    const results = app.getByRole('region', { name: 'Tabel met inbreng (scrollbaar)' });
    await results.getByRole('checkbox', { name: /Het buurthuis is op zondag dicht/ }).check();
    await app.getByRole('form', { name: 'Inbreng bewerken' }).getByRole('button', { name: 'Inbreng naar de prullenbak' }).click();
    const confirm = app.getByRole('dialog', { name: 'Naar de prullenbak' });
    await expectDialogFits(app, confirm, ['Naar de prullenbak', 'Annuleren']);
    await saveScreenshot(app, testInfo, `bevestigen-${size.label}`);
    await confirm.getByRole('button', { name: 'Annuleren', exact: true }).click();
    await expect(confirm).toBeHidden();
  }
});

test('the findings overview prints every match of a search, not only the rows in view', async ({ app }, testInfo) => {
  test.setTimeout(180_000);
  const origin = new URL(app.url()).origin;
  const COUNT = 450;
  const number = (index: number) => String(index).padStart(3, '0');
  for (let start = 1; start <= COUNT; start += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, COUNT - start + 1) }, (_, offset) =>
        callApi(app, 'findings.create', { text: `Afdrukproef bushalte melding${number(start + offset)}` }),
      ),
    );
  }
  await callApi(app, 'findings.create', { text: 'Niet gezocht: de speeltuin is dicht' });

  await app.setViewportSize({ width: 1366, height: 768 });
  await app.goto(`${origin}/#/inbreng`);
  await app.reload();
  await app.getByRole('searchbox', { name: 'Zoeken in inbreng' }).fill('afdrukproef');
  await expect(app.getByText('450 resultaten', { exact: true })).toBeVisible();
  await expect(app.getByRole('table', { name: 'Inbreng' }).getByRole('row').filter({ hasText: 'Afdrukproef' }).first()).toBeVisible();
  await expect(app.getByRole('table', { name: 'Inbreng' }).getByRole('row').filter({ hasText: 'speeltuin' })).toHaveCount(0);

  // Ctrl+P: the rows loaded so far (the first page, 100 rows), and paper says how to get the rest.
  await app.evaluate("window.dispatchEvent(new Event('beforeprint'))");
  const partial = await printedText(app, testInfo, 'inbreng-ctrl-p-papier');
  expect(partial.text).toContain('de eerste 100 van 450 gevonden inbreng');
  expect(new Set(partial.text.match(/melding\d{3}/g)).size).toBe(100);
  await app.evaluate("window.dispatchEvent(new Event('afterprint'))");

  // "Afdrukken": every match loaded first (progress shown), then the print dialog (the system's, not ours: counted here).
  await app.evaluate('window.printed = 0; window.print = () => { window.printed += 1; };');
  await app.getByRole('button', { name: 'Afdrukken', exact: true }).dblclick();
  await expect.poll(() => app.evaluate('window.printed')).toBe(1);
  const { text, pages } = await printedText(app, testInfo, 'inbreng-papier');
  expect(text).toContain('450 resultaten');
  expect(text).not.toContain('de eerste');
  for (let index = 1; index <= COUNT; index++) expect(text, `melding${number(index)}`).toContain(`melding${number(index)}`);
  expect(text).not.toContain('speeltuin');
  expectNoChrome(text);
  expect(text).not.toContain('Kolommen');
  expect(pages).toBeGreaterThan(3);
  await app.emulateMedia({ media: 'print' });
  await saveScreenshot(app, testInfo, 'inbreng-afdruk');
  await app.emulateMedia({ media: 'screen' });
  expect(await app.evaluate('window.printed')).toBe(1);
});
