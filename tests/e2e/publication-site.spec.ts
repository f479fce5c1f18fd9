import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import type { AdviceDetail } from '../../shared/api/advices';
import { buildSite } from '../../electron/core/publication/site';
import type { SiteAdvice, SiteData } from '../../electron/core/publication/site-data';
import { expectNoAccessibilityViolations } from './fixtures';

// The generated public site (no app needed): served from memory on 127.0.0.1, checked in Chromium.
const HOSTILE = '<b>vet</b> & "quotes" مرحبا';

function letter(id: string, kenmerk: string, betreft: string): AdviceDetail {
  return {
    id, kind: 'gevraagd', betreft, kenmerk, adviceDate: '2025-03-10', status: 'verzonden', adoptedOn: '2025-03-10', sentOn: '2025-03-11', requestId: null, version: 1,
    archivedAt: null, itemCount: 2, updatedAt: '2025-03-11T10:00:00.000Z', addressee: 'College van burgemeester en wethouders\nPostbus 30026\n9700 RM Groningen',
    openingText: 'Wij brengen u graag advies uit.', closingText: 'Wij zien uw reactie met belangstelling tegemoet.', signatories: [{ name: 'Anna de Vries', role: 'voorzitter' }], cc: [],
    references: [], meetingIds: [], frozen: true, versions: [],
    sections: [
      { id: `${id}-s1`, title: 'Conclusies', numbering: 'decimaal', number: '1', updatedAt: '2026-01-01T00:00:00.000Z', items: [
        { id: `${id}-i1`, sectionId: `${id}-s1`, kind: 'conclusie', text: `De wachttijd is te lang. ${HOSTILE}`, number: '1.1', findingIds: [], signalIds: [], relatedItemIds: [], crossReference: '', showMentions: false, mentions: '', updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'Test' },
      ] },
      { id: `${id}-s2`, title: 'Aanbevelingen', numbering: 'decimaal', number: '2', updatedAt: '2026-01-01T00:00:00.000Z', items: [
        { id: `${id}-i2`, sectionId: `${id}-s2`, kind: 'aanbeveling', text: 'Verkort de wachttijd voor een traplift tot acht weken, met een heel lang woord: Wmo-cliëntondersteuningsarrangementenregistratiesysteem', number: '2.1', findingIds: [], signalIds: [], relatedItemIds: [`${id}-i1`], crossReference: 'zie 1.1', showMentions: false, mentions: '', updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'Test' },
      ] },
    ],
  };
}

function advice(index: number): SiteAdvice {
  const id = `01900000-0000-7000-80aa-${String(index).padStart(12, '0')}`;
  const kenmerk = `ASD-2025-${String(index).padStart(3, '0')}`;
  return {
    id, kenmerk, betreft: `Hulpmiddelen ${index} ${HOSTILE}`, kind: 'gevraagd', adviceDate: '2025-03-10', sentOn: `2025-03-${String(10 + (index % 18)).padStart(2, '0')}`, publishedOn: '2025-03-28',
    letter: letter(id, kenmerk, `Hulpmiddelen ${index}`),
    pdf: index === 1 ? Buffer.from('%PDF-1.7\n%archief\n') : null,
    request: { receivedOn: '2025-02-01', fromWhom: 'College', subject: 'Beleidsplan hulpmiddelen', kenmerk: 'GEM-1', deadline: '2025-04-01', documents: ['Beleidsplan 2025'] },
    responses: [{ id: `${id}-r`, receivedOn: '2025-04-20', kenmerk: 'GEM-2', summary: 'Het college neemt het advies over.' }],
    recommendations: [{ itemId: `${id}-i2`, number: '2.1', text: 'Verkort de wachttijd', position: 'overgenomen', collegeText: 'Wij doen dit per 1 juli.' }],
    commitments: Array.from({ length: 3 }, (_, n) => ({ id: `${id}-c${n}`, description: `Toezegging ${n} bij ${kenmerk}`, dueOn: '2025-09-01', status: (['open', 'lopend', 'nagekomen'] as const)[n]!, itemIds: [`${id}-i2`] })),
    followup: [{ id: `${id}-f`, entryOn: '2025-05-01', text: 'Besproken in de raadscommissie.' }],
  };
}

