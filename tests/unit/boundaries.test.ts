import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The architecture rule dependency-cruiser cannot see (it checks imports: see .dependency-cruiser.cjs,
 * run by `npm run lint`): shared code runs in the core too, so it touches no DOM globals.
 * Checked on the syntax tree, so comments and strings cannot fool it.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const DOM_OBJECTS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage'];

interface Violation {
  line: number;
  text: string;
}

function walkTs(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...walkTs(full));
    else if (/\.(ts|tsx|mts|cts)$/.test(entry.name)) files.push(full);
  }
  return files;
}

/** Uses of browser globals: `window.x`, `document.x`, `navigator.x`, and `localStorage` in any form. */
function domGlobals(source: string): Violation[] {
  const file = ts.createSourceFile('source.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Violation[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && DOM_OBJECTS.includes(node.text)) {
      const parent = node.parent;
      // `foo.window` or `{ window: 1 }` name a property, not the global.
      const isPropertyName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node);
      if (!isPropertyName) found.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function check(dirs: string[], rule: (source: string) => Violation[]): string[] {
  const problems: string[] = [];
  for (const dir of dirs) {
    for (const file of walkTs(path.join(ROOT, dir))) {
      for (const violation of rule(readFileSync(file, 'utf8')))
        problems.push(`${path.relative(ROOT, file)}:${violation.line} ${violation.text}`);
    }
  }
  return problems;
}

describe('the checkers catch what they are meant to catch', () => {
  it('finds DOM globals but not properties that share their names', () => {
    const source = [
      'window.alert(1);',
      'const title = document.title;',
      "localStorage.setItem('a', 'b');",
      'const lang = navigator.language;',
      'const store = localStorage;',
      'const options = { window: 3 };',
      'const size = options.window;',
      '// document.cookie in a comment',
    ].join('\n');

    expect(domGlobals(source).map((violation) => violation.line)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('architecture boundaries', () => {
  it('shared never touches DOM globals', () => {
    expect(check(['shared'], domGlobals)).toEqual([]);
  });

  it('actually looks at the source files', () => {
    expect(walkTs(path.join(ROOT, 'shared')).length).toBeGreaterThan(5);
    // The renderer does use the DOM, so the rule would report it: the walk reaches real code.
    expect(check(['renderer/src'], domGlobals).length).toBeGreaterThan(0);
  });
});

/**
 * One file-naming style: modules kebab-case (`audit-trail.ts`, `links-repository.ts`), React components
 * PascalCase (`FindingsOverview.tsx`), hooks `useX`, migrations `NNNN_name.ts` (frozen, as released).
 */
function isWellNamed(relativePath: string): boolean {
  const name = path.basename(relativePath);
  if (relativePath.includes('/db/migrations/') && /^\d{4}_[a-z0-9_]+\.ts$/.test(name)) return true;
  return (
    /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+)*\.(ts|tsx|mts|mjs|cjs)$/.test(name) ||
    /^[A-Z][A-Za-z0-9]*\.tsx$/.test(name) ||
    /^use[A-Z][A-Za-z0-9]*\.tsx?$/.test(name)
  );
}

// No exceptions: every file follows the one style. Add one here only with the reason beside it.
const NAMING_EXCEPTIONS: string[] = [];

describe('file names', () => {
  it('tells the styles apart', () => {
    expect(['electron/core/reliability/audit-trail.ts', 'renderer/src/features/findings/FindingsOverview.tsx', 'renderer/src/app/useJob.ts', 'electron/core/db/migrations/0001_foundation.ts'].every(isWellNamed)).toBe(true);
    expect(['electron/core/reliability/auditTrail.ts', 'shared/api/advice_exchange.ts', 'renderer/src/app/findingsOverview.tsx', 'electron/core/seed_0001.ts'].some(isWellNamed)).toBe(false);
  });

  it('every source file follows the one style', () => {
    const files = ['electron', 'shared', 'renderer/src', 'scripts', 'tests'].flatMap((dir) => walkTs(path.join(ROOT, dir)).map((file) => path.relative(ROOT, file).split(path.sep).join('/')));
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((file) => !isWellNamed(file) && !NAMING_EXCEPTIONS.includes(file))).toEqual([]);
  });
});
