import { mkdtempSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCrm } from '../../tests/unit/main/doubles/fakeCrm.ts';
import { appConfigSchema } from '../core/config.ts';
import { loadPolicyFile, policyFilePath } from '../node/policyFile.ts';
import { parseConfigText, readConfigFile } from './configFile.ts';
import { startWebHost, type WebHost } from './server.ts';

const dir = mkdtempSync(join(tmpdir(), 'seatmate-web-'));
const FIXTURE = join(import.meta.dirname, '../../tests/fixtures/resources');
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ok</title>');
let host: WebHost | undefined;

afterEach(async () => { await host?.close(); host = undefined; });

function start(extra: Record<string, unknown> = {}, more: Partial<Parameters<typeof startWebHost>[0]> = {}) {
  return startWebHost({
    ...more,
    config: appConfigSchema.parse({ lang: 'en', ...extra }),
    rendererDir: dir,
    resourcesDir: FIXTURE,
  });
}

/** A request as a script sends it: with the running host's token unless `token` says otherwise (null: none). */
function raw(port: number, path: string, init: { method?: string; host?: string; body?: string; type?: string; origin?: string; token?: string | null } = {}) {
  const token = init.token === undefined ? host?.token : init.token;
  return new Promise<{ status: number; body: string; headers: IncomingHttpHeaders }>((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port, path, method: init.method ?? 'GET',
      headers: {
        host: init.host ?? `127.0.0.1:${port}`,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(init.type ? { 'content-type': init.type } : {}),
        ...(init.origin ? { origin: init.origin } : {}),
      },
    }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('web host', () => {
  it('serves the renderer and the bridge on 127.0.0.1', async () => {
    host = await start();
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await raw(host.port, '/')).body).toContain('<title>ok</title>');
    const settings = JSON.parse((await raw(host.port, '/api/settings')).body);
    expect(settings.config.mode).toBe('training');
    const content = JSON.parse((await raw(host.port, '/api/content')).body);
    expect(content.packs[0].id).toBe('demo-10000');
    expect(content.errors).toEqual([]);
  });

  it('turns away foreign Host names and cross-origin posts (DNS rebinding, CSRF)', async () => {
    host = await start();
    expect((await raw(host.port, '/api/settings', { host: 'evil.example:80' })).status).toBe(421);
    const post = await raw(host.port, '/api/settings', { method: 'POST', type: 'application/json', body: '{"lang":"zh-CN"}', origin: 'http://evil.example' });
    expect(post.status).toBe(403);
    expect((await raw(host.port, '/api/settings', { method: 'POST', type: 'text/plain', body: '{}' })).status).toBe(415);
  });

  it('does not serve files outside the renderer folder', async () => {
    host = await start();
    expect((await raw(host.port, '/../../etc/passwd')).status).not.toBe(200);
    expect((await raw(host.port, '/%2e%2e/%2e%2e/etc/passwd')).status).not.toBe(200);
  });

  it('rejects an invalid settings patch and keeps the last good settings', async () => {
    host = await start();
    const bad = await raw(host.port, '/api/settings', { method: 'POST', type: 'application/json', body: '{"lang":"fr"}' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).errors[0]).toMatch(/^lang:/);
    const good = await raw(host.port, '/api/settings', { method: 'POST', type: 'application/json', body: '{"lang":"zh-CN"}' });
    expect(JSON.parse(good.body).config.lang).toBe('zh-CN');
  });

  it('forwards validated commands to the page and drops bad ones', async () => {
    host = await start();
    const bad = await raw(host.port, '/api/commands', { method: 'POST', type: 'application/json', body: '{"type":"dial","number":"<script>"}' });
    expect(bad.status).toBe(400);
    const ok = await raw(host.port, '/api/commands', { method: 'POST', type: 'application/json', body: '{"type":"dial","number":"10000"}' });
    expect(ok.status).toBe(200);
  });
});

