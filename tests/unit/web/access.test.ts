// Who may use the web host's API (docs/security.md §1–2): whoever holds this launch's token —
// the page, through the cookie it got by opening the printed URL, or a script with a Bearer
// header. Everything else on 127.0.0.1 gets 401, whatever its Origin says.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appConfigSchema } from '../../../src/core/config.ts';
import { tokenProblem } from '../../../src/web/accessToken.ts';
import { startWebHost, type WebHost } from '../../../src/web/server.ts';
import { headersOf, rendererFolder, sendRaw } from '../../harness/rawHttp.ts';

const FIXTURE = join(import.meta.dirname, '../../fixtures/resources');
const PASSWORD = 'Tr0ub4dor&3';
const renderer = rendererFolder();
let host: WebHost | undefined;
afterEach(async () => { await host?.close(); host = undefined; });

async function start(log?: (line: string) => void): Promise<WebHost> {
  host = await startWebHost({
    config: appConfigSchema.parse({
      mode: 'live', lang: 'en',
      sip: { uri: 'sip:1001@pbx.example.org', ws: ['wss://pbx.example.org/ws'], authUser: '1001', password: PASSWORD },
    }),
    rendererDir: renderer, resourcesDir: FIXTURE, ...(log ? { log } : {}),
  });
  return host;
}

function request(h: WebHost, line: string, headers: Record<string, string> = {}, body = ''): string {
  const all: Record<string, string> = { host: `127.0.0.1:${h.port}`, connection: 'close', ...headers };
  if (body) all['content-length'] = String(Buffer.byteLength(body));
  return `${line}\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${body}`;
}

const bodyOf = (text: string) => text.slice(text.indexOf('\r\n\r\n') + 4);

const ROUTES = [
  'GET /api/settings', 'POST /api/settings', 'GET /api/credentials', 'GET /api/content', 'POST /api/log',
  'POST /api/summary', 'GET /api/summary-events', 'POST /api/lookup-caller', 'POST /api/commands', 'GET /api/commands',
];

