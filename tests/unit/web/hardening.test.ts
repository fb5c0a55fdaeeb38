// No request crashes or wedges the web host (docs/security.md §3), and every answer carries the
// headers that keep the app out of frames and sniffers (§2). One test per hole that was open.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appConfigSchema } from '../../../src/core/config.ts';
import { PAGE_CSP } from '../../../src/web/requests.ts';
import { startWebHost, type WebHost, type WebHostOptions } from '../../../src/web/server.ts';
import { headersOf, rendererFolder, sendRaw } from '../../harness/rawHttp.ts';

const ROOT = join(import.meta.dirname, '../../..');
const FIXTURE = join(ROOT, 'tests/fixtures/resources');
const renderer = rendererFolder();
let host: WebHost | undefined;
afterEach(async () => { await host?.close(); host = undefined; });

async function start(more: Partial<WebHostOptions> = {}): Promise<WebHost> {
  host = await startWebHost({ config: appConfigSchema.parse({ lang: 'en' }), rendererDir: renderer, resourcesDir: FIXTURE, ...more });
  return host;
}

/** One HTTP/1.1 request as bytes, with our Host and (unless told otherwise) the token. */
function request(h: WebHost, line: string, headers: Record<string, string> = {}, body = ''): string {
  const all: Record<string, string> = { host: `127.0.0.1:${h.port}`, authorization: `Bearer ${h.token}`, connection: 'close', ...headers };
  if (body && !('content-length' in all) && !('transfer-encoding' in all)) all['content-length'] = String(Buffer.byteLength(body));
  return `${line}\r\n${Object.entries(all).filter(([, v]) => v !== '').map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${body}`;
}

