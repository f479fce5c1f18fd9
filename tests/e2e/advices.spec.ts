import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import mammoth from 'mammoth';
import { renderDocx, renderPdfPageToPng } from '../helpers/docx';
import { callApi as call, expect, expectNoAccessibilityViolations, saveScreenshot, test } from './fixtures';


async function seed(page: Page) {
  await call(page, 'council.update', {
    name: 'Adviesraad Wmo Leiden',
    municipality: 'Leiden',
    defaultAddressee: 'College van burgemeester en wethouders\nPostbus 9100\n2300 PC Leiden',
    postalAddress: 'Stadhuisplein 1\n2311 EJ Leiden',
    signatories: [
      { name: 'Anna de Vries', role: 'voorzitter' },
      { name: 'Bert Jansen', role: 'secretaris' },
    ],
    kenmerkPattern: 'WMO-{jaar}-{volgnummer}',
  });
  const findingIds: string[] = [];
  for (let index = 1; index <= 4; index++) {
    const meeting = await call<{ id: string }>(page, 'meetings.create', { title: `Wijkbijeenkomst ${index}`, date: `2014-03-0${index}` });
    if (index <= 3) {
      const finding = await call<{ id: string }>(page, 'findings.create', { text: `Het wijkteam neemt de telefoon niet op (${index})`, meetingId: meeting.id });
      findingIds.push(finding.id);
    }
  }
  await call(page, 'signals.create', { title: 'Wijkteam telefonisch slecht bereikbaar', findingIds });
}

function itemNumbers(page: Page) {
  return page.getByTestId('advice-section').evaluateAll((sections) =>
    sections.map((section) => [...section.querySelectorAll('[data-testid="item-number"]')].map((node) => node.textContent?.trim() ?? '')),
  );
}

