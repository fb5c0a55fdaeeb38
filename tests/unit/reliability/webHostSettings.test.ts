// The web host keeps saved settings in its configuration file (issue 14 §7): written before the
// page hears "saved", one save at a time, never half a file; a file it cannot write is an error
// the page sees, and nothing changes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../../src/web/server.ts';
import { appConfigSchema } from '../../../src/core/config.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const raw = { mode: 'live', lang: 'en', agent: { id: '1001', name: 'Li' }, sip: { uri: 'sip:1001@127.0.0.1', ws: ['ws://127.0.0.1:9'], password: 'pw' } };
const hosts: WebHost[] = [];
afterEach(async () => { await Promise.all(hosts.splice(0).map((h) => h.close())); });

async function hostWith(configFile: string): Promise<WebHost> {
  const host = await startWebHost({
    config: appConfigSchema.parse(raw), userConfig: raw, rendererDir: path.join(ROOT, 'out', 'web'),
    resourcesDir: path.join(ROOT, 'tests', 'fixtures', 'resources'), configFile,
  });
  hosts.push(host);
  return host;
}

const save = (host: WebHost, name: string) => fetch(new URL('/api/settings', host.url), {
  method: 'POST', headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
  body: JSON.stringify({ agent: { id: '1001', name } }),
});

describe('the web host keeps saved settings in its configuration file', () => {
  it('writes each save before answering, in order, keeping the password and the rest of the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatmate-websettings-'));
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, JSON.stringify(raw), { mode: 0o600 });
    const host = await hostWith(file);
    const answers = await Promise.all(['A', 'B', 'C', 'D'].map((n) => save(host, n)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const written = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof raw;
    expect(written.agent.name).toBe('D');
    expect(written.sip.password).toBe('pw');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['config.json']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a file it cannot write: the page is told, and the settings in force do not change', async () => {
    const host = await hostWith(path.join(os.tmpdir(), 'no-such-folder-seatmate', 'config.json'));
    const answer = await save(host, 'Wang');
    expect(answer.status).toBe(500);
    expect(((await answer.json()) as { errors: string[] }).errors[0]).toMatch(/settings not saved: cannot write .*config\.json \(ENOENT\)/);
    expect(host.settings().config.agent.name).toBe('Li');
  });

  it('takes a changed configuration or policy the caller validated (web/followFiles.ts)', async () => {
    const host = await hostWith(path.join(os.tmpdir(), 'unused-seatmate-config.json'));
    host.update({ userConfig: { ...raw, agent: { id: '1001', name: 'Zhao' } } });
    expect(host.settings().config.agent.name).toBe('Zhao');
  });
});
