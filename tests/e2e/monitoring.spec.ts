import { expect, expectNoAccessibilityViolations, saveScreenshot, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

test('monitoring: create a team, assess two periods with the AVI framework, see the trend, export', async ({ app }, testInfo) => {
  // The whole monitoring scenario in one test (about 20 screens, each with an axe run and a
  // screenshot): on a 2-core CI machine it takes close to the 60 s default, so it gets the budget
  // the other long scenarios have. No step waits on time; each waits for what the user sees.
  test.setTimeout(150_000);
  const origin = new URL(app.url()).origin;

  // A wijk for the team to serve.
  await app.goto(`${origin}/#/instellingen`);
  const wijken = app.getByRole('region', { name: 'Wijken' });
  await wijken.getByRole('button', { name: 'Wijk toevoegen' }).click();
  await wijken.getByLabel('Naam', { exact: true }).fill('Noord');
  await wijken.getByRole('button', { name: 'Opslaan' }).click();
  await expect(wijken.getByRole('cell', { name: 'Noord', exact: true })).toBeVisible();

  // The team.
  await app.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Wijkteams' }).click();
  await app.getByRole('navigation', { name: 'Onderdelen van monitoring' }).getByRole('link', { name: 'Teams' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Wijkteams: teams' })).toBeVisible();
  await app.getByRole('button', { name: 'Wijkteam toevoegen' }).click();
  await expect(app.getByLabel('Naam van het team')).toBeFocused();
  await app.getByLabel('Naam van het team').fill('Wijkteam Noord');
  await app.getByRole('checkbox', { name: 'Noord' }).check();
  await app.getByLabel('Organisaties').fill('Welzijn Noord\nGGD');
  await app.getByLabel('Samenstelling (disciplines)').fill('opbouwwerker\nmaatschappelijk werker\nwijkverpleegkundige');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'wijkteams-teamformulier');
  await app.getByRole('button', { name: 'Opslaan' }).click();
  await expect(app.getByRole('link', { name: 'Wijkteam Noord' })).toBeVisible();
  await expect(app.getByRole('cell', { name: 'opbouwwerker, maatschappelijk werker, wijkverpleegkundige' })).toBeVisible();
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'wijkteams-teams');

  // Input from residents in the team's wijk (the meetings feature's API), to link to an assessment.
  const created = await app.evaluate(async () => {
    const wijken = (await (await fetch('api/wijken.list', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json()) as {
      value: { id: string; name: string }[];
    };
    const noord = wijken.value.find((wijk) => wijk.name === 'Noord')!;
    const response = await fetch('api/findings.create', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Het wijkteam is slecht bereikbaar in de avond', wijkId: noord.id, date: '2026-05-12' }),
    });
    return ((await response.json()) as { ok: boolean }).ok;
  });
  expect(created).toBe(true);

  // The matrix for 2026 Q1 with the AVI framework.
  await app.getByRole('navigation', { name: 'Onderdelen van monitoring' }).getByRole('link', { name: 'Overzicht per periode' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Wijkteams: overzicht per periode' })).toBeVisible();
  await app.getByLabel('Soort periode').selectOption('quarter');
  await app.getByLabel('Jaar').fill('2026');
  await app.getByLabel('Kwartaal', { exact: true }).selectOption('1');
  await expect(app.getByLabel('Criteriakader')).toHaveValue(/.+/);
  await expect(app.getByLabel('Criteriakader').locator('option:checked')).toHaveText('AVI: effecten van sociale wijkteams');
  const matrix = app.getByRole('table', { name: /Beoordelingen van 1e kwartaal 2026/ });
  const satisfactionCell = matrix.getByRole('button', { name: /^Wijkteam Noord, Tevredenheid van bewoners: ontbreekt/ });
  await expect(satisfactionCell).toContainText('? ontbreekt');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'wijkteams-matrix-leeg');

  // Assess by mouse: a score.
  await satisfactionCell.click();
  const dialog = app.getByRole('dialog', { name: 'Beoordelen: Wijkteam Noord' });
  await expect(dialog).toContainText('Tevredenheid van bewoners – 1e kwartaal 2026');
  await dialog.getByRole('radio', { name: '3 van 5' }).check();
  await dialog.getByLabel('Onderbouwing (optioneel)').fill('Bewonersenquête: gemiddeld tevreden.');
  await dialog.getByLabel('Bronnen (optioneel)').fill('Bewonersenquête 2026');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'wijkteams-beoordelen');
  await dialog.getByRole('button', { name: 'Beoordeling opslaan' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.getByText('Beoordeling opgeslagen: Wijkteam Noord, Tevredenheid van bewoners, 1e kwartaal 2026.')).toBeVisible();
  await expect(matrix.getByRole('button', { name: /^Wijkteam Noord, Tevredenheid van bewoners: 3 van 5 \(matig\)/ })).toContainText('! 3 van 5');

  // Opened again, the dialog puts the focus on the chosen score, not on "1 van 5".
  await matrix.getByRole('button', { name: /^Wijkteam Noord, Tevredenheid van bewoners: 3 van 5/ }).click();
  await expect(dialog.getByRole('radio', { name: '3 van 5' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Annuleren' }).click();
  await expect(dialog).toBeHidden();

  // Assess by keyboard: arrow to the count cell, Enter, type, Enter.
  await matrix.getByRole('button', { name: /^Wijkteam Noord, Tevredenheid van bewoners/ }).focus();
  for (let step = 0; step < 4; step += 1) await app.keyboard.press('ArrowRight');
  await expect(matrix.getByRole('button', { name: /^Wijkteam Noord, Aantal bewonersinitiatieven/ })).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(dialog.getByLabel('Waarde (Aantal)')).toBeFocused();
  await app.keyboard.type('-2');
  await app.keyboard.press('Enter');
  await expect(dialog.getByText('Een aantal is een heel getal van 0 tot en met 1000000.').first()).toBeVisible();
  await dialog.getByLabel('Waarde (Aantal)').fill('4');
  await app.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(matrix.getByRole('button', { name: /^Wijkteam Noord, Aantal bewonersinitiatieven: 4/ })).toBeFocused();

  // The second period: the change versus the previous one shows in the cells.
  await app.getByRole('button', { name: 'Volgende periode ▶' }).click();
  const matrix2 = app.getByRole('table', { name: /Beoordelingen van 2e kwartaal 2026/ });
  await matrix2.getByRole('button', { name: /^Wijkteam Noord, Tevredenheid van bewoners/ }).click();
  await dialog.getByRole('radio', { name: '4 van 5' }).check();
  await dialog.getByRole('checkbox', { name: /Het wijkteam is slecht bereikbaar in de avond/ }).check();
  await dialog.getByRole('button', { name: 'Beoordeling opslaan' }).click();
  await expect(dialog).toBeHidden();
  await matrix2.getByRole('button', { name: /^Wijkteam Noord, Aantal bewonersinitiatieven/ }).click();
  await dialog.getByLabel('Waarde (Aantal)').fill('7');
  await dialog.getByRole('button', { name: 'Beoordeling opslaan' }).click();
  await expect(dialog).toBeHidden();
  await matrix2.getByRole('button', { name: /^Wijkteam Noord, Problemen in de wijk opgelost/ }).click();
  await dialog.getByRole('radio', { name: 'Oranje' }).check();
  await dialog.getByRole('button', { name: 'Beoordeling opslaan' }).click();
  await expect(dialog).toBeHidden();
  const satisfaction2 = matrix2.getByRole('button', { name: /^Wijkteam Noord, Tevredenheid van bewoners/ });
  await expect(satisfaction2).toContainText('✔ 4 van 5');
  await expect(satisfaction2).toContainText('▲ +1 (verbeterd)');
  await expect(matrix2.getByRole('button', { name: /^Wijkteam Noord, Aantal bewonersinitiatieven/ })).toContainText('▲ +3 (verbeterd)');
  await expect(matrix2.getByRole('button', { name: /^Wijkteam Noord, Problemen in de wijk opgelost/ })).toContainText('! Oranje');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'wijkteams-matrix-tweede-periode');

  // A correction keeps the earlier version.
  await satisfaction2.click();
  await dialog.getByRole('radio', { name: '5 van 5' }).check();
  await dialog.getByRole('button', { name: 'Beoordeling opslaan' }).click();
  await expect(dialog).toBeHidden();
  await satisfaction2.click();
  await expect(dialog.getByRole('region', { name: 'Eerdere versies' })).toContainText('4 van 5, beoordeeld door Test Secretaris');
  await dialog.getByRole('button', { name: 'Annuleren' }).click();

  // Advies opstellen: two assessments of this period become items of a new draft advice.
  const draft = app.getByRole('region', { name: 'Advies opstellen' });
  await draft.getByRole('checkbox', { name: 'Wijkteam Noord – Tevredenheid van bewoners: 5 van 5' }).check();
  await draft.getByRole('checkbox', { name: 'Wijkteam Noord – Aantal bewonersinitiatieven: 7' }).check();
  await expect(draft.getByLabel('Betreft')).toHaveValue('Monitoring sociale wijkteams, 2e kwartaal 2026');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'wijkteams-advies-opstellen');
  await draft.getByRole('button', { name: 'Conceptadvies opstellen' }).click();
  await expect(draft.getByText(/^Conceptadvies .+ is opgesteld met 2 punten\./)).toBeVisible();

  // Export: the report and the CSV, as jobs.
  const exportSection = app.getByRole('region', { name: 'Exporteren' });
  await exportSection.getByRole('button', { name: 'Monitoringrapport (.docx)' }).click();
  await expect(exportSection.getByText(/^Opgeslagen: .*monitoring-2026-K2-.*\.docx$/)).toBeVisible({ timeout: 60_000 });
  await exportSection.getByRole('button', { name: 'Gegevens (CSV)' }).click();
  await expect(exportSection.getByText(/^Opgeslagen: .*monitoring-.*\.csv$/)).toBeVisible({ timeout: 60_000 });
  await expectNoAccessibilityViolations(app);

  // The draft advice opens in the advices editor.
  await draft.getByRole('link', { name: 'Open het conceptadvies' }).click();
  await expect(app).toHaveURL(/#\/adviezen\/[0-9a-f-]{36}$/);
  await expect(app.getByRole('heading', { level: 1, name: /Monitoring sociale wijkteams, 2e kwartaal 2026/ })).toBeVisible();
  const adviceSection = app.getByRole('region', { name: 'Uit de monitoring van de sociale wijkteams' });
  await expect(adviceSection).toBeVisible();
  await expect(adviceSection.locator('textarea').first()).toHaveValue(/^Wijkteam Noord, Tevredenheid van bewoners \(2e kwartaal 2026\): 5 van 5; \+2 \(verbeterd\) ten opzichte van 1e kwartaal 2026\./);
  await saveScreenshot(app, testInfo, 'wijkteams-conceptadvies');
  await app.goto(`${origin}/#/wijkteams`);

  // The trend: one criterion over the periods, with the table alternative.
  await app.getByRole('navigation', { name: 'Onderdelen van monitoring' }).getByRole('link', { name: 'Ontwikkeling' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Wijkteams: ontwikkeling' })).toBeVisible();
  await app.getByLabel('Criterium', { exact: true }).selectOption({ label: 'Tevredenheid van bewoners' });
  await app.getByRole('button', { name: 'Toon ontwikkeling' }).click();
  const trendTable = app.getByRole('table', { name: 'Tabel: Tevredenheid van bewoners' });
  await expect(trendTable.getByRole('row', { name: /1e kwartaal 2026/ })).toContainText('3 van 5');
  await expect(trendTable.getByRole('row', { name: /2e kwartaal 2026/ })).toContainText('5 van 5 ▲ +2 (verbeterd)');
  await expect(app.getByText('Wijkteam Noord: 2 van 2 perioden beoordeeld; van 3 van 5 (1e kwartaal 2026) naar 5 van 5 (2e kwartaal 2026): ▲ +2 (verbeterd).')).toBeVisible();
  await expect(app.locator('.recharts-line')).toHaveCount(1);
  // A narrower range: from the second quarter only.
  await app.getByLabel('Van', { exact: true }).selectOption({ label: '2e kwartaal 2026' });
  await app.getByRole('button', { name: 'Toon ontwikkeling' }).click();
  await expect(trendTable.getByRole('row')).toHaveCount(2);
  await expect(trendTable.getByRole('row', { name: /1e kwartaal 2026/ })).toHaveCount(0);
  await app.getByLabel('Van', { exact: true }).selectOption({ label: '(eerste met gegevens)' });
  await app.getByRole('button', { name: 'Toon ontwikkeling' }).click();
  await expect(trendTable.getByRole('row')).toHaveCount(3);
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'wijkteams-ontwikkeling-criterium');

  // One team across the criteria.
  await app.getByRole('radio', { name: 'Eén team, alle criteria' }).check();
  await app.getByRole('button', { name: 'Toon ontwikkeling' }).click();
  await expect(app.getByRole('table', { name: 'Tabel: Wijkteam Noord: Aantal bewonersinitiatieven' }).getByRole('row', { name: /2e kwartaal 2026/ })).toContainText(
    '7 ▲ +3 (verbeterd)',
  );
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'wijkteams-ontwikkeling-team');

  // The team page: composition and latest assessments.
  await app.getByRole('navigation', { name: 'Onderdelen van monitoring' }).getByRole('link', { name: 'Teams' }).click();
  await app.getByRole('link', { name: 'Wijkteam Noord' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Wijkteam Noord' })).toBeVisible();
  const latest = app.getByRole('region', { name: 'Laatste beoordelingen' });
  await expect(latest.getByRole('row', { name: /Tevredenheid van bewoners/ })).toContainText('2e kwartaal 2026');
  await expect(latest.getByRole('row', { name: /Tevredenheid van bewoners/ })).toContainText('✔ 5 van 5 (goed)');
  await expect(app.getByRole('region', { name: 'Samenstelling' })).toContainText('wijkverpleegkundige');
  await expect(app.getByRole('region', { name: 'Inbreng uit de wijken van dit team' })).toContainText('Het wijkteam is slecht bereikbaar in de avond');
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'wijkteams-teampagina');

  // Criteria: a criterion in use cannot be deleted, only retired.
  await app.getByRole('navigation', { name: 'Onderdelen van monitoring' }).getByRole('link', { name: 'Criteria' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Wijkteams: criteriakaders' })).toBeVisible();
  await app.getByRole('button', { name: 'Verwijderen: Tevredenheid van bewoners' }).click();
  await app.getByRole('dialog', { name: 'Verwijderen' }).getByRole('button', { name: 'Verwijderen' }).click();
  await expect(app.getByRole('alert')).toContainText('kan niet worden verwijderd');
  await app.getByRole('button', { name: 'Buiten gebruik zetten: Tevredenheid van bewoners' }).click();
  await expect(app.getByRole('button', { name: 'Weer in gebruik nemen: Tevredenheid van bewoners' })).toBeVisible();
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'wijkteams-criteria');

  // The retired criterion leaves the matrix, but its assessments can still be shown.
  await app.getByRole('navigation', { name: 'Onderdelen van monitoring' }).getByRole('link', { name: 'Overzicht per periode' }).click();
  const matrixRetired = app.getByRole('table', { name: /Beoordelingen van 2e kwartaal 2026/ });
  await expect(matrixRetired.getByRole('columnheader', { name: /Tevredenheid van bewoners/ })).toHaveCount(0);
  await app.getByRole('checkbox', { name: 'Toon ook criteria die buiten gebruik zijn' }).check();
  await expect(matrixRetired.getByRole('button', { name: /^Wijkteam Noord, Tevredenheid van bewoners: 5 van 5/ })).toBeVisible();

  // The wijk the team serves cannot be deleted.
  await app.goto(`${origin}/#/instellingen`);
  await wijken.getByRole('button', { name: 'Verwijderen: Noord' }).click();
  await app.getByRole('dialog', { name: 'Verwijderen' }).getByRole('button', { name: 'Verwijderen' }).click();
  await expect(wijken.getByText(/^Wijk "Noord" kan niet worden verwijderd, want deze is in gebruik bij: .*1 wijkteam\b/)).toBeVisible();
});