test('draft an ongevraagd advies from signals, reorder by keyboard, export, adopt, send and see it frozen', async ({ app }, testInfo) => {
  test.setTimeout(180_000);
  await seed(app);
  await app.goto(`${new URL(app.url()).origin}/#/adviezen`);
  await expect(app.getByRole('heading', { level: 1, name: 'Adviezen' })).toBeVisible();

  // A request with days left.
  await app.getByRole('button', { name: 'Aanvraag toevoegen' }).click();
  await app.getByLabel('Onderwerp').fill('Beleidsplan sociaal domein 2015');
  await app.getByLabel('Uiterste datum').fill('2099-01-01');
  await app.getByRole('button', { name: 'Opslaan' }).click();
  await expect(app.getByRole('table', { name: 'Adviesaanvragen' })).toContainText(/nog \d+ dagen/);
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'adviezen-lijst');

  // New ongevraagd advies with the three usual sections.
  await app.getByLabel('Betreft').fill('Bereikbaarheid van de sociale wijkteams');
  await app.getByLabel('Datum van de brief').fill('2014-09-25');
  await app.getByRole('button', { name: 'Advies aanmaken' }).click();
  await expect(app.getByRole('heading', { level: 1, name: /Advies WMO-2014-001/ })).toBeVisible();

  // Pull the signal into the first section (bevindingen, I.1), then write two more by hand.
  await app.getByRole('checkbox', { name: /Wijkteam telefonisch slecht bereikbaar \(genoemd op 3 van 4 bijeenkomsten\)/ }).check();
  await app.getByRole('button', { name: 'Toevoegen als punt' }).click();
  await expect(app.getByText('1 punt toegevoegd.')).toBeVisible();
  const sections = app.getByTestId('advice-section');
  await sections.nth(0).getByRole('button', { name: /Punt toevoegen aan/ }).click();
  await app.getByLabel('Tekst van Punt I.2').fill('Inwoners weten niet waar het wijkteam zit.');
  await sections.nth(0).getByRole('button', { name: /Punt toevoegen aan/ }).click();
  await app.getByLabel('Tekst van Punt I.3').fill('Ouderen missen een vast aanspreekpunt.');
  await sections.nth(1).getByRole('button', { name: /Punt toevoegen aan/ }).click();
  await app.getByLabel('Tekst van Punt 2.1').fill('De bereikbaarheid schiet tekort.');
  await sections.nth(2).getByRole('button', { name: /Punt toevoegen aan/ }).click();
  await app.getByLabel('Tekst van Punt 3.1').fill('Open een dagelijks telefonisch spreekuur.');
  await app.getByLabel('Tekst van Punt 3.1').blur();
  await expect(app.getByText('Alle wijzigingen zijn opgeslagen.')).toBeVisible();
  expect(await itemNumbers(app)).toEqual([['I.1', 'I.2', 'I.3'], ['2.1'], ['3.1']]);

  // An item's controls show on the selected item only (focus in it selects it).
  await expect(app.getByRole('button', { name: 'Punt I.2 omhoog' })).toHaveCount(0);
  // Reorder by keyboard: move "Ouderen ..." (I.3) up twice with the keyboard; the numbers follow.
  await app.getByLabel('Tekst van Punt I.3').focus();
  await app.getByRole('button', { name: 'Punt I.3 omhoog' }).focus();
  await app.keyboard.press('Enter');
  await expect(app.getByLabel('Tekst van Punt I.2')).toHaveValue('Ouderen missen een vast aanspreekpunt.');
  await app.getByRole('button', { name: 'Punt I.2 omhoog' }).focus();
  await app.keyboard.press('Enter');
  await expect(app.getByLabel('Tekst van Punt I.1')).toHaveValue('Ouderen missen een vast aanspreekpunt.');
  await expect(app.getByLabel('Tekst van Punt I.2')).toHaveValue('Wijkteam telefonisch slecht bereikbaar');
  // The preview shows the same derived numbers.
  const preview = app.getByTestId('letter-preview');
  await expect(preview).toContainText('I.1Ouderen missen een vast aanspreekpunt.');
  await expect(preview).toContainText('(genoemd op 3 van 4 bijeenkomsten)');

  // Traceability of the pulled item.
  await app.getByLabel('Tekst van Punt I.2').click();
  await expect(app.getByTestId('trace-panel')).toContainText('Wijkbijeenkomst 1');
  await expect(app.getByTestId('trace-panel')).toContainText('Het wijkteam neemt de telefoon niet op (2)');

  // Any item links straight to findings: the conclusion 2.1 to a finding, through the evidence picker's search.
  const conclusion = app.getByRole('article', { name: 'Punt 2.1' });
  await app.getByLabel('Tekst van Punt 2.1').click();
  await conclusion.locator('summary', { hasText: 'Bronnen koppelen' }).click();
  await conclusion.getByRole('searchbox', { name: 'Zoek inbreng en signalen' }).fill('telefoon');
  await conclusion.getByRole('checkbox', { name: /Het wijkteam neemt de telefoon niet op \(3\)/ }).click();
  await expect(conclusion.getByRole('group', { name: /Gekoppeld/ }).getByRole('checkbox', { name: /telefoon niet op \(3\)/ })).toBeChecked();
  // 3.1 follows from 2.1 and I.2: Herleidbaarheid shows the chain, the signal through I.2 and the meetings.
  const recommendation = app.getByRole('article', { name: 'Punt 3.1' });
  await app.getByLabel('Tekst van Punt 3.1').click();
  await recommendation.locator('summary', { hasText: 'Volgt uit' }).click();
  // Checked once saved (the box shows what the advice holds).
  await recommendation.getByRole('checkbox', { name: /^2\.1 / }).click();
  await expect(recommendation.getByRole('checkbox', { name: /^2\.1 / })).toBeChecked();
  await recommendation.getByRole('checkbox', { name: /^I\.2 / }).click();
  await expect(recommendation.getByRole('checkbox', { name: /^I\.2 / })).toBeChecked();
  await expect(recommendation).toContainText('zie I.2 en 2.1');
  const trace = recommendation.getByTestId('trace-panel');
  await expect(trace.getByTestId('trace-chain')).toContainText('2.1 De bereikbaarheid schiet tekort.');
  await expect(trace).toContainText('Wijkteam telefonisch slecht bereikbaar (via I.2)');
  await expect(trace.getByTestId('trace-meetings')).toContainText('Wijkbijeenkomst 3, 3 maart 2014 (1 punt inbreng)');
  // The letter beside it marks the item being edited.
  await expect(app.locator('.aw-letter__item--current')).toContainText('Open een dagelijks telefonisch spreekuur.');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'advies-editor');
  await app.getByRole('region', { name: 'Opbouw van het advies' }).screenshot({ path: testInfo.outputPath('advies-opbouw.png') });
  // What a laptop and a large screen show: the outline and the letter side by side.
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await app.setViewportSize({ width, height });
    await recommendation.scrollIntoViewIfNeeded();
    await expect(app.getByTestId('letter-preview')).toBeInViewport();
    await app.screenshot({ path: testInfo.outputPath(`advies-editor-${width}x${height}.png`) });
  }
  await expectNoAccessibilityViolations(app);
  // 200 % zoom of a 1366 px laptop: one column, nothing in the editor wider than its place.
  await app.setViewportSize({ width: 683, height: 384 });
  await expect.poll(() => app.locator('.aw-editor').evaluate((editor) => editor.scrollWidth - editor.clientWidth)).toBeLessThanOrEqual(0);
  await app.getByLabel('Tekst van Punt 3.1').focus();
  await expect(app.getByLabel('Tekst van Punt 3.1')).toBeInViewport();
  await app.screenshot({ path: testInfo.outputPath('advies-editor-200procent.png') });
  await app.setViewportSize({ width: 1280, height: 900 });

  // Export the .docx as a download and check it for real.
  const downloadPromise = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Word (.docx)', exact: true }).click();
  const download = await downloadPromise;
  const docx = readFileSync((await download.path())!);
  expect(download.suggestedFilename()).toBe('WMO-2014-001 Bereikbaarheid van de sociale wijkteams.docx');
  const rendered = await renderDocx(docx);
  const text = rendered.text;
  expect(text).toContain('I.1 Ouderen missen een vast aanspreekpunt.');
  expect(text).toContain('I.2 Wijkteam telefonisch slecht bereikbaar (genoemd op 3 van 4 bijeenkomsten)');
  expect(text).toContain('Leiden, 25 september 2014');
  expect((await mammoth.extractRawText({ buffer: docx })).messages).toEqual([]);
  const png = await renderPdfPageToPng(rendered.pdf, testInfo.outputPath('brief-pagina-1.png'));
  await testInfo.attach('brief-pagina-1', { path: png, contentType: 'image/png' });

  // Adopt and send; then the advice is frozen.
  await app.getByLabel('Datum van vaststellen of verzenden').fill('2014-09-24');
  await app.getByRole('button', { name: 'Markeer als vastgesteld' }).click();
  await expect(app.getByTestId('advice-status')).toHaveText('Status: Vastgesteld');
  await app.getByLabel('Datum van vaststellen of verzenden').fill('2014-09-25');
  await app.getByRole('button', { name: 'Markeer als verzonden' }).click();
  await app.getByRole('dialog').getByRole('button', { name: 'Markeer als verzonden' }).click();
  await expect(app.getByTestId('advice-status')).toHaveText('Status: Verzonden');
  await expect(app.getByTestId('frozen-view')).toContainText('verzonden op 25 september 2014 en ligt vast');
  await expect(app.getByLabel(/Tekst van Punt/)).toHaveCount(0);
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'advies-verzonden');

  // The sent letter is the frozen one, byte for byte.
  const frozenDownload = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Verzonden brief (versie 1) downloaden' }).click();
  const sent = readFileSync((await (await frozenDownload).path())!);
  expect((await renderDocx(sent)).text).toContain('I.1 Ouderen missen een vast aanspreekpunt.');

  // Back in the list: status and dates show, search finds it by item text.
  await app.getByRole('link', { name: /Terug naar de adviezen/ }).click();
  await app.getByRole('searchbox', { name: 'Zoeken' }).fill('aanspreekpunt');
  const row = app.getByRole('table', { name: 'Alle adviezen' }).getByRole('row', { name: /WMO-2014-001/ });
  await expect(row).toContainText('Verzonden');
  await expect(row).toContainText('25-09-2014');
});

