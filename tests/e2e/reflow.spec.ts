import type { Page } from '@playwright/test';
import { addDays, todayInNetherlands } from '../../shared/calendar';
import { callApi as call, expect, expectNoAccessibilityViolations, saveScreenshot, test } from './fixtures';

/**
 * Reflow, zoom and focus (WCAG 1.4.10, 1.4.4, 2.4.7, 2.4.11) on every screen: no page-level sideways
 * scrolling at 1280×800, 640×400 (200 % of 1280) and 320×256 CSS px (400 %), axe at the widest and
 * the narrowest size, and a keyboard pass in which every focused element is in the viewport and not
 * under a sticky element (the sticky table headers).
 */
// Parallel: the screens are checked in groups, so both workers share the ~8 minutes of this file and no
// single test runs long enough to meet its timeout on a loaded machine (CI of 2026-12-07: the whole
// keyboard pass as one test took over 5 minutes, alone at the end of the run).
test.describe.configure({ mode: 'parallel' });

const SIZES = [
  { width: 1280, height: 800 },
  { width: 640, height: 400 },
  { width: 320, height: 256 },
];

interface Advice {
  id: string;
  kenmerk: string;
  sections: { id: string; items: { id: string }[] }[];
}

function daysAgo(days: number): string {
  return addDays(todayInNetherlands(), -days);
}

