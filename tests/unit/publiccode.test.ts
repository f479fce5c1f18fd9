import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// js-yaml (a devDependency) has no bundled types; its load() is all this test needs.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

const PLATFORMS = ['web', 'windows', 'mac', 'linux', 'ios', 'android'];
const STATUSES = ['concept', 'development', 'beta', 'stable', 'obsolete'];
const SOFTWARE_TYPES = ['standalone/mobile', 'standalone/iot', 'standalone/desktop', 'standalone/web', 'standalone/backend', 'standalone/other', 'addon', 'library', 'configurationFiles'];
const MAINTENANCE = ['internal', 'contract', 'community', 'none'];

describe('publiccode.yml', () => {
  const data = yaml.load(readFileSync(path.join(__dirname, '../../publiccode.yml'), 'utf8')) as Record<string, any>;

  it('has every required key of the Standaard voor Publieke Code with a valid value', () => {
    expect(data.publiccodeYmlVersion).toMatch(/^0\.[234](\.\d+)?$/);
    expect(typeof data.name).toBe('string');
    expect(data.url).toMatch(/^https:\/\//);
    expect(data.platforms.length).toBeGreaterThan(0);
    for (const platform of data.platforms) expect(PLATFORMS).toContain(platform);
    expect(data.categories.length).toBeGreaterThan(0);
    for (const category of data.categories) expect(category).toMatch(/^[a-z-]+$/);
    expect(STATUSES).toContain(data.developmentStatus);
    expect(SOFTWARE_TYPES).toContain(data.softwareType);
    expect(data.description.nl.shortDescription.length).toBeLessThanOrEqual(150);
    expect(data.description.nl.longDescription.length).toBeGreaterThanOrEqual(150);
    expect(data.description.nl.features.length).toBeGreaterThan(0);
    expect(data.legal.license).toMatch(/^[A-Za-z0-9.+-]+$/);
    expect(MAINTENANCE).toContain(data.maintenance.type);
    if (data.maintenance.type === 'community' || data.maintenance.type === 'internal') expect(data.maintenance.contacts.length).toBeGreaterThan(0);
    expect(typeof data.localisation.localisationReady).toBe('boolean');
    expect(data.localisation.availableLanguages).toContain('nl');
  });

  it('names the version of package.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(data.softwareVersion).toBe(pkg.version);
  });
});