test('items move between sections by drag and drop and by keyboard choice, sections move, an empty Betreft is refused', async ({ app }, testInfo) => {
  await call(app, 'council.update', { name: 'Adviesraad Wmo Delft', kenmerkPattern: 'AR-{jaar}-{volgnummer}' });
  let advice = await call<{ id: string; sections: { id: string }[] }>(app, 'advices.create', { kind: 'ongevraagd', betreft: 'Vervoer', adviceDate: '2026-03-02', withDefaultSections: true });
  for (const text of ['Eerste bevinding', 'Tweede bevinding']) advice = await call(app, 'advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'bevinding', text });
  await call(app, 'advices.addItem', { sectionId: advice.sections[1]!.id, kind: 'conclusie', text: 'Een conclusie' });
  await app.goto(`${new URL(app.url()).origin}/#/adviezen/${advice.id}`);
  await expect(app.getByLabel('Tekst van Punt 2.1')).toHaveValue('Een conclusie');

  // Mouse: drag "Tweede bevinding" (I.2) onto the conclusion 2.1.
  const handle = app.getByRole('button', { name: 'Versleep Punt I.2' });
  const target = app.getByRole('button', { name: 'Versleep Punt 2.1' });
  // A tall window with the handle in the middle, so dnd-kit's auto-scroll (within a fifth of the
  // window's edges) does not scroll the target away while the mouse moves.
  await app.setViewportSize({ width: 1280, height: 1800 });
  await handle.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await app.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await app.mouse.down();
  await app.mouse.move(from.x + from.width / 2, from.y + 20, { steps: 5 });
  await app.mouse.move(to.x + to.width / 2, to.y + to.height / 2 - 5, { steps: 20 });
  // dnd-kit settles the drop target on the next animation frames: drop once its live region (what a
  // screen reader says) tells the item is over a drop target.
  await expect(app.locator('[id^="DndLiveRegion"]')).toContainText('was moved over droppable area', { timeout: 10_000 });
  await app.mouse.move(to.x + to.width / 2, to.y + to.height / 2 - 4);
  await app.mouse.up();
  await expect(app.getByLabel('Tekst van Punt 2.1')).toHaveValue('Tweede bevinding');
  await expect(app.getByLabel('Tekst van Punt 2.2')).toHaveValue('Een conclusie');
  await expect(app.getByLabel('Tekst van Punt I.2')).toHaveCount(0);

  // Keyboard alternative: the "move to section" choice (on the selected item) sends 2.2 back to the first section.
  await app.getByLabel('Tekst van Punt 2.2').focus();
  await app.getByLabel('Verplaats Punt 2.2 naar onderdeel').selectOption({ label: 'I. Wat inwoners ons vertelden' });
  await expect(app.getByLabel('Tekst van Punt I.2')).toHaveValue('Een conclusie');
  await expect(app.getByLabel('Tekst van Punt 2.1')).toHaveValue('Tweede bevinding');

  // Sections move too, and every number follows.
  await app.getByRole('button', { name: 'Onderdeel "Aanbevelingen" omhoog' }).click();
  await expect(app.getByTestId('advice-section').nth(1)).toContainText('2.');
  await expect(app.getByLabel('Titel van onderdeel 2')).toHaveValue('Aanbevelingen');
  await expect(app.getByLabel('Tekst van Punt 3.1')).toHaveValue('Tweede bevinding');

  // Bad input: an empty Betreft is refused with a Dutch message and not saved. The letter's details
  // are folded away once it has items, so the outline is near the top.
  await expect(app.getByLabel('Betreft', { exact: true })).toBeHidden();
  await app.getByRole('heading', { name: 'Gegevens van de brief' }).click();
  await app.getByLabel('Betreft', { exact: true }).fill('');
  await app.getByLabel('Betreft', { exact: true }).blur();
  await expect(app.getByRole('alert')).toContainText('Niet opgeslagen: De invoer klopt niet: Betreft: Vul dit veld in.');
  await expect(app.getByRole('heading', { level: 1 })).toContainText('Vervoer');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'advies-slepen');

  // The start screen lists requests still to answer.
  await call(app, 'adviceRequests.create', { receivedOn: '2026-01-05', subject: 'Verordening Wmo 2027', deadline: '2099-02-16' });
  await app.goto(`${new URL(app.url()).origin}/#/`);
  await expect(app.getByRole('region', { name: 'Adviesaanvragen' })).toContainText(/Verordening Wmo 2027: uiterste datum 16 februari 2099, nog \d+ dagen/);
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'start-aanvragen');
});