/** Enough data that each screen shows its tables, charts and long names. */
async function seed(page: Page): Promise<Record<string, string>> {
  await call(page, 'council.update', {
    name: 'Adviesraad Sociaal Domein Zuidwest-Friesland en omstreken',
    signatories: [{ name: 'Anna de Vries-van der Berghe', role: 'voorzitter' }],
    kenmerkPattern: 'ASD-{jaar}-{volgnummer}',
    responseTermWeeks: 6,
  });
  const wijk = await call<{ id: string }>(page, 'wijken.create', { name: 'Binnenstad-Noordoost en Stationsgebied' });
  const meeting = await call<{ id: string }>(page, 'meetings.create', {
    title: 'Wijkbijeenkomst over de bereikbaarheid van het sociaal wijkteam Binnenstad-Noordoost',
    date: daysAgo(90),
    startTime: '19:30',
    endTime: '21:30',
    wijkIds: [wijk.id],
  });
  const findings: string[] = [];
  for (const text of [
    'Het wijkteam neemt de telefoon niet op na vijf uur en bewoners weten niet waar zij dan terechtkunnen',
    'De regiotaxi komt vaak te laat',
    'Onduidelijk wie de mantelzorgondersteuning regelt',
  ]) {
    findings.push((await call<{ id: string }>(page, 'findings.create', { text, meetingId: meeting.id, tags: ['bereikbaarheid'] })).id);
  }
  // Enough rows that the findings table scrolls under its sticky header.
  for (let index = 1; index <= 40; index += 1) {
    await call(page, 'findings.create', { text: `Punt ${index} over de bereikbaarheid van voorzieningen in de wijk`, meetingId: meeting.id });
  }
  const signal = await call<{ id: string }>(page, 'signals.create', { title: 'Wijkteam slecht bereikbaar in de avonduren', findingIds: findings.slice(0, 2) });
  let advice = await call<Advice>(page, 'advices.create', { kind: 'ongevraagd', betreft: 'Bereikbaarheid van de sociale wijkteams in de avonduren en het weekend', adviceDate: daysAgo(60) });
  advice = await call<Advice>(page, 'advices.addSection', { adviceId: advice.id, title: 'Aanbevelingen' });
  advice = await call<Advice>(page, 'advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'aanbeveling', text: 'Open een telefonisch spreekuur in elke wijk', findingIds: [findings[0]!] });
  await call(page, 'advices.setStatus', { id: advice.id, status: 'vastgesteld', date: daysAgo(60) });
  advice = await call<Advice>(page, 'advices.setStatus', { id: advice.id, status: 'verzonden', date: daysAgo(60) });
  await call(page, 'commitments.create', {
    adviceId: advice.id,
    description: 'Wachttijden staan vanaf het tweede kwartaal op de website van de gemeente',
    owner: 'Wethouder Zorg en Welzijn',
    dueOn: daysAgo(-20),
    status: 'open',
    notes: '',
    itemIds: [],
  });
  // A response with a position, so the dashboard draws its charts.
  await call(page, 'responses.record', { adviceId: advice.id, receivedOn: daysAgo(30), kenmerk: 'GR-2026-17' });
  await call(page, 'responses.setPosition', { itemId: advice.sections[0]!.items[0]!.id, position: 'deels_overgenomen' });
  const draft = await call<Advice>(page, 'advices.create', { kind: 'gevraagd', betreft: 'Beleidsplan Wmo 2027', withDefaultSections: true });
  const team = await call<{ id: string }>(page, 'wijkteams.create', {
    name: 'Sociaal Wijkteam Binnenstad-Noordoost',
    wijkIds: [wijk.id],
    organisations: ['Welzijnsorganisatie Binnenstad', 'GGD'],
    disciplines: ['opbouwwerker', 'maatschappelijk werker'],
  });
  // Two assessed quarters, so the trend page draws a chart.
  const frameworks = await call<{ builtinKey: string | null; criteria: { id: string; measureType: string }[] }[]>(page, 'frameworks.list', {});
  const score = frameworks.find((framework) => framework.builtinKey === 'avi')!.criteria.find((criterion) => criterion.measureType === 'score')!;
  const year = daysAgo(60).slice(0, 4);
  await call(page, 'assessments.save', { wijkteamId: team.id, criterionId: score.id, periodKey: `${year}-K1`, value: 3 });
  await call(page, 'assessments.save', { wijkteamId: team.id, criterionId: score.id, periodKey: `${year}-K2`, value: 4 });
  await call(page, 'members.create', { name: 'Çiğdem Öztürk-Vandenbroucke', role: 'voorzitter', termStart: '2024-01-01', email: 'cigdem@example.nl' });
  return { meeting: meeting.id, advice: advice.id, draft: draft.id, team: team.id, signal: signal.id, year: daysAgo(60).slice(0, 4) };
}

/** This worker's host and what was seeded in it: each worker that runs a test of this file seeds its own host once. */
let seededHost: { origin: string; ids: Record<string, string> } | undefined;

async function seededIds(page: Page): Promise<Record<string, string>> {
  const origin = new URL(page.url()).origin;
  if (seededHost?.origin !== origin) seededHost = { origin, ids: await seed(page) };
  return seededHost.ids;
}

interface Screen {
  name: string;
  path: string;
  heading: RegExp;
}

/** Every screen, by its hash path; the ids come from the seed. */
function screens(seeded: Record<string, string>): Screen[] {
  return [
    { name: 'start', path: '/', heading: /./ },
    { name: 'bijeenkomsten', path: '/bijeenkomsten', heading: /Bijeenkomsten/ },
    { name: 'bijeenkomst', path: `/bijeenkomsten/${seeded.meeting}`, heading: /Wijkbijeenkomst/ },
    { name: 'inbreng', path: '/inbreng', heading: /Inbreng/ },
    { name: 'signalen', path: '/inbreng/signalen', heading: /Signalen/i },
    { name: 'signaal', path: `/inbreng/signalen/${seeded.signal}`, heading: /Signalen/i },
    { name: 'prioriteren', path: '/inbreng/prioriteren', heading: /Prioriteren/i },
    { name: 'importeren', path: '/inbreng/importeren', heading: /Importeren/i },
    { name: 'adviezen', path: '/adviezen', heading: /Adviezen/ },
    { name: 'advies', path: `/adviezen/${seeded.draft}`, heading: /Beleidsplan/ },
    { name: 'reacties', path: '/reacties', heading: /Reacties/ },
    { name: 'reactie', path: `/reacties/${seeded.advice}`, heading: /Reactie op advies/ },
    { name: 'reacties-jaar', path: `/reacties/jaar/${seeded.year}`, heading: new RegExp(seeded.year!) },
    { name: 'wijkteams-matrix', path: '/wijkteams', heading: /Wijkteams/ },
    { name: 'wijkteams-ontwikkeling', path: '/wijkteams/ontwikkeling', heading: /Wijkteams/ },
    { name: 'wijkteams-teams', path: '/wijkteams/teams', heading: /Wijkteams/ },
    { name: 'wijkteam', path: `/wijkteams/teams/${seeded.team}`, heading: /Binnenstad-Noordoost/ },
    { name: 'wijkteams-criteria', path: '/wijkteams/criteria', heading: /Wijkteams/ },
    { name: 'raad', path: '/raad', heading: /./ },
    { name: 'raad-vergaderingen', path: '/raad/vergaderingen', heading: /./ },
    { name: 'raad-acties', path: '/raad/acties', heading: /./ },
    { name: 'raad-planning', path: '/raad/planning', heading: /./ },
    { name: 'instellingen', path: '/instellingen', heading: /Instellingen/ },
    { name: 'privacy', path: '/privacy', heading: /./ },
  ];
}

/** The screens in groups of six, one test each; a test below checks that they name every screen once. */
const SCREEN_GROUPS = [
  ['start', 'bijeenkomsten', 'bijeenkomst', 'inbreng', 'signalen', 'signaal'],
  ['prioriteren', 'importeren', 'adviezen', 'advies', 'reacties', 'reactie'],
  ['reacties-jaar', 'wijkteams-matrix', 'wijkteams-ontwikkeling', 'wijkteams-teams', 'wijkteam', 'wijkteams-criteria'],
  ['raad', 'raad-vergaderingen', 'raad-acties', 'raad-planning', 'instellingen', 'privacy'],
];

function screensNamed(names: string[], seeded: Record<string, string>): Screen[] {
  return screens(seeded).filter((screen) => names.includes(screen.name));
}

async function open(page: Page, path: string, heading: RegExp): Promise<void> {
  const origin = new URL(page.url()).origin;
  await page.goto(`${origin}/#${path}`);
  await expect(page.getByRole('heading', { level: 1, name: heading }).first()).toBeVisible();
  await expect(page.getByText('Bezig met laden…')).toHaveCount(0);
}

/*
 * The two measurements run in the page. They are plain JavaScript source because the test program
 * is type-checked without the DOM library (tsconfig.node.json).
 */

/** How far the page itself scrolls sideways (0 when it reflows), after layout settles. */
const SIDEWAYS_OVERFLOW = `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
  const root = document.scrollingElement;
  resolve(root.scrollWidth - root.clientWidth);
})))`;

/**
 * What is wrong with the focused element's position, or null: out of view, or covered by another element.
 * Measured after the next two frames, as a user sees it: a focus move into the virtual findings table
 * scrolls it, and the rows it brings into view are placed in the render that scroll starts (CI27 on a
 * loaded machine measured a row checkbox before that render, clipped by the table's paint boundary).
 */
const FOCUS_PROBLEM = `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve((() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const describe = (node) =>
    node.tagName.toLowerCase() + (node.id ? '#' + node.id : '') +
    (node.getAttribute('aria-label') ? '[' + node.getAttribute('aria-label') + ']' : '') +
    ' "' + (node.textContent || '').trim().slice(0, 40) + '"';
  const rect = element.getBoundingClientRect();
  if (rect.width * rect.height < 4) return null; // e.g. a visually hidden input behind its label
  const left = Math.max(rect.left, 0);
  const right = Math.min(rect.right, window.innerWidth);
  const top = Math.max(rect.top, 0);
  const bottom = Math.min(rect.bottom, window.innerHeight);
  if (right - left < 1 || bottom - top < 1) {
    return describe(element) + ' outside the viewport at ' + Math.round(rect.left) + ',' + Math.round(rect.top);
  }
  const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
  if (!hit || element.contains(hit) || hit.contains(element)) return null;
  const label = hit.closest('label');
  if (label && label.control === element) return null;
  return describe(element) + ' covered by ' + describe(hit);
})()))))`;

/** The elements that stick out past the right edge, innermost first: named in a failure. */
const STICKING_OUT = `(() => {
  const out = (node) => node.getBoundingClientRect().right > document.scrollingElement.clientWidth + 1;
  const unclipped = (node) => {
    // An absolutely positioned box escapes the scrolling boxes between it and its containing block.
    if (['absolute', 'fixed'].includes(getComputedStyle(node).position)) return true;
    for (let parent = node.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
      if (getComputedStyle(parent).overflowX !== 'visible') return false;
    }
    return true;
  };
  return [...document.querySelectorAll('body *')]
  .filter((node) => out(node) && unclipped(node))
  .filter((node) => ![...node.children].some((child) => out(child)))
  .slice(0, 3)
  .map((node) => node.tagName.toLowerCase() + '.' + [...node.classList].join('.') + ' "' + (node.textContent || '').trim().slice(0, 30) + '"')
  .join(', ');
})()`;

async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate<number>(SIDEWAYS_OVERFLOW);
}

