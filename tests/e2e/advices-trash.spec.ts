import type { Page } from '@playwright/test';
import { callApi as call, expect, expectNoAccessibilityViolations, saveScreenshot, test } from './fixtures';


interface Advice {
  id: string;
  kenmerk: string;
  sections: { id: string }[];
}

/** A sent advice and a concept, made through the API. */
async function seed(page: Page): Promise<{ sent: Advice; concept: Advice }> {
  await call(page, 'council.update', { name: 'Adviesraad Wmo Leiden', municipality: 'Leiden', kenmerkPattern: 'WMO-{jaar}-{volgnummer}' });
  let sent = await call<Advice>(page, 'advices.create', { kind: 'ongevraagd', betreft: 'Regiotaxi op tijd', adviceDate: '2025-03-01' });
  sent = await call<Advice>(page, 'advices.addSection', { adviceId: sent.id, title: 'Aanbevelingen' });
  await call(page, 'advices.addItem', { sectionId: sent.sections[0]!.id, kind: 'aanbeveling', text: 'Rijd op tijd' });
  await call(page, 'advices.setStatus', { id: sent.id, status: 'vastgesteld', date: '2025-03-01' });
  sent = await call<Advice>(page, 'advices.setStatus', { id: sent.id, status: 'verzonden', date: '2025-03-02' });
  const concept = await call<Advice>(page, 'advices.create', { kind: 'ongevraagd', betreft: 'Mantelzorgwaardering', adviceDate: '2025-04-01' });
  return { sent, concept };
}

test('archive a sent advice (out of the list, marked, back again) and trash and restore a concept advice', async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  const origin = new URL(app.url()).origin;
  const { sent, concept } = await seed(app);
  await app.goto(`${origin}/#/adviezen`);
  await expect(app.getByRole('heading', { level: 1, name: 'Adviezen' })).toBeVisible();
  const table = app.getByRole('table', { name: 'Adviezen' });
  await expect(table.getByRole('cell', { name: 'Regiotaxi op tijd' })).toBeVisible();

  // A sent advice offers no delete, only archiving.
  await expect(app.getByRole('button', { name: `Advies ${sent.kenmerk} verwijderen` })).toHaveCount(0);
  await app.getByRole('button', { name: `Advies ${sent.kenmerk} archiveren` }).click();
  await expect(app.getByText(`Advies ${sent.kenmerk} is gearchiveerd.`)).toBeVisible();
  await expect(table.getByRole('cell', { name: 'Regiotaxi op tijd' })).toHaveCount(0);
  await app.getByLabel('Gearchiveerde adviezen tonen').check();
  const archivedRow = table.getByRole('row').filter({ hasText: 'Regiotaxi op tijd' });
  await expect(archivedRow).toContainText('Gearchiveerd');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'adviezen-gearchiveerd');

  // On its page: the marker, the notice, and the way back.
  await archivedRow.getByRole('link', { name: sent.kenmerk }).click();
  await expect(app.getByRole('heading', { level: 1, name: new RegExp(`Advies ${sent.kenmerk}`) })).toBeVisible();
  await expect(app.getByTestId('archived-notice')).toContainText('Gearchiveerd');
  await expect(app.getByRole('button', { name: 'Nieuwe versie maken' })).toHaveCount(0);
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'advies-gearchiveerd');
  await app.getByRole('button', { name: 'Terugzetten uit archief' }).click();
  await expect(app.getByTestId('archived-notice')).toHaveCount(0);
  await expect(app.getByRole('button', { name: 'Archiveren' })).toBeVisible();

  // A concept goes to the Prullenbak after a question, and comes back from there.
  await app.goto(`${origin}/#/adviezen`);
  await expect(table.getByRole('cell', { name: 'Regiotaxi op tijd' })).toBeVisible();
  await app.getByRole('button', { name: `Advies ${concept.kenmerk} verwijderen` }).click();
  const confirm = app.getByRole('dialog', { name: 'Advies verwijderen' });
  await expect(confirm).toContainText('naar de prullenbak verplaatsen');
  await expectNoAccessibilityViolations(app);
  await confirm.getByRole('button', { name: 'Verwijderen' }).click();
  await expect(app.getByText(`Advies ${concept.kenmerk} staat in de prullenbak.`)).toBeVisible();
  await expect(table.getByRole('cell', { name: 'Mantelzorgwaardering' })).toHaveCount(0);

  await app.goto(`${origin}/#/instellingen`);
  const trash = app.getByRole('region', { name: 'Prullenbak' });
  await expect(trash.getByRole('cell', { name: 'Mantelzorgwaardering', exact: true })).toBeVisible();
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'prullenbak-advies');
  await trash.getByRole('button', { name: '"Mantelzorgwaardering" terugzetten' }).click();
  await expect(trash.getByRole('status')).toHaveText('"Mantelzorgwaardering" is teruggezet.');

  await app.goto(`${origin}/#/adviezen`);
  await expect(table.getByRole('cell', { name: 'Mantelzorgwaardering' })).toBeVisible();

  // A team, too, goes to the Prullenbak, and the question says so.
  await call(app, 'wijkteams.create', { name: 'Team Centrum' });
  await app.goto(`${origin}/#/wijkteams`);
  await app.getByRole('navigation', { name: 'Onderdelen van monitoring' }).getByRole('link', { name: 'Teams' }).click();
  await app.getByRole('button', { name: 'Verwijderen: Team Centrum' }).click();
  const teamConfirm = app.getByRole('dialog', { name: 'Verwijderen' });
  await expect(teamConfirm).toContainText('naar de prullenbak verplaatsen');
  await teamConfirm.getByRole('button', { name: 'Verwijderen' }).click();
  await expect(app.getByText('Wijkteam "Team Centrum" staat in de prullenbak.')).toBeVisible();
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'wijkteam-prullenbak');
});