const data: SiteData = {
  council: { name: `Adviesraad Sociaal Domein ${HOSTILE}`, municipality: 'Groningen', postalAddress: 'Postbus 1\n9700 AA Groningen', logoDataUrl: '' },
  advices: Array.from({ length: 60 }, (_, index) => advice(index + 1)),
  meetings: [{ id: 'm1', title: 'Wijkavond', date: '2025-03-04', startTime: '19:30', endTime: '21:00', location: 'Buurthuis', updatedAt: '2025-03-01T10:00:00.000Z' }],
  programmes: [],
};
// A meeting series whose input three advices took up: the residents' page of the terugkoppeling chain.
data.programmes.push({
  id: 'p1',
  name: `Wijkgesprekken ${HOSTILE}`,
  description: 'Vier avonden in de wijken over hulp bij het wonen.',
  meetings: [
    { id: 'm1', title: `Wijkavond ${HOSTILE}`, date: '2025-03-04', location: 'Buurthuis', inputCount: 12 },
    { id: 'm2', title: 'Inloop', date: '2025-03-18', location: '', inputCount: 1 },
  ],
  advices: data.advices.slice(0, 3).map((advice) => ({
    adviceId: advice.id,
    kenmerk: advice.kenmerk,
    betreft: advice.betreft,
    sentOn: advice.sentOn,
    said: [{ itemId: `${advice.id}-i1`, number: '1.1', text: `De wachttijd is te lang. ${HOSTILE}` }],
    recommendations: advice.recommendations.map((row) => ({ ...row, commitments: advice.commitments })),
  })),
});
const site = buildSite(data);
let server: Server;
let base = '';

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const file = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname.slice(1)) || 'index.html';
    const bytes = site.get(file);
    if (!bytes) return void response.writeHead(404).end();
    const type = file.endsWith('.html') ? 'text/html; charset=utf-8' : file.endsWith('.css') ? 'text/css' : file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream';
    // A strict policy, as a careful host would send: an inline script or style would be refused.
    response.writeHead(200, { 'content-type': type, 'content-security-policy': "default-src 'self'" }).end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
test.afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

const PAGES = ['index.html', 'adviezen/2025.html', `adviezen/${data.advices[0]!.id}.html`, 'toezeggingen/index.html', 'toezeggingen/open.html', 'open-data.html', 'programmas/p1.html'];

test('every kind of page: axe-clean, no external requests, no horizontal scroll at 640px, at most 100 KB', async ({ page }) => {
  const outside: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(base)) outside.push(request.url());
  });
  for (const width of [1366, 640]) {
    await page.setViewportSize({ width, height: 768 });
    for (const path of PAGES) {
      expect(site.get(path)!.length, path).toBeLessThanOrEqual(100 * 1024);
      await page.goto(base + path);
      await expect(page.locator('h1')).toHaveCount(1);
      if (width === 1366) await expectNoAccessibilityViolations(page);
      const scroll = await page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
      expect(scroll, `${path} at ${width}px`).toBeLessThanOrEqual(0);
    }
  }
  expect(outside).toEqual([]);
  // Markup in the data is shown as text.
  await page.goto(base + 'index.html');
  await expect(page.locator('header')).toContainText('<b>vet</b> & "quotes"');
  expect(await page.locator('header b').count()).toBe(0);
});

test('keyboard: skip link first, then the menu; the register filters are links that work without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(base + 'toezeggingen/index.html');
  await expect(page.getByRole('status')).toHaveText('180 toezeggingen: alle. Pagina 1 van 2.');
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveText('Naar de inhoud');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#inhoud$/);
  await page.getByRole('link', { name: /^nagekomen/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/nagekomen\.html$/);
  await expect(page.locator('tbody tr')).toHaveCount(60);
  await expect(page.locator('tbody')).not.toContainText('Toezegging 0');
  await expect(page.getByRole('status')).toHaveText('60 toezeggingen: nagekomen.');
  await page.getByRole('link', { name: /^alle/ }).click();
  await page.getByRole('link', { name: 'Pagina 2 van 2' }).click();
  await expect(page).toHaveURL(/alle-2\.html$/);
  await expect(page.locator('tbody tr')).toHaveCount(80);
  await context.close();
});

