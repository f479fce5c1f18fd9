import { readFileSync } from 'node:fs';
import { renderDocx } from '../helpers/docx';
import { expect, expectNoAccessibilityViolations, saveScreenshot, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

test('log a meeting live with only the keyboard', async ({ app }, testInfo) => {
  const origin = new URL(app.url()).origin;
  // A wijk to link the meeting to.
  await app.goto(`${origin}/#/instellingen`);
  const wijken = app.getByRole('region', { name: 'Wijken' });
  await wijken.getByRole('button', { name: 'Wijk toevoegen' }).click();
  await wijken.getByLabel('Naam', { exact: true }).fill('Noord');
  await wijken.getByRole('button', { name: 'Opslaan' }).click();
  await expect(wijken.getByRole('cell', { name: 'Noord', exact: true })).toBeVisible();

  await app.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Bijeenkomsten' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Bijeenkomsten' })).toBeVisible();
  await expect(app.getByText('Er zijn nog geen bijeenkomsten.')).toBeVisible();
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'bijeenkomsten-leeg');

  await app.getByRole('button', { name: 'Nieuwe bijeenkomst' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Nieuwe bijeenkomst' })).toBeVisible();
  await app.getByLabel('Titel').fill('Wijkbijeenkomst Noord');
  await app.getByLabel('Datum').fill('2026-03-12');
  await app.getByLabel('Vorm').selectOption('thematafels');
  await app.getByLabel('Noord').check();
  await app.getByLabel('Thematafels (optioneel)').fill('Mantelzorg\nVervoer');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'bijeenkomst-nieuw');
  await app.getByRole('button', { name: 'Opslaan' }).click();

  await expect(app.getByRole('heading', { level: 1, name: 'Wijkbijeenkomst Noord' })).toBeVisible();
  await expect(app.getByText('12 maart 2026')).toBeVisible();
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'bijeenkomst');

  await app.getByRole('button', { name: 'Live vastleggen' }).click();
  const input = app.getByLabel('Wat zei de bewoner?');
  await expect(input).toBeFocused();
  // Keyboard only from here: type, Enter, switch table and source with shortcuts.
  await app.keyboard.type('De cliëntondersteuner is onbekend bij bewoners');
  await app.keyboard.press('Enter');
  await expect(input).toHaveValue('');
  await expect(input).toBeFocused();
  await app.keyboard.press('Alt+1');
  await expect(app.getByLabel(/^Thematafel/)).toHaveValue(/.+/);
  await app.keyboard.press('Alt+T');
  await expect(app.getByLabel(/^Bron/)).toHaveValue('thematafel');
  await app.keyboard.type('Mantelzorgers raken overbelast door wachtlijsten');
  await app.keyboard.press('Enter');
  await app.keyboard.type('Respijtzorg voor mantelzorgers is moeilijk te vinden');
  await app.keyboard.press('Enter');
  await app.keyboard.type('Foutje');
  await app.keyboard.press('Enter');
  const recent = app.getByRole('region', { name: 'Laatst vastgelegd' });
  await expect(recent.getByText('Foutje')).toBeVisible();
  // Undo the last save with Ctrl+Z in the empty field: the text comes back to be corrected.
  await app.keyboard.press('Control+z');
  await expect(input).toHaveValue('Foutje');
  await expect(recent.getByText('Foutje')).toBeHidden();
  await app.keyboard.press('Control+a');
  await app.keyboard.type('Wmo-vervoer komt vaak te laat');
  await app.keyboard.press('Alt+2');
  await app.keyboard.press('Alt+B');
  await app.keyboard.press('Enter');
  await expect(recent.getByRole('listitem')).toHaveCount(4);
  await expect(recent.getByRole('listitem').first()).toContainText('Vervoer · Babbelbox');
  await expect(recent.getByRole('listitem').nth(1)).toContainText('Mantelzorg · Thematafel');

  // Nothing is lost when the window closes: the unsaved draft comes back after a reload.
  await app.keyboard.type('Nog niet opgeslagen punt');
  await app.reload();
  await expect(app.getByLabel('Wat zei de bewoner?')).toHaveValue('Nog niet opgeslagen punt');
  await expect(app.getByText('Uw niet-opgeslagen tekst is teruggezet.')).toBeVisible();
  await expect(app.getByLabel('Wat zei de bewoner?')).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(recent.getByRole('listitem')).toHaveCount(5);

  // Edit an earlier entry from the keyboard.
  // Tab order: personal-data box, Opslaan, undo, then the entries' edit buttons, newest first.
  for (let i = 0; i < 7; i += 1) await app.keyboard.press('Tab');
  await expect(recent.getByRole('button', { name: /^Bewerken: Mantelzorgers raken/ })).toBeFocused();
  await app.keyboard.press('Enter');
  const edit = recent.getByRole('textbox', { name: 'Inbreng bewerken' });
  await expect(edit).toBeFocused();
  await app.keyboard.press('End');
  await app.keyboard.type(' (vooral ouderen)');
  await app.keyboard.press('Enter');
  await expect(recent.getByText('Mantelzorgers raken overbelast door wachtlijsten (vooral ouderen)')).toBeVisible();
  await expect(app.getByLabel('Wat zei de bewoner?')).toBeFocused();
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'live-vastleggen');
});