async function focusProblem(page: Page): Promise<string | null> {
  return page.evaluate<string | null>(FOCUS_PROBLEM);
}

test('the screen groups name every screen once', async ({ app }) => {
  const names = screens(await seededIds(app)).map((screen) => screen.name);
  expect(SCREEN_GROUPS.flat().sort()).toEqual([...names].sort());
});

for (const group of SCREEN_GROUPS) {
  test(`every screen reflows: no sideways scrolling of the page at 1280, 640 and 320 CSS px; axe at 1280 and 320 (${group.join(', ')})`, async ({ app }, testInfo) => {
    test.setTimeout(180_000);
    const problems: string[] = [];
    for (const screen of screensNamed(group, await seededIds(app))) {
      for (const size of SIZES) {
        await app.setViewportSize(size);
        await open(app, screen.path, screen.heading);
        const overflow = await sidewaysOverflow(app);
        if (overflow > 0) {
          problems.push(`${screen.name} at ${size.width}×${size.height}: page scrolls ${overflow}px sideways (${await app.evaluate<string>(STICKING_OUT)})`);
        }
        if (size.width !== 640) {
          await expectNoAccessibilityViolations(app).catch((error: unknown) => problems.push(`${screen.name} at ${size.width}px: ${String(error)}`));
        }
        if (size.width === 320) await saveScreenshot(app, testInfo, `${screen.name}-320`);
      }
      await app.setViewportSize({ width: 1366, height: 768 });
      await saveScreenshot(app, testInfo, `${screen.name}-1366`);
    }
    expect(problems).toEqual([]);
  });

  for (const size of SIZES.slice(0, 2)) {
    test(`keyboard pass at ${size.width} px: each focused element is in view and not under a sticky element (${group.join(', ')})`, async ({ app }) => {
      test.setTimeout(180_000);
      const problems: string[] = [];
      const groupScreens = screensNamed(group, await seededIds(app));
      await app.setViewportSize(size);
      for (const screen of groupScreens) {
        await open(app, screen.path, screen.heading);
        // Forwards through the first stops of the page, then back (Shift+Tab is where sticky headers cover).
        for (const key of [...Array<string>(40).fill('Tab'), ...Array<string>(15).fill('Shift+Tab')]) {
          await app.keyboard.press(key);
          const problem = await focusProblem(app);
          if (problem) problems.push(`${screen.name} at ${size.width}px after ${key}: ${problem}`);
        }
      }
      expect([...new Set(problems)]).toEqual([]);
    });
  }
}