test('with JavaScript the register filters in place: same page, focus kept, count announced, Back works, axe-clean', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(base + 'toezeggingen/index.html');
  // A marker on the window: gone if the browser loaded a new page instead of filtering in place.
  await page.evaluate(() => Object.assign(globalThis, { stayed: true }));
  const stayed = () => page.evaluate(() => (globalThis as { stayed?: boolean }).stayed === true);
  const status = page.getByRole('status');
  await expect(status).toHaveAttribute('role', 'status');
  await expect(page.locator('tbody tr')).toHaveCount(100);

  const nagekomen = page.getByRole('link', { name: /^nagekomen/ });
  await nagekomen.focus();
  await page.keyboard.press('Enter');
  await expect(status).toHaveText('60 toezeggingen: nagekomen.');
  await expect(page).toHaveURL(/toezeggingen\/nagekomen\.html$/);
  await expect(page.locator('tbody tr')).toHaveCount(60);
  await expect(page.locator('tbody')).not.toContainText('Toezegging 0');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Register van toezeggingen: nagekomen');
  await expect(page).toHaveTitle(/^Register van toezeggingen: nagekomen/);
  await expect(nagekomen).toBeFocused();
  await expect(nagekomen).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('link', { name: /^alle/ })).not.toHaveAttribute('aria-current', 'page');
  expect(await stayed()).toBe(true);
  await expectNoAccessibilityViolations(page);

  // A status without commitments: the empty message, by keyboard from the filter list.
  const empty = page.locator('.filters a').filter({ hasText: '(0)' }).first();
  await empty.focus();
  await page.keyboard.press('Enter');
  await expect(status).toContainText('0 toezeggingen');
  await expect(page.locator('#register')).toHaveText('Geen toezeggingen met deze status.');

  // Back to all, then the second page through the pager: focus moves to the new current page link.
  await page.getByRole('link', { name: /^alle/ }).click();
  await expect(status).toHaveText('180 toezeggingen: alle. Pagina 1 van 2.');
  await page.getByRole('link', { name: 'Pagina 2 van 2' }).focus();
  await page.keyboard.press('Enter');
  await expect(status).toHaveText('180 toezeggingen: alle. Pagina 2 van 2.');
  await expect(page).toHaveURL(/alle-2\.html$/);
  await expect(page.locator('tbody tr')).toHaveCount(80);
  await expect(page.getByRole('link', { name: 'Pagina 2 van 2' })).toBeFocused();

  // The browser's Back button shows the previous filter again, still in place.
  await page.goBack();
  await expect(status).toHaveText('180 toezeggingen: alle. Pagina 1 van 2.');
  await page.goBack();
  await page.goBack();
  await expect(status).toHaveText('60 toezeggingen: nagekomen.');
  await expect(page.locator('tbody tr')).toHaveCount(60);
  expect(await stayed()).toBe(true);
  expect(errors).toEqual([]);
});

test('the residents’ page of a series leads by keyboard to the advice, whose archived PDF/A is linked', async ({ page }) => {
  await page.goto(base + 'index.html');
  await page.getByRole('link', { name: /^Wijkgesprekken/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/programmas\/p1\.html$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('wat deden wij met uw inbreng?');
  await expect(page.getByRole('heading', { level: 2, name: /^Advies ASD-2025-001/ })).toBeVisible();
  await expect(page.locator('main')).toContainText('Het college beloofde: Toezegging 2 bij ASD-2025-001 (uiterlijk 1 september 2025; stand van zaken: nagekomen)');
  await page.getByRole('link', { name: 'Lees het hele advies ASD-2025-001' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`adviezen/${data.advices[0]!.id}\\.html$`));
  const pdf = page.getByRole('link', { name: /als PDF \(PDF\/A/ });
  await expect(pdf).toHaveAttribute('href', `${data.advices[0]!.id}.pdf`);
  const response = await page.request.get(base + `adviezen/${data.advices[0]!.id}.pdf`);
  expect((await response.body()).toString('latin1')).toMatch(/^%PDF-/);
});