test('deleting an item can be undone with the button or Ctrl+Z, with its number, links and citations', async ({ app }, testInfo) => {
  await call(app, 'council.update', { name: 'Adviesraad Wmo Delft', kenmerkPattern: 'AR-{jaar}-{volgnummer}' });
  let advice = await call<{ id: string; sections: { id: string; items: { id: string }[] }[] }>(app, 'advices.create', { kind: 'ongevraagd', betreft: 'Vervoer', adviceDate: '2026-03-02', withDefaultSections: true });
  for (const text of ['De taxi komt te laat', 'De bus rijdt niet meer']) advice = await call(app, 'advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'bevinding', text });
  await call(app, 'advices.addItem', { sectionId: advice.sections[1]!.id, kind: 'conclusie', text: 'Vervoer schiet tekort', relatedItemIds: [advice.sections[0]!.items[0]!.id] });
  await app.goto(`${new URL(app.url()).origin}/#/adviezen/${advice.id}`);
  await expect(app.getByRole('article', { name: 'Punt 2.1' })).toContainText('zie I.1');

  // Delete I.1: the rest renumbers, the bar offers undo and takes focus.
  await app.getByLabel('Tekst van Punt I.1').click();
  await app.getByRole('button', { name: 'Punt I.1 verwijderen' }).click();
  await expect(app.getByLabel('Tekst van Punt I.1')).toHaveValue('De bus rijdt niet meer');
  const bar = app.getByTestId('undo-bar');
  await expect(bar).toContainText('Punt I.1 is verwijderd.');
  await expect(bar.getByRole('button', { name: 'Ongedaan maken' })).toBeFocused();
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'advies-ongedaan-maken');
  await bar.getByRole('button', { name: 'Ongedaan maken' }).click();
  await expect(bar).toHaveCount(0);
  await expect(app.getByLabel('Tekst van Punt I.1')).toHaveValue('De taxi komt te laat');
  await expect(app.getByLabel('Tekst van Punt I.1')).toBeFocused();
  await expect(app.getByRole('article', { name: 'Punt 2.1' })).toContainText('zie I.1');

  // Again, undone with Ctrl+Z.
  await app.getByRole('button', { name: 'Punt I.1 verwijderen' }).click();
  await expect(app.getByLabel('Tekst van Punt I.2')).toHaveCount(0);
  // As a user would: Ctrl+Z once the bar says what can be undone (on a loaded machine it comes a moment after the list).
  await expect(bar).toContainText('Punt I.1 is verwijderd.');
  await app.keyboard.press('Control+z');
  await expect(app.getByLabel('Tekst van Punt I.2')).toHaveValue('De bus rijdt niet meer');
  await expect(app.getByLabel('Tekst van Punt I.1')).toHaveValue('De taxi komt te laat');
  await expect(app.getByTestId('letter-preview')).toContainText('I.1De taxi komt te laat');
});