test('charts stay out of the Tab order; their tables carry the figures under distinct captions', async ({ app }) => {
  await seededIds(app);
  await app.setViewportSize({ width: 1280, height: 800 });
  for (const screen of [
    { path: '/reacties', heading: /Reacties/ },
    { path: '/wijkteams/ontwikkeling', heading: /Wijkteams/ },
  ]) {
    await open(app, screen.path, screen.heading);
    if (screen.path === '/wijkteams/ontwikkeling') {
      await app.getByRole('radio', { name: 'Eén team, alle criteria' }).check();
      await app.getByRole('button', { name: 'Toon ontwikkeling' }).click();
    }
    await expect(app.locator('svg.recharts-surface').first()).toBeVisible();
    for (let step = 0; step < 80; step += 1) {
      await app.keyboard.press('Tab');
      expect(await app.evaluate<boolean>('Boolean(document.activeElement && document.activeElement.closest("svg"))'), `${screen.path}: Tab ${step + 1} lands in a chart`).toBe(false);
    }
  }
  await open(app, '/reacties', /Reacties/);
  await expect(app.getByRole('table', { name: 'Tabel bij de grafiek: standpunten van het college per jaar' })).toBeVisible();
  await expect(app.getByRole('table', { name: 'Tabel bij de grafiek: overname van aanbevelingen per jaar' })).toBeVisible();
});

