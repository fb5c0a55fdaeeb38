// `seatmate web [--port N] [--config FILE]`: serve the renderer to a browser on 127.0.0.1.
// bin/seatmate.mjs dispatches here; the other commands live in src/cli, which this never imports.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { readConfigFile } from './configFile.ts';
import { tokenProblem } from './accessToken.ts';
import { startWebHost } from './server.ts';
import { followFiles } from './followFiles.ts';
import { defaultResourcesDir } from '../node/content.ts';
import { loadPolicyFile, policyFilePath } from '../node/policyFile.ts';
import { redactText } from '../node/redact.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_BUILD_DIR = join(ROOT, 'out', 'web');

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

export interface WebRunOptions {
  /**
   * Builds out/web when it is missing. The repository's bin passes one (scripts/webBuild.ts, with
   * Vite, a devDependency); this module never imports a build tool itself.
   */
  ensureBuild?: () => Promise<void>;
}

export async function runWeb(args: string[], options: WebRunOptions = {}): Promise<number> {
  const parsed = parseWebArgs(args);
  if ('error' in parsed) {
    console.error(`seatmate web: ${parsed.error}\n${USAGE}`);
    return 2;
  }
  // Automation sets the launch's token; otherwise each launch makes its own (accessToken.ts).
  const token = process.env.SEATMATE_WEB_TOKEN || undefined;
  const badToken = token === undefined ? undefined : tokenProblem(token);
  if (badToken) {
    console.error(`seatmate web: SEATMATE_WEB_TOKEN ${badToken}`);
    return 2;
  }
  const loaded = await readConfigFile(parsed.config);
  if (!loaded.ok) {
    console.error(`seatmate web: the configuration is not valid, nothing was started:\n  ${loaded.errors.join('\n  ')}`);
    return 2;
  }
  await options.ensureBuild?.();
  if (!existsSync(join(WEB_BUILD_DIR, 'index.html'))) {
    console.error(`seatmate web: the web UI is not built (${WEB_BUILD_DIR}): run "npm run build:web"`);
    return 1;
  }
  const policy = await loadPolicyFile(policyFilePath(), (line) => console.warn(redactText(line)));
  const resourcesDir = defaultResourcesDir();
  const host = await startWebHost({
    config: loaded.config,
    userConfig: loaded.raw,
    policy,
    rendererDir: WEB_BUILD_DIR,
    resourcesDir,
    port: parsed.port,
    ...(parsed.config ? { configFile: parsed.config } : {}),
    ...(token ? { token } : {}),
    log: (line) => console.log(line), // redacted by the host
  });
  const { config: inForce, locked } = host.settings();
  const enforced = locked.length ? `; IT policy enforces ${locked.join(', ')}` : '';
  // The one place the token is shown: the page trades it for a cookie and drops it from the address.
  console.log(`SeatMate (${inForce.mode} mode${enforced}) is running at ${host.launchUrl} — open it in Chromium or Chrome. Ctrl+C stops it.`);
  const unfollow = followFiles(host, { resourcesDir, policyFile: policyFilePath(), ...(parsed.config ? { configFile: parsed.config } : {}) }, (line) => console.log(redactText(line)));
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  unfollow();
  await host.close();
  return 0;
}
