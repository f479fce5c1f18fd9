import type { Locator, Page } from '@playwright/test';
import { formatDateLong } from '../../shared/i18n';
import { callApi as call, expect, expectNoAccessibilityViolations, saveScreenshot, test } from './fixtures';

/**
 * Small controls that save where they stand (useInlineSave): a refused value is explained AT the
 * field in Dutch (aria-invalid, aria-describedby to the message), never above the page or by an
 * internal name; the typed value stays; after a fix it is saved ("Opgeslagen.") and still there after
 * a reload.
 */

interface Meeting {
  id: string;
  items: { id: string }[];
}

/** The field's message, found the way a screen reader finds it: through aria-describedby. */
async function expectErrorAt(page: Page, field: Locator, message: string | RegExp) {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  // Polled: a message from an earlier refusal stays at the field until the answer to the new try replaces it.
  await expect
    .poll(async () => {
      const ids = (await field.getAttribute('aria-describedby'))?.split(' ') ?? [];
      return (await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()))).join(' ');
    })
    .toMatch(message);
  // Nothing about it above the page.
  await expect(page.getByRole('alert')).toHaveCount(0);
}

test('a leaving date and a position refused at the field, kept, then saved', async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  await app.setViewportSize({ width: 1366, height: 768 });
  await call(app, 'members.create', { name: 'Ans de Vries', role: 'voorzitter', termStart: '2024-01-01' });
  await app.goto(`${new URL(app.url()).origin}/#/raad`);
  await expect(app.getByRole('heading', { level: 1, name: 'Leden van de raad' })).toBeVisible();

  // A leaving date before the term began: the core refuses it, the message is at the date field.
  await app.getByRole('button', { name: 'Ans de Vries afmelden als vertrokken' }).click();
  const leave = app.getByRole('region', { name: 'Ans de Vries afmelden als vertrokken' });
  const leftOn = leave.getByLabel('Vertrokken op');
  await leftOn.fill('2023-06-01');
  await leave.getByRole('button', { name: 'Afmelden als vertrokken' }).click();
  await expectErrorAt(app, leftOn, 'De datum van vertrek ligt vóór het begin van de zittingstermijn.');
  await expect(leftOn).toHaveValue('2023-06-01');
  await expect(leftOn).toBeFocused();
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'vertrokken-op-fout');

  // No date at all: the contract's own schema says so before anything is sent.
  await leftOn.fill('');
  await leave.getByRole('button', { name: 'Afmelden als vertrokken' }).click();
  await expectErrorAt(app, leftOn, 'Geen geldige datum (verwacht: jjjj-mm-dd).');

  await leftOn.fill('2026-01-15');
  await leave.getByRole('button', { name: 'Afmelden als vertrokken' }).click();
  await expect(leave).toHaveCount(0);
  await app.reload();
  await expect(app.getByRole('row', { name: /Ans de Vries/ })).toContainText(`Vertrokken op ${formatDateLong('2026-01-15')}`);

  // Someone else marked Bram as left meanwhile: that refusal is no field's, and is shown at the date, in Dutch.
  const bram = await call<{ id: string }>(app, 'members.create', { name: 'Bram Jansen', role: 'lid', termStart: '2024-01-01' });
  await app.reload();
  await app.getByRole('button', { name: 'Bram Jansen afmelden als vertrokken' }).click();
  const leaveBram = app.getByRole('region', { name: 'Bram Jansen afmelden als vertrokken' });
  await call(app, 'members.markLeft', { id: bram.id, leftOn: '2026-02-01' });
  await leaveBram.getByLabel('Vertrokken op').fill('2026-02-03');
  await leaveBram.getByRole('button', { name: 'Afmelden als vertrokken' }).click();
  await expectErrorAt(app, leaveBram.getByLabel('Vertrokken op'), `Bram Jansen is al vertrokken op ${formatDateLong('2026-02-01')}.`);
  await expect(leaveBram.getByLabel('Vertrokken op')).toHaveValue('2026-02-03');
  await leaveBram.getByRole('button', { name: 'Annuleren' }).click();

  // A position: hostile text pasted far over the limit is refused at the field and kept as typed.
  const row = app.getByRole('row', { name: /Ans de Vries/ });
  await row.getByText('Nevenfuncties (0)').click();
  const description = row.getByLabel('Nevenfunctie', { exact: true });
  const hostile = `<img src=x onerror="alert(1)"> '; DROP TABLE council_members; -- ${'x'.repeat(600)}`;
  await description.fill(hostile);
  await row.getByRole('button', { name: 'Nevenfunctie toevoegen' }).click();
  await expectErrorAt(app, description, 'Is te lang (max. 500 tekens).');
  await expect(description).toHaveValue(hostile);
  await expect(row.getByText('Nevenfuncties (0)')).toBeVisible();
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'nevenfunctie-fout');

  await description.fill('Lid van de cliëntenraad van zorgorganisatie De Brug');
  // A double click adds one position, not two.
  await row.getByRole('button', { name: 'Nevenfunctie toevoegen' }).dblclick();
  await expect(row.getByRole('status')).toHaveText('Opgeslagen.');
  await expect(row.getByText('Nevenfuncties (1)')).toBeVisible();
  await expect(description).toHaveValue('');
  await expect(description).not.toHaveAttribute('aria-invalid', 'true');
  await app.reload();
  await expect(app.getByRole('row', { name: /Ans de Vries/ }).getByText('Nevenfuncties (1)')).toBeVisible();
});

