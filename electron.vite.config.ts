// Build of the three Electron rooms (STYLE.md): main (Node, ESM), preload (sandboxed, so one
// self-contained CommonJS file: a sandboxed preload cannot `require` from node_modules) and the
// renderer (two pages: the agent window and the always-on-top guidance overlay).
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig(({ mode }) => ({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Bundle zod and core into the file: the sandbox only offers `electron` and a few Node shims.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // Unminified, React + JsSIP is ~1.1 MB (LAB-NOTES); agents' PCs load it on every start.
      minify: mode === 'production',
      rollupOptions: {
        input: {
          index: resolve('src/renderer/index.html'),
          overlay: resolve('src/renderer/overlay.html'),
        },
      },
    },
  },
}));
