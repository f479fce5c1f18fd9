import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { expect, expectNoAccessibilityViolations, saveScreenshot, test } from './fixtures';

// Instellingen → Publicatie: the site's colour is stored through the contract (errors at the field, in
// Dutch), and the website .zip made by the job carries it.
test('the site colour: a colour picker with a text field, Dutch errors at the field, stored, and used by the website .zip', async ({ app }, testInfo) => {
  await app.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Instellingen' }).click();
  const section = app.getByRole('region', { name: 'Publicatie' });
  await section.scrollIntoViewIfNeeded();
  const text = section.getByRole('textbox', { name: 'Hoofdkleur van de website' });
  const picker = section.getByLabel('Kies de kleur');
  await expect(text).toHaveValue('#1d4f91');
  await expect(picker).toHaveAttribute('type', 'color');
  await expect(picker).toHaveValue('#1d4f91');
  const save = section.getByRole('button', { name: 'Kleur bewaren' });

  // Not a colour: refused at the field, nothing stored.
  await text.fill('blauw');
  await save.click();
  await expect(section.getByText('Geef een kleur als #rrggbb, bijvoorbeeld #1d4f91.').first()).toBeVisible();
  await expect(text).toHaveAttribute('aria-invalid', 'true');
  // Too light for text on white: the contrast named in the message.
  await text.fill('#ffdd00');
  await save.click();
  await expect(section.getByText(/^Deze kleur is te licht voor tekst op wit: het contrast is 1,\d op 1/).first()).toBeVisible();
  await expectNoAccessibilityViolations(app);
  await saveScreenshot(app, testInfo, 'publicatie-kleur-fout');

  // A dark colour, typed: the picker follows; stored, and read back after a reload.
  await text.fill('#7A1F5C');
  await expect(picker).toHaveValue('#7a1f5c');
  await save.click();
  await expect(section.getByText('De kleur van de website is bewaard.')).toBeVisible();
  await expect(text).not.toHaveAttribute('aria-invalid', 'true');
  await app.reload();
  await expect(app.getByRole('region', { name: 'Publicatie' }).getByRole('textbox', { name: 'Hoofdkleur van de website' })).toHaveValue('#7a1f5c');
  await app.getByRole('region', { name: 'Publicatie' }).scrollIntoViewIfNeeded();
  await expectNoAccessibilityViolations(app);
  await app.getByRole('region', { name: 'Publicatie' }).screenshot({ path: testInfo.outputPath('publicatie-sectie.png') });

  // The website .zip through the job: its pages use the stored colour.
  const zipSection = app.getByRole('region', { name: 'Publicatie' });
  await zipSection.getByRole('button', { name: 'Website maken (.zip)' }).click();
  const downloadButton = zipSection.getByRole('button', { name: /\.zip downloaden$/ });
  await expect(downloadButton).toBeVisible();
  const downloading = app.waitForEvent('download');
  await downloadButton.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^website .*\.zip$/);
  const entries = unzipSync(readFileSync(await download.path()));
  const index = Buffer.from(entries['index.html']!).toString('utf8');
  expect(index).toContain('<link rel="stylesheet" href="style.css">');
  expect(Buffer.from(entries['style.css']!).toString('utf8')).toContain(':root { --kleur: #7a1f5c; }');
  expect(Object.keys(entries)).toContain('toezeggingen/register.js');
  await expectNoAccessibilityViolations(app);
});
