import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { renderDocx } from '../helpers/docx';
import { callApi as call, expect, expectNoAccessibilityViolations, saveScreenshot, test } from './fixtures';
import { addDays, todayInNetherlands } from '../../shared/calendar';

/** Days back from today as the app counts it: the Dutch calendar day, not the UTC one (they differ after 23:00 UTC). */
function daysAgo(days: number): string {
  return addDays(todayInNetherlands(), -days);
}

interface Advice {
  id: string;
  kenmerk: string;
  sections: { id: string; items: { id: string }[] }[];
}

/** A sent advice with two recommendations, sent long enough ago that its answer is overdue. */
async function seedSentAdvice(page: Page): Promise<Advice> {
  await call(page, 'council.update', {
    name: 'Adviesraad Sociaal Domein Groningen',
    signatories: [{ name: 'Anna de Vries', role: 'voorzitter' }],
    kenmerkPattern: 'ASD-{jaar}-{volgnummer}',
    responseTermWeeks: 6,
  });
  const meeting = await call<{ id: string }>(page, 'meetings.create', { title: 'Wijkbijeenkomst Oosterpark', date: daysAgo(90) });
  const finding = await call<{ id: string }>(page, 'findings.create', { text: 'Het wijkteam neemt de telefoon niet op', meetingId: meeting.id });
  await call(page, 'findings.create', { text: 'Meneer De Boer op nummer 3 wacht al maanden', meetingId: meeting.id, containsPersonalData: true });
  let advice = await call<Advice>(page, 'advices.create', { kind: 'ongevraagd', betreft: 'Bereikbaarheid van de wijkteams', adviceDate: daysAgo(60) });
  advice = await call<Advice>(page, 'advices.addSection', { adviceId: advice.id, title: 'Aanbevelingen' });
  advice = await call<Advice>(page, 'advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'aanbeveling', text: 'Open een telefonisch spreekuur in elke wijk', findingIds: [finding.id] });
  advice = await call<Advice>(page, 'advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'aanbeveling', text: 'Publiceer de wachttijden van het wijkteam' });
  await call(page, 'advices.setStatus', { id: advice.id, status: 'vastgesteld', date: daysAgo(60) });
  return call<Advice>(page, 'advices.setStatus', { id: advice.id, status: 'verzonden', date: daysAgo(60) });
}

test('record a response for a sent advice, set positions by keyboard, add a commitment and see the dashboard change', async ({ app }, testInfo) => {
  test.setTimeout(240_000);
  const advice = await seedSentAdvice(app);
  const origin = new URL(app.url()).origin;

  // The dashboard: the advice waits for an answer, 18 days overdue; the navigation shows a badge.
  await app.goto(`${origin}/#/reacties`);
  await expect(app.getByRole('heading', { level: 1, name: 'Reacties en opvolging' })).toBeVisible();
  const awaiting = app.getByRole('region', { name: 'Adviezen die wachten op antwoord' });
  await expect(awaiting).toContainText(advice.kenmerk);
  await expect(awaiting).toContainText('18 dagen te laat');
  await expect(app.getByTestId('overdue-badge')).toContainText('1 te laat');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'reacties-dashboard-leeg');

  // Record the response.
  await awaiting.getByRole('link', { name: advice.kenmerk }).click();
  await expect(app.getByRole('heading', { level: 1, name: `Reactie op advies ${advice.kenmerk}` })).toBeVisible();
  await app.getByLabel('Kenmerk van de reactie').fill('GR-2026-4471');
  await app.getByLabel('Samenvatting').fill('Het college neemt het advies grotendeels over.');
  await app.getByLabel('Antwoordbrief (PDF of Word)').setInputFiles({ name: 'antwoord.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await app.getByRole('button', { name: 'Reactie vastleggen' }).click();
  await expect(app.getByTestId('response-status')).toContainText('reactie ontvangen');
  await expect(app.getByRole('button', { name: 'Antwoordbrief openen: antwoord.pdf' })).toBeVisible();
  const download = app.waitForEvent('download', { timeout: 30_000 });
  await app.getByRole('button', { name: 'Antwoordbrief openen: antwoord.pdf' }).click();
  expect((await download).suggestedFilename()).toBe('antwoord.pdf');

  // Positions by keyboard: focus the list, press 1 (overgenomen) and 4 (wordt onderzocht).
  await app.getByLabel('Standpunt bij 1.1').focus();
  await app.keyboard.press('1');
  await expect(app.getByRole('status')).toContainText('Bewaard.');
  await app.getByLabel('Tekst van het college bij 1.1').fill('Per 1 maart is er in elke wijk een spreekuur.');
  await app.keyboard.press('Tab');
  await app.getByLabel('Standpunt bij 1.2').focus();
  await app.keyboard.press('4');
  await app.getByLabel('Oordeel van de raad bij 1.2').selectOption('verder_bespreken');

  // A commitment; one due date, prefilled with the default term, here set to four weeks from today.
  await app.getByLabel('Wat is toegezegd').fill('Wachttijden staan vanaf het tweede kwartaal op de website.');
  await app.getByLabel('Eigenaar').fill('Wethouder Zorg');
  await app.getByLabel('Uiterlijk', { exact: true }).fill(addDays(todayInNetherlands(), 28));
  await app.getByRole('checkbox', { name: /1\.2/ }).check();
  await app.getByRole('button', { name: 'Toezegging toevoegen' }).click();
  const commitments = app.getByRole('region', { name: 'Toezeggingen' });
  await expect(commitments.getByRole('table')).toContainText('Wethouder Zorg');
  await expect(commitments.getByRole('table')).toContainText('1.2');
  await app.getByLabel('Wat', { exact: true }).fill('Gebeld met de beleidsmedewerker.');
  await app.getByRole('button', { name: 'Notitie toevoegen' }).click();
  await expect(app.getByRole('region', { name: 'Opvolging' })).toContainText('Gebeld met de beleidsmedewerker.');
  await expect(app.getByRole('region', { name: 'Statusgeschiedenis' })).toContainText('verzonden → reactie ontvangen');

  // A note entered by mistake is deleted after confirming.
  await app.getByLabel('Wat', { exact: true }).fill('Per ongeluk ingevoerd');
  await app.getByRole('button', { name: 'Notitie toevoegen' }).click();
  await app.getByRole('button', { name: 'Verwijderen: Per ongeluk ingevoerd' }).click();
  await app.getByRole('dialog').getByRole('button', { name: 'Verwijderen' }).click();
  await expect(app.getByRole('region', { name: 'Opvolging' })).not.toContainText('Per ongeluk ingevoerd');
  await expect(app.getByRole('region', { name: 'Opvolging' })).toContainText('Gebeld met de beleidsmedewerker.');

  // Reload: what was entered is there.
  await app.reload();
  await expect(app.getByLabel('Standpunt bij 1.1')).toHaveValue('overgenomen');
  await expect(app.getByLabel('Standpunt bij 1.2')).toHaveValue('wordt_onderzocht');
  await expect(app.getByLabel('Tekst van het college bij 1.1')).toHaveValue('Per 1 maart is er in elke wijk een spreekuur.');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'reactie-op-advies');

  // The dashboard changed: nothing waits any more, the commitment is due within 30 days, positions per year.
  await app.getByRole('link', { name: 'Terug naar het overzicht' }).click();
  await expect(app.getByRole('region', { name: 'Adviezen die wachten op antwoord' })).toContainText('Geen adviezen wachten op antwoord.');
  await expect(app.getByRole('region', { name: 'Toezeggingen: te laat en binnen 30 dagen' })).toContainText('Wachttijden staan');
  const positions = app.getByRole('region', { name: 'Standpunten van het college per jaar' });
  await expect(positions.getByRole('table')).toContainText('1 (50%)');
  await expect(app.getByTestId('overdue-badge')).toHaveCount(0);
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'reacties-dashboard');

  // The adviezenoverzicht of this year, as Word and as Excel.
  const year = String(new Date(Date.now() - 60 * 86_400_000).getFullYear());
  await app.getByLabel('Jaar', { exact: true }).selectOption(year);
  const written = async () => {
    const done = app.getByRole('status').filter({ hasText: 'Het bestand staat in' });
    await expect(done).toBeVisible({ timeout: 60_000 });
    const text = (await done.textContent())!;
    return /Het bestand staat in (.+)\.$/.exec(text.trim())![1]!;
  };
  await app.getByRole('button', { name: 'Als Word (.docx)' }).click();
  const docxPath = await written();
  expect(docxPath.endsWith(`Adviezenoverzicht ${year}.docx`)).toBe(true);
  const overviewText = (await renderDocx(readFileSync(docxPath))).text;
  expect(overviewText).toContain('Bereikbaarheid van de wijkteams');
  expect(overviewText).toContain('Status: reactie ontvangen');
  expect(overviewText).toContain('Wethouder Zorg');
  await app.getByRole('button', { name: 'Als Excel (.xlsx)' }).click();
  await expect(app.getByRole('status').filter({ hasText: '.xlsx' })).toBeVisible({ timeout: 60_000 });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await written());
  expect(workbook.getWorksheet('Adviezen')!.getRow(2).getCell(2).value).toBe('Bereikbaarheid van de wijkteams');

  // The terugkoppeling for the meeting: the finding, the advice, the college's answer; personal data left out.
  const source = app.getByLabel('Bijeenkomst of programma');
  await source.selectOption((await source.locator('option', { hasText: 'Wijkbijeenkomst Oosterpark' }).getAttribute('value'))!);
  await app.getByRole('button', { name: 'Terugkoppeling maken (.docx)' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Terugkoppeling' })).toBeVisible({ timeout: 60_000 });
  const feedbackText = (await renderDocx(readFileSync(await written()))).text;
  expect(feedbackText).toContain('U zei: "Het wijkteam neemt de telefoon niet op"');
  expect(feedbackText).toContain('De gemeente heeft dit overgenomen. Per 1 maart is er in elke wijk een spreekuur.');
  expect(feedbackText).not.toContain('De Boer');
  expect(feedbackText).toContain('1 punt staat niet in dit overzicht');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'reacties-export');

  // Each figure leads to its records.
  await positions.getByRole('link', { name: '1 (50%)' }).first().click();
  await expect(app.getByRole('heading', { level: 1 })).toContainText('overgenomen');
  await expect(app.getByRole('table')).toContainText('Open een telefonisch spreekuur');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'reacties-standpunten');
});