test("an agenda item's notes and decision refused at the field, kept, then saved", async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  await app.setViewportSize({ width: 1366, height: 768 });
  let meeting = await call<Meeting>(app, 'councilMeetings.create', { date: '2026-03-12', place: 'Stadhuis' });
  meeting = await call<Meeting>(app, 'councilMeetings.addItem', { meetingId: meeting.id, title: 'Mantelzorg' });
  meeting = await call<Meeting>(app, 'councilMeetings.addItem', { meetingId: meeting.id, title: 'Rondvraag' });
  await app.goto(`${new URL(app.url()).origin}/#/raad/vergaderingen/${meeting.id}`);
  const item = app.getByRole('article', { name: '1. Mantelzorg' });
  await expect(item).toBeVisible();

  // Notes pasted far over the limit (20 000 characters): refused at the field, nothing lost.
  const notes = item.getByLabel('Aantekeningen (1)');
  const huge = `Verslag <script>alert("x")</script> ${'Mantelzorgers vragen om respijtzorg. '.repeat(600)}`;
  await notes.fill(huge);
  await item.getByRole('button', { name: 'Aantekeningen opslaan' }).click();
  await expectErrorAt(app, notes, /^Is te lang \(max\. 20\.?000 tekens\)\.$/);
  await expect(notes).toHaveValue(huge);
  // An empty decision: refused at the decision field.
  const decision = item.getByLabel('Besluit (1)');
  await item.getByRole('button', { name: 'Besluit vastleggen' }).click();
  await expectErrorAt(app, decision, 'Vul dit veld in.');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'aantekeningen-fout');

  await notes.fill('Mantelzorgers vragen om respijtzorg in de wijk.');
  await item.getByRole('button', { name: 'Aantekeningen opslaan' }).click();
  await expect(item.getByRole('status').first()).toHaveText('Opgeslagen.');
  await expect(notes).not.toHaveAttribute('aria-invalid', 'true');
  await decision.fill('De raad schrijft een ongevraagd advies over respijtzorg.');
  await item.getByRole('button', { name: 'Besluit vastleggen' }).click();
  await expect(item.getByTestId('besluiten-1')).toContainText('De raad schrijft een ongevraagd advies over respijtzorg.');
  await app.reload();
  await expect(app.getByRole('article', { name: '1. Mantelzorg' }).getByLabel('Aantekeningen (1)')).toHaveValue('Mantelzorgers vragen om respijtzorg in de wijk.');
});