describe('configuration file', () => {
  it('names the field that is wrong', () => {
    const result = parseConfigText('{"mode":"live","sip":{"uri":"1001","ws":["http://x"]}}', 'seat.json');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toContain('seat.json: sip.uri: must be a SIP URI such as sip:1001@example.org');
      expect(result.errors.some((e) => e.startsWith('seat.json: sip.ws.0:'))).toBe(true);
    }
  });

  it('says when live mode has no SIP section, and when the JSON is broken', () => {
    const live = parseConfigText('{"mode":"live"}', 'a.json');
    expect(live.ok ? [] : live.errors).toEqual(['a.json: sip: live mode needs a "sip" section']);
    const broken = parseConfigText('{"mode":', 'b.json');
    expect(broken.ok ? '' : broken.errors[0]).toMatch(/^b\.json: not valid JSON/);
  });

  it('defaults to training mode without a file, and reports a missing file', async () => {
    const none = await readConfigFile(undefined);
    expect(none.ok && none.config.mode).toBe('training');
    const missing = await readConfigFile(join(dir, 'nope.json'));
    expect(missing.ok ? '' : missing.errors[0]).toContain('cannot read (ENOENT)');
  });
});

const json = (body: unknown) => ({ method: 'POST', type: 'application/json', body: JSON.stringify(body) });

