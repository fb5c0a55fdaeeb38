// Bytes straight onto a TCP socket to the web host: what a broken or hostile client sends, which
// no HTTP client library would. Resolves with what came back when the host closes the connection
// or the time is up (then the socket is destroyed): never rejects, never waits past `timeoutMs`.
import { connect } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RawAnswer {
  /** The status of the first response, if one arrived. */
  status?: number;
  /** Everything received, as latin1 (headers are ASCII). */
  text: string;
  /** True when the host closed or reset the connection before the time was up. */
  closed: boolean;
}

export interface RawOptions {
  timeoutMs?: number;
  /** Send the request in pieces this far apart (a slow client). */
  dripMs?: number;
  /** Stop sending after this many bytes (a truncated request). */
  truncateAt?: number;
}

export function sendRaw(port: number, request: string | Buffer, options: RawOptions = {}): Promise<RawAnswer> {
  const bytes = typeof request === 'string' ? Buffer.from(request, 'latin1') : request;
  const payload = options.truncateAt === undefined ? bytes : bytes.subarray(0, options.truncateAt);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let done = false;
    const socket = connect(port, '127.0.0.1');
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      resolve({ ...(status ? { status: Number(status) } : {}), text, closed });
    };
    const timer = setTimeout(() => finish(false), options.timeoutMs ?? 2_000);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.on('connect', () => {
      if (!options.dripMs) { socket.write(payload); return; }
      let at = 0;
      const drip = () => {
        if (done || at >= payload.length) return;
        socket.write(payload.subarray(at, at + 8));
        at += 8;
        setTimeout(drip, options.dripMs);
      };
      drip();
    });
  });
}

/** A renderer folder with an index.html, like out/web. */
export function rendererFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seatmate-web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>SeatMate</title>');
  return dir;
}

/** The raw header block of the first response, by lower-cased name. */
export function headersOf(text: string): Record<string, string> {
  const head = text.split('\r\n\r\n')[0] ?? '';
  const out: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const at = line.indexOf(':');
    if (at > 0) out[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return out;
}
