// Issue 14 §7 for the files the hosts keep: a process killed with SIGKILL in the middle of saving
// leaves a whole file — the last save it finished or the one in flight — never half of one. Real
// child processes, real files, real kill -9: the web host's writes (src/node/atomicFile.ts) and
// Electron main's settings store (src/main/settingsStore.ts, temp file + rename).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

/** Runs `script` (saving n = 0, 1, 2… and printing each n once saved), kills it with SIGKILL after `afterMs`. */
function saveUntilKilled(script: string, file: string, afterMs: number): Promise<{ acknowledged: number }> {
  return new Promise((resolve, reject) => {
    const saver = path.join(path.dirname(file), 'saver.mts');
    fs.writeFileSync(saver, script);
    // One process (node with tsx as its loader, not the tsx CLI, which would run it in a child that outlives the kill).
    const child = spawn(process.execPath, ['--import', 'tsx', saver], { cwd: ROOT, env: { ...process.env, FILE: file }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let started = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!started && out.includes('\n')) {
        started = true;
        setTimeout(() => child.kill('SIGKILL'), afterMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') { reject(new Error(`the saver ended by itself: ${err.slice(-500)}`)); return; }
      const done = out.split('\n').filter((l) => /^\d+$/.test(l)).map(Number);
      resolve({ acknowledged: done.at(-1) ?? -1 });
    });
  });
}

const PADDING = 'x'.repeat(200_000); // a big file: a kill lands mid-write more often

const WEB_HOST_SAVER = `
import { writeSync } from 'node:fs';
import { writeFileAtomic } from ${JSON.stringify(path.join(ROOT, 'src', 'node', 'atomicFile.ts'))};
const pad = 'x'.repeat(${PADDING.length});
for (let n = 0; ; n++) {
  await writeFileAtomic(process.env.FILE, JSON.stringify({ n, pad }));
  writeSync(1, n + '\\n'); // unbuffered: every line written before the kill reaches the test
}`;

const ELECTRON_SAVER = `
import { writeSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createSettingsStore } from ${JSON.stringify(path.join(ROOT, 'src', 'main', 'settingsStore.ts'))};
const secrets = { canPersist: () => true, seal: (s) => Buffer.from(s).toString('base64'), open: (s) => Buffer.from(s, 'base64').toString() };
const store = createSettingsStore(process.env.FILE, { readFile: (p) => fs.readFile(p, 'utf8'), writeFile: (p, d) => fs.writeFile(p, d), rename: fs.rename }, secrets, () => {});
await store.load();
const pad = 'y'.repeat(60);
for (let n = 0; ; n++) {
  await store.saveUser({ lang: 'en', agent: { id: '1001', name: 'A' + n }, sip: { uri: 'sip:1001@pbx', ws: ['wss://pbx/' + pad], password: 'secret' + n } });
  await store.saveDesktop({ hotkeys: { answer: 'F' + (n % 12 + 1) } });
  writeSync(1, n + '\\n');
}`;

describe('kill -9 in the middle of a save leaves a whole file (issue 14 §7)', () => {
  it("the web host's settings writes: temporary file, flushed, renamed", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatmate-kill9-'));
    const file = path.join(dir, 'config.json');
    for (let round = 0; round < 3; round++) {
      const { acknowledged } = await saveUntilKilled(WEB_HOST_SAVER, file, 100 + round * 60);
      const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { n: number; pad: string };
      expect(saved.pad).toBe(PADDING);
      expect([acknowledged, acknowledged + 1]).toContain(saved.n);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("Electron's settings store: the file always parses, with the last save finished or the one in flight", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatmate-kill9-'));
    const file = path.join(dir, 'settings.json');
    for (let round = 0; round < 3; round++) {
      const { acknowledged } = await saveUntilKilled(ELECTRON_SAVER, file, 100 + round * 60);
      const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { version: number; settings: { agent: { name: string } } };
      expect(saved.version).toBe(1);
      const n = Number(saved.settings.agent.name.slice(1));
      expect(n).toBeGreaterThanOrEqual(acknowledged);
      expect(n).toBeLessThanOrEqual(acknowledged + 1);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
