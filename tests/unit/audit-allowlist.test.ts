import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ES module script without types
import { unallowedAdvisories } from '../../scripts/audit.mjs';

const advisory = (severity: string, url: string) => ({ source: 1, name: 'x', title: 'Prototype pollution', url, severity });

describe('npm audit gate (scripts/audit.mjs)', () => {
  it('fails on high and critical advisories of production dependencies unless allowlisted', () => {
    const report = {
      vulnerabilities: {
        lodash: { severity: 'critical', via: [advisory('critical', 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc')] },
        minimist: { severity: 'high', via: [advisory('high', 'https://github.com/advisories/GHSA-dddd-eeee-ffff')] },
        debug: { severity: 'moderate', via: [advisory('moderate', 'https://github.com/advisories/GHSA-gggg-hhhh-iiii')] },
        wrapper: { severity: 'high', via: ['minimist'] },
      },
    };
    const none = unallowedAdvisories(report, { allowed: [] });
    expect(none.map((item: { package: string }) => item.package).sort()).toEqual(['lodash', 'minimist']);
    const allowed = unallowedAdvisories(report, { allowed: [{ advisory: 'GHSA-aaaa-bbbb-cccc', reason: 'test' }] });
    expect(allowed.map((item: { package: string }) => item.package)).toEqual(['minimist']);
  });

  it('has a checked-in allowlist in which every entry has a reason', () => {
    const allowlist = JSON.parse(readFileSync('.ci/audit-allowlist.json', 'utf8')) as { allowed: { advisory: string; reason: string }[] };
    for (const entry of allowlist.allowed) {
      expect(entry.advisory).toBeTruthy();
      expect(entry.reason.length).toBeGreaterThan(10);
    }
  });
});
