import { callApi as call, expect, expectNoAccessibilityViolations, saveScreenshot, test } from './fixtures';

interface Advice {
  id: string;
  sections: { id: string }[];
}

test('a sent advice asks once whether it is public (openbaar by default); niet openbaar needs a reason at the field', async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  let advice = await call<Advice>(app, 'advices.create', { kind: 'ongevraagd', betreft: 'Regiotaxi op tijd', adviceDate: '2025-03-01' });
  advice = await call<Advice>(app, 'advices.addSection', { adviceId: advice.id, title: 'Aanbevelingen' });
  await call(app, 'advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'aanbeveling', text: 'Rijd op tijd' });
  await call(app, 'advices.setStatus', { id: advice.id, status: 'vastgesteld', date: '2025-03-01' });
  await call(app, 'advices.setStatus', { id: advice.id, status: 'verzonden', date: '2025-03-02' });
  await app.goto(`${new URL(app.url()).origin}/#/adviezen/${advice.id}`);

  const panel = app.getByTestId('publication-panel');
  await expect(panel.getByText('Maakt u het openbaar?')).toBeVisible();
  await expect(panel.getByRole('radio', { name: 'Openbaar', exact: true })).toBeChecked();
  await expectNoAccessibilityViolations(app);

  // Niet openbaar without a ground or a reason: the error at the field, in Dutch.
  await panel.getByRole('radio', { name: 'Niet openbaar' }).check();
  await panel.getByRole('button', { name: 'Openbaarmaking opslaan' }).click();
  await expect(panel.getByText('Geef een weigeringsgrond of schrijf een reden').first()).toBeVisible();
  await expectNoAccessibilityViolations(app);

  // By keyboard: choose a ground and save.
  await panel.getByLabel('Weigeringsgrond (Woo)').focus();
  await panel.getByLabel('Weigeringsgrond (Woo)').selectOption('art5_1_2e');
  await panel.getByRole('button', { name: 'Openbaarmaking opslaan' }).focus();
  await app.keyboard.press('Enter');
  await expect(panel.getByTestId('publication-state')).toContainText('Niet openbaar: Art. 5.1 lid 2 e');
  await expect(panel.getByText('Maakt u het openbaar?')).toHaveCount(0);
  await saveScreenshot(app, testInfo, 'openbaarmaking');

  // Asked once: after a reload the question does not come back.
  await app.reload();
  await expect(app.getByTestId('publication-state')).toContainText('Niet openbaar');
  await expect(app.getByRole('button', { name: 'Openbaarmaking wijzigen' })).toBeVisible();
});
