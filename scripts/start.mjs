#!/usr/bin/env node
// `npm start`: the Electron app; where Electron's binary is missing or cannot run (as on the
// project's build machines), say so in one line and start the web host instead.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

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

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

const binary = process.env.SEATMATE_FORCE_WEB ? undefined : electronBinary();
if (binary) {
  const built = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  run(binary, ['.', ...args]);
} else {
  console.log('seatmate: Electron cannot start on this machine (its binary is missing or does not run) — starting the web host instead.');
  run(process.execPath, [join(root, 'bin/seatmate.mjs'), 'web', ...args]);
}
