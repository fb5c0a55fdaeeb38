// `seatmate web` follows its files (issue 14 §6) with the rule Electron main uses too
// (src/node/followFiles.ts): the real web host, real temporary files, the real watchers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppCommand } from '../core/bridge.ts';
import { appConfigSchema } from '../core/config.ts';
import { followFiles } from './followFiles.ts';
import { startWebHost, type WebHost } from './server.ts';

const FIXTURE = path.resolve(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'resources');
const WAIT = { timeout: 5000, interval: 20 };
const raw = { lang: 'zh-CN', agent: { id: '1001', name: 'Li' } };
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

async function follow() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'seatmate-web-follow-'));
  cleanups.push(() => fs.rmSync(root, { recursive: true, force: true }));
  const resourcesDir = path.join(root, 'resources');
  fs.cpSync(FIXTURE, resourcesDir, { recursive: true });
  const configFile = path.join(root, 'config.json');
  fs.writeFileSync(configFile, JSON.stringify(raw));
  const policyFile = path.join(root, 'policy.json');
  const host = await startWebHost({ config: appConfigSchema.parse(raw), userConfig: raw, rendererDir: root, resourcesDir, configFile });
  cleanups.push(() => host.close());
  const sent: AppCommand[] = [];
  const logged: string[] = [];
  const recorded: WebHost = { ...host, sendCommand: (c) => sent.push(c) };
  const stop = followFiles(recorded, { resourcesDir, policyFile, configFile }, (l) => logged.push(l));
  cleanups.push(stop);
  return { host, resourcesDir, configFile, policyFile, sent, logged };
}

describe('seatmate web follows its files', () => {
  it('a changed pack: loaded again, and the page is told content-changed', async () => {
    const w = await follow();
    const packFile = path.join(w.resourcesDir, 'packs', 'demo-10000', 'pack.yaml');
    fs.writeFileSync(packFile, fs.readFileSync(packFile, 'utf8').replace(/^hotline: .*$/m, 'hotline: "Demo line 2"'));
    await vi.waitFor(() => expect(w.sent).toEqual([{ type: 'content-changed' }]), WAIT);
    expect((await w.host.content()).packs[0]?.hotline).toBe('Demo line 2');
  });

  it('the configuration file: a broken one is refused with its reason, a valid one takes effect and the page is told settings-changed', async () => {
    const w = await follow();
    fs.writeFileSync(w.configFile, '{ "agent": ');
    await vi.waitFor(() => expect(w.logged.join('\n')).toMatch(/configuration not reloaded, the settings in force are kept:\n {2}.*config\.json: not valid JSON/), WAIT);
    expect(w.host.settings().config.agent.name).toBe('Li');
    expect(w.sent).toEqual([]);
    fs.writeFileSync(w.configFile, JSON.stringify({ ...raw, agent: { id: '1001', name: 'Zhao' } }));
    await vi.waitFor(() => expect(w.sent).toEqual([{ type: 'settings-changed' }]), WAIT);
    expect(w.host.settings().config.agent.name).toBe('Zhao');
  });

  it('the policy file: a valid one is enforced and the page told settings-changed, a broken one refused with the policy in force kept', async () => {
    const w = await follow();
    fs.writeFileSync(w.policyFile, JSON.stringify({ lang: 'en' }));
    await vi.waitFor(() => expect(w.sent).toEqual([{ type: 'settings-changed' }]), WAIT);
    expect(w.host.settings().locked).toContain('lang');
    fs.writeFileSync(w.policyFile, '{ "lang": ');
    await vi.waitFor(() => expect(w.logged.some((l) => l.startsWith(`policy not reloaded, the policy in force is kept: ${w.policyFile}: `))).toBe(true), WAIT);
    expect(w.host.settings().config.lang).toBe('en');
    expect(w.host.policy().sources).toEqual([w.policyFile]);
    expect(w.sent).toEqual([{ type: 'settings-changed' }]);
  });
});
