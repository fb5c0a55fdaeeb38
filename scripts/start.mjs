#!/usr/bin/env node
// `npm start`: the Electron app. `npm install` does not fetch Electron's binary (package.json
// "allowScripts" skips Electron's postinstall, so an install works offline); the first start
// fetches it instead, with Electron's own installer and progress bar, within a time limit. Where
// the binary cannot be fetched or cannot run (as on the project's build machines), it says so in
// one line and starts the web host instead.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const INSTALL_TIMEOUT_MS = 10 * 60_000;
// A failed fetch is not retried at every start (an offline machine would wait each time): once a day.
const RETRY_AFTER_MS = 24 * 3600_000;
const failedMarker = join(root, 'node_modules', '.cache', 'seatmate', 'electron-install-failed');

function electronBinary() {
  try {
    const binary = require('electron'); // the package exports the binary's path, or throws
    if (typeof binary !== 'string' || !existsSync(binary)) return undefined;
    const probe = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 15_000, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    return probe.status === 0 ? binary : undefined;
  } catch {
    return undefined;
  }
}

function recentlyFailed() {
  try {
    return Date.now() - Number(readFileSync(failedMarker, 'utf8')) < RETRY_AFTER_MS;
  } catch {
    return false;
  }
}

/** Runs Electron's own installer once; returns why it did not work, or '' when it did. */
function fetchElectron() {
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return 'the electron package is not installed';
  if (recentlyFailed()) return `fetching it failed less than a day ago (delete ${failedMarker} to retry now)`;
  console.log('seatmate: fetching Electron\'s binary once (about 100 MB; Electron shows progress after 30 s)…');
  mkdirSync(dirname(failedMarker), { recursive: true });
  // The installer prints a whole stack trace when it fails; keep its first line for our one line.
  const errorFile = `${failedMarker}.reason`;
  const firstLineOnly = `import{writeFileSync}from'node:fs';console.error=(m)=>{try{writeFileSync(${JSON.stringify(errorFile)},String(m).split('\\n')[0])}catch{}}`;
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(firstLineOnly)}`, installer], {
    cwd: dirname(installer), stdio: 'inherit', env, timeout: INSTALL_TIMEOUT_MS,
  });
  if (r.status === 0) return '';
  writeFileSync(failedMarker, String(Date.now()));
  if (r.error?.code === 'ETIMEDOUT') return `fetching it took longer than ${INSTALL_TIMEOUT_MS / 60_000} min`;
  let reason = 'no answer from its download host';
  try { reason = readFileSync(errorFile, 'utf8') || reason; } catch { /* the installer said nothing */ }
  return `fetching it failed: ${reason}`;
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

function startWebHost(why) {
  console.log(`seatmate: Electron cannot start on this machine (${why}) — starting the web host instead.`);
  run(process.execPath, [join(root, 'bin/seatmate.mjs'), 'web', ...args]);
}

let binary;
let why = 'SEATMATE_FORCE_WEB is set';
if (!process.env.SEATMATE_FORCE_WEB) {
  binary = electronBinary();
  if (!binary) {
    const problem = existsSync(join(root, 'node_modules', 'electron', 'path.txt')) ? '' : fetchElectron();
    binary = problem ? undefined : electronBinary();
    why = problem ? `its binary is missing: ${problem}` : 'its binary does not run';
  }
}
if (binary) {
  const built = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  run(binary, ['.', ...args]);
} else {
  startWebHost(why);
}
