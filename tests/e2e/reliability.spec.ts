import BetterSqlite3 from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect, expectNoAccessibilityViolations, saveScreenshot, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

const SCRIPT_NAME = '<script>window.__xss = 1</script>';
const IMG_NAME = '<img src=x onerror="window.__xss = 2">';

async function callApi(page: Page, method: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> {
  return page.evaluate(
    async ([name, body]) => {
      const response = await fetch(`api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return (await response.json()) as unknown;
    },
    [method, input] as const,
  ) as Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>;
}

async function navLinks(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allTextContents();
}

test('names with <script> and HTML show as text on every screen and never run', async ({ app }, testInfo) => {
  const dialogs: string[] = [];
  app.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  expect((await callApi(app, 'wijken.create', { name: SCRIPT_NAME, description: IMG_NAME })).ok).toBe(true);
  expect((await callApi(app, 'wijken.create', { name: IMG_NAME })).ok).toBe(true);
  expect((await callApi(app, 'findings.create', { text: `Inbreng ${SCRIPT_NAME} ${IMG_NAME}`, tags: [SCRIPT_NAME] })).ok).toBe(true);
  await app.goto(`${new URL(app.url()).origin}/#/instellingen`);
  const council = app.getByRole('region', { name: 'Instellingen van de raad' });
  await council.getByLabel('Naam van de raad').fill(`Raad ${SCRIPT_NAME}`);
  await council.getByRole('button', { name: 'Opslaan' }).click();
  await expect(council.getByRole('status')).toHaveText('Opgeslagen.');
  await app.reload();

  for (const link of await navLinks(app)) {
    await app.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: link, exact: true }).click();
    await expect(app.getByRole('heading', { level: 1 })).toBeVisible();
    // Nothing injected ran, and no element was made from the names.
    expect(await app.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
    expect(await app.locator('main img[src="x"], main script:not([src])').count()).toBe(0);
  }
  await app.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Inbreng', exact: true }).click();
  await expect(app.getByText(`Inbreng ${SCRIPT_NAME} ${IMG_NAME}`, { exact: true }).first()).toBeVisible();
  await saveScreenshot(app, testInfo, 'tekst-veilig-inbreng');
  await app.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Instellingen', exact: true }).click();
  const wijken = app.getByRole('region', { name: 'Wijken' });
  await expect(wijken.getByText(SCRIPT_NAME, { exact: true })).toBeVisible();
  await expect(wijken.getByText(IMG_NAME, { exact: true }).first()).toBeVisible();
  await expect(council.getByLabel('Naam van de raad')).toHaveValue(`Raad ${SCRIPT_NAME}`);
  expect(dialogs).toEqual([]);
  await saveScreenshot(app, testInfo, 'tekst-veilig-instellingen');
});

test('"Back-up maken" and "Terugzetten" with confirmation restore the database in place', async ({ app }, testInfo) => {
  await app.goto(`${new URL(app.url()).origin}/#/instellingen`);
  const section = app.getByRole('region', { name: 'Back-ups' });
  await section.getByRole('button', { name: 'Back-up maken' }).click();
  const table = section.getByRole('table', { name: 'Beschikbare back-ups, nieuwste eerst' });
  // The automatic backup (20 s after the host started) may be listed too: work on the manual one.
  const manual = table.getByRole('row').filter({ hasText: 'Met de hand' });
  await expect(manual).toHaveCount(1);
  await expect(manual.getByText(/regels/)).toBeVisible();
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'backups');

  expect((await callApi(app, 'wijken.create', { name: 'Na de back-up' })).ok).toBe(true);
  await manual.getByRole('button', { name: /^Back-up van .* terugzetten$/ }).click();
  const confirm = app.getByRole('dialog', { name: 'Terugzetten' });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('veiligheidsback-up');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'backups-bevestigen');
  // Cancelling changes nothing.
  await confirm.getByRole('button', { name: 'Annuleren' }).click();
  await expect(confirm).toBeHidden();
  expect(JSON.stringify(await callApi(app, 'wijken.list', {}))).toContain('Na de back-up');

  await manual.getByRole('button', { name: /^Back-up van .* terugzetten$/ }).click();
  await confirm.getByRole('button', { name: 'Terugzetten' }).click();
  await expect(section.getByText(/^De back-up is teruggezet/)).toBeVisible();
  expect(JSON.stringify(await callApi(app, 'wijken.list', {}))).not.toContain('Na de back-up');
  await expect(table.getByRole('cell', { name: 'Vóór terugzetten' })).toBeVisible();
  await saveScreenshot(app, testInfo, 'backups-teruggezet');
});

