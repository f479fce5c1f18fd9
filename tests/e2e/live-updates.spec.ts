import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { APIRequestContext, Browser, BrowserContext } from '@playwright/test';
import { startCouncilServerProcess } from '../helpers/host-process';
import { callApi, expect, expectNoAccessibilityViolations, saveScreenshot, test } from './fixtures';

/**
 * Issue 14, live updates in the real UI on the council server: member Bert logs a finding during a
 * meeting, and secretary Carla's findings overview, already open in her own browser, shows it without
 * a reload (the change arrives over `GET /api/events` and refetches the list). And in browser mode: an
 * advice item's text someone is typing is never replaced by another's change arriving meanwhile.
 */
test.describe.configure({ mode: 'serial' });

let server: { child: ChildProcess; url: string; setupCode: string };
let dir: string;

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-live-'));
  server = await startCouncilServerProcess(path.join(dir, 'raad.sqlite'));
});
test.afterAll(() => {
  server.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

/** A POST as the app's page makes it (our own Origin), in the browser context whose cookies it shares. */
async function post<T>(request: APIRequestContext, pathName: string, data: unknown): Promise<T> {
  const response = await request.post(new URL(pathName, server.url).href, { data, headers: { Origin: new URL(server.url).origin } });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${pathName}: ${body.error?.message}`);
  return body.value as T;
}

/** A member's own browser, signed in through an invitation the beheerder made. */
async function memberBrowser(browser: Browser, admin: APIRequestContext, name: string, login: string, role: string): Promise<BrowserContext> {
  const invitation = await post<{ link: string }>(admin, 'api/accounts.invite', { name, login, role });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  await post(context.request, 'auth/invitation', { token: invitation.link.split('/').pop(), password: `${login} heeft een lang wachtwoord` });
  return context;
}

test("a finding member Bert logs appears in secretary Carla's open overview, without a reload", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const adminContext = await browser.newContext();
  await post(adminContext.request, 'auth/setup', { setupCode: server.setupCode, name: 'Anna de Vries', login: 'anna', password: 'een lang genoeg wachtwoord' });
  const bertContext = await memberBrowser(browser, adminContext.request, 'Bert Jansen', 'bert', 'lid');
  const carlaContext = await memberBrowser(browser, adminContext.request, 'Carla Smit', 'carla', 'secretaris');
  const meeting = await post<{ id: string }>(bertContext.request, 'api/meetings.create', { title: 'Wijkbijeenkomst Noord', date: '2026-03-12' });
  await post(bertContext.request, 'api/findings.create', { meetingId: meeting.id, text: 'De buurtbus rijdt niet meer op zondag' });

  // Carla has the findings overview open.
  const carla = await carlaContext.newPage();
  let carlaLoads = 0;
  carla.on('load', () => carlaLoads++);
  await carla.goto(`${server.url}#/inbreng`);
  await expect(carla.getByText('Ingelogd als Carla Smit')).toBeVisible();
  const table = carla.getByRole('table', { name: 'Inbreng' });
  await expect(table.getByRole('row', { name: /De buurtbus rijdt niet meer op zondag/ })).toBeVisible();
  const loadsBefore = carlaLoads;

  // Bert logs a finding live at the meeting, in his own browser.
  const bert = await bertContext.newPage();
  await bert.goto(`${server.url}#/bijeenkomsten/${meeting.id}`);
  await expect(bert.getByText('Ingelogd als Bert Jansen')).toBeVisible();
  await bert.getByRole('button', { name: 'Live vastleggen' }).click();
  const input = bert.getByLabel('Wat zei de bewoner?');
  await expect(input).toBeFocused();
  await bert.keyboard.type('Het wijkteam neemt de telefoon niet op');
  await bert.keyboard.press('Enter');
  await expect(bert.getByRole('region', { name: 'Laatst vastgelegd' }).getByText('Het wijkteam neemt de telefoon niet op')).toBeVisible();

  // Carla sees it at once: no reload, no navigation, nothing clicked.
  await expect(table.getByRole('row', { name: /Het wijkteam neemt de telefoon niet op/ })).toBeVisible({ timeout: 2_000 });
  expect(carlaLoads).toBe(loadsBefore);
  expect(carla.url()).toBe(`${server.url}#/inbreng`);
  await expectNoAccessibilityViolations(carla);
  await saveScreenshot(carla, testInfo, 'live-inbreng-bijgewerkt');

  // And what Carla is typing meanwhile stays hers: the search field keeps its text through another update.
  const search = carla.getByLabel('Zoeken in inbreng');
  await search.fill('buurtbus');
  await expect(table.getByRole('row', { name: /Het wijkteam neemt de telefoon niet op/ })).toHaveCount(0);
  await bert.keyboard.type('Geen bankjes bij de bushalte van de buurtbus');
  await bert.keyboard.press('Enter');
  await expect(table.getByRole('row', { name: /Geen bankjes bij de bushalte/ })).toBeVisible({ timeout: 2_000 });
  await expect(search).toHaveValue('buurtbus');

  // Presence: both open the same advice; each sees the other; when Bert leaves it, Carla sees that too.
  const advice = await post<{ id: string }>(carlaContext.request, 'api/advices.create', { kind: 'ongevraagd', betreft: 'Vervoer op zondag' });
  await carla.goto(`${server.url}#/adviezen/${advice.id}`);
  await expect(carla.getByRole('heading', { level: 1, name: /Vervoer op zondag/ })).toBeVisible();
  await bert.goto(`${server.url}#/adviezen/${advice.id}`);
  await expect(bert.getByRole('status').filter({ hasText: 'Ook geopend door Carla Smit.' })).toBeVisible();
  await expect(carla.getByRole('status').filter({ hasText: 'Ook geopend door Bert Jansen.' })).toBeVisible({ timeout: 2_000 });
  await expectNoAccessibilityViolations(carla);
  await saveScreenshot(carla, testInfo, 'live-ook-geopend-door');
  await bert.goto(`${server.url}#/adviezen`);
  await expect(carla.getByText('Ook geopend door', { exact: false })).toHaveCount(0, { timeout: 2_000 });

  // Carla leaves the council: her stream ends with her session, and her open page returns to signing in by itself.
  const accounts = await post<{ id: string; login: string }[]>(adminContext.request, 'api/accounts.list', {});
  await post(adminContext.request, 'api/accounts.disable', { id: accounts.find((account) => account.login === 'carla')!.id });
  await expect(carla.getByRole('heading', { level: 1, name: 'Aanmelden' })).toBeVisible();

  await bertContext.close();
  await carlaContext.close();
  await adminContext.close();
});

interface Advice {
  id: string;
  sections: { id: string; items: { id: string; text: string }[] }[];
}

test('an update arriving while an advice item has unsaved typing leaves the typing alone', async ({ app }) => {
  const origin = new URL(app.url()).origin;
  const created = await callApi<Advice>(app, 'advices.create', { kind: 'ongevraagd', betreft: 'Tegelijk bewerkt', adviceDate: '2026-03-02', withDefaultSections: true });
  const advice = await callApi<Advice>(app, 'advices.addItem', { sectionId: created.sections[0]!.id, kind: 'bevinding', text: 'Eerste versie' });
  const itemId = advice.sections[0]!.items[0]!.id;
  await app.goto(`${origin}/#/adviezen/${advice.id}`);
  const item = app.getByLabel('Tekst van Punt I.1');
  await expect(item).toHaveValue('Eerste versie');

  // This page's save cannot get through for now (the connection is gone): the typing stays unsaved.
  await app.route('**/api/advices.updateItem', (route) => route.abort('connectionrefused'));
  await item.fill('Wat ik aan het typen ben');
  await item.blur();
  await expect(app.getByRole('status').filter({ hasText: 'Niet opgeslagen — opnieuw proberen…' })).toBeVisible();

  // Meanwhile someone else (another page of the same host) changes the same item; the change arrives here.
  const other = await app.context().newPage();
  await other.goto(origin);
  await callApi(other, 'advices.updateItem', { id: itemId, text: 'Tekst van de ander' });
  await expect(app.getByTestId('letter-preview')).toContainText('Tekst van de ander');
  // One more frame, so whatever that update would do to the field has been done.
  await app.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))');
  await expect(item).toHaveValue('Wat ik aan het typen ben');
  await other.close();
});
