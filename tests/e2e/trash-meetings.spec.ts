import type { Page } from '@playwright/test';
import { expect, expectNoAccessibilityViolations, saveScreenshot, test } from './fixtures';

async function callApi(page: Page, method: string, input: unknown): Promise<{ ok: boolean; value?: unknown }> {
  return page.evaluate(
    async ([name, body]) => {
      const response = await fetch(`api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return (await response.json()) as unknown;
    },
    [method, input] as const,
  ) as Promise<{ ok: boolean; value?: unknown }>;
}

test('a finding goes to the Prullenbak after a confirmation, is gone from list and search, and Terugzetten brings it back', async ({ app }, testInfo) => {
  const origin = new URL(app.url()).origin;
  expect((await callApi(app, 'findings.create', { text: 'De regiotaxi komt vaak te laat', source: 'email' })).ok).toBe(true);
  expect((await callApi(app, 'findings.create', { text: 'Te weinig bankjes in het park', source: 'email' })).ok).toBe(true);

  await app.goto(`${origin}/#/inbreng`);
  await expect(app.getByRole('heading', { level: 1, name: 'Inbreng' })).toBeVisible();
  const results = app.getByRole('region', { name: 'Tabel met inbreng (scrollbaar)' });
  await expect(app.getByText('2 resultaten')).toBeVisible();
  await results.getByRole('checkbox', { name: /De regiotaxi komt vaak te laat/ }).check();
  const edit = app.getByRole('form', { name: 'Inbreng bewerken' });
  await edit.getByRole('button', { name: 'Inbreng naar de prullenbak' }).click();
  const dialog = app.getByRole('dialog', { name: 'Naar de prullenbak' });
  await expect(dialog).toContainText('Inbreng "De regiotaxi komt vaak te laat" naar de prullenbak verplaatsen?');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'inbreng-naar-prullenbak');
  await dialog.getByRole('button', { name: 'Naar de prullenbak' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Inbreng "De regiotaxi komt vaak te laat" staat nu in de prullenbak.' })).toBeVisible();
  await expect(app.getByText('1 resultaat')).toBeVisible();
  await expect(results.getByText('De regiotaxi komt vaak te laat')).toHaveCount(0);
  await app.getByLabel('Zoeken in inbreng').fill('regiotaxi');
  await expect(app.getByText('Geen inbreng gevonden.')).toBeVisible();

  await app.goto(`${origin}/#/instellingen`);
  const section = app.getByRole('region', { name: 'Prullenbak' });
  const table = section.getByRole('table', { name: 'Items in de prullenbak, laatst verwijderd eerst' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText('Inbreng');
  await expect(table.getByRole('row').nth(1)).toContainText('De regiotaxi komt vaak te laat');
  await section.scrollIntoViewIfNeeded();
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'prullenbak-inbreng');
  await section.getByRole('button', { name: '"De regiotaxi komt vaak te laat" terugzetten' }).click();
  await expect(section.getByRole('status')).toHaveText('"De regiotaxi komt vaak te laat" is teruggezet.');
  await expect(section.getByText('De prullenbak is leeg.')).toBeVisible();

  await app.goto(`${origin}/#/inbreng`);
  await expect(app.getByText('2 resultaten')).toBeVisible();
  await app.getByLabel('Zoeken in inbreng').fill('regiotaxi');
  await expect(app.getByText('1 resultaat')).toBeVisible();
  await expect(results.getByText('regiotaxi', { exact: false }).first()).toBeVisible();
});
