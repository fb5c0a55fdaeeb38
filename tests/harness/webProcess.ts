// `seatmate web` as IT runs it: a real process (bin/seatmate.mjs) with its own configuration file,
// policy file and resources folder, so a test can corrupt them, change them while it runs, and
// kill -9 it. The token is fixed per test, so a page keeps its cookie across restarts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDaemon, waitUntil, type Daemon } from './daemon.ts';
import { freePort } from './ports.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface WebProcess {
  url: string;
  launchUrl: string;
  port: number;
  daemon: Daemon;
  output(): string;
  /** GET/POST an API route with the launch token. */
  api(route: string, body?: unknown): Promise<{ status: number; json: unknown }>;
}

export interface SeatFiles {
  dir: string;
  config: string;
  policy: string;
  resources: string;
  token: string;
  port: number;
}

/** A scratch seat: a copy of resources/, a configuration file, no policy yet. */
export async function seatFiles(config: Record<string, unknown>): Promise<SeatFiles> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatmate-seat-'));
  const resources = path.join(dir, 'resources');
  fs.cpSync(path.join(ROOT, 'resources'), resources, { recursive: true });
  const files = {
    dir, resources,
    config: path.join(dir, 'config.json'),
    policy: path.join(dir, 'policy.json'),
    token: `t${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`.padEnd(32, 'x'),
    port: await freePort(),
  };
  fs.writeFileSync(files.config, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  return files;
}

/** Starts `seatmate web` on the seat's files; resolves once it printed its URL, or rejects with its output. */
export async function startWebProcess(seat: SeatFiles): Promise<WebProcess> {
  const daemon = startDaemon(process.execPath, [path.join(ROOT, 'bin', 'seatmate.mjs'), 'web', '--config', seat.config, '--port', String(seat.port)], 'seatmate-web', {
    cwd: ROOT,
    env: { ...process.env, SEATMATE_RESOURCES: seat.resources, SEATMATE_POLICY: seat.policy, SEATMATE_WEB_TOKEN: seat.token },
  });
  await waitUntil('seatmate web', daemon, async () => /is running at/.test(daemon.output()), 20_000);
  const url = `http://127.0.0.1:${seat.port}/`;
  return {
    url,
    launchUrl: `${url}?token=${seat.token}`,
    port: seat.port,
    daemon,
    output: () => daemon.output(),
    async api(route, body) {
      const res = await fetch(new URL(route, url), {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${seat.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      let json: unknown = text;
      try { json = JSON.parse(text); } catch { /* not JSON */ }
      return { status: res.status, json };
    },
  };
}

/** Runs `seatmate web` on files it must refuse; resolves with its exit code and output. */
export async function runWebProcess(seat: SeatFiles, timeoutMs = 20_000): Promise<{ code: number | null; output: string }> {
  const daemon = startDaemon(process.execPath, [path.join(ROOT, 'bin', 'seatmate.mjs'), 'web', '--config', seat.config, '--port', String(seat.port)], 'seatmate-web', {
    cwd: ROOT,
    env: { ...process.env, SEATMATE_RESOURCES: seat.resources, SEATMATE_POLICY: seat.policy, SEATMATE_WEB_TOKEN: seat.token },
  });
  const timer = setTimeout(() => void daemon.stop(), timeoutMs);
  await daemon.exited();
  clearTimeout(timer);
  return { code: daemon.exitCode(), output: daemon.output() };
}