test('renaming a programme and a theme table: refusals at the field, the typed name kept, saved once', async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  await app.setViewportSize({ width: 1366, height: 768 });
  await call(app, 'programmes.create', { name: 'Wijkronde 2026' });
  await call(app, 'programmes.create', { name: 'Expertmeetings' });
  await app.goto(`${new URL(app.url()).origin}/#/bijeenkomsten`);
  const programmes = app.getByRole('region', { name: "Programma's" });
  // While a name is edited its text is the field's value: find that programme's item by its field.
  const editing = programmes.getByRole('listitem').filter({ has: app.getByLabel('Nieuwe naam van het programma') });
  const newName = editing.getByLabel('Nieuwe naam van het programma');

  // Empty: the contract's schema refuses it before anything is sent, at the field, which keeps focus.
  await programmes.getByRole('button', { name: 'Naam wijzigen: Wijkronde 2026' }).click();
  await expect(newName).toBeFocused();
  await newName.fill('');
  await newName.press('Enter');
  await expectErrorAt(app, newName, 'Vul dit veld in.');
  await expect(newName).toBeFocused();

  // A name another programme has: the core refuses it, said at the field; what was typed stays.
  await newName.fill('Expertmeetings');
  await editing.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expectErrorAt(app, newName, 'Er is al een programma met de naam "Expertmeetings".');
  await expect(newName).toHaveValue('Expertmeetings');
  await expect(newName).toBeFocused();
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'programma-naam-fout');

  // Leaving the field loses nothing; a double Enter saves once and closes the field without a message.
  await newName.fill('Wijkgesprekken 2026');
  await newName.press('Tab');
  await expect(newName).toHaveValue('Wijkgesprekken 2026');
  // Two Enters before the first save is answered (as a key held down): the second is ignored, not a second write.
  await newName.evaluate((element) => {
    const view = element.ownerDocument.defaultView!;
    for (let press = 0; press < 2; press++) element.dispatchEvent(new view.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  });
  const renamed = programmes.getByRole('listitem').filter({ hasText: 'Wijkgesprekken 2026' });
  await expect(renamed.getByRole('button', { name: 'Naam wijzigen: Wijkgesprekken 2026' })).toBeFocused();
  await expect(renamed.getByRole('status')).toHaveText('Opgeslagen.');
  await expect(newName).toHaveCount(0);
  await expect(app.getByRole('alert')).toHaveCount(0);
  // Opening it again starts clean: no old message, no "Opgeslagen." from before.
  await renamed.getByRole('button', { name: 'Naam wijzigen: Wijkgesprekken 2026' }).click();
  await expect(newName).toHaveValue('Wijkgesprekken 2026');
  await expect(newName).not.toHaveAttribute('aria-invalid', 'true');
  await expect(editing.getByRole('status')).toHaveText('');
  await newName.press('Escape');
  await app.reload();
  await expect(programmes.getByRole('listitem').filter({ hasText: 'Wijkgesprekken 2026' })).toBeVisible();
  await expect(programmes.getByRole('listitem').filter({ hasText: 'Wijkronde 2026' })).toHaveCount(0);

  // A theme table: a theme far over the limit (with markup) is refused at the field and kept as typed, then fixed.
  const meeting = await call<{ id: string }>(app, 'meetings.create', { title: 'Thema-avond', date: '2026-04-02' });
  await call(app, 'themeTables.create', { meetingId: meeting.id, theme: 'Vervoer' });
  await app.goto(`${new URL(app.url()).origin}/#/bijeenkomsten/${meeting.id}`);
  const tables = app.getByRole('region', { name: 'Thematafels' });
  await tables.getByRole('button', { name: 'Naam wijzigen: Vervoer' }).click();
  const theme = tables.getByLabel('Nieuw thema van de tafel');
  const long = `Vervoer <b>en</b> "regiotaxi" ${'x'.repeat(220)}`;
  await theme.fill(long);
  await theme.press('Enter');
  await expectErrorAt(app, theme, 'Is te lang (max. 200 tekens).');
  await expect(theme).toHaveValue(long);
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'thematafel-naam-fout');
  await theme.fill('Vervoer en regiotaxi');
  await theme.press('Enter');
  await expect(tables.getByRole('button', { name: 'Naam wijzigen: Vervoer en regiotaxi' })).toBeFocused();
  await app.reload();
  await expect(tables.getByRole('button', { name: 'Naam wijzigen: Vervoer en regiotaxi' })).toBeVisible();
});

test('editing a point in live capture: an emptied point refused at its field, kept, then saved', async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  await app.setViewportSize({ width: 1366, height: 768 });
  const meeting = await call<{ id: string }>(app, 'meetings.create', { title: 'Wijkavond Zuid', date: '2026-05-12' });
  await call(app, 'findings.create', { meetingId: meeting.id, source: 'plenair', text: 'De bus naar het ziekenhuis rijdt te weinig' });
  await app.goto(`${new URL(app.url()).origin}/#/bijeenkomsten/${meeting.id}/live`);
  const recent = app.getByRole('region', { name: 'Laatst vastgelegd' });
  await recent.getByRole('button', { name: /^Bewerken: De bus naar het ziekenhuis/ }).click();
  const edit = recent.getByRole('textbox', { name: 'Inbreng bewerken' });
  await expect(edit).toBeFocused();

  // Emptied: the contract's schema refuses it at the edit field, not in the capture form's status line.
  await edit.fill('   ');
  await edit.press('Enter');
  await expectErrorAt(app, edit, 'Vul dit veld in.');
  await expect(edit).toHaveValue('   ');
  await expect(edit).toBeFocused();
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'live-bewerken-fout');

  await edit.fill('De bus naar het ziekenhuis rijdt te weinig, vooral in het weekend');
  await edit.press('Enter');
  await expect(recent.getByText('De bus naar het ziekenhuis rijdt te weinig, vooral in het weekend')).toBeVisible();
  await expect(edit).toHaveCount(0);
  await expect(app.getByLabel('Wat zei de bewoner?')).toBeFocused();
  await app.reload();
  await expect(app.getByRole('region', { name: 'Laatst vastgelegd' }).getByText('De bus naar het ziekenhuis rijdt te weinig, vooral in het weekend')).toBeVisible();
});