test('search the findings, group two into a signal and prioritise it', async ({ app }, testInfo) => {
  await app.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Inbreng' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Inbreng' })).toBeVisible();
  const results = app.getByRole('region', { name: 'Tabel met inbreng (scrollbaar)' });
  await expect(results.getByRole('row')).toHaveCount(6);

  // Diacritics folded and prefix matched: "client" finds "cliëntondersteuner", highlighted.
  await app.getByLabel('Zoeken in inbreng').fill('client');
  await expect(app.getByText('1 resultaat')).toBeVisible();
  await expect(results.locator('mark')).toHaveText('cliëntondersteuner');
  await app.getByLabel('Zoeken in inbreng').fill('mantelzorg');
  await expect(app.getByText('2 resultaten')).toBeVisible();
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'inbreng-zoeken');

  await results.getByRole('checkbox', { name: /Mantelzorgers raken/ }).check();
  // One selected finding can be edited: labels, then found by the label filter.
  const edit = app.getByRole('form', { name: 'Inbreng bewerken' });
  await edit.getByLabel('Labels').fill('Mantelzorg, ouderen');
  await edit.getByRole('button', { name: 'Opslaan' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Opgeslagen.' })).toBeVisible();
  await app.getByLabel('Labels', { exact: true }).selectOption('ouderen');
  await expect(app.getByText('1 resultaat')).toBeVisible();
  await app.getByLabel('Labels', { exact: true }).selectOption('');
  await expect(app.getByText('2 resultaten')).toBeVisible();
  await results.getByRole('checkbox', { name: /Mantelzorgers raken/ }).check();
  await app.getByRole('button', { name: 'Zoek vergelijkbare inbreng' }).click();
  const suggestion = app.getByRole('button', { name: /^Toevoegen aan selectie: Respijtzorg/ });
  await expect(suggestion).toBeVisible();
  await expectNoAccessibilityViolations(app);
  await suggestion.click();
  await expect(app.getByRole('heading', { name: '2 geselecteerd' })).toBeVisible();
  await app.getByLabel('Titel van het signaal').fill('Mantelzorgers overbelast');
  await app.getByRole('button', { name: 'Groeperen tot nieuw signaal' }).click();
  await expect(app.getByText('Signaal "Mantelzorgers overbelast" gemaakt.')).toBeVisible();

  await app.getByLabel('Onderdelen van Inbreng').getByRole('link', { name: 'Signalen' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Inbreng: Signalen' })).toBeVisible();
  await expect(app.getByText('genoemd op 1 van 1 bijeenkomst')).toBeVisible();
  await app.getByRole('button', { name: 'Toon inbreng: Mantelzorgers overbelast' }).click();
  await expect(app.getByRole('list', { name: 'Inbreng in dit signaal: Mantelzorgers overbelast' }).getByRole('listitem')).toHaveCount(2);
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'signalen');

  await app.getByLabel('Onderdelen van Inbreng').getByRole('link', { name: 'Prioriteren' }).click();
  await app.getByRole('button', { name: 'Stem erbij voor Mantelzorgers overbelast' }).click();
  await expect(app.getByText('1 stem')).toBeVisible();
  await app.getByLabel('Prioriteit van Mantelzorgers overbelast').selectOption('3');
  await expect(app.getByLabel('Prioriteit van Mantelzorgers overbelast')).toHaveValue('3');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'prioriteren');
  // Separate findings of a meeting can be voted on too, and sorted by votes.
  await app.getByLabel('Wat wilt u prioriteren?').selectOption('findings');
  await app.getByRole('button', { name: 'Stem erbij voor Wmo-vervoer komt vaak te laat' }).click();
  await app.getByRole('button', { name: 'Stem erbij voor Wmo-vervoer komt vaak te laat' }).click();
  await expect(app.getByRole('row').nth(1)).toContainText('Wmo-vervoer komt vaak te laat');
  await expect(app.getByRole('row').nth(1)).toContainText('2 stemmen');
  await expectNoAccessibilityViolations(app);

  // The meeting report: numbered per table, read back through LibreOffice.
  await app.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Bijeenkomsten' }).click();
  await app.getByRole('link', { name: 'Wijkbijeenkomst Noord' }).click();
  await app.getByRole('button', { name: 'Verslag maken' }).click();
  const done = app.getByText(/^Verslag opgeslagen: /);
  await expect(done).toBeVisible({ timeout: 30_000 });
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'bijeenkomst-verslag');
  const reportPath = (await done.textContent())!.replace('Verslag opgeslagen: ', '');
  const { text: flat } = await renderDocx(readFileSync(reportPath));
  expect(flat).toContain('Verslag: Wijkbijeenkomst Noord');
  expect(flat).toMatch(/1\. Mantelzorg 1\.1 Mantelzorgers raken overbelast door wachtlijsten \(vooral ouderen\) 1\.2 Respijtzorg/);
  expect(flat).toMatch(/2\. Vervoer 2\.1 Wmo-vervoer komt vaak te laat/);
});

