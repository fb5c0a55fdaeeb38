// The Debian parts the E2E tests and the benchmark drive for real. Missing parts are installed
// (as root) or named with the exact command; a run never quietly skips the real-SIP tests.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

export const APT_PACKAGES = ['kamailio', 'kamailio-websocket-modules', 'rtpengine-daemon', 'sip-tester', 'chromium', 'xvfb', 'espeak-ng', 'sox'];
export const APT_LINE = `apt-get update && apt-get install -y ${APT_PACKAGES.join(' ')}`;

const BINARIES = ['kamailio', 'rtpengine', 'sipp', 'Xvfb', 'espeak-ng', 'sox'];
const WS_MODULE_DIRS = ['/usr/lib/x86_64-linux-gnu/kamailio/modules', '/usr/lib/aarch64-linux-gnu/kamailio/modules', '/usr/lib/kamailio/modules'];

function onPath(name) {
  const dirs = (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin']);
  return dirs.some((dir) => dir && fs.existsSync(path.join(dir, name)));
}

export function missingSystemParts() {
  const missing = BINARIES.filter((b) => !onPath(b));
  if (!fs.existsSync('/usr/bin/chromium')) missing.push('/usr/bin/chromium');
  if (!WS_MODULE_DIRS.some((dir) => fs.existsSync(path.join(dir, 'websocket.so')))) missing.push('kamailio websocket.so');
  return missing;
}

/** Returns normally when everything is there (installing it first if root); exits 1 otherwise. */
export function ensureSystemParts() {
  let missing = missingSystemParts();
  if (missing.length === 0) return;
  console.log(`[deps] missing: ${missing.join(', ')}`);
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    console.error(`[deps] install them as root, then run again:\n  ${APT_LINE}`);
    process.exit(1);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', ...APT_PACKAGES]]) {
    console.log(`[deps] apt-get ${args.join(' ')}`);
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`[deps] apt-get ${args[0]} failed (exit ${r.status ?? r.error?.message})`);
      process.exit(1);
    }
  }
  missing = missingSystemParts();
  if (missing.length > 0) {
    console.error(`[deps] still missing after apt-get: ${missing.join(', ')}`);
    process.exit(1);
  }
}
