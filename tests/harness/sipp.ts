// SIPp as a plain-RTP (trunk-style) peer of the proxy, for calls that need rtpengine.
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDaemon, type Daemon } from './daemon.ts';
import { freePort } from './ports.ts';
import type { Proxy } from './kamailio.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export const SIPP_SCENARIOS = {
  /** INVITE with PCMA, plays /usr/share/sip-tester/g711a.pcap, BYE after talkMs. */
  uacPcap: path.join(here, 'sipp', 'uac-pcap-via-proxy.xml'),
} as const;

export interface SippRun {
  daemon: Daemon;
  /** Resolves with SIPp's exit code (0: every call passed the scenario) and its output. */
  result: Promise<{ code: number | null; output: string }>;
}

export interface SippOptions {
  /** The scenario file (tests/fixtures/sipp/*.xml, or SIPP_SCENARIOS). */
  scenario: string;
  /** [service]: the user called. */
  service: string;
  /** Calls in all (-m) and at most this many at once (-l). */
  calls?: number;
  limit?: number;
  /** New calls per ratePeriodMs (-r / -rp): SIPp's rate for floods. */
  rate?: number;
  ratePeriodMs?: number;
  /** Scenario keywords: -key NAME VALUE, read as [NAME]. */
  keys?: Record<string, string>;
  /** [pause]-less talk time (-d) for scenarios with a bare <pause/>. */
  talkMs?: number;
  timeoutS?: number;
}

/** SIPp as a client of the proxy's UDP port, running one scenario; resolves with its exit code. */
/** UDP port `port` can be bound on 127.0.0.1 right now. */
function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

/** SIPp binds the media port and the three above it (RTCP, video RTP and RTCP): all four must be free. */
async function freeMediaPort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await freePort();
    if ((await Promise.all([1, 2, 3].map((d) => udpFree(port + d)))).every(Boolean)) return port;
  }
  throw new Error('no four free UDP ports in a row for SIPp media');
}

export async function startSipp(proxy: Proxy, opts: SippOptions): Promise<SippRun> {
  const sipPort = await freePort();
  const mediaPort = await freeMediaPort();
  // SIPp's own account of unexpected messages, added to its output when it exits.
  const errors = path.join(os.tmpdir(), `seatmate-sipp-${sipPort}-errors.log`);
  const args = [
    `127.0.0.1:${proxy.udpPort}`,
    '-sf', opts.scenario,
    '-s', opts.service,
    '-i', '127.0.0.1', '-p', String(sipPort),
    '-mi', '127.0.0.1', '-mp', String(mediaPort),
    '-d', String(opts.talkMs ?? 1000),
    '-m', String(opts.calls ?? 1), '-l', String(opts.limit ?? 1),
    ...(opts.rate !== undefined ? ['-r', String(opts.rate), '-rp', String(opts.ratePeriodMs ?? 1000)] : []),
    ...Object.entries(opts.keys ?? {}).flatMap(([k, v]) => ['-key', k, v]),
    '-timeout', `${opts.timeoutS ?? 30}s`, '-timeout_error',
    '-trace_err', '-error_file', errors,
    '-nostdin',
  ];
  const daemon = startDaemon('sipp', args, 'sipp');
  const result = daemon.exited().then(() => {
    let unexpected = '';
    try { unexpected = fs.readFileSync(errors, 'utf8'); fs.rmSync(errors, { force: true }); } catch { /* none written */ }
    return { code: daemon.exitCode(), output: `${daemon.output()}${unexpected ? `\n--- SIPp errors ---\n${unexpected.slice(0, 6000)}` : ''}` };
  });
  return { daemon, result };
}

export async function startSippUac(
  proxy: Proxy,
  opts: { service: string; scenario?: string; talkMs?: number; timeoutS?: number },
): Promise<SippRun> {
  const sipPort = await freePort();
  const mediaPort = await freePort();
  const args = [
    `127.0.0.1:${proxy.udpPort}`,
    '-sf', opts.scenario ?? SIPP_SCENARIOS.uacPcap,
    '-s', opts.service,
    '-i', '127.0.0.1', '-p', String(sipPort),
    '-mi', '127.0.0.1', '-mp', String(mediaPort),
    '-d', String(opts.talkMs ?? 4000),
    '-m', '1', '-l', '1',
    '-timeout', `${opts.timeoutS ?? 30}s`, '-timeout_error',
    '-nostdin',
  ];
  const daemon = startDaemon('sipp', args, 'sipp');
  const result = daemon.exited().then(() => ({ code: daemon.exitCode(), output: daemon.output() }));
  return { daemon, result };
}