test('import findings from CSV with a per-row report, then export the overview', async ({ app }, testInfo) => {
  const origin = new URL(app.url()).origin;
  await app.goto(`${origin}/#/inbreng/importeren`);
  await expect(app.getByRole('heading', { level: 1, name: 'Inbreng: Importeren' })).toBeVisible();
  await app.getByLabel('Bestand (.csv of .xlsx, maximaal 10 MB)').setInputFiles({
    name: 'inbreng.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Inbreng;Bijeenkomst;Bron\nGeen pinautomaat meer in de wijk;Wijkbijeenkomst Noord;babbelbox\n;Wijkbijeenkomst Noord;plenair\nBuurtbus is te duur;Onbekende avond;e-mail\n'),
  });
  await expect(app.getByLabel('Bron', { exact: true })).toHaveValue('2');
  await app.getByRole('button', { name: 'Controleren' }).click();
  await expect(app.getByText('1 van 3 regels zijn in orde; 2 regels hebben fouten.')).toBeVisible();
  const report = app.getByRole('table', { name: 'Controle per regel' });
  await expect(report.getByRole('row', { name: /3 Inbreng Vul dit veld in\./ })).toBeVisible();
  await expect(report.getByRole('row', { name: /4 Bijeenkomst Bijeenkomst "Onbekende avond" bestaat niet\./ })).toBeVisible();
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'importeren');
  await app.getByRole('button', { name: 'Importeer 1 regel' }).click();
  await expect(app.getByText('1 regel geïmporteerd.')).toBeVisible();

  await app.getByLabel('Onderdelen van Inbreng').getByRole('link', { name: 'Overzicht' }).click();
  await app.getByLabel('Zoeken in inbreng').fill('pinautomaat');
  await expect(app.getByText('1 resultaat')).toBeVisible();
  await app.getByRole('button', { name: 'Exporteren naar Excel' }).click();
  await expect(app.getByText(/1 regel geëxporteerd naar .*inbreng-.*\.xlsx/)).toBeVisible();
  // The file in exports/ is also offered as a download (in Electron: a save dialog).
  const downloading = app.waitForEvent('download');
  await app.getByRole('button', { name: /^inbreng-.*\.xlsx downloaden$/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^inbreng-.*\.xlsx$/);
  expect(readFileSync(await download.path()).subarray(0, 2).toString()).toBe('PK');
  await expectNoAccessibilityViolations(app);

  // Exchange file: made on the meeting page, read back in here: nothing changes the second time.
  await app.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Bijeenkomsten' }).click();
  await app.getByRole('link', { name: 'Wijkbijeenkomst Noord' }).click();
  await app.getByRole('button', { name: 'Uitwisselbestand maken' }).click();
  const made = app.getByText(/^Uitwisselbestand opgeslagen: /);
  await expect(made).toBeVisible();
  const exchangePath = /opgeslagen: (.*?\.advieswerk\.json)/.exec((await made.textContent())!)![1]!;
  await app.getByRole('link', { name: 'Terug naar bijeenkomsten' }).click();
  await app.getByLabel('Uitwisselbestand (.json)').setInputFiles(exchangePath);
  await expect(app.getByText(/^Gemaakt door Test Secretaris/)).toBeVisible();
  await expectNoAccessibilityViolations(app);
  await app.getByRole('button', { name: 'Inlezen' }).click();
  await expect(app.getByText(/^Ingelezen: 0 nieuw, 0 bijgewerkt, \d+ ongewijzigd, 0 conflicten\.$/)).toBeVisible();
  await saveScreenshot(app, testInfo, 'uitwisselen');

  // A theme table with input cannot be deleted either.
  await app.getByRole('link', { name: 'Wijkbijeenkomst Noord' }).click();
  await app.getByRole('button', { name: 'Verwijderen: Vervoer' }).click();
  await expect(app.getByRole('alert')).toContainText('Thematafel "Vervoer" kan niet worden verwijderd');
  await app.getByRole('link', { name: 'Terug naar bijeenkomsten' }).click();

  // Deleting a meeting moves it with its input to the Prullenbak, after a confirmation that says so.
  await app.getByRole('link', { name: 'Wijkbijeenkomst Noord' }).click();
  await app.getByRole('button', { name: 'Bijeenkomst naar de prullenbak' }).click();
  const dialog = app.getByRole('dialog', { name: 'Naar de prullenbak' });
  await expect(dialog).toContainText('De inbreng van deze bijeenkomst (6) gaat mee');
  await expectNoAccessibilityViolations(app);
  await dialog.getByRole('button', { name: 'Naar de prullenbak' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Bijeenkomsten' })).toBeVisible();
  await expect(app.getByRole('link', { name: 'Wijkbijeenkomst Noord' })).toHaveCount(0);
});

test('the overview stays virtual with thousands of findings and loads more while scrolling', async ({ app }, testInfo) => {
  const origin = new URL(app.url()).origin;
  await app.goto(`${origin}/#/inbreng/importeren`);
  const lines = ['Inbreng;Datum'];
  for (let i = 1; i <= 3000; i++) lines.push(`Punt ${i} over wachttijden bij het wijkteam;01-0${1 + (i % 9)}-2025`);
  await app.getByLabel('Bestand (.csv of .xlsx, maximaal 10 MB)').setInputFiles({ name: 'veel.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await app.getByRole('button', { name: 'Controleren' }).click();
  await app.getByRole('button', { name: 'Importeer 3000 regels' }).click();
  await expect(app.getByText('3000 regels geïmporteerd.')).toBeVisible({ timeout: 30_000 });

  await app.getByLabel('Onderdelen van Inbreng').getByRole('link', { name: 'Overzicht' }).click();
  await expect(app.getByText(/^3\.0\d\d resultaten$/)).toBeVisible();
  const region = app.getByRole('region', { name: 'Tabel met inbreng (scrollbaar)' });
  const rendered = await region.locator('tbody tr[aria-rowindex]').count();
  expect(rendered).toBeLessThan(80);
  // Scroll to the end until the last row shows: after the first page (100), pages of 200 are fetched as they come into view.
  const total = Number((await app.getByText(/resultaten$/).textContent())!.replace(/\D/g, ''));
  const lastRow = region.locator(`tr[aria-rowindex="${total + 1}"]`);
  await expect(async () => {
    await region.evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await expect(lastRow).toBeVisible({ timeout: 250 });
  }).toPass({ timeout: 30_000 });
  expect(await region.locator('tbody tr[aria-rowindex]').count()).toBeLessThan(80);
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'inbreng-veel');
});

test('rename a programme and a theme table by keyboard; a programme in use is not deleted', async ({ app }, testInfo) => {
  const origin = new URL(app.url()).origin;
  await app.goto(`${origin}/#/bijeenkomsten`);
  const programmes = app.getByRole('region', { name: "Programma's" });
  await programmes.getByLabel('Naam van het programma').fill('Wijkronde 2026');
  await programmes.getByRole('button', { name: 'Programma toevoegen' }).click();
  await expect(programmes.getByRole('listitem').filter({ hasText: 'Wijkronde 2026' })).toBeVisible();

  await programmes.getByRole('button', { name: 'Naam wijzigen: Wijkronde 2026' }).click();
  const newName = programmes.getByLabel('Nieuwe naam van het programma');
  await expect(newName).toBeFocused();
  await newName.fill('Wijkgesprekken 2026');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'programma-naam-wijzigen');
  await newName.press('Enter');
  await expect(programmes.getByRole('listitem').filter({ hasText: 'Wijkgesprekken 2026' }).getByRole('status')).toHaveText('Opgeslagen.');
  await expect(programmes.getByRole('button', { name: 'Naam wijzigen: Wijkgesprekken 2026' })).toBeFocused();
  // Escape leaves the name as it was.
  await programmes.getByRole('button', { name: 'Naam wijzigen: Wijkgesprekken 2026' }).press('Enter');
  await programmes.getByLabel('Nieuwe naam van het programma').fill('Iets anders');
  await programmes.getByLabel('Nieuwe naam van het programma').press('Escape');
  await expect(programmes.getByRole('listitem').filter({ hasText: 'Wijkgesprekken 2026' })).toBeVisible();

  // A meeting in the programme, with a theme table to rename.
  await app.getByRole('button', { name: 'Nieuwe bijeenkomst' }).click();
  await app.getByLabel('Titel').fill('Thema-avond');
  await app.getByLabel('Datum').fill('2026-04-02');
  await app.getByLabel('Programma').selectOption({ label: 'Wijkgesprekken 2026' });
  await app.getByLabel('Thematafels (optioneel)').fill('Vervoer');
  await app.getByRole('button', { name: 'Opslaan' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Thema-avond' })).toBeVisible();
  await app.getByRole('button', { name: 'Naam wijzigen: Vervoer' }).click();
  await app.getByLabel('Nieuw thema van de tafel').fill('Vervoer en regiotaxi');
  await app.getByLabel('Nieuw thema van de tafel').press('Enter');
  await expect(app.getByRole('button', { name: 'Naam wijzigen: Vervoer en regiotaxi' })).toBeVisible();
  await expectNoAccessibilityViolations(app);

  await app.goto(`${origin}/#/bijeenkomsten`);
  await programmes.getByRole('button', { name: 'Verwijderen: Wijkgesprekken 2026' }).click();
  await expect(programmes.getByText(/Programma "Wijkgesprekken 2026" kan niet worden verwijderd/)).toBeVisible();
  await expect(programmes.getByRole('listitem').filter({ hasText: 'Wijkgesprekken 2026' })).toBeVisible();
  await saveScreenshot(app, testInfo, 'programma-in-gebruik');
});