describe('web host access token', () => {
  it('unauthenticated and cross-origin calls refused', async () => {
    const h = await start();
    const json = { 'content-type': 'application/json' };
    for (const route of ROUTES) {
      const [method, path] = route.split(' ') as [string, string];
      const body = method === 'POST' ? '{"type":"dial","number":"10000"}' : '';
      const attempts: Record<string, string>[] = [
        {}, // nothing: another program on 127.0.0.1
        { origin: `http://127.0.0.1:${h.port}` }, // claims to be our page
        { authorization: 'Bearer wrong-token-wrong-token-wrong' },
        { authorization: `Bearer ${h.token}x` },
        { cookie: `seatmate-${h.port}=${h.token.slice(0, -1)}` },
        { cookie: `seatmate-${h.port + 1}=${h.token}` }, // another host's cookie name
      ];
      for (const extra of attempts) {
        const a = await sendRaw(h.port, request(h, `${method} ${path} HTTP/1.1`, { ...json, ...extra }, body), { timeoutMs: 500 });
        expect(a.status, `${route} ${JSON.stringify(extra)}`).toBe(401);
        expect(bodyOf(a.text)).toContain('open the URL \\"seatmate web\\" printed');
      }
    }
    // With the token, a foreign Origin is still turned away (a page that holds the cookie is not enough).
    const foreign = await sendRaw(h.port, request(h, 'POST /api/commands HTTP/1.1', { ...json, authorization: `Bearer ${h.token}`, origin: 'http://evil.example' }, '{"type":"answer"}'));
    expect(foreign.status).toBe(403);
    const ok = await sendRaw(h.port, request(h, 'POST /api/commands HTTP/1.1', { ...json, authorization: `Bearer ${h.token}` }, '{"type":"answer"}'));
    expect(ok.status).toBe(200);
  });

  it('the printed URL trades the token for an HttpOnly SameSite=Strict cookie and a 303 to the same page without it', async () => {
    const h = await start();
    expect(h.launchUrl).toBe(`${h.url}?token=${h.token}`);
    expect(h.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // randomBytes(32), base64url
    const opened = await sendRaw(h.port, request(h, `GET /overlay.html?lang=en&token=${h.token} HTTP/1.1`));
    expect(opened.status).toBe(303);
    const headers = headersOf(opened.text);
    expect(headers.location).toBe('/overlay.html?lang=en');
    expect(headers['set-cookie']).toBe(`seatmate-${h.port}=${h.token}; HttpOnly; SameSite=Strict; Path=/`);
    const cookie = headers['set-cookie']!.split(';')[0]!;
    expect((await sendRaw(h.port, request(h, 'GET /api/settings HTTP/1.1', { cookie: `other=1; ${cookie}` }))).status).toBe(200);
    // A wrong token earns nothing, and is dropped from the address too; no open redirect.
    const wrong = await sendRaw(h.port, request(h, 'GET //evil.example/?token=nope HTTP/1.1'));
    expect(wrong.status).toBe(303);
    expect(headersOf(wrong.text)).not.toHaveProperty('set-cookie');
    expect(headersOf(wrong.text).location).toBe('/evil.example/');
  });

  it('serves the app shell without the token; the API tells that page what to open', async () => {
    const h = await start();
    const page = await sendRaw(h.port, request(h, 'GET / HTTP/1.1'));
    expect(page.status).toBe(200);
    expect(bodyOf(page.text)).toContain('<title>SeatMate</title>');
  });

  it('the password is absent from every response but the agent engine\'s credentials', async () => {
    const h = await start();
    const auth = { authorization: `Bearer ${h.token}`, 'content-type': 'application/json' };
    const answers = await Promise.all([
      request(h, 'GET /api/settings HTTP/1.1', auth),
      request(h, 'POST /api/settings HTTP/1.1', auth, JSON.stringify({ sip: { uri: 'sip:1001@pbx.example.org', ws: ['wss://pbx.example.org/ws'] } })),
      request(h, 'GET /api/content HTTP/1.1', auth),
      request(h, 'GET / HTTP/1.1'),
      request(h, `GET /?token=${h.token} HTTP/1.1`),
    ].map((raw) => sendRaw(h.port, raw)));
    for (const a of answers) expect(a.text).not.toContain(PASSWORD.slice(0, 8));
    const settings = JSON.parse(bodyOf(answers[0]!.text));
    expect(settings.passwordSet).toBe(true);
    expect(settings.config.sip).not.toHaveProperty('password');
    expect(h.settings().config.sip).not.toHaveProperty('password');
    const credentials = await sendRaw(h.port, request(h, 'GET /api/credentials HTTP/1.1', auth));
    expect(JSON.parse(bodyOf(credentials.text))).toEqual({ password: PASSWORD });
    expect(headersOf(credentials.text)['cache-control']).toBe('no-store');
  });

  it('SEATMATE_WEB_TOKEN sets the token; a short or odd one is refused', async () => {
    expect(tokenProblem('a-token-from-automation-0123456789')).toBeUndefined();
    for (const bad of ['', 'short', 'has space in it 0123456789', 'ü'.repeat(30), 'x'.repeat(257)]) expect(tokenProblem(bad), bad).toBeDefined();
    host = await startWebHost({ config: appConfigSchema.parse({}), rendererDir: renderer, resourcesDir: FIXTURE, token: 'a-token-from-automation-0123456789' });
    expect(host.launchUrl).toBe(`${host.url}?token=a-token-from-automation-0123456789`);
    expect((await sendRaw(host.port, request(host, 'GET /api/settings HTTP/1.1', { authorization: 'Bearer a-token-from-automation-0123456789' }))).status).toBe(200);
  });

  it('the web host\'s own log goes through the redactor, renderer lines included', async () => {
    const logged: string[] = [];
    const h = await start((line) => logged.push(line));
    const auth = { authorization: `Bearer ${h.token}`, 'content-type': 'application/json' };
    const message = `REGISTER failed: password=${PASSWORD} Authorization: Digest username="1001", response="abc" caller 13800138000`;
    await sendRaw(h.port, request(h, 'POST /api/log HTTP/1.1', auth, JSON.stringify({ level: 'warn', message })));
    await sendRaw(h.port, request(h, 'GET /?token=a-guess-at-the-token-0123456789 HTTP/1.1'));
    const all = logged.join('\n');
    expect(all).toContain('[renderer warn] REGISTER failed');
    for (const secret of [PASSWORD, '13800138000', 'response="abc"', 'a-guess-at-the-token']) expect(all).not.toContain(secret);
    expect(all).toContain('wrong access token');
  });
});
