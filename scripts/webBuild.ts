// Builds the renderer for the web host (out/web) when no build is there yet: a fresh clone runs
// `npx seatmate web` or `npm start` without a build step. Repository tooling only — Vite is a
// devDependency, so nothing the packaged app loads imports this file.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_BUILD_DIR = join(root, 'out', 'web');

export async function ensureWebBuild(log: (line: string) => void = console.log): Promise<void> {
  if (existsSync(join(WEB_BUILD_DIR, 'index.html'))) return;
  log('seatmate: building the web UI once (out/web)…');
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.web.config.ts'), logLevel: 'warn' });
}
