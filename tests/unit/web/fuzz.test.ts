// A few thousand malformed requests over raw TCP to the real web host on 127.0.0.1 (docs/security.md
// §3): bad escapes, overlong targets, NUL bytes, absurd headers, bad methods, truncated, oversized
// and broken chunked bodies, slow clients. Seeded, so a failure replays; bounded in count and time.
// None may crash the host or earn a 5xx, and afterwards it still serves the app.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appConfigSchema } from '../../../src/core/config.ts';
import { startWebHost, type WebHost } from '../../../src/web/server.ts';
import { rendererFolder, sendRaw, type RawOptions } from '../../harness/rawHttp.ts';

const FIXTURE = join(import.meta.dirname, '../../fixtures/resources');
const REQUESTS = 3_000;
const PARALLEL = 32;

/** mulberry32: small, seeded, good enough to pick cases. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  return { next, int, pick, bytes };
}

type Rng = ReturnType<typeof random>;
interface Case { kind: string; bytes: Buffer; options: RawOptions }

const PATHS = ['/', '/index.html', '/overlay.html', '/api/settings', '/api/content', '/api/log', '/api/commands', '/api/summary-events', '/api/credentials', '/api/lookup-caller', '/api/summary'];
const METHODS = ['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT', 'PATCH', 'get', 'G ET', '', 'GETT', 'PROPFIND', 'X'.repeat(300), 'GET\0'];

function build(rng: Rng, port: number, token: string): Case {
  const host = `127.0.0.1:${port}`;
  const auth = rng.next() < 0.7 ? `authorization: Bearer ${token}\r\n` : rng.next() < 0.5 ? `cookie: seatmate-${port}=${token}\r\n` : '';
  const line = (method: string, target: string, version = 'HTTP/1.1') => `${method} ${target} ${version}\r\n`;
  const head = (extra = '') => `host: ${host}\r\n${auth}${extra}connection: close\r\n\r\n`;
  const json = 'content-type: application/json\r\n';
  const escape = () => rng.pick(['%zz', '%', '%%', '%E0%A4%A', '%u1234', '%C0%AF', '%00', '%ff%fe', '%2e%2e%2f', `%${rng.bytes(1).toString('hex')[0]}`]);
  const text = (s: string, options: RawOptions = {}) => ({ bytes: Buffer.from(s, 'latin1'), options });
  const kinds: Array<[string, () => { bytes: Buffer; options: RawOptions }]> = [
    ['bad escape', () => text(line('GET', `${rng.pick(PATHS)}${escape()}${rng.pick(['', '/x', '?token=%zz', '?q=%'])}`) + head())],
    ['overlong target', () => text(line('GET', `/${'a/'.repeat(1_000 + rng.int(20_000))}`) + head())],
    ['overlong query', () => text(line('GET', `/?token=${'t'.repeat(3_000 + rng.int(10_000))}`) + head())],
    ['NUL in target', () => text(line('GET', `/in\0dex.html`) + head())],
    ['NUL in header', () => text(line('GET', '/') + `host: ${host}\r\nx-a: b\0c\r\n\r\n`)],
    ['bad method', () => text(line(rng.pick(METHODS), rng.pick(PATHS)) + head())],
    ['absolute or odd target', () => text(line('GET', rng.pick(['*', 'http://127.0.0.1/', '//evil.example/', 'index.html', '/\\..\\..\\etc\\passwd', '/..%5c..%5cetc', '/%2e%2e/%2e%2e/etc/passwd', `/${'é'.repeat(10)}`])) + head())],
    ['bad version', () => text(line('GET', '/', rng.pick(['HTTP/0.9', 'HTTP/2.0', 'HTTP/1.1 extra', 'HTTX/1.1', ''])) + head())],
    ['no or wrong host', () => text(line('GET', rng.pick(PATHS)) + rng.pick(['', `host: evil.example\r\n`, `host: ${host}\r\nhost: ${host}\r\n`, 'host: \r\n', `host: localhost:${port}\r\n`]) + auth + '\r\n')],
    ['huge header', () => text(line('GET', '/') + head(`x-big: ${'h'.repeat(10_000 + rng.int(60_000))}\r\n`))],
    ['many headers', () => text(line('GET', '/api/settings') + head(Array.from({ length: 200 + rng.int(3_000) }, (_, i) => `x-h${i}: v\r\n`).join('')))],
    ['bad header syntax', () => text(line('GET', '/') + rng.pick([`host ${host}\r\n\r\n`, ` folded: x\r\n host: ${host}\r\n\r\n`, `ho st: ${host}\r\n\r\n`, `host: ${host}\n\n`, `host: ${host}\r\n:\r\n\r\n`]))],
    ['bad content-length', () => text(line('POST', rng.pick(PATHS)) + head(`${json}content-length: ${rng.pick(['-1', 'abc', '1e3', '99999999999999999999', '5, 6', '0x10'])}\r\n`) + '{}')],
    ['conflicting lengths', () => text(line('POST', '/api/log') + head(`${json}content-length: 2\r\ncontent-length: 40\r\n`) + '{}')],
    ['length and chunked', () => text(line('POST', '/api/log') + head(`${json}content-length: 4\r\ntransfer-encoding: chunked\r\n`) + '2\r\n{}\r\n0\r\n\r\n')],
    ['oversized body', () => text(line('POST', rng.pick(['/api/log', '/api/settings', '/api/commands'])) + head(`${json}content-length: ${70_000 + rng.int(200_000)}\r\n`) + 'x'.repeat(rng.int(100_000)), { timeoutMs: 600 })],
    ['oversized chunked', () => {
      const chunk = 'y'.repeat(16_000);
      return text(line('POST', '/api/summary') + head(`${json}transfer-encoding: chunked\r\n`) + `${chunk.length.toString(16)}\r\n${chunk}\r\n`.repeat(2 + rng.int(8)) + '0\r\n\r\n', { timeoutMs: 600 });
    }],
    ['broken chunked', () => text(line('POST', '/api/commands') + head(`${json}transfer-encoding: ${rng.pick(['chunked', 'gzip, chunked', 'chunked, gzip', 'identity'])}\r\n`) + rng.pick(['zz\r\n{}\r\n0\r\n\r\n', '2\r\n{}0\r\n\r\n', 'ffffffffffff\r\n{}', '2;ext=' + 'e'.repeat(20_000) + '\r\n{}\r\n0\r\n\r\n', '-2\r\n{}\r\n0\r\n\r\n']), { timeoutMs: 600 })],
    ['truncated body', () => text(line('POST', rng.pick(['/api/log', '/api/lookup-caller', '/api/settings'])) + head(`${json}content-length: ${100 + rng.int(1_000)}\r\n`) + '{"level":"info","mess', { timeoutMs: 300 })],
    ['truncated head', () => {
      const full = line('GET', '/api/settings') + head();
      return text(full, { truncateAt: rng.int(full.length), timeoutMs: 300 });
    }],
    ['bad JSON', () => {
      const body = rng.pick(['{', 'null', '[]', '"x"', '{"level":"info","message":' + '['.repeat(5_000) + '}', '{"type":"dial","number":"1; rm -rf /"}', '{"__proto__":{"x":1}}', '\ufeff{}', rng.bytes(50).toString('latin1'), '{"number":"' + '9'.repeat(40) + '"}']);
      return text(line('POST', rng.pick(['/api/log', '/api/summary', '/api/commands', '/api/lookup-caller', '/api/settings'])) + head(`${json}content-length: ${Buffer.byteLength(body, 'latin1')}\r\n`) + body);
    }],
    ['wrong content type', () => text(line('POST', '/api/commands') + head(`content-type: ${rng.pick(['text/plain', 'multipart/form-data', '', 'application/x-www-form-urlencoded'])}\r\ncontent-length: 2\r\n`) + '{}')],
    ['slow client', () => text(line('GET', rng.pick(PATHS)) + head(), { dripMs: 40, timeoutMs: 250 })],
    ['stream opened and dropped', () => text(line('GET', rng.pick(['/api/commands', '/api/summary-events'])) + head(), { timeoutMs: 50 + rng.int(200) })],
    ['pipelined', () => text((line('GET', '/') + `host: ${host}\r\n${auth}\r\n`).repeat(2 + rng.int(5)) + line('GET', '/%zz') + head(), { timeoutMs: 500 })],
    ['random bytes', () => ({ bytes: rng.bytes(1 + rng.int(3_000)), options: { timeoutMs: 300 } })],
    ['random after a good line', () => ({ bytes: Buffer.concat([Buffer.from(line('GET', '/')), rng.bytes(1 + rng.int(500))]), options: { timeoutMs: 300 } })],
  ];
  const [kind, make] = rng.pick(kinds);
  const made = make();
  return { kind, bytes: made.bytes, options: { timeoutMs: 1_000, ...made.options } };
}

let host: WebHost | undefined;
afterAll(async () => { await host?.close(); });

describe('web host fuzz', () => {
  it('the host still serves the app after a few thousand malformed requests', async () => {
    const logged: string[] = [];
    host = await startWebHost({
      config: appConfigSchema.parse({ lang: 'en' }), rendererDir: rendererFolder(), resourcesDir: FIXTURE,
      limits: { headersMs: 1_000, requestMs: 2_000 }, log: (l) => logged.push(l),
    });
    const h = host;
    const rng = random(0x5ea7);
    const cases = Array.from({ length: REQUESTS }, () => build(rng, h.port, h.token));
    const serverErrors: string[] = [];
    const kinds = new Map<string, number>();
    const started = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: PARALLEL }, async () => {
      while (next < cases.length) {
        const c = cases[next++]!;
        kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
        const answer = await sendRaw(h.port, c.bytes, c.options);
        for (const m of answer.text.matchAll(/HTTP\/1\.1 (\d{3})/g)) {
          if (Number(m[1]) >= 500) serverErrors.push(`${c.kind}: ${m[1]} for ${c.bytes.subarray(0, 80).toString('latin1')}`);
        }
      }
    }));
    const took = performance.now() - started;
    expect(kinds.size).toBeGreaterThan(20); // every kind was tried
    expect(serverErrors).toEqual([]);
    expect(logged.filter((l) => l.startsWith('web host: ') && !l.includes('wrong access token'))).toEqual([]);
    expect(took).toBeLessThan(25_000);

    // Still the app: the shell, the settings with the token, and room for the page's streams.
    const auth = { authorization: `Bearer ${h.token}` };
    const page = await fetch(h.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>SeatMate</title>');
    const settings = await fetch(`${h.url}api/settings`, { headers: auth });
    expect(settings.status).toBe(200);
    expect((await settings.json() as { config: { lang: string } }).config.lang).toBe('en');
    const stream = await sendRaw(h.port, `GET /api/commands HTTP/1.1\r\nhost: 127.0.0.1:${h.port}\r\nauthorization: Bearer ${h.token}\r\n\r\n`, { timeoutMs: 200 });
    expect(stream.status).toBe(200);
  }, 30_000);
});