test('"Privacy en gegevens" explains storage, shows the file and sets the retention', async ({ app, host }, testInfo) => {
  await app.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Privacy en gegevens', exact: true }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Privacy en gegevens' })).toBeVisible();
  await expect(app.getByText(host.databasePath, { exact: true })).toBeVisible();
  for (const region of ['Wat wordt opgeslagen', 'Waar staat het bestand', 'Een back-up maken', 'Gegevens verwijderen', 'Bewaartermijn voor persoonsgegevens']) {
    await expect(app.getByRole('region', { name: region })).toBeVisible();
  }
  const retention = app.getByRole('region', { name: 'Bewaartermijn voor persoonsgegevens' });
  await expect(retention).toContainText('Er is geen bewaartermijn ingesteld');
  await retention.getByLabel(/Bewaartermijn in maanden/).fill('0');
  await retention.getByRole('button', { name: 'Opslaan' }).click();
  // Refused before sending: the message at the field, and in the summary (focused) as a link to it.
  const message = 'Kies een bewaartermijn van 1 tot en met 240 maanden, of laat het veld leeg.';
  await expect(retention.getByText(message, { exact: true })).toBeVisible();
  const summaryLink = retention.getByRole('link', { name: `Bewaartermijn in maanden (optioneel): ${message}` });
  await expect(summaryLink).toBeVisible();
  await expect(retention.locator('.aw-error-summary')).toBeFocused();
  await summaryLink.click();
  await expect(retention.getByLabel(/Bewaartermijn in maanden/)).toBeFocused();
  await expect(retention).toContainText('Er is geen bewaartermijn ingesteld');
  await retention.getByLabel(/Bewaartermijn in maanden/).fill('24');
  await retention.getByRole('button', { name: 'Opslaan' }).click();
  await expect(retention.getByRole('status')).toHaveText('De bewaartermijn is opgeslagen.');
  await expect(retention).toContainText('Er zijn geen gemarkeerde persoonsgegevens ouder dan de bewaartermijn.');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'privacy');
  await app.reload();
  await expect(app.getByRole('region', { name: 'Bewaartermijn voor persoonsgegevens' }).getByLabel(/Bewaartermijn in maanden/)).toHaveValue('24');
});

test('the trash lists deleted items of any table with deleted_at, restores one and empties after a question', async ({ app, host }, testInfo) => {
  // A stand-in for a feature table that adopted the trash convention, written beside the running host.
  const db = new BetterSqlite3(host.databasePath);
  db.exec(`create table test_trash (id text primary key, name text not null, deleted_at text, created_at text not null)`);
  const insert = db.prepare('insert into test_trash values (?, ?, ?, ?)');
  insert.run('00000000-0000-7000-8000-0000000000e1', 'Advies over vervoer', '2026-11-20T10:00:00.000Z', '2026-01-01T00:00:00.000Z');
  insert.run('00000000-0000-7000-8000-0000000000e2', SCRIPT_NAME, '2026-11-21T10:00:00.000Z', '2026-01-01T00:00:00.000Z');
  db.close();

  await app.goto(`${new URL(app.url()).origin}/#/instellingen`);
  const section = app.getByRole('region', { name: 'Prullenbak' });
  const table = section.getByRole('table', { name: 'Items in de prullenbak, laatst verwijderd eerst' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByText(SCRIPT_NAME, { exact: true })).toBeVisible();
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'prullenbak');

  await section.getByRole('button', { name: '"Advies over vervoer" terugzetten' }).click();
  await expect(section.getByRole('status')).toHaveText('"Advies over vervoer" is teruggezet.');
  await expect(table.getByRole('row')).toHaveCount(2);

  await section.getByRole('button', { name: 'Prullenbak legen' }).click();
  const confirm = app.getByRole('dialog', { name: 'Prullenbak legen' });
  await expect(confirm).toContainText('1 item definitief wilt verwijderen');
  await confirm.getByRole('button', { name: 'Prullenbak legen' }).click();
  await expect(section.getByRole('status')).toHaveText('1 item definitief verwijderd.');
  await expect(section.getByText('De prullenbak is leeg.')).toBeVisible();
  expect(await app.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();

  const check = new BetterSqlite3(host.databasePath, { readonly: true });
  expect(check.prepare('select id, deleted_at from test_trash').all()).toEqual([{ id: '00000000-0000-7000-8000-0000000000e1', deleted_at: null }]);
  check.close();
});
