import type { Page } from '@playwright/test';
import { todayInNetherlands } from '../../shared/calendar';
import { formatDateLong } from '../../shared/i18n';
import { addDays } from '../../shared/calendar';
import { callApi as call, expect, expectNoAccessibilityViolations, saveScreenshot, test } from './fixtures';

/** Dates relative to today, so the action due after the first meeting is overdue on the start page. */
const FIRST = addDays(todayInNetherlands(), -60);
const NEXT = addDays(todayInNetherlands(), -30);

interface Advice {
  id: string;
  kenmerk: string;
  betreft: string;
  sections: { id: string }[];
}

/** The council, three members and a concept advice ready to be adopted. */
async function seed(page: Page): Promise<Advice> {
  await call(page, 'council.update', { name: 'Adviesraad Sociaal Domein Zoetermeer', kenmerkPattern: 'ASD-{jaar}-{volgnummer}' });
  await call(page, 'members.create', { name: 'Ans de Vries', role: 'voorzitter', termStart: '2024-01-01', email: 'ans@example.nl' });
  await call(page, 'members.create', { name: 'Bram Jansen', role: 'secretaris', termStart: '2024-01-01' });
  await call(page, 'members.create', { name: 'Çiğdem Öztürk', role: 'lid', termStart: '2025-02-01' });
  let advice = await call<Advice>(page, 'advices.create', { kind: 'gevraagd', betreft: 'Beleidsplan Wmo 2027', adviceDate: FIRST });
  advice = await call<Advice>(page, 'advices.addSection', { adviceId: advice.id, title: 'Aanbevelingen' });
  return call<Advice>(page, 'advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'aanbeveling', text: 'Betrek ervaringsdeskundigen bij de uitvoering.' });
}

async function createMeeting(page: Page, date: string) {
  await page.getByRole('link', { name: 'Raadsvergaderingen', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Raadsvergaderingen' })).toBeVisible();
  const form = page.getByRole('region', { name: 'Vergadering toevoegen' });
  await form.getByLabel('Datum').fill(date);
  await form.getByLabel('Plaats').fill('Stadhuis, Raadzaal');
  await form.getByRole('button', { name: 'Vergadering toevoegen' }).click();
}

async function addAction(page: Page, description: string, owner: string, due: string) {
  const actions = page.getByRole('region', { name: 'Acties uit deze vergadering' });
  await actions.getByLabel('Actie', { exact: true }).fill(description);
  await actions.getByLabel('Actiehouder').selectOption({ label: owner });
  await actions.getByLabel('Uiterlijk').fill(due);
  await actions.getByLabel('Bij agendapunt').selectOption({ index: 1 });
  await actions.getByRole('button', { name: 'Actie toevoegen' }).click();
  await expect(actions.getByRole('cell', { name: description, exact: true })).toBeVisible();
}

test('prepare an agenda with a concept advice, hold the meeting, adopt it, make two actions and see them on the next agenda', async ({ app }, testInfo) => {
  test.setTimeout(180_000);
  await app.setViewportSize({ width: 1366, height: 768 });
  const advice = await seed(app);
  await app.goto(`${new URL(app.url()).origin}/#/raad`);
  await expect(app.getByRole('heading', { level: 1, name: 'Leden van de raad' })).toBeVisible();
  await expect(app.getByRole('rowheader', { name: /Ans de Vries/ })).toBeVisible();
  // Contact details are personal data: not in the register's overview.
  await expect(app.getByRole('table')).not.toContainText('ans@example.nl');
  // Edit a member: the form fills with the member's data and saves the change.
  await app.getByRole('button', { name: 'Gegevens van Bram Jansen bewerken' }).click();
  const form = app.getByRole('region', { name: 'Gegevens van Bram Jansen bewerken' });
  await expect(form.getByLabel('Naam')).toHaveValue('Bram Jansen');
  await form.getByLabel("Volgt (wijken of thema's)").fill('Noord, Mantelzorg');
  await form.getByRole('button', { name: 'Lid opslaan' }).click();
  await expect(app.getByRole('rowheader', { name: /Bram Jansen/ })).toContainText('Noord, Mantelzorg');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'leden');

  // Prepare: a meeting with the concept advice on its agenda.
  await createMeeting(app, FIRST);
  await expect(app.getByRole('heading', { level: 1, name: `Raadsvergadering van ${formatDateLong(FIRST)}` })).toBeVisible();
  const agenda = app.getByRole('region', { name: 'Agenda' });
  await agenda.getByLabel('Onderwerp').fill('Concept-advies beleidsplan Wmo 2027');
  await agenda.getByLabel('Concept-advies').selectOption({ label: `${advice.kenmerk} ${advice.betreft}` });
  await agenda.getByRole('button', { name: 'Agendapunt toevoegen' }).click();
  const item = agenda.getByRole('article', { name: '1. Concept-advies beleidsplan Wmo 2027' });
  await expect(item).toContainText('Status: concept');

  // Hold it: attendance by keyboard-usable radio buttons.
  const attendance = app.getByRole('region', { name: 'Aanwezigheid' });
  await attendance.getByRole('group', { name: /Ans de Vries/ }).getByLabel('Aanwezig').check();
  await attendance.getByRole('group', { name: /Bram Jansen/ }).getByLabel('Aanwezig').check();
  await attendance.getByRole('group', { name: /Çiğdem Öztürk/ }).getByLabel('Afwezig').check();
  await attendance.getByRole('button', { name: 'Aanwezigheid opslaan' }).click();
  await expect(attendance.getByRole('group', { name: /Çiğdem Öztürk/ }).getByLabel('Afwezig')).toBeChecked();

  // Adopt the advice in this meeting.
  await item.getByRole('button', { name: `Advies ${advice.kenmerk} ${advice.betreft} vaststellen in deze vergadering` }).click();
  await expect(item).toContainText('Status: vastgesteld');
  await expect(item.getByTestId('besluiten-1')).toContainText(`Het advies ${advice.kenmerk} "Beleidsplan Wmo 2027" wordt vastgesteld.`);
  await expect(item.getByRole('button', { name: /vaststellen in deze vergadering/ })).toHaveCount(0);

  // Two actions.
  await addAction(app, 'Advies verzenden aan het college', 'Bram Jansen', addDays(FIRST, 7));
  await addAction(app, 'Wethouder uitnodigen voor april', 'Ans de Vries', addDays(FIRST, 14));
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'vergadering-maart');

  // The next meeting's agenda carries both open actions.
  await createMeeting(app, NEXT);
  await expect(app.getByRole('heading', { level: 1, name: `Raadsvergadering van ${formatDateLong(NEXT)}` })).toBeVisible();
  const carried = app.getByRole('region', { name: 'Acties uit eerdere vergaderingen' });
  await expect(carried.getByRole('cell', { name: 'Advies verzenden aan het college', exact: true })).toBeVisible();
  await expect(carried.getByRole('cell', { name: 'Wethouder uitnodigen voor april', exact: true })).toBeVisible();
  await expect(carried.getByRole('row')).toHaveCount(3);
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'vergadering-april');

  // The advice links back to the meeting that adopted it.
  await app.goto(`${new URL(app.url()).origin}/#/adviezen/${advice.id}`);
  await app.getByRole('link', { name: `Vastgesteld in de raadsvergadering van ${formatDateLong(FIRST)}` }).click();
  await expect(app.getByRole('heading', { level: 1, name: `Raadsvergadering van ${formatDateLong(FIRST)}` })).toBeVisible();

  // Closing one action by keyboard leaves one on the actielijst as open; the start page shows the overdue one.
  await app.getByRole('link', { name: 'Actielijst', exact: true }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Actielijst' })).toBeVisible();
  const done = app.getByRole('button', { name: 'Actie "Advies verzenden aan het college" afronden' });
  await done.focus();
  await app.keyboard.press('Enter');
  await expect(done).toHaveCount(0);
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'actielijst');
  await app.getByRole('link', { name: 'Start', exact: true }).click();
  const attention = app.getByRole('region', { name: 'De raad', exact: true });
  await expect(attention).toContainText('Wethouder uitnodigen voor april');
  await expect(attention).not.toContainText('Advies verzenden aan het college');
});

