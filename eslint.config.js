// Lint config. The layer rules below are the architecture (docs/hosts.md):
//   core ← node ← (main | web | cli),   core ← renderer,   core ← preload.
// core is pure; src/node (the host services both hosts and the CLI call) imports only core; the
// two hosts and the CLI never import each other; the renderer reaches its host only through the
// bridge. See STYLE.md ("You know your room").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const layer = (name) => [`**/${name}/**`, `../${name}/*`, `../../${name}/*`, `../../../${name}/*`];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'bench-results/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...layer('main'), ...layer('preload'), ...layer('renderer'), ...layer('web'), ...layer('cli'), ...layer('node')], message: 'src/core is pure: it imports nothing of main, preload, renderer, web, cli or node.' },
          { group: ['electron', 'react', 'react-dom', 'jssip', 'node:*', 'fs', 'path', 'os', 'child_process', 'http'], message: 'src/core is pure: no Electron, DOM, SIP stack or Node I/O.' },
        ],
      }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Inject the clock: core never reads the wall clock.' }],
      'no-restricted-globals': ['error',
        { name: 'setTimeout', message: 'Timers are injected into core.' },
        { name: 'setInterval', message: 'Timers are injected into core.' },
        { name: 'window', message: 'No DOM in core.' },
        { name: 'document', message: 'No DOM in core.' },
        { name: 'process', message: 'No Node globals in core.' },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    // Tests run in Node under Vitest and may read fixtures from disk, as core's tests do.
    ignores: ['src/renderer/**/*.test.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...layer('main'), ...layer('preload'), ...layer('web'), ...layer('cli'), ...layer('node')], message: 'The renderer never imports main (or the Node hosts): talk through the preload bridge.' },
          { group: ['electron', 'node:*', 'fs', 'child_process'], message: 'The renderer is sandboxed: no Electron or Node modules.' },
          { group: ['js-yaml', 'yaml', 'pinyin-pro'], message: 'Content is parsed and indexed in the host: the renderer gets it as data (core/pack/contentData.ts).' },
        ],
      }],
      // Types of the pack loader are fine; its code (two YAML parsers, the pack schemas) stays in the host.
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['**/core/pack/load*', '**/core/pack/yamlFile*', '**/core/pack/schema*'], allowTypeImports: true, message: 'The renderer revives content with core/pack/contentData.ts; parsing and validation run in the host.' }],
      }],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: [...layer('main'), ...layer('renderer'), ...layer('web'), ...layer('cli'), ...layer('node')], message: 'The preload imports only core (types and schemas) and electron.' }],
      }],
    },
  },
  {
    // Node-side code shared by both hosts (Electron main and the web host): policy merge, CRM
    // look-up. Plain Node, no Electron, and it imports only core.
    files: ['src/node/**/*.ts'],
    ignores: ['src/node/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...layer('main'), ...layer('preload'), ...layer('renderer'), ...layer('web'), ...layer('cli')], message: 'src/node is shared by both hosts: it imports only core.' },
          { group: ['electron', 'electron/*', 'electron-log', 'electron-log/*', 'electron-updater'], message: 'src/node runs in the web host too: no Electron.' },
        ],
      }],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: [...layer('renderer'), ...layer('preload'), ...layer('web'), ...layer('cli')], message: 'Main never imports the renderer, the web host or the CLI (shared Node code lives in src/node).' }],
      }],
    },
  },
  {
    // The web host: a thin HTTP shell over src/node, like main is an IPC shell over it.
    files: ['src/web/**/*.ts'],
    ignores: ['src/web/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...layer('main'), ...layer('preload'), ...layer('renderer'), ...layer('cli')], message: 'The web host imports only core and node (shared host code lives in src/node).' },
          { group: ['electron', 'electron/*', 'vite', 'vite/*'], message: 'The web host runs without Electron and without build tools (the repository\'s bin builds out/web).' },
        ],
      }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    ignores: ['src/cli/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...layer('main'), ...layer('preload'), ...layer('renderer'), ...layer('web')], message: 'The CLI imports only core and node; `seatmate web` is dispatched by bin/seatmate.mjs.' },
          { group: ['electron', 'electron/*'], message: 'The CLI runs without Electron.' },
        ],
      }],
    },
  },
  {
    files: ['tests/**/*.ts', 'src/**/*.test.ts', 'scripts/**/*.{ts,mjs}', 'bin/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
