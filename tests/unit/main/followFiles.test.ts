// Electron main follows its files while it runs, as `seatmate web` does (docs/hosts.md): real
// temporary files, the real watchers (src/node/watchFiles.ts), the real bridge services; only
// the window side is a recorder. No Electron at runtime: the command sink is injected.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppCommand } from '../../../src/core/bridge.ts';
import { readPolicyFiles } from '../../../src/node/followFiles.ts';
import { resolvePolicy, type ResolvedPolicy } from '../../../src/node/policyMerge.ts';
import { createBridgeServices } from '../../../src/main/bridgeServices.ts';
import { followMainFiles, type PolicyEffects } from '../../../src/main/followFiles.ts';
import { plistLayer } from '../../../src/main/macPolicy.ts';
import { policySources, REGISTRY_POLL_MS, type PolicySources } from '../../../src/main/policySources.ts';

/** Every fs.watch the followers open, so a test can see that stop closed them all. */
const opened = vi.hoisted(() => [] as Array<{ closed: boolean }>);
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  const watch = ((...args: Parameters<typeof real.watch>) => {
    const watcher = real.watch(...args);
    const entry = { closed: false };
    opened.push(entry);
    const close = watcher.close.bind(watcher);
    watcher.close = () => { entry.closed = true; close(); };
    return watcher;
  }) as typeof real.watch;
  return { ...real, watch, default: { ...real, watch } };
});

const FIXTURE = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'resources');
const WAIT = { timeout: 5000, interval: 20 };
const stops: Array<() => void> = [];
const dirs: string[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  opened.length = 0;
});

/** Main as index.ts wires it: one policy in force, the bridge services asking for it, a recorder for windows. */
function startMain() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'seatmate-main-follow-'));
  dirs.push(root);
  const resourcesDir = path.join(root, 'resources');
  fs.cpSync(FIXTURE, resourcesDir, { recursive: true });
  const policyFile = path.join(root, 'policy', 'policy.json');
  fs.mkdirSync(path.dirname(policyFile));
  const sources: PolicySources = { files: [policyFile], read: () => readPolicyFiles([policyFile]) };

  let policy: ResolvedPolicy = resolvePolicy([]);
  const sent: AppCommand[] = [];
  const logged: string[] = [];
  const effects = {
    setLogLevel: vi.fn<PolicyEffects['setLogLevel']>(),
    setLinkPolicy: vi.fn<PolicyEffects['setLinkPolicy']>(),
    applyDesktop: vi.fn<PolicyEffects['applyDesktop']>(),
    setOverlayEnabled: vi.fn<PolicyEffects['setOverlayEnabled']>(),
    refresh: vi.fn<PolicyEffects['refresh']>(),
  };
  const services = createBridgeServices({
    store: { user: () => ({ lang: 'zh-CN' }), saveUser: async () => {} },
    policy: () => policy, resourcesDir, warn: (m) => logged.push(m),
    notify: async () => {}, log: () => {}, isAgentWindow: () => true, onSummary: () => {},
    desktop: { view: () => { throw new Error('not in this test'); }, save: async () => { throw new Error('not in this test'); } },
  });
  const stop = followMainFiles({
    resourcesDir, sources, policy: () => policy, setPolicy: (next) => { policy = next; },
    user: () => ({ lang: 'zh-CN' }), effects, loadContent: () => services.loadContent(),
    send: (c) => sent.push(c), log: (m) => logged.push(m), settleMs: 50,
  });
  stops.push(stop);
  const contentChanged = () => sent.filter((c) => c.type === 'content-changed').length;
  const settingsChanged = () => sent.filter((c) => c.type === 'settings-changed').length;
  return { root, resourcesDir, policyFile, services, effects, sent, logged, stop, contentChanged, settingsChanged, policy: () => policy };
}

