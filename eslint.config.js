import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['build/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.native/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // The renderer's data layer (renderer/src/data: useApiQuery, useApiMutation, apiWrite, apiFetch) is the
    // only code that talks to the API client, so every read is cached with loading and error states and every
    // write refetches what it changed (docs/architecture.md, "Renderer data").
    files: ['renderer/src/**/*.{ts,tsx}'],
    ignores: ['renderer/src/data/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+api$',
              message: 'Call the API through renderer/src/data (useApiQuery, useApiMutation, apiWrite, apiFetch): see docs/architecture.md.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='api'][callee.property.name=/^(call|request|onJobEvent|onLiveEvent)$/]",
          message: 'Call the API through renderer/src/data (useApiQuery, useApiMutation, apiWrite, apiFetch): see docs/architecture.md.',
        },
      ],
    },
  },
  {
    // SQL has one home per concern (docs/architecture.md, "Where SQL lives"): the repository layer. So that
    // a second database (PostgreSQL) means rewriting those files only, the query builder, raw `sql` and
    // better-sqlite3 statements are refused everywhere else in the main-process code.
    files: ['electron/**/*.ts'],
    ignores: [
      // A domain's repository, or a repository for one of its sub-concerns (e.g. advices/links-repository.ts).
      'electron/core/**/repository.ts',
      'electron/core/**/*-repository.ts',
      // The database itself: connection, migrations, references found from the schema.
      'electron/core/db/**',
      // Mechanisms that work on any table by name (audit trail, trash, history, privacy): their own repository layer.
      'electron/core/reliability/**',
      // Whole-database operations on the SQLite file (online backup, restore checks).
      'electron/core/backups/**',
      // Record-by-record export and import between databases: the data movement is the module's whole job.
      'electron/core/exchange/records.ts',
      'electron/core/exchange/record-type.ts',
      'electron/core/responses/exchange.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom)$/]",
          message: 'SQL belongs in the repository layer (repository.ts or *-repository.ts): see docs/architecture.md.',
        },
        {
          selector: "TaggedTemplateExpression[tag.name='sql'], MemberExpression[object.name='sql'][property.name='raw']",
          message: 'SQL belongs in the repository layer (repository.ts or *-repository.ts): see docs/architecture.md.',
        },
        {
          selector: "CallExpression[callee.property.name=/^(prepare|pragma)$/][arguments.0.type=/^(Literal|TemplateLiteral)$/]",
          message: 'SQL belongs in the repository layer (repository.ts or *-repository.ts): see docs/architecture.md.',
        },
      ],
    },
  },
);
