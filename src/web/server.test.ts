import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appConfigSchema } from '../core/config.ts';
import { parseConfigText, readConfigFile } from './configFile.ts';
import { startWebHost, type WebHost } from './server.ts';

const dir = mkdtempSync(join(tmpdir(), 'seatmate-web-'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ok</title>');
let host: WebHost | undefined;

afterEach(async () => { await host?.close(); host = undefined; });

function start() {
  return startWebHost({
    config: appConfigSchema.parse({ lang: 'en' }),
    rendererDir: dir,
    loadContent: async () => ({ packs: [{ path: 'packs/x/pack.yaml', text: 'id: x' }], calendars: [] }),
  });
}

function raw(port: number, path: string, init: { method?: string; host?: string; body?: string; type?: string; origin?: string } = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port, path, method: init.method ?? 'GET',
      headers: {
        host: init.host ?? `127.0.0.1:${port}`,
        ...(init.type ? { 'content-type': init.type } : {}),
        ...(init.origin ? { origin: init.origin } : {}),
      },
    }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
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
    expect(content.packs[0].path).toBe('packs/x/pack.yaml');
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
