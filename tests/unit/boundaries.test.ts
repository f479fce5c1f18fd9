import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Architecture rules, checked on the syntax tree (comments and strings cannot fool it):
 * - the core and shared code run without Electron (tests, browser mode, CLI);
 * - shared code runs in the renderer too, so it uses neither Node nor the DOM.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const NODE_ONLY_MODULES = ['fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'better-sqlite3', 'kysely'];
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

/** Every module a source file names: import/export from, import x = require, require(), import(), import('x').Type. */
function moduleSpecifiers(source: string, fileName = 'source.ts'): { specifier: string; line: number }[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { specifier: string; line: number }[] = [];
  const add = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node))
      found.push({ specifier: node.text, line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression);
    else if (ts.isCallExpression(node)) {
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isRequire || node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function electronImports(source: string): Violation[] {
  return moduleSpecifiers(source)
    .filter(({ specifier }) => specifier === 'electron' || specifier.startsWith('electron/'))
    .map(({ specifier, line }) => ({ line, text: specifier }));
}

function isNodeOnly(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true;
  const bare = specifier.split('/')[0]!;
  return NODE_ONLY_MODULES.includes(bare);
}

function nodeImports(source: string): Violation[] {
  return moduleSpecifiers(source)
    .filter(({ specifier }) => isNodeOnly(specifier))
    .map(({ specifier, line }) => ({ line, text: specifier }));
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
  it('finds electron in every import form, type-only included', () => {
    const source = [
      "import { app } from 'electron';",
      "import type { BrowserWindow } from 'electron';",
      "export { ipcMain } from 'electron';",
      "import electron = require('electron');",
      "const e = require('electron');",
      "const later = await import('electron');",
      "let w: import('electron').BrowserWindow;",
      "import { x } from 'electron/main';",
    ].join('\n');

    expect(electronImports(source).map((violation) => violation.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('is not fooled by comments, strings or look-alike packages', () => {
    const source = [
      "// import { app } from 'electron';",
      "/* require('electron') */",
      "const text = \"import { app } from 'electron'\";",
      "import builder from 'electron-builder';",
      "import { x } from './electron/bridge';",
    ].join('\n');

    expect(electronImports(source)).toEqual([]);
  });

  it('finds Node builtins, with or without node:, and the database libraries', () => {
    const source = [
      "import fs from 'node:fs';",
      "import { readFileSync } from 'fs';",
      "import path from 'path';",
      "import { join } from 'path/posix';",
      "import Database from 'better-sqlite3';",
      "import { sql } from 'kysely';",
      "import type { Worker } from 'worker_threads';",
      "import { z } from 'zod';",
      "import { t } from '../i18n';",
    ].join('\n');

    expect(nodeImports(source).map((violation) => violation.text)).toEqual([
      'node:fs',
      'fs',
      'path',
      'path/posix',
      'better-sqlite3',
      'kysely',
      'worker_threads',
    ]);
  });

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
  it('electron/core and shared never import electron', () => {
    expect(check(['electron/core', 'shared'], electronImports)).toEqual([]);
  });

  it('shared never imports Node builtins or the database libraries', () => {
    expect(check(['shared'], nodeImports)).toEqual([]);
  });

  it('shared never touches DOM globals', () => {
    expect(check(['shared'], domGlobals)).toEqual([]);
  });

  it('actually looks at the source files', () => {
    expect(walkTs(path.join(ROOT, 'shared')).length).toBeGreaterThan(5);
    expect(walkTs(path.join(ROOT, 'electron/core')).map((file) => path.basename(file))).toContain('core.ts');
    // The core itself does use Node, so the Node rule would report it: the walk reaches real imports.
    expect(check(['electron/core'], nodeImports).length).toBeGreaterThan(0);
  });
});
