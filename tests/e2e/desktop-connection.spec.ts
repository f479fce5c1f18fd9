import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { chooseConnection, probeCouncilServer, readConnectionChoice, type FetchLike } from '../../electron/main/connection-choice';
import { startCouncilServerProcess } from '../helpers/host-process';
import { expect, expectNoAccessibilityViolations, saveScreenshot, test } from './fixtures';

/**
 * Issue 14, the desktop app's first start in Chromium: "Alleen op deze computer" or "Verbinden met de
 * raadsserver van onze raad". Electron's binary cannot run here, so the preload's two-call bridge is
 * replaced at its edge: the page's calls cross into this test process (as they cross IPC into the main
 * process) and run the main process's own code (connection-choice.ts) against a real council server.
 */

test.describe.configure({ mode: 'serial' });

let server: { child: ChildProcess; url: string };
let dir: string;

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-eerste-start-'));
  server = await startCouncilServerProcess(path.join(dir, 'raad.sqlite'));
});
test.afterAll(() => {
  server.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

/** The desktop bridge of electron/preload, its calls answered by the main process's code with this profile's file. */
async function asDesktopApp(page: Page, file: string): Promise<{ chooseCalls: unknown[] }> {
  const chooseCalls: unknown[] = [];
  await page.exposeFunction('__advieswerkConnectionState', async () => {
    const choice = await readConnectionChoice(file);
    return choice ? { chosen: true, choice } : { chosen: false };
  });
  await page.exposeFunction('__advieswerkChooseConnection', async (sent: unknown) => {
    chooseCalls.push(sent);
    return chooseConnection(sent, { file, probe: (address) => probeCouncilServer(address, fetch as unknown as FetchLike) });
  });
  await page.addInitScript(`window.advieswerkDesktop = Object.freeze({
    getConnection: () => window.__advieswerkConnectionState(),
    chooseConnection: (choice) => window.__advieswerkChooseConnection(choice),
  });`);
  return { chooseCalls };
}

test('first start: connecting to the council server, with mistakes named at the address field', async ({ page, host }, testInfo) => {
  const file = path.join(dir, 'profiel-server', 'verbinding.json');
  const { chooseCalls } = await asDesktopApp(page, file);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Hoe werkt uw raad met Advieswerk?' })).toBeVisible();
  // Nothing of the app shows before the choice.
  await expect(page.getByText(/^Ingelogd als /)).toHaveCount(0);
  const local = page.getByRole('radio', { name: 'Alleen op deze computer' });
  await expect(local).toBeChecked();
  await expect(local).toBeFocused();
  await expectNoAccessibilityViolations(page);
  await saveScreenshot(page, testInfo, 'eerste-start-1366');

  // By keyboard: the arrow moves to the server option, which asks for the address.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Verbinden met de raadsserver van onze raad' })).toBeChecked();
  const address = page.getByRole('textbox', { name: 'Adres van de raadsserver' });
  await expect(address).toBeVisible();
  const submit = page.getByRole('button', { name: 'Doorgaan' });

  await submit.click();
  await expect(page.getByText('Vul het adres van de raadsserver in.').first()).toBeVisible();
  await address.fill('http://raad.voorbeeldstad.nl');
  await submit.click();
  await expect(page.getByText(/^Gebruik https:\/\/\. Zonder versleuteling/).first()).toBeVisible();
  // Checked in the page: nothing was sent yet.
  expect(chooseCalls).toEqual([]);
  await expectNoAccessibilityViolations(page);

  // An address where no council server answers: the main process's probe, its message at the field.
  await address.fill('http://127.0.0.1:9');
  await submit.click();
  await expect(page.getByText('De raadsserver op 127.0.0.1:9 antwoordt niet. Controleer het adres en de verbinding met internet.').first()).toBeVisible();
  expect(existsSync(file)).toBe(false);

  // The real council server; a double click sends one choice.
  const serverAddress = server.url.replace(/\/$/, '');
  await address.fill(serverAddress);
  const callsBefore = chooseCalls.length;
  await submit.dblclick();
  const serverHost = new URL(server.url).host;
  await expect(page.getByRole('status').filter({ hasText: `Advieswerk start opnieuw, verbonden met ${serverHost}.` })).toBeVisible();
  expect(chooseCalls.length - callsBefore).toBe(1);
  await expect(submit).toHaveCount(0);
  expect(await readConnectionChoice(file)).toEqual({ mode: 'server', address: server.url });

  // At 200 % zoom (683 × 384 CSS px) the page still fits: no sideways scrolling.
  await page.setViewportSize({ width: 683, height: 384 });
  expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
  await saveScreenshot(page, testInfo, 'eerste-start-200-procent');
});

test('first start: "Alleen op deze computer" goes straight to the app, and the next start does not ask again', async ({ page, host }) => {
  const file = path.join(dir, 'profiel-lokaal', 'verbinding.json');
  await asDesktopApp(page, file);
  await page.goto(host.url);
  await expect(page.getByRole('radio', { name: 'Alleen op deze computer' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText(/^Ingelogd als /)).toBeVisible();
  expect(await readConnectionChoice(file)).toEqual({ mode: 'local' });

  await page.reload();
  await expect(page.getByText(/^Ingelogd als /)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Hoe werkt uw raad met Advieswerk?' })).toHaveCount(0);
});

test('a browser has no desktop bridge: browser mode never asks', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByText(/^Ingelogd als /)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Hoe werkt uw raad met Advieswerk?' })).toHaveCount(0);
});
