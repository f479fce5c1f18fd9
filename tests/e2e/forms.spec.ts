import type { Page } from '@playwright/test';
import { callApi as call, expect, expectNoAccessibilityViolations, saveScreenshot, test } from './fixtures';
import { todayInNetherlands } from '../../shared/calendar';
import { addDays } from '../../shared/calendar';

// Issue 19: nothing doubled, nothing lost; errors where the eye is.

/** A sent advice with one recommendation, as commitments need. */
async function sentAdvice(app: Page, betreft: string): Promise<string> {
  const today = todayInNetherlands();
  let advice = await call<{ id: string; sections: { id: string }[] }>(app, 'advices.create', { kind: 'ongevraagd', betreft, adviceDate: today });
  advice = await call(app, 'advices.addSection', { adviceId: advice.id, title: 'Aanbevelingen' });
  await call(app, 'advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'aanbeveling', text: `Verbeter ${betreft.toLowerCase()}` });
  await call(app, 'advices.setStatus', { id: advice.id, status: 'vastgesteld', date: today });
  await call(app, 'advices.setStatus', { id: advice.id, status: 'verzonden', date: today });
  return advice.id;
}

test('a double-click on a create button creates one record: meeting, programme, wijk, advice request, advice, commitment', async ({ app }, testInfo) => {
  test.setTimeout(180_000);
  await app.setViewportSize({ width: 1366, height: 768 });
  const origin = new URL(app.url()).origin;

  await app.goto(`${origin}/#/bijeenkomsten/nieuw`);
  await app.getByLabel('Titel').fill('Wijkbijeenkomst Merenwijk');
  await app.getByRole('button', { name: 'Opslaan' }).dblclick();
  await expect(app.getByRole('heading', { level: 1, name: /Wijkbijeenkomst Merenwijk/ })).toBeVisible();
  expect(await call<unknown[]>(app, 'meetings.list', {})).toHaveLength(1);

  await app.goto(`${origin}/#/bijeenkomsten`);
  const programmes = app.getByRole('region', { name: "Programma's" });
  await programmes.getByLabel('Naam van het programma').fill('Week van de mantelzorg');
  await programmes.getByRole('button', { name: 'Programma toevoegen' }).dblclick();
  await expect(programmes.getByRole('status').filter({ hasText: 'Week van de mantelzorg' })).toBeVisible();
  expect(await call<unknown[]>(app, 'programmes.list', {})).toHaveLength(1);

  await app.goto(`${origin}/#/instellingen`);
  const wijken = app.getByRole('region', { name: 'Wijken' });
  await wijken.getByRole('button', { name: 'Wijk toevoegen' }).click();
  await wijken.getByLabel('Naam', { exact: true }).fill('Merenwijk');
  await wijken.getByRole('button', { name: 'Opslaan' }).dblclick();
  await expect(wijken.getByRole('cell', { name: 'Merenwijk', exact: true })).toBeVisible();
  // A second create with the same name would have shown a duplicate-name error instead.
  await expect(wijken.getByText(/Er is al een wijk/)).toHaveCount(0);
  expect(await call<unknown[]>(app, 'wijken.list', {})).toHaveLength(1);

  await app.goto(`${origin}/#/adviezen`);
  await app.getByRole('button', { name: 'Aanvraag toevoegen' }).click();
  await app.getByLabel('Onderwerp').fill('Beleidsplan sociaal domein');
  await app.getByLabel('Uiterste datum').fill('2099-01-01');
  await app.getByRole('button', { name: 'Opslaan' }).dblclick();
  await expect(app.getByRole('table', { name: 'Adviesaanvragen' })).toContainText('Beleidsplan sociaal domein');
  expect(await call<unknown[]>(app, 'adviceRequests.list', {})).toHaveLength(1);

  await app.getByLabel('Betreft').fill('Bereikbaarheid van de wijkteams');
  await app.getByRole('button', { name: 'Advies aanmaken' }).dblclick();
  await expect(app.getByRole('heading', { level: 1, name: /Advies WMO-\d{4}-001/ })).toBeVisible();
  expect(await call<unknown[]>(app, 'advices.list', {})).toHaveLength(1);

  // A commitment needs a sent advice.
  const adviceId = await sentAdvice(app, 'Vervoer');
  await app.goto(`${origin}/#/reacties/${adviceId}`);
  await app.getByLabel('Wat is toegezegd').fill('Spreekuur in elke wijk');
  await app.getByRole('button', { name: 'Toezegging toevoegen' }).dblclick();
  await expect(app.getByRole('region', { name: 'Toezeggingen' }).getByRole('table')).toContainText('Spreekuur in elke wijk');
  const overview = await call<{ commitments: unknown[] }>(app, 'responses.forAdvice', { adviceId });
  expect(overview.commitments).toHaveLength(1);
  await saveScreenshot(app, testInfo, 'toezegging-na-dubbelklik');
});

test('council settings: after an error, fixing the field and one click on Opslaan saves; Opslaan does not move when a field loses focus', async ({ app }, testInfo) => {
  await app.setViewportSize({ width: 1366, height: 768 });
  await app.goto(`${new URL(app.url()).origin}/#/instellingen`);
  const form = app.getByRole('region', { name: 'Instellingen van de raad' });
  const save = form.getByRole('button', { name: 'Opslaan' });
  await form.getByLabel('Gemeente').fill('Leiden');
  await form.getByLabel('Naam van de raad').fill('   ');
  await save.click();

  // The summary near the button names the field by its Dutch label and takes the focus.
  const summary = form.locator('.aw-error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'Naam van de raad: Vul dit veld in.' })).toBeVisible();
  await expect(summary).not.toContainText('name:');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'raad-foutoverzicht');
  await summary.getByRole('link', { name: 'Naam van de raad: Vul dit veld in.' }).click();
  await expect(form.getByLabel('Naam van de raad')).toBeFocused();

  // Typing the fix, then leaving the field: nothing moves under the pointer.
  await form.getByLabel('Naam van de raad').fill('Adviesraad Wmo Leiden');
  const before = await save.boundingBox();
  await form.getByLabel('Naam van de raad').blur();
  expect(await save.boundingBox()).toEqual(before);
  await save.click();
  await expect(form.getByRole('status')).toHaveText('Opgeslagen.');

  // And it was saved.
  await app.reload();
  await expect(form.getByLabel('Naam van de raad')).toHaveValue('Adviesraad Wmo Leiden');
});

test('a meeting form error shows at its field with its Dutch label, and the summary by the button links to it', async ({ app }, testInfo) => {
  await app.setViewportSize({ width: 1366, height: 768 });
  const meetingsBefore = (await call<unknown[]>(app, 'meetings.list', {})).length;
  await app.goto(`${new URL(app.url()).origin}/#/bijeenkomsten/nieuw`);
  await app.getByLabel(/^Aantal deelnemers/).fill('veel');
  await app.getByRole('button', { name: 'Opslaan' }).click();
  const summary = app.locator('.aw-error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: /^Titel: / })).toBeVisible();
  await expect(summary.getByRole('link', { name: /^Aantal deelnemers/ })).toBeVisible();
  await expect(summary).not.toContainText('title:');
  await expect(summary).not.toContainText('attendeeCount');
  await expect(app.getByLabel('Titel')).toHaveAttribute('aria-invalid', 'true');
  // The summary sits right above the button that caused it.
  const summaryBox = (await summary.boundingBox())!;
  const buttonBox = (await app.getByRole('button', { name: 'Opslaan' }).boundingBox())!;
  expect(buttonBox.y - (summaryBox.y + summaryBox.height)).toBeLessThan(100);
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'bijeenkomst-foutoverzicht');
  expect(await call<unknown[]>(app, 'meetings.list', {})).toHaveLength(meetingsBefore);
});

test('a commitment can be edited: text, owner and due date; the change is in the history', async ({ app }, testInfo) => {
  await app.setViewportSize({ width: 1366, height: 768 });
  const adviceId = await sentAdvice(app, 'Respijtzorg');
  await app.goto(`${new URL(app.url()).origin}/#/reacties/${adviceId}`);

  // One due date, prefilled with the default term; no second "Standaardtermijn" choice.
  await expect(app.getByLabel('Uiterlijk', { exact: true })).toHaveValue(addDays(todayInNetherlands(), 13 * 7));
  await expect(app.getByLabel(/Standaardtermijn/)).toHaveCount(0);
  await app.getByLabel('Wat is toegezegd').fill('Respijtzorg uitbreiden');
  await app.getByLabel('Eigenaar').fill('Wethouder');
  await app.getByRole('button', { name: 'Toezegging toevoegen' }).click();
  const commitments = app.getByRole('region', { name: 'Toezeggingen' });
  await expect(commitments.getByRole('table')).toContainText('Respijtzorg uitbreiden');

  await commitments.getByRole('button', { name: 'Toezegging bewerken: Respijtzorg uitbreiden' }).click();
  const edit = app.getByRole('form', { name: 'Toezegging bewerken: Respijtzorg uitbreiden' });
  await expect(edit.getByLabel('Wat is toegezegd')).toBeFocused();
  await edit.getByLabel('Wat is toegezegd').fill('Respijtzorg uitbreiden naar weekenden');
  await edit.getByLabel('Eigenaar').fill('Wethouder Zorg');
  await edit.getByLabel('Uiterlijk', { exact: true }).fill('2027-03-01');
  await edit.getByRole('button', { name: 'Opslaan' }).click();
  const table = commitments.getByRole('table');
  await expect(table).toContainText('Respijtzorg uitbreiden naar weekenden');
  await expect(table).toContainText('Wethouder Zorg');
  await expect(table).toContainText('01-03-2027');

  // An empty text is refused at the field, by its Dutch label.
  await commitments.getByRole('button', { name: 'Toezegging bewerken: Respijtzorg uitbreiden naar weekenden' }).click();
  await app.getByRole('form', { name: /Toezegging bewerken/ }).getByLabel('Wat is toegezegd').fill(' ');
  await app.getByRole('form', { name: /Toezegging bewerken/ }).getByRole('button', { name: 'Opslaan' }).click();
  await expect(app.locator('.aw-error-summary')).toContainText('Wat is toegezegd: Vul dit veld in.');
  await expect(app.locator('.aw-error-summary')).not.toContainText('description');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'toezegging-bewerken');
  await app.getByRole('form', { name: /Toezegging bewerken/ }).getByRole('button', { name: 'Annuleren' }).click();

  const stored = await call<{ commitments: { description: string; owner: string; dueOn: string }[] }>(app, 'responses.forAdvice', { adviceId });
  expect(stored.commitments).toEqual([expect.objectContaining({ description: 'Respijtzorg uitbreiden naar weekenden', owner: 'Wethouder Zorg', dueOn: '2027-03-01' })]);

  await app.getByRole('button', { name: 'Geschiedenis' }).click();
  await expect(app.getByTestId('history')).toContainText('Toezegging "Respijtzorg uitbreiden naar weekenden"');
});
