import { callApi as call, expect, expectNoAccessibilityViolations, saveScreenshot, test } from './fixtures';


interface Advice {
  id: string;
  sections: { id: string }[];
}

test('edit an advice title and status, open Geschiedenis and see both changes with the user name', async ({ app }, testInfo) => {
  await call(app, 'user.update', { name: 'Jan de Vries' });
  let advice = await call<Advice>(app, 'advices.create', { kind: 'ongevraagd', betreft: 'Vervoer op maat' });
  advice = await call<Advice>(app, 'advices.addSection', { adviceId: advice.id, title: 'Aanbevelingen' });
  await call(app, 'advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'aanbeveling', text: 'Rijd ook op zondag.' });

  await app.goto(`${new URL(app.url()).origin}/#/adviezen/${advice.id}`);
  await app.reload(); // the menu shows the name set above
  await expect(app.getByRole('heading', { level: 1 })).toContainText('Vervoer op maat');

  // The title: autosaved when focus leaves the field (the letter's details fold away once it has items).
  await app.getByRole('heading', { name: 'Gegevens van de brief' }).click();
  const betreft = app.getByLabel('Betreft', { exact: true });
  await betreft.fill('Vervoer op maat in de regio');
  await betreft.press('Tab');
  await expect(app.getByRole('heading', { level: 1 })).toContainText('Vervoer op maat in de regio');

  // The status.
  await app.getByRole('button', { name: 'Markeer als vastgesteld' }).click();
  await expect(app.getByTestId('advice-status')).toHaveText('Status: Vastgesteld');

  // Geschiedenis is collapsed; open it with the keyboard.
  const toggle = app.getByRole('button', { name: 'Geschiedenis' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(app.getByTestId('history')).toBeHidden();
  await toggle.focus();
  await app.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const history = app.getByTestId('history');
  await expect(history).toBeVisible();
  const lines = history.getByRole('listitem');
  await expect(lines.filter({ hasText: 'Jan de Vries — Betreft: Vervoer op maat → Vervoer op maat in de regio' })).toHaveCount(1);
  await expect(lines.filter({ hasText: 'Jan de Vries — Status: concept → vastgesteld' })).toHaveCount(1);
  await expect(lines.first()).toHaveText(/^\d{1,2} [a-z]+ \d{4} om \d{2}:\d{2} — Jan de Vries — /);
  // Bookkeeping does not show.
  await expect(history).not.toContainText('updated_at');
  await expect(history).not.toContainText('Bijgewerkt');

  await expectNoAccessibilityViolations(app);
  await history.scrollIntoViewIfNeeded();
  await saveScreenshot(app, testInfo, 'advies-geschiedenis');

  // Collapses again with the keyboard.
  await app.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(history).toBeHidden();
});

test('the response page shows the history of the response, positions and commitments, and refreshes after a change', async ({ app }, testInfo) => {
  await call(app, 'user.update', { name: 'Fatima El Amrani' });
  let advice = await call<Advice & { sections: { id: string; items: { id: string }[] }[] }>(app, 'advices.create', { kind: 'ongevraagd', betreft: 'Mantelzorg', adviceDate: '2026-01-10' });
  advice = await call(app, 'advices.addSection', { adviceId: advice.id, title: 'Aanbevelingen' });
  advice = await call(app, 'advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'aanbeveling', text: 'Geef mantelzorgers respijtzorg.' });
  await call(app, 'advices.setStatus', { id: advice.id, status: 'vastgesteld', date: '2026-01-12' });
  await call(app, 'advices.setStatus', { id: advice.id, status: 'verzonden', date: '2026-01-15' });
  await call(app, 'responses.record', { adviceId: advice.id, receivedOn: '2026-02-20', kenmerk: 'GR-77', summary: 'Het college neemt het advies over.' });
  await call(app, 'responses.setPosition', { itemId: advice.sections[0]!.items[0]!.id, position: 'overgenomen', collegeText: '', assessment: null, notes: '' });
  await call(app, 'commitments.create', { adviceId: advice.id, description: 'Respijtzorg uitbreiden', owner: 'Wethouder', dueOn: '2026-09-01', status: 'open', notes: '', itemIds: [] });

  await app.goto(`${new URL(app.url()).origin}/#/reacties/${advice.id}`);
  await app.reload();
  await expect(app.getByRole('heading', { level: 1 })).toContainText('Reactie op advies');
  const toggle = app.getByRole('button', { name: 'Geschiedenis' });
  await toggle.focus();
  await app.keyboard.press('Enter');
  const history = app.getByTestId('history');
  await expect(history).toContainText('Fatima El Amrani — Reactie van het college 20 februari 2026 toegevoegd');
  await expect(history).toContainText('Fatima El Amrani — Toezegging "Respijtzorg uitbreiden" toegevoegd');
  await expect(history).toContainText('Standpunt bij aanbeveling "Geef mantelzorgers respijtzorg." toegevoegd');
  await expect(history).toContainText('Fatima El Amrani — Status van de opvolging: verzonden → reactie ontvangen');
  // The letter itself is on the advice page, not here.
  await expect(history).not.toContainText('Advies ');

  // A change in the page shows up in the open history.
  await app.getByLabel('Status: Respijtzorg uitbreiden').selectOption('lopend');
  await expect(history).toContainText('Fatima El Amrani — Toezegging "Respijtzorg uitbreiden", Status: open → lopend');

  await expectNoAccessibilityViolations(app);
  await history.scrollIntoViewIfNeeded();
  await saveScreenshot(app, testInfo, 'reactie-geschiedenis');
});