describe('Electron main follows its files', () => {
  it('a changed pack: main loads it again and sends the agent page content-changed', async () => {
    const m = startMain();
    const packFile = path.join(m.resourcesDir, 'packs', 'demo-10000', 'pack.yaml');
    fs.writeFileSync(packFile, fs.readFileSync(packFile, 'utf8').replace(/^hotline: .*$/m, 'hotline: "Demo line 2"'));
    await vi.waitFor(() => expect(m.sent).toEqual([{ type: 'content-changed' }]), WAIT);
    expect(m.logged).toContain('content reloaded: 1 pack(s), 0 error(s)');
    expect((await m.services.loadContent()).packs[0]?.hotline).toBe('Demo line 2');
  });

  it('a valid policy change takes effect: the settings view locks it, main applies what a start applies, the agent page is told settings-changed', async () => {
    const m = startMain();
    fs.writeFileSync(m.policyFile, JSON.stringify({ lang: 'en', logLevel: 'debug', hotkeysEnabled: false, updateMode: 'none' }));
    await vi.waitFor(() => expect(m.sent).toEqual([{ type: 'settings-changed' }]), WAIT);
    expect(m.policy().enforced.lang).toBe('en');
    const settings = await m.services.getSettings();
    expect(settings.config.lang).toBe('en');
    expect(settings.locked).toContain('lang');
    expect(m.effects.setLogLevel).toHaveBeenCalledWith('debug');
    expect(m.effects.setLinkPolicy).toHaveBeenCalledWith({ featureCodesAllowed: false });
    expect(m.effects.applyDesktop).toHaveBeenCalledTimes(1); // hotkeysEnabled changed
    expect(m.effects.setOverlayEnabled).not.toHaveBeenCalled(); // overlayEnabled did not
    expect(m.effects.refresh).toHaveBeenCalled();
    expect(m.logged).toContain(`policy reloaded from ${m.policyFile}`);
    expect(m.logged).toContain('policy: updateMode take effect at the next start');
  });

  it('a malformed policy file is refused with the reason in the log; the policy in force stays', async () => {
    const m = startMain();
    fs.writeFileSync(m.policyFile, JSON.stringify({ lang: 'en' }));
    await vi.waitFor(() => expect(m.policy().enforced.lang).toBe('en'), WAIT);
    const inForce = m.policy();
    const applied = m.effects.refresh.mock.calls.length;

    expect(m.settingsChanged()).toBe(1);

    fs.writeFileSync(m.policyFile, '{ "lang": ');
    await vi.waitFor(() => expect(m.logged.some((l) => l.startsWith(`policy not reloaded, the policy in force is kept: ${m.policyFile}: `))).toBe(true), WAIT);
    expect(m.policy()).toBe(inForce);
    expect((await m.services.getSettings()).locked).toContain('lang');
    expect(m.effects.refresh.mock.calls.length).toBe(applied);
    expect(m.settingsChanged()).toBe(1); // a refused policy: the agent page is not told anything

    // Fixed again: in force at once. Removed: no policy at all, as at a start without the file.
    fs.writeFileSync(m.policyFile, JSON.stringify({ lang: 'zh-CN' }));
    await vi.waitFor(() => expect(m.policy().enforced.lang).toBe('zh-CN'), WAIT);
    fs.rmSync(m.policyFile);
    await vi.waitFor(() => expect(m.policy().enforced).toEqual({}), WAIT);
    expect(m.logged).toContain('policy reloaded: no IT policy is enforced');
  });

  it('IT\'s directoryFile: a policy that sets it reloads the content, and the file is followed from then on', async () => {
    const m = startMain();
    const itDirectory = path.join(m.root, 'it', 'directory.yaml');
    fs.mkdirSync(path.dirname(itDirectory));
    fs.writeFileSync(itDirectory, 'numbers:\n  - { number: "95588", tier: vip, surname: 赵, title: 女士 }\n');
    fs.writeFileSync(m.policyFile, JSON.stringify({ directoryFile: itDirectory }));
    await vi.waitFor(() => expect(m.contentChanged()).toBe(1), WAIT);
    expect((await m.services.loadContent()).directory?.numbers.map(([n]) => n)).toEqual(['95588']);

    fs.writeFileSync(itDirectory, 'numbers:\n  - { number: "95599", tier: brand, surname: 钱, title: 先生 }\n');
    await vi.waitFor(() => expect(m.contentChanged()).toBe(2), WAIT);
    expect((await m.services.loadContent()).directory?.numbers.map(([n]) => n)).toEqual(['95599']);
  });

  it('stop closes every watcher: a change after it reaches no one', async () => {
    const m = startMain();
    expect(opened.length).toBeGreaterThanOrEqual(2); // the resources folder, the policy's folder
    m.stop();
    expect(opened.every((w) => w.closed)).toBe(true);
    fs.writeFileSync(path.join(m.resourcesDir, 'directory.yaml'), 'numbers: []\n');
    fs.writeFileSync(m.policyFile, JSON.stringify({ lang: 'en' }));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(m.sent).toEqual([]);
    expect(m.policy().enforced).toEqual({});
  });
});

describe('the policy sources main follows, per platform', () => {
  it('Linux: the JSON file; macOS: the two managed-preferences plists, a broken one refusing the change', async () => {
    expect(policySources('com.seatmate.app', 'linux').files).toEqual(['/etc/seatmate/policy.json']);
    const mac = policySources('com.seatmate.app', 'darwin');
    expect(mac.files[0]).toBe('/Library/Managed Preferences/com.seatmate.app.plist');
    expect(mac.files[1]).toMatch(/^\/Library\/Managed Preferences\/[^/]+\/com\.seatmate\.app\.plist$/);
    expect(mac.pollMs).toBeUndefined();

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatmate-plist-'));
    dirs.push(dir);
    const good = path.join(dir, 'computer.plist');
    const bad = path.join(dir, 'user.plist');
    fs.writeFileSync(good, '<?xml version="1.0"?><plist version="1.0"><dict><key>lang</key><string>en</string></dict></plist>');
    fs.writeFileSync(bad, '<?xml version="1.0"?><plist version="1.0"><array><string>en</string></array></plist>');
    await expect(readPolicyFiles([good, path.join(dir, 'absent.plist')], plistLayer)).resolves.toEqual([{ source: good, enforced: { lang: 'en' }, recommended: {} }]);
    await expect(readPolicyFiles([good, bad], plistLayer)).rejects.toThrow(`${bad}: not a dictionary`);
  });

  it('Windows: the registry cannot be watched, so it is read again every minute; a failed read refuses the change', async () => {
    const win = policySources('com.seatmate.app', 'win32', async () => { throw new Error('reg.exe timed out'); });
    expect(win.files).toEqual([]);
    expect(win.pollMs).toBe(REGISTRY_POLL_MS);
    expect(REGISTRY_POLL_MS).toBeGreaterThanOrEqual(60_000);
    await expect(win.read()).rejects.toThrow('cannot read HKLM\\Software\\Policies\\SeatMate: reg.exe timed out');
    const none = policySources('com.seatmate.app', 'win32', async () => ({ code: 1, stdout: '' }));
    await expect(none.read()).resolves.toEqual([]);
  });
});
