// How the web host reads a request, and what every answer carries (docs/security.md §2–3): no
// request may crash or wedge the host. A malformed target, escape, header, body or method is a
// 4xx; bodies past the limit are 413 (the declared length is checked before reading); slow
// clients are cut off by Node's own timers, which serverOptions() shortens.
import { STATUS_CODES, type IncomingMessage, type Server, type ServerOptions } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The pages' own CSP (src/renderer/index.html and overlay.html, as a meta tag) plus what a meta
 * tag cannot say: no one may frame the app. Equal to the meta policy otherwise, so the two never
 * disagree about what the page may load (tests/unit/web/hostHeaders.test.ts checks it).
 */
export const PAGE_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
  "media-src 'self' blob: mediastream:", "connect-src 'self' ws: wss:", "worker-src 'self' blob:",
  "font-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

/** On every response: pages, files, API answers, errors — even the parser's own 400s. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': PAGE_CSP,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export interface Limits {
  /** Largest JSON body a POST may carry. */
  bodyBytes: number;
  /** Longest request target (path and query). */
  targetChars: number;
  /** Open event streams per kind (commands, summaries). */
  streamsPerKind: number;
  /** Whole request (headers and body) must arrive within this. */
  requestMs: number;
  /** Headers must arrive within this. */
  headersMs: number;
  /** Open connections in all. */
  connections: number;
}

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: 64 * 1024, targetChars: 2048, streamsPerKind: 8, requestMs: 10_000, headersMs: 5_000, connections: 256,
};

/** A refusal with its status; anything else thrown while handling is a 500. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

/** The request target as a path and its query; only origin-form, printable ASCII targets. */
export function parseTarget(raw: string | undefined, limits: Limits): { pathname: string; query: URLSearchParams } {
  const target = raw ?? '';
  if (target.length > limits.targetChars) throw new HttpError(414, 'request target too long');
  if (!target.startsWith('/') || !/^[\x21-\x7e]*$/.test(target)) throw new HttpError(400, 'malformed request target');
  const q = target.indexOf('?');
  return { pathname: q < 0 ? target : target.slice(0, q), query: new URLSearchParams(q < 0 ? '' : target.slice(q + 1)) };
}

/** A POST's JSON body, within the size limit; every failure is an HttpError (400, 413, 415). */
export function readJsonBody(req: IncomingMessage, limits: Limits): Promise<unknown> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return Promise.reject(new HttpError(415, 'body must be application/json'));
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limits.bodyBytes) return Promise.reject(tooLarge(req, limits));
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limits.bodyBytes) { chunks.push(chunk); return; }
      req.off('data', onData);
      reject(tooLarge(req, limits));
    };
    req.on('data', onData);
    req.on('end', () => {
      if (size > limits.bodyBytes) return;
      try { resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))); } catch { reject(new HttpError(400, 'body is not JSON')); }
    });
    req.on('error', () => reject(new HttpError(400, 'request body did not arrive')));
  });
}

/**
 * 413, and the rest of the body is read and dropped (up to a bound) so the client receives the
 * answer instead of a reset; the connection closes after it.
 */
function tooLarge(req: IncomingMessage, limits: Limits): HttpError {
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > 16 * limits.bodyBytes) req.destroy();
  });
  req.resume();
  return new HttpError(413, `body larger than ${limits.bodyBytes} bytes`, { connection: 'close' });
}

/** The status line and headers of a bodiless answer written straight to a socket. */
function rawResponse(status: number): string {
  const headers = Object.entries(SECURITY_HEADERS).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${headers}content-length: 0\r\nconnection: close\r\n\r\n`;
}

/** Node's own timers against slow clients, checked every second instead of every 30 s. */
export function serverOptions(limits: Limits): ServerOptions {
  return { headersTimeout: limits.headersMs, requestTimeout: limits.requestMs, connectionsCheckingInterval: 1_000 };
}

/**
 * A connection cap, and the parser's own refusals (bad request line, header overflow, bad
 * chunking, timeouts) answered with our headers instead of its bare 400.
 */
export function checkServer(server: Server, limits: Limits): void {
  server.maxConnections = limits.connections;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // As Node's default handler: answer only when no response has started on this connection.
    const busy = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (error.code === 'ECONNRESET' || !socket.writable || busy) { socket.destroy(); return; }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    socket.end(rawResponse(status));
  });
}
