// Lint config. The layer rules below are the architecture: core is pure, renderer never
// reaches into main, main never reaches into renderer, src/node (shared by the two hosts) imports
// only core. See STYLE.md ("You know your room").
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
          { group: [...layer('main'), ...layer('web'), ...layer('cli'), ...layer('node')], message: 'The renderer never imports main (or the Node hosts): talk through the preload bridge.' },
          { group: ['electron', 'node:*', 'fs', 'child_process'], message: 'The renderer is sandboxed: no Electron or Node modules.' },
        ],
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
        patterns: [{ group: [...layer('renderer'), ...layer('web')], message: 'Main never imports the renderer or the web host (shared Node code lives in src/node).' }],
      }],
    },
  },
  {
    files: ['tests/**/*.ts', 'src/**/*.test.ts', 'scripts/**/*.{ts,mjs}', 'bin/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
