import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Where LibreOffice wraps a document's lines depends on the fonts installed, so `.ci/run` installs
 * every font the document builders name (or a metric-compatible one). A font added to a builder
 * without its package fails here, not on someone else's fresh machine.
 */
const PACKAGE_FOR_FONT: Record<string, string> = {
  Arial: 'fonts-liberation2',
  // The charts' font (documents/chart.ts), Arial's metric twin; the same package.
  'Liberation Sans': 'fonts-liberation2',
  'DejaVu Sans': 'fonts-dejavu-core',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function fontsNamedInCore(): Set<string> {
  const fonts = new Set<string>();
  for (const file of sourceFiles('electron/core')) {
    const source = readFileSync(file, 'utf8');
    // A font option, a font-family attribute, or a constant holding a family list (`CHART_FONT_FAMILY = '…, …'`);
    // a family put in from such a constant (`font-family="${CHART_FONT_FAMILY}"`) is read at the constant.
    const named = [
      ...source.matchAll(/(?:\b(?:font|FONT|defaultFontFamily|sansSerifFamily)|FONT_FAMILY)\s*[:=]\s*'([^']+)'/g),
      ...source.matchAll(/font-family="([^"]+)"/g),
    ];
    for (const match of named) {
      for (const family of match[1]!.split(',').map((name) => name.trim())) {
        if (!['sans-serif', 'serif', 'monospace'].includes(family) && !family.includes('${')) fonts.add(family);
      }
    }
  }
  return fonts;
}

describe('fonts of the generated documents', () => {
  it('finds the fonts the builders name', () => {
    expect([...fontsNamedInCore()].sort()).toEqual(expect.arrayContaining(['Arial', 'DejaVu Sans']));
  });

  it('has every one of them installed by .ci/run', () => {
    const ci = readFileSync('.ci/run', 'utf8');
    const packageLine = ci.split('\n').find((line) => line.startsWith('for package in '));
    expect(packageLine).toBeDefined();
    for (const font of fontsNamedInCore()) {
      const debianPackage = PACKAGE_FOR_FONT[font];
      expect(debianPackage, `no Debian package known for the font "${font}": add it to PACKAGE_FOR_FONT and .ci/run`).toBeDefined();
      expect(packageLine!.split(/[\s;]+/), font).toContain(debianPackage);
    }
  });
});