const SECURITY = {
  'content-security-policy': PAGE_CSP,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

describe('web host hardening', () => {
  it('GET /%zz (a bad escape) answers 400, and the host keeps serving', async () => {
    const h = await start();
    expect((await sendRaw(h.port, request(h, 'GET /%zz HTTP/1.1'))).status).toBe(400);
    expect((await sendRaw(h.port, request(h, 'GET /%E0%A4%A HTTP/1.1'))).status).toBe(400);
    expect((await sendRaw(h.port, request(h, 'GET / HTTP/1.1'))).status).toBe(200);
  });

  it('every response carries CSP frame-ancestors \'none\', X-Frame-Options DENY, nosniff and no-referrer', async () => {
    const h = await start();
    const cases: Array<[string, number]> = [
      [request(h, 'GET / HTTP/1.1'), 200],
      [request(h, 'GET /api/settings HTTP/1.1'), 200],
      [request(h, 'GET /?token=wrong HTTP/1.1'), 303],
      [request(h, 'GET /missing.js HTTP/1.1'), 404],
      [request(h, 'GET /%zz HTTP/1.1'), 400],
      [request(h, 'GET /api/settings HTTP/1.1', { authorization: '' }), 401],
      [request(h, 'DELETE / HTTP/1.1'), 405],
      [request(h, 'POST /api/log HTTP/1.1', { 'content-type': 'application/json', 'content-length': '999999' }), 413],
      [request(h, 'GET / HTTP/1.1', { host: 'evil.example' }), 421],
      ['GARBAGE\r\n\r\n', 400], // refused by Node's parser, answered by ours
    ];
    for (const [raw, status] of cases) {
      const answer = await sendRaw(h.port, raw);
      expect(answer.status, raw.split('\r\n')[0]).toBe(status);
      expect(headersOf(answer.text), raw.split('\r\n')[0]).toMatchObject(SECURITY);
    }
    const stream = await sendRaw(h.port, request(h, 'GET /api/commands HTTP/1.1'), { timeoutMs: 300 });
    expect(stream.status).toBe(200);
    expect(headersOf(stream.text)).toMatchObject(SECURITY);
  });

  it('the CSP header is the pages\' own meta CSP, plus frame-ancestors \'none\'', () => {
    const directives = (csp: string) => csp.split(';').map((d) => d.trim()).filter(Boolean).sort();
    for (const page of ['index.html', 'overlay.html']) {
      const html = readFileSync(join(ROOT, 'src/renderer', page), 'utf8');
      const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
      expect(directives(PAGE_CSP), page).toEqual(directives(`${meta}; frame-ancestors 'none'`));
    }
  });

  it('bodies over the limit get 413: by Content-Length before reading, and by counting a chunked body', async () => {
    const h = await start({ limits: { bodyBytes: 1024 } });
    const json = { 'content-type': 'application/json' };
    const declared = await sendRaw(h.port, request(h, 'POST /api/log HTTP/1.1', { ...json, 'content-length': '2000000000' }, '{}'));
    expect(declared.status).toBe(413);
    const big = JSON.stringify({ level: 'info', message: 'x'.repeat(3000) });
    const chunked = `${big.length.toString(16)}\r\n${big}\r\n0\r\n\r\n`;
    expect((await sendRaw(h.port, request(h, 'POST /api/log HTTP/1.1', { ...json, 'transfer-encoding': 'chunked' }, chunked))).status).toBe(413);
    const small = JSON.stringify({ level: 'info', message: 'ok' });
    expect((await sendRaw(h.port, request(h, 'POST /api/log HTTP/1.1', json, small))).status).toBe(200);
  });

  it('event streams are capped per kind: 429 beyond the cap, and a closed one frees its place', async () => {
    const h = await start({ limits: { streamsPerKind: 2 } });
    const open = () => sendRaw(h.port, request(h, 'GET /api/summary-events HTTP/1.1'), { timeoutMs: 400 });
    const [a, b, c] = await Promise.all([open(), open(), (async () => { await new Promise((r) => setTimeout(r, 150)); return open(); })()]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(c.status).toBe(429);
    // The other kind has its own places; once the first two closed, there is room again.
    expect((await sendRaw(h.port, request(h, 'GET /api/commands HTTP/1.1'), { timeoutMs: 200 })).status).toBe(200);
    expect((await open()).status).toBe(200);
  });

  it('malformed methods, targets and headers get a 4xx, never a crash', async () => {
    const h = await start();
    const answers = await Promise.all([
      request(h, 'PUT /api/settings HTTP/1.1'),
      request(h, 'FOO / HTTP/1.1'),
      request(h, 'GET http://127.0.0.1/ HTTP/1.1'),
      request(h, `GET /${'a'.repeat(5000)} HTTP/1.1`),
      request(h, 'GET /%00 HTTP/1.1'),
      request(h, 'GET /..%2f..%2fetc%2fpasswd HTTP/1.1'),
      request(h, 'GET /api/nothing HTTP/1.1'),
      request(h, 'POST /api/log HTTP/1.1', { 'content-type': 'application/json' }, '{"level":'),
      request(h, 'POST /api/log HTTP/1.1', { 'content-type': 'text/plain' }, '{}'),
      request(h, 'POST / HTTP/1.1', { 'content-type': 'application/json' }, '{}'),
      request(h, 'GET / HTTP/1.1', { 'x-long': 'y'.repeat(40_000) }),
      request(h, 'GET / HTTP/1.1', { 'content-length': '5', 'transfer-encoding': 'chunked' }),
      'GET / HTTP/1.1\r\nhost: 127.0.0.1\0\r\n\r\n',
    ].map((raw) => sendRaw(h.port, raw)));
    for (const a of answers) {
      expect(a.status, a.text.split('\r\n')[0]).toBeGreaterThanOrEqual(400);
      expect(a.status, a.text.split('\r\n')[0]).toBeLessThan(500);
    }
    expect((await sendRaw(h.port, request(h, 'GET / HTTP/1.1'))).status).toBe(200);
  });

  it('a client that never finishes its headers is cut off', async () => {
    const h = await start({ limits: { headersMs: 300, requestMs: 600 } });
    const started = performance.now();
    const slow = await sendRaw(h.port, `GET / HTTP/1.1\r\nhost: 127.0.0.1:${h.port}\r\nx-slow: `, { timeoutMs: 4_000 });
    expect(slow.closed).toBe(true);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect((await sendRaw(h.port, request(h, 'GET / HTTP/1.1'))).status).toBe(200);
  });
});