test('focus on the navy sidebar: a yellow ring and white text (at least 3:1), not the dark page ring', async ({ app }, testInfo) => {
  await seededIds(app);
  await app.setViewportSize({ width: 1280, height: 800 });
  await open(app, '/', /./);
  const button = app.getByRole('button', { name: 'Naam wijzigen' });
  await button.focus();
  await app.keyboard.press('Shift+Tab');
  await app.keyboard.press('Tab');
  await expect(button).toBeFocused();
  const style = await app.evaluate<Record<string, string>>(`(() => {
    const computed = getComputedStyle(document.activeElement);
    return { outline: computed.outlineColor, outlineStyle: computed.outlineStyle, color: computed.color, background: computed.backgroundColor };
  })()`);
  // #ffbf47 on the sidebar's #123865 is 7.8:1; the text stays white on the navy (11:1).
  expect(style).toEqual({ outline: 'rgb(255, 191, 71)', outlineStyle: 'solid', color: 'rgb(255, 255, 255)', background: 'rgba(0, 0, 0, 0)' });
  await saveScreenshot(app, testInfo, 'sidebar-focus');
});

test('findings table: row check boxes reached with Tab and Shift+Tab never sit under the sticky column headers', async ({ app }) => {
  await seededIds(app);
  await app.setViewportSize({ width: 1280, height: 800 });
  await open(app, '/inbreng', /Inbreng/);
  const rows = app.getByRole('region', { name: 'Tabel met inbreng (scrollbaar)' });
  await rows.getByRole('checkbox').first().focus();
  const problems: string[] = [];
  for (const key of [...Array<string>(25).fill('Tab'), ...Array<string>(25).fill('Shift+Tab')]) {
    await app.keyboard.press(key);
    const problem = await focusProblem(app);
    if (problem) problems.push(`after ${key}: ${problem}`);
  }
  expect(problems).toEqual([]);
});

test('narrow window: the navigation folds into a Menu button that opens, closes with Escape and returns focus', async ({ app }) => {
  await seededIds(app);
  await app.setViewportSize({ width: 320, height: 256 });
  await open(app, '/', /./);
  const navigation = app.getByRole('navigation', { name: 'Hoofdmenu' });
  const menu = app.getByRole('button', { name: 'Menu' });
  await expect(navigation).toBeHidden();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');

  await menu.focus();
  await app.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(navigation).toBeVisible();
  await app.keyboard.press('Tab');
  await expect(navigation.getByRole('link', { name: 'Start' })).toBeFocused();
  await app.keyboard.press('Escape');
  await expect(navigation).toBeHidden();
  await expect(menu).toBeFocused();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');

  // Choosing a page closes the menu and moves focus to the page, as at full width.
  await menu.click();
  await navigation.getByRole('link', { name: 'Adviezen' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Adviezen' })).toBeVisible();
  await expect(navigation).toBeHidden();
  await expect(app.locator('main')).toBeFocused();
  await expectNoAccessibilityViolations(app);

  // Wide: no Menu button, the navigation is always there.
  await app.setViewportSize({ width: 1280, height: 800 });
  await expect(menu).toBeHidden();
  await expect(navigation).toBeVisible();
});