/** Reads a server-sent event stream until `count` data messages have arrived. */
function sse(port: number, path: string, count: number) {
  const messages: unknown[] = [];
  let ready!: () => void;
  const connected = new Promise<void>((resolve) => { ready = resolve; });
  const done = new Promise<unknown[]>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${host?.token}` } }, (res) => {
      expect(res.headers['content-type']).toBe('text/event-stream');
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        if (buffer.includes(': connected')) ready();
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (event.startsWith('data: ')) messages.push(JSON.parse(event.slice(6)));
        }
        if (messages.length >= count) { req.destroy(); resolve(messages); }
      });
    });
    req.on('error', (e) => { if (messages.length < count) reject(e); });
    req.end();
  });
  return { connected, done };
}

describe('web host: caller look-up', () => {
  let crm: Awaited<ReturnType<typeof startFakeCrm>>;
  beforeAll(async () => { crm = await startFakeCrm(); });
  afterAll(async () => { await crm.close(); });

  it('asks the CRM from the configuration and returns its answer', async () => {
    host = await start({ crm: { url: `${crm.base}/good`, timeoutMs: 500 } });
    const r = await raw(host.port, '/api/lookup-caller', json({ number: '+8613800138000' }));
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ tier: 'vip', surname: '王', title: '先生' });
    expect(crm.seen.at(-1)).toBe('+8613800138000');
  });

  it('answers null without a CRM, for a malformed answer, and past the time limit', async () => {
    host = await start();
    expect(JSON.parse((await raw(host.port, '/api/lookup-caller', json({ number: '10000' }))).body)).toBeNull();
    await host.close();
    host = await start({ crm: { url: `${crm.base}/malformed` } });
    expect(JSON.parse((await raw(host.port, '/api/lookup-caller', json({ number: '10000' }))).body)).toBeNull();
    await host.close();
    host = await start({ crm: { url: `${crm.base}/slow`, timeoutMs: 150 } });
    const started = performance.now();
    const slow = await raw(host.port, '/api/lookup-caller', json({ number: '10000' }));
    expect(slow.status).toBe(200);
    expect(JSON.parse(slow.body)).toBeNull();
    expect(performance.now() - started).toBeLessThan(150 + 200);
  });

  it('rejects a bad number and a request from another site, without asking the CRM', async () => {
    host = await start({ crm: { url: `${crm.base}/good` } });
    const before = crm.seen.length;
    for (const body of [{ number: '10000&x=1' }, { number: '1'.repeat(33) }, { number: 10000 }, { number: '10000', extra: 1 }]) {
      const r = await raw(host.port, '/api/lookup-caller', json(body));
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect((await raw(host.port, '/api/lookup-caller', { ...json({ number: '10000' }), origin: 'http://evil.example' })).status).toBe(403);
    expect((await raw(host.port, '/api/lookup-caller', { ...json({ number: '10000' }), host: 'evil.example:80' })).status).toBe(421);
    expect((await raw(host.port, '/api/lookup-caller', { method: 'POST', type: 'text/plain', body: '{"number":"10000"}' })).status).toBe(415);
    expect(crm.seen.length).toBe(before);
  });
});

describe('web host: IT policy file', () => {
  it('applies the enforced keys from SEATMATE_POLICY and lists them as locked', async () => {
    const file = join(dir, 'policy.json');
    writeFileSync(file, JSON.stringify({
      overrideAllowed: true, checkInEvery: 20000, crmUrl: 'https://crm.example.org/tier',
      recommended: { lang: 'zh-CN', holdLimit: 90000 },
    }));
    expect(policyFilePath({})).toBe('/etc/seatmate/policy.json');
    const logged: string[] = [];
    const policy = await loadPolicyFile(policyFilePath({ SEATMATE_POLICY: file }), (m) => logged.push(m));
    expect(logged.join()).toContain(`applied from ${file}`);
    host = await startWebHost({
      config: appConfigSchema.parse({ lang: 'en' }), userConfig: { lang: 'en' }, policy, rendererDir: dir,
      resourcesDir: FIXTURE,
    });
    const settings = JSON.parse((await raw(host.port, '/api/settings')).body);
    expect(settings.config.overrideAllowed).toBe(true);
    expect(settings.config.timings).toEqual({ checkInEvery: 20000, holdLimit: 90000 });
    expect(settings.config.crm).toEqual({ url: 'https://crm.example.org/tier', timeoutMs: 300 });
    expect(settings.config.lang).toBe('en'); // the file's choice beats a recommendation
    expect(settings.locked).toEqual(expect.arrayContaining(['overrideAllowed', 'timings.checkInEvery', 'crm.url']));
    expect(settings.locked).not.toContain('timings.holdLimit');
    // Saving settings keeps the policy on top.
    const saved = JSON.parse((await raw(host.port, '/api/settings', json({ lang: 'zh-CN' }))).body);
    expect(saved.config.lang).toBe('zh-CN');
    expect(saved.config.overrideAllowed).toBe(true);
    expect(saved.locked).toContain('timings.checkInEvery');
  });

  it('a missing or broken policy file is no policy', async () => {
    expect((await loadPolicyFile(join(dir, 'none.json'), () => {})).sources).toEqual([]);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ nope');
    const logged: string[] = [];
    expect((await loadPolicyFile(broken, (m) => logged.push(m))).sources).toEqual([]);
    expect(logged.join()).toMatch(/ignored/);
  });
});

describe('web host: summary stream for the overlay page', () => {
  it('sends the last summary on connect, then each valid new one; drops invalid ones', async () => {
    host = await start();
    const first = { registration: 'registered', call: 'ringing', tier: 'vip', greeting: '您好', scenario: 'complaint' };
    expect((await raw(host.port, '/api/summary', json(first))).status).toBe(200);
    const stream = sse(host.port, '/api/summary-events', 3);
    await stream.connected;
    expect((await raw(host.port, '/api/summary', json({ registration: 'registered', call: 'dancing' }))).status).toBe(400);
    await raw(host.port, '/api/summary', json({ ...first, call: 'connected' }));
    await raw(host.port, '/api/summary', json({ registration: 'registered', call: 'ended' }));
    expect(await stream.done).toEqual([first, { ...first, call: 'connected' }, { registration: 'registered', call: 'ended' }]);
    expect(host.lastSummary()?.call).toBe('ended');
  });

  it('keeps summaries and commands apart', async () => {
    host = await start();
    const summaries = sse(host.port, '/api/summary-events', 1);
    const commands = sse(host.port, '/api/commands', 1);
    await Promise.all([summaries.connected, commands.connected]);
    host.sendCommand({ type: 'answer' });
    await raw(host.port, '/api/summary', json({ registration: 'registered', call: 'idle' }));
    expect(await summaries.done).toEqual([{ registration: 'registered', call: 'idle' }]);
    expect(await commands.done).toEqual([{ type: 'answer' }]);
  });
});
