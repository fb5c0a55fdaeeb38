// `seatmate web [--port N] [--config FILE]`: serve the renderer to a browser on 127.0.0.1.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { readConfigFile } from './configFile.ts';
import { startWebHost } from './server.ts';
import { readContentBundle } from '../cli/content.ts';
import { loadPolicyFile, policyFilePath } from '../node/policyFile.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_BUILD_DIR = join(ROOT, 'out', 'web');
export const RESOURCES_DIR = join(ROOT, 'resources');

const USAGE = 'usage: seatmate web [--port N] [--config FILE]';

export function parseWebArgs(args: string[]): { port: number; config?: string } | { error: string } {
  let port = 5174;
  let config = process.env.SEATMATE_CONFIG || undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = args[i + 1];
    if (arg === '--port' && value !== undefined) {
      if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) return { error: `--port must be a number from 0 to 65535, got "${value}"` };
      port = Number(value);
      i++;
    } else if (arg === '--config' && value !== undefined) {
      config = value;
      i++;
    } else {
      return { error: `unknown or incomplete option "${arg}"` };
    }
  }
  return { port, config };
}

/** Build the renderer for the browser when no build is there yet (a fresh clone). */
export async function ensureWebBuild(log: (line: string) => void = console.log): Promise<void> {
  if (existsSync(join(WEB_BUILD_DIR, 'index.html'))) return;
  log('seatmate: building the web UI once (out/web)…');
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.web.config.ts'), logLevel: 'warn' });
}

export async function runWeb(args: string[]): Promise<number> {
  const parsed = parseWebArgs(args);
  if ('error' in parsed) {
    console.error(`seatmate web: ${parsed.error}\n${USAGE}`);
    return 2;
  }
  const loaded = await readConfigFile(parsed.config);
  if (!loaded.ok) {
    console.error(`seatmate web: the configuration is not valid, nothing was started:\n  ${loaded.errors.join('\n  ')}`);
    return 2;
  }
  await ensureWebBuild();
  const policy = await loadPolicyFile(policyFilePath(), (line) => console.warn(line));
  const host = await startWebHost({
    config: loaded.config,
    userConfig: loaded.raw,
    policy,
    rendererDir: WEB_BUILD_DIR,
    port: parsed.port,
    loadContent: () => readContentBundle(RESOURCES_DIR),
    log: (line) => console.log(line),
  });
  const { config: inForce, locked } = host.settings();
  const enforced = locked.length ? `; IT policy enforces ${locked.join(', ')}` : '';
  console.log(`SeatMate (${inForce.mode} mode${enforced}) is running at ${host.url} — open it in Chromium or Chrome. Ctrl+C stops it.`);
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  return 0;
}
