import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { test as base } from '@playwright/test';
import { startCouncilServerProcess } from '../helpers/host-process';
import { expect, expectNoAccessibilityViolations, saveScreenshot } from './fixtures';

/**
 * Issue 14, the council server in the real UI: the beheerder sets it up with the console's code, invites
 * a member who chooses a password in another browser, and disables the account when the member leaves.
 */
const test = base;
test.describe.configure({ mode: 'serial' });

let server: { child: ChildProcess; url: string; setupCode: string };
let dir: string;

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-raadsserver-'));
  server = await startCouncilServerProcess(path.join(dir, 'raad.sqlite'));
});
test.afterAll(() => {
  server.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

test('set up, invite a member, the member signs in, leaves and is signed out', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const beheerContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const beheer = await beheerContext.newPage();
  await beheer.goto(server.url);

  // A new server: only the setup page, nothing of the app.
  await expect(beheer.getByRole('heading', { level: 1, name: 'De raadsserver instellen' })).toBeVisible();
  await expect(beheer.getByRole('navigation', { name: 'Hoofdmenu' })).toHaveCount(0);
  await expectNoAccessibilityViolations(beheer);
  await saveScreenshot(beheer, testInfo, 'raadsserver-instellen');
  await beheer.getByLabel('Instelcode').fill('AAAA-BBBB-CCCC-DDDD');
  await beheer.getByLabel('Naam', { exact: true }).fill('Anna de Vries');
  await beheer.getByLabel('Inlognaam').fill('anna@adviesraad.nl');
  await beheer.getByLabel('Nieuw wachtwoord').fill('kort');
  await beheer.getByRole('button', { name: 'Beheerder aanmaken' }).click();
  // Errors at their fields, in Dutch, with a summary that has the focus.
  await expect(beheer.getByText('Een wachtwoord heeft minstens 12 tekens.').first()).toBeVisible();
  await beheer.getByLabel('Nieuw wachtwoord').fill('een lang genoeg wachtwoord');
  await beheer.getByRole('button', { name: 'Beheerder aanmaken' }).click();
  await expect(beheer.getByText('Deze instelcode klopt niet.', { exact: false }).first()).toBeVisible();
  await beheer.getByLabel('Instelcode').fill(server.setupCode);
  await beheer.getByRole('button', { name: 'Beheerder aanmaken' }).dblclick();

  // Signed in: the app, with the account's name and role; no first-start name question.
  await expect(beheer.getByText('Ingelogd als Anna de Vries')).toBeVisible();
  await expect(beheer.getByText('Rol: beheerder')).toBeVisible();
  await expect(beheer.getByRole('dialog')).toHaveCount(0);

  // Instellingen → Accounts: invite a member.
  await beheer.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Instellingen' }).click();
  const accounts = beheer.getByRole('region', { name: 'Accounts' });
  await expect(accounts.getByRole('row', { name: /Anna de Vries/ })).toContainText('anna@adviesraad.nl');
  // The installation says it is the council's server, not a browser on one computer.
  await expect(beheer.getByRole('region', { name: 'Over deze installatie' })).toContainText('Raadsserver (gedeeld door de raad)');
  const invite = beheer.getByRole('form', { name: 'Iemand uitnodigen' });
  await invite.getByLabel('Naam', { exact: true }).fill('Bert Jansen');
  await invite.getByLabel('Inlognaam').fill('bert');
  await invite.getByLabel('Rol').selectOption({ label: 'lid' });
  await invite.getByRole('button', { name: 'Uitnodiging maken' }).dblclick();
  const link = await beheer.getByRole('textbox', { name: 'Link' }).inputValue();
  expect(link).toMatch(/#\/uitnodiging\/[A-Za-z0-9_-]{43}$/);
  await expectNoAccessibilityViolations(beheer);
  await saveScreenshot(beheer, testInfo, 'raadsserver-accounts');

  // The member, in a browser of their own.
  const memberContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const member = await memberContext.newPage();
  await member.goto(link);
  await expect(member.getByRole('heading', { level: 1, name: 'Welkom bij de raadsserver' })).toBeVisible();
  await expectNoAccessibilityViolations(member);
  await saveScreenshot(member, testInfo, 'raadsserver-uitnodiging');
  await member.getByLabel('Nieuw wachtwoord').fill('bert zijn eigen wachtwoord');
  await member.getByRole('button', { name: 'Wachtwoord instellen en aanmelden' }).click();
  await expect(member.getByText('Ingelogd als Bert Jansen')).toBeVisible();
  await expect(member.getByText('Rol: lid')).toBeVisible();
  // The link is out of the address bar once used.
  expect(member.url()).not.toContain('uitnodiging');
  // A lid manages no accounts.
  await member.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Instellingen' }).click();
  await expect(member.getByRole('heading', { level: 1, name: 'Instellingen' })).toBeVisible();
  await expect(member.getByRole('region', { name: 'Accounts' })).toHaveCount(0);

  // Bert leaves the council: the beheerder disables the account; his next step returns him to signing in.
  await beheer.reload();
  await beheer.getByRole('region', { name: 'Accounts' }).getByRole('button', { name: 'Uitzetten: Bert Jansen' }).click();
  await expect(beheer.getByRole('region', { name: 'Accounts' }).getByRole('row', { name: /Bert Jansen/ })).toContainText('uitgezet op');
  await member.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Inbreng' }).click();
  await expect(member.getByRole('heading', { level: 1, name: 'Aanmelden' })).toBeVisible();
  await member.getByLabel('Inlognaam').fill('bert');
  await member.getByLabel('Wachtwoord').fill('bert zijn eigen wachtwoord');
  await member.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(member.getByText('Onbekende inlognaam of verkeerd wachtwoord.').first()).toBeVisible();
  await expectNoAccessibilityViolations(member);
  await saveScreenshot(member, testInfo, 'raadsserver-aanmelden-geweigerd');

  // Afmelden, and back in.
  await beheer.getByRole('button', { name: 'Afmelden', exact: true }).click();
  await expect(beheer.getByRole('heading', { level: 1, name: 'Aanmelden' })).toBeVisible();
  await beheer.getByLabel('Inlognaam').fill('Anna@Adviesraad.nl');
  await beheer.getByLabel('Wachtwoord').fill('een lang genoeg wachtwoord');
  await beheer.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(beheer.getByText('Ingelogd als Anna de Vries')).toBeVisible();
  await memberContext.close();
  await beheerContext.close();
});
