import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { startHostProcess } from '../helpers/host-process';

export interface E2eHost {
  /** The one-time URL with the token; opening it sets the cookie and lands on the app. */
  url: string;
  /** The app's address without the token. */
  origin: string;
  token: string;
  databasePath: string;
}

interface RunningHost {
  file: string;
  host: E2eHost;
  stop(): void;
}

/**
 * The host of the test file now running in this worker. A worker runs several files one after
 * another; each file starts from an empty database, so no file depends on what another left.
 */
let current: RunningHost | undefined;

async function hostForFile(file: string): Promise<E2eHost> {
  if (current?.file === file) return current.host;
  current?.stop();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-e2e-'));
  const databasePath = path.join(dir, 'advieswerk.sqlite');
  const token = `e2e-${Math.random().toString(36).slice(2)}`;
  const { child, url } = await startHostProcess(databasePath, token);
  current = {
    file,
    host: { url, origin: new URL(url).origin, token, databasePath },
    stop() {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return current.host;
}

/** One browser-mode host per test file, on its own temporary database. */
export const test = base.extend<{ app: Page; host: E2eHost }, { hostCleanup: void }>({
  hostCleanup: [
    // Playwright reads the fixture's dependencies from this pattern; this one needs none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await use();
      current?.stop();
      current = undefined;
    },
    { scope: 'worker', auto: true },
  ],
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use, testInfo) => {
    await use(await hostForFile(testInfo.file));
  },
  /** A page logged in to the host; the first-start name question is answered. */
  app: async ({ page, host }, use) => {
    await openApp(page, host.url);
    await use(page);
  },
});

export { expect };

/** Opens the app at `url` and answers the first-start name question when it is asked (once per database). */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  // The sidebar names the user and the first-start question opens from the same answer.
  await expect(page.getByText(/^Ingelogd als /)).toBeVisible();
  const nameDialog = page.getByRole('dialog', { name: 'Wie werkt er met Advieswerk?' });
  if (await nameDialog.isVisible()) {
    await nameDialog.getByLabel('Uw naam').fill('Test Secretaris');
    await nameDialog.getByRole('button', { name: 'Doorgaan' }).click();
    await expect(nameDialog).toBeHidden();
  }
}

/** Runs axe-core on the page and fails with a readable list of violations. */
export async function expectNoAccessibilityViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map(
    (violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
  expect(summary, 'axe-core violations').toEqual([]);
}

/** Saves a full-page screenshot under the test's output folder. */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

/** Calls the API of the host as the logged-in page does. */
export async function callApi<T>(page: Page, method: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([name, body]) => {
      const response = await fetch(`api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    [method, input] as const,
  );
  if (!result.ok) throw new Error(`${method}: ${result.error?.message}`);
  return result.value as T;
}