test('"Inbreng ophalen" searches signals and findings, and a pick survives a new search', async ({ app }) => {
  test.setTimeout(120_000);
  const meeting = await call<{ id: string }>(app, 'meetings.create', { title: 'Wijkbijeenkomst Noord', date: '2026-02-03' });
  const ids: string[] = [];
  for (const text of ['De regiotaxi in Klaverwijk komt te laat', 'Geen bankjes in het park', 'Wachtlijst bij de zorgboerderij']) {
    ids.push((await call<{ id: string }>(app, 'findings.create', { text, meetingId: meeting.id })).id);
  }
  await call(app, 'signals.create', { title: 'Vervoer in Klaverwijk is onbetrouwbaar', findingIds: [ids[0]] });
  await call(app, 'signals.create', { title: 'Te weinig rustplekken', findingIds: [ids[1]] });
  const advice = await call<{ id: string }>(app, 'advices.create', { kind: 'ongevraagd', betreft: 'Wijkvoorzieningen', adviceDate: '2026-03-02', withDefaultSections: true });
  await app.goto(`${new URL(app.url()).origin}/#/adviezen/${advice.id}`);
  const pull = app.getByRole('region', { name: 'Inbreng ophalen' });
  const signalList = pull.getByRole('group', { name: 'Signalen' });
  await signalList.getByLabel('Zoek in de signalen').fill('rustplek');
  await expect(signalList.getByRole('status')).toHaveText('1 van 1 getoond');
  await signalList.getByRole('checkbox', { name: /Te weinig rustplekken/ }).check();
  // Another search hides the picked signal; the pick stays.
  await signalList.getByLabel('Zoek in de signalen').fill('klaverwijk');
  await expect(signalList.getByRole('checkbox', { name: /Vervoer in Klaverwijk/ })).toBeVisible();
  await expect(signalList.getByRole('checkbox', { name: /Te weinig rustplekken/ })).toHaveCount(0);
  await pull.getByLabel('Zoek in de inbreng').fill('zorgboerderij');
  const findingList = pull.getByRole('group', { name: 'Inbreng zoeken' });
  await expect(findingList.getByRole('status')).toHaveText('1 van 1 getoond');
  await findingList.getByRole('checkbox', { name: /Wachtlijst bij de zorgboerderij/ }).check();
  await pull.getByLabel('Zoek in de inbreng').fill('klaverwijk');
  await expect(findingList.getByRole('checkbox', { name: /Klaverwijk/ })).toBeVisible();
  await pull.getByRole('button', { name: 'Toevoegen als punt' }).click();
  await expect(pull.getByRole('status').filter({ hasText: 'toegevoegd' })).toBeVisible();
  await expect(app.getByLabel('Tekst van Punt I.1')).toHaveValue('Te weinig rustplekken');
  await expect(app.getByLabel('Tekst van Punt I.2')).toHaveValue('Wachtlijst bij de zorgboerderij');
  await expectNoAccessibilityViolations(app);
});
