// The renderer built for the web host (`seatmate web`): the same app Electron loads.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

export default defineConfig({
  root: resolve(import.meta.dirname, 'src/renderer'),
  base: './',
  publicDir: resolve(import.meta.dirname, 'resources/sounds'),
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/web'),
    emptyOutDir: true,
    minify: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2048,
    rollupOptions: {
      // The agent page and the guidance overlay (/overlay.html), as in the Electron build.
      input: {
        index: resolve(import.meta.dirname, 'src/renderer/index.html'),
        overlay: resolve(import.meta.dirname, 'src/renderer/overlay.html'),
      },
    },
  },
});