test('import the year planning from the beleidskalender: every row or none, and a second import adds nothing', async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  await app.setViewportSize({ width: 1366, height: 768 });
  await app.goto(`${new URL(app.url()).origin}/#/raad/planning`);
  await expect(app.getByRole('heading', { level: 1, name: 'Jaarplanning' })).toBeVisible();
  const year = app.getByLabel('Jaar', { exact: true });
  await year.fill('2027');
  const importer = app.getByRole('region', { name: 'Importeren uit de beleidskalender (CSV of Excel)' });
  const file = importer.getByLabel('Bestand met de planning');
  const upload = (name: string, text: string) => file.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  const run = importer.getByRole('button', { name: 'Planning importeren' });

  // A wrong row refuses the whole file and says per row what to fix; nothing is planned.
  await upload('fout.csv', 'Onderwerp;Maand\nVerordening Wmo;3\nJeugdhulp;dertien\n');
  await run.click();
  await expect(importer.getByRole('alert')).toContainText('Er is niets geïmporteerd: 1 rij klopt niet.');
  await expect(importer.getByRole('alert')).toContainText('Rij 3: "dertien" is geen maand.');
  await expect(app.getByText('Nog niets gepland in dit jaar.')).toBeVisible();

  const calendar = 'Onderwerp;Maand;Soort\nVerordening Wmo;maart;adviesaanvraag\nEenzaamheid;september;eigen onderwerp\n';
  await upload('beleidskalender.csv', calendar);
  await run.dblclick();
  await expect(importer.getByRole('status')).toHaveText('2 onderwerpen aan de planning toegevoegd.');
  const overview = app.getByRole('region', { name: 'Jaarplanning 2027' });
  await expect(overview.getByRole('rowheader', { name: 'Verordening Wmo' })).toBeVisible();
  await expect(overview.getByRole('rowheader', { name: 'Eenzaamheid' })).toBeVisible();
  await expect(overview.getByRole('row')).toHaveCount(3);

  await upload('beleidskalender.csv', calendar);
  await run.click();
  await expect(importer.getByRole('status')).toHaveText('Er is niets nieuws toegevoegd. 2 onderwerpen stonden al in de planning en zijn overgeslagen.');
  await expect(overview.getByRole('row')).toHaveCount(3);
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'jaarplanning-import');

  // A typo is fixed in place, a cancelled topic removed after a question that opens on "Annuleren".
  await overview.getByRole('button', { name: 'Planning "Eenzaamheid" wijzigen' }).click();
  const editor = app.getByRole('region', { name: 'Planning "Eenzaamheid" wijzigen' });
  await expect(editor.getByLabel('Onderwerp')).toHaveValue('Eenzaamheid');
  await editor.getByLabel('Onderwerp').fill('Eenzaamheid onder ouderen');
  await editor.getByLabel('Maand').selectOption({ label: 'oktober' });
  await editor.getByRole('button', { name: 'Wijziging opslaan' }).click();
  const changed = overview.getByRole('row', { name: /Eenzaamheid onder ouderen/ });
  await expect(changed).toContainText('oktober');
  await overview.getByRole('button', { name: 'Planning "Verordening Wmo" verwijderen' }).click();
  const question = app.getByRole('dialog');
  await expect(question.getByRole('button', { name: 'Annuleren' })).toBeFocused();
  await question.getByRole('button', { name: 'Verwijderen' }).click();
  await expect(overview.getByRole('rowheader', { name: 'Verordening Wmo' })).toHaveCount(0);
  await expect(overview.getByRole('row')).toHaveCount(2);
});
