// ONE contract, two hosts (docs/hosts.md): the same cases run against the preload bridge wired to
// main's real IPC handlers (registerIpc over the node services, Electron replaced by its test
// double) and against the web bridge talking real HTTP to the real web host on 127.0.0.1. Every
// case also compares the two hosts' answers, so a behaviour that drifts in one host fails here.
import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppCommand, CallSummary, SeatMateBridge } from '../../../src/core/bridge.ts';
import { appConfigSchema } from '../../../src/core/config.ts';
import { searchScenarios } from '../../../src/core/guidance/scenarios.ts';
import { fromContentData } from '../../../src/core/pack/contentData.ts';
import { resolvePolicy, type ResolvedPolicy } from '../../../src/node/policyMerge.ts';
import { NodeEventSource } from './nodeEventSource.ts';
import { startCollector } from '../../harness/collector.ts';

vi.mock('electron', async () => (await import('../main/doubles/electron.ts')).electronModule);

const { FakeIpcMain, FakeWebContents, ipcEvent, safeStorage, globalShortcut } = await import('../main/doubles/electron.ts');
const { createBridge } = await import('../../../src/preload/bridge.ts');
const { registerIpc } = await import('../../../src/main/ipc.ts');
const { createBridgeServices } = await import('../../../src/main/bridgeServices.ts');
const { createDesktopSettings } = await import('../../../src/main/desktopSettings.ts');
const { createCommandSender } = await import('../../../src/main/commands.ts');
const { createOverlay } = await import('../../../src/main/overlayWindow.ts');
const { createSecretBox } = await import('../../../src/main/secrets.ts');
const { createSettingsStore } = await import('../../../src/main/settingsStore.ts');
const { startWebHost } = await import('../../../src/web/server.ts');
const { createWebBridge } = await import('../../../src/renderer/webBridge.ts');

const FIXTURE = join(import.meta.dirname, '../../fixtures/resources');
const dir = mkdtempSync(join(tmpdir(), 'seatmate-contract-'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>agent</title>');
/** IT's own caller directory (the directoryFile policy), in place of the bundled one. */
const IT_DIRECTORY = join(dir, 'it-directory.yaml');
writeFileSync(IT_DIRECTORY, 'numbers:\n  - { number: "95588", tier: vip, surname: 赵, title: 女士 }\n');

/** IT enforces English and its own directory; everything else is the agent's to choose. */
const policy: ResolvedPolicy = resolvePolicy([{ source: 'contract test', enforced: { lang: 'en', directoryFile: IT_DIRECTORY }, recommended: {} }]);
/** IT's records collector (policy recordsUrl, recommended so nothing more is locked): plain http on loopback here. */
const collector = await startCollector();
policy.recommended.recordsUrl = collector.url;

interface Host {
  name: 'electron' | 'web';
  /** The agent window's bridge. */
  agent: SeatMateBridge;
  /** The guidance overlay page's bridge: it follows the agent's published summary. */
  overlay: SeatMateBridge;
  /**
   * A page the SIP password must never reach: in Electron the overlay window (our own page, on
   * our origin, but not the agent window); in the web host a page without the launch token.
   */
  outsider: SeatMateBridge;
  /** What the host logged (Electron's warn, the web host's log). */
  logged: string[];
  /** A command from outside the page (hotkey, tray, tel: link, POST /api/commands). */
  sendCommand(command: AppCommand): void;
  /** Resolves once every stream the bridges opened is listening. */
  streamsOpen(): Promise<void>;
  close(): Promise<void>;
}

/** main's real IPC handlers and node services; the two pages' ends are the real preload bridge. */
async function electronHost(): Promise<Host> {
  const ipcMain = new FakeIpcMain();
  const files = new Map<string, string>();
  const store = createSettingsStore('/u/settings.json', {
    readFile: async (p) => { const t = files.get(p); if (t === undefined) throw new Error('ENOENT'); return t; },
    writeFile: async (p, d) => { files.set(p, d); },
    rename: async (a, b) => { files.set(b, files.get(a)!); files.delete(a); },
  }, createSecretBox(safeStorage, 'win32', () => {}), () => {});
  await store.load();

  const agentContents = new FakeWebContents();
  const pages = new Map<unknown, EventEmitter>([[agentContents, new EventEmitter()]]);
  const overlayPage = new EventEmitter();
  // main → page: whatever a web contents sends lands in that page's ipcRenderer (the overlay
  // window is created by main itself, so any contents other than the agent's is the overlay).
  const send = vi.spyOn(FakeWebContents.prototype, 'send').mockImplementation(function (this: InstanceType<typeof FakeWebContents>, channel: string, ...args: unknown[]) {
    (pages.get(this) ?? overlayPage).emit(channel, {}, ...args);
  });
  const overlay = createOverlay({
    preloadPath: '/app/preload/index.cjs', url: 'app://seatmate/overlay.html', anchor: () => undefined,
    prefs: () => store.desktop(), savePrefs: () => {},
  });
  const commands = createCommandSender(() => {});
  const logged: string[] = [];
  // Another program on this desk already owns Ctrl+Alt+F9: registering it fails, as Electron's would.
  globalShortcut.unregisterAll(); globalShortcut.taken.clear(); globalShortcut.taken.add('CommandOrControl+Alt+F9');
  const desktop = createDesktopSettings({
    store, policy, platform: 'win32', shortcuts: globalShortcut, app: { setLoginItemSettings: () => {} }, onHotkey: () => {},
  });
  desktop.apply();
  const unregister = registerIpc(ipcMain as never, createBridgeServices({
    store, policy, resourcesDir: FIXTURE, warn: (m) => logged.push(m),
    notify: async () => {}, log: () => {},
    isAgentWindow: (contents) => contents === (agentContents as never),
    onSummary: (s) => overlay.update(s),
    desktop,
  }), {
    trusted: ['app://seatmate'],
    isOwnContents: (contents) => contents === (agentContents as never) || contents === overlay.window()?.webContents,
    log: () => {},
  });
  commands.ready(agentContents as never);

  /** The preload's IpcPort for a page: invoke/send reach main as that page's frame. */
  const port = (page: EventEmitter, contents: () => unknown, url: string) => ({
    invoke: (channel: string, payload?: unknown) => ipcMain.invoke(channel, ipcEvent(contents() as never, url), payload),
    send: (channel: string, payload?: unknown) => { ipcMain.emit(channel, ipcEvent(contents() as never, url), payload); },
    on: (channel: string, listener: (...a: unknown[]) => void) => { page.on(channel, listener); return page; },
    removeListener: (channel: string, listener: (...a: unknown[]) => void) => { page.removeListener(channel, listener); return page; },
  });
  const overlayBridge = createBridge(port(overlayPage, () => overlay.window()?.webContents, 'app://seatmate/overlay.html') as never);
  return {
    name: 'electron',
    agent: createBridge(port(pages.get(agentContents)!, () => agentContents, 'app://seatmate/index.html') as never),
    overlay: overlayBridge,
    outsider: overlayBridge,
    logged,
    sendCommand: (c) => commands.send(c),
    streamsOpen: async () => {},
    close: async () => { overlay.close(); unregister(); send.mockRestore(); },
  };
}

/** The real web host over HTTP; the pages' ends are the real web bridge. */
async function webHost(): Promise<Host> {
  const logged: string[] = [];
  const host = await startWebHost({ config: appConfigSchema.parse({}), userConfig: {}, policy, rendererDir: dir, resourcesDir: FIXTURE, log: (l) => logged.push(l) });
  const streams: NodeEventSource[] = [];
  // Node has no cookie jar: the pages' streams carry the token as a script's would.
  const openStream = (url: string) => { const s = new NodeEventSource(url, { authorization: `Bearer ${host.token}` }); streams.push(s); return s; };
  return {
    name: 'web',
    agent: createWebBridge({ base: host.url, token: host.token, openStream }),
    overlay: createWebBridge({ base: host.url, token: host.token, openStream }),
    outsider: createWebBridge({ base: host.url }),
    logged,
    sendCommand: (c) => host.sendCommand(c),
    streamsOpen: async () => { await Promise.all(streams.map((s) => s.opened)); },
    close: () => host.close(),
  };
}

let hosts: Host[] = [];
beforeEach(async () => { hosts = [await electronHost(), await webHost()]; });
afterEach(async () => { for (const h of hosts) await h.close(); });

/** Runs `run` against both hosts; the answers must match each other. */
async function onBoth<T>(run: (host: Host) => Promise<T>): Promise<T> {
  const [electron, web] = [await run(hosts[0]!), await run(hosts[1]!)];
  expect(web, 'the web host answers like the Electron host').toEqual(electron);
  return electron;
}

/** The rejection message, or a failure when the call was accepted. */
const refusal = (p: Promise<unknown>) => p.then(() => { throw new Error('accepted, expected a refusal'); }, (e: Error) => e.message);

describe('bridge contract (Electron preload + main, web bridge + web host)', () => {
  it('getSettings: the settings in force and the keys IT policy locks', async () => {
    const s = await onBoth((h) => h.agent.getSettings());
    expect(appConfigSchema.parse(s.config)).toEqual(s.config);
    expect(s.config).toMatchObject({ mode: 'training', lang: 'en', agent: { id: '1001' } });
    expect(s.locked).toEqual(['lang', 'directoryFile']);
  });

  it('saveSettings applies a valid patch, and getSettings shows it afterwards', async () => {
    const saved = await onBoth((h) => h.agent.saveSettings({ agent: { id: '2002', name: '小王' }, pack: 'demo-10000' }));
    expect(saved.config).toMatchObject({ agent: { id: '2002', name: '小王' }, pack: 'demo-10000' });
    expect(await onBoth((h) => h.agent.getSettings())).toEqual(saved);
  });

  it('saveSettings rejects an invalid patch, naming the field, and keeps the last good settings', async () => {
    await onBoth((h) => h.agent.saveSettings({ agent: { id: '2002' } }));
    const before = await onBoth((h) => h.agent.getSettings());
    const message = await onBoth((h) => refusal(h.agent.saveSettings({ mode: 'live', sip: { uri: '1001', ws: ['wss://pbx.example.org/ws'] } })));
    expect(message).toMatch(/^sip\.uri: /m);
    // Malformed at the door (not even a patch): both refuse.
    for (const h of hosts) await expect(h.agent.saveSettings({ lang: 'fr' } as never), h.name).rejects.toThrow();
    expect(await onBoth((h) => h.agent.getSettings())).toEqual(before);
  });

  it('a key IT policy locks cannot be changed; repeating its value is fine', async () => {
    expect(await onBoth((h) => refusal(h.agent.saveSettings({ lang: 'zh-CN' })))).toBe('lang: set by IT policy');
    const same = await onBoth((h) => h.agent.saveSettings({ lang: 'en', agent: { id: '3003' } }));
    expect(same.config).toMatchObject({ lang: 'en', agent: { id: '3003' } });
  });

  it('keeps the SIP password when a save leaves it out, and forgets it on ""', async () => {
    const sip = { uri: 'sip:1001@pbx.example.org', ws: ['wss://pbx.example.org/ws'], authUser: '1001' };
    await onBoth((h) => h.agent.saveSettings({ sip: { ...sip, password: 'Tr0ub4dor&3' } }));
    const kept = await onBoth((h) => h.agent.saveSettings({ sip: { uri: sip.uri, ws: sip.ws } }));
    expect(kept.config.sip).toMatchObject({ uri: sip.uri });
    expect(kept.passwordSet).toBe(true);
    expect(await onBoth((h) => h.agent.getCredentials())).toEqual({ password: 'Tr0ub4dor&3' });
    expect(kept.config.sip?.authUser).toBeUndefined(); // the form left it out: cleared
    const forgotten = await onBoth((h) => h.agent.saveSettings({ sip: { ...sip, password: '' } }));
    expect(forgotten.passwordSet).toBe(false);
    expect(await onBoth((h) => h.agent.getCredentials())).toEqual({});
  });

  it('the password is absent from every settings response, in both hosts and to both pages', async () => {
    const password = 'Tr0ub4dor&3';
    const sip = { uri: 'sip:1001@pbx.example.org', ws: ['wss://pbx.example.org/ws'], password };
    for (const h of hosts) h.agent.publishSummary({ registration: 'registered', call: 'ringing' }); // Electron opens its overlay window
    const answers = [
      await onBoth((h) => h.agent.saveSettings({ sip })),
      await onBoth((h) => h.agent.saveSettings({ sip: { uri: sip.uri, ws: sip.ws } })),
      await onBoth((h) => h.agent.getSettings()),
      await onBoth((h) => h.overlay.getSettings()),
    ];
    for (const answer of answers) {
      expect(JSON.stringify(answer)).not.toContain(password);
      expect(answer.config.sip).not.toHaveProperty('password');
      expect(answer.passwordSet).toBe(true);
    }
  });

  it('credentials go only to the agent window (Electron) and only with the launch token (web)', async () => {
    await onBoth((h) => h.agent.saveSettings({ sip: { uri: 'sip:1001@pbx.example.org', ws: ['wss://pbx.example.org/ws'], password: 'Tr0ub4dor&3' } }));
    expect(await onBoth((h) => h.agent.getCredentials())).toEqual({ password: 'Tr0ub4dor&3' });
    for (const h of hosts) h.agent.publishSummary({ registration: 'registered', call: 'ringing' }); // Electron opens its overlay window
    for (const h of hosts) await expect(h.outsider.getCredentials(), h.name).rejects.toThrow();
    // Electron's overlay is our own page on our origin (it reads settings), refused by window alone.
    await hosts[0]!.outsider.getSettings();
    expect(hosts[0]!.logged).toContain('getCredentials refused: the sender is not the agent window');
    // Without the token the web host answers nothing else either, and says what to do.
    await expect(hosts[1]!.outsider.getSettings()).rejects.toThrow(/open the URL "seatmate web" printed/);
  });

  it('loadContent: the same validated content from both hosts, with IT\'s directory file', async () => {
    const data = await onBoth((h) => h.agent.loadContent());
    expect(data.errors).toEqual([]);
    expect(data.packs.map((p) => p.id)).toContain('demo-10000');
    expect(data.directory?.file).toBe(IT_DIRECTORY);
    const content = fromContentData(data);
    expect(content.directory?.numbers.get('95588')).toEqual({ tier: 'vip', surname: '赵', title: '女士' });
    expect(content.directory?.numbers.has('13800138000')).toBe(false); // the bundled directory is replaced
    // Search keys come from the host: pinyin initials find a scenario with no dictionary here.
    expect(searchScenarios(content.packs.get('demo-10000')!, 'tscl')[0]?.id).toBe('complaint');
  });

  it('lookupCaller: null without a CRM, and null for a malformed number', async () => {
    expect(await onBoth((h) => h.agent.lookupCaller('10000'))).toBeNull();
    expect(await onBoth((h) => h.agent.lookupCaller('10000 OR 1=1'))).toBeNull();
  });

  it('publishSummary from the agent window reaches onSummary in the overlay page', async () => {
    const ringing: CallSummary = { registration: 'registered', call: 'ringing', remote: '95588', tier: 'vip', greeting: '您好' };
    const connected: CallSummary = { ...ringing, call: 'connected' };
    const got = await onBoth(async (h) => {
      const seen: CallSummary[] = [];
      const off = h.overlay.onSummary((s) => seen.push(s));
      await h.streamsOpen();
      h.agent.publishSummary(ringing);
      h.agent.publishSummary(connected);
      await vi.waitFor(() => expect(seen.length, h.name).toBe(2));
      off();
      return seen;
    });
    expect(got).toEqual([ringing, connected]);
  });

  it('onCommand delivers outside commands to the agent page, valid ones only', async () => {
    const got = await onBoth(async (h) => {
      const seen: AppCommand[] = [];
      const off = h.agent.onCommand((c) => seen.push(c));
      await h.streamsOpen();
      h.sendCommand({ type: 'dial', number: 'not a number' } as AppCommand);
      h.sendCommand({ type: 'dial', number: '10000' });
      h.sendCommand({ type: 'answer' });
      await vi.waitFor(() => expect(seen.length, h.name).toBe(2));
      off();
      return seen;
    });
    expect(got).toEqual([{ type: 'dial', number: '10000' }, { type: 'answer' }]);
  });

  it('getDesktopSettings: Electron applies the hotkeys and start-on-login; the web host says they are desktop only', async () => {
    const [electron, web] = [await hosts[0]!.agent.getDesktopSettings(), await hosts[1]!.agent.getDesktopSettings()];
    expect(electron.available).toBe(true);
    expect(electron.hotkeys).toMatchObject({ enabled: true, locked: false });
    expect(electron.hotkeys.list.find((h) => h.action === 'answer')).toEqual({ action: 'answer', accelerator: 'CommandOrControl+Alt+A', default: 'CommandOrControl+Alt+A' });
    expect(electron.startOnLogin).toEqual({ enabled: false, locked: false, supported: true });
    // The same list and policy, nothing applicable: the screen shows the keys and says why it cannot change them.
    expect(web).toEqual({ ...electron, available: false, hotkeys: { ...electron.hotkeys, enabled: false }, startOnLogin: { ...electron.startOnLogin, supported: false } });
  });

  it('saveDesktopSettings: Electron keeps the change and reports a hotkey another program owns; the web host refuses it', async () => {
    const patch = { hotkeys: { answer: 'CommandOrControl+Alt+F9', hangup: '' }, startOnLogin: true };
    const saved = await hosts[0]!.agent.saveDesktopSettings(patch);
    expect(saved.hotkeys.list.find((h) => h.action === 'answer')).toMatchObject({ accelerator: 'CommandOrControl+Alt+F9', problem: 'in-use' });
    expect(saved.hotkeys.list.find((h) => h.action === 'hangup')).toMatchObject({ accelerator: '' });
    expect(saved.startOnLogin.enabled).toBe(true);
    expect(await hosts[0]!.agent.getDesktopSettings()).toEqual(saved);
    expect(await refusal(hosts[1]!.agent.saveDesktopSettings(patch))).toMatch(/^desktop only/);
    // Malformed at the door: both refuse.
    for (const h of hosts) await expect(h.agent.saveDesktopSettings({ hotkeys: { teleport: 'F1' } } as never), h.name).rejects.toThrow();
  });

  it('both bridges offer exactly the contract\'s members', () => {
    const members = (b: SeatMateBridge) => Object.keys(b).sort();
    expect(members(hosts[1]!.agent)).toEqual(members(hosts[0]!.agent));
    expect(hosts.map((h) => h.agent.host)).toEqual(['electron', 'web']);
  });
});

// Call records leave through the host (the page's CSP forbids the collector's URL): each record
// once per call id, and the outbox told to retry or give up — the same answer from both hosts.
describe('bridge contract: uploadRecord', () => {
  const upload = (id: string) => ({ id, record: { call_id: id, verdict: 'met', missed_rules: '' } });

  it('sends a record to the collector IT set, with the call id as Idempotency-Key; a second send is not a second record', async () => {
    collector.answer = undefined;
    expect(await onBoth((h) => h.agent.uploadRecord(upload(`call-${h.name}`)))).toBe('sent');
    expect(await onBoth((h) => h.agent.uploadRecord(upload(`call-${h.name}`)))).toBe('sent');
    expect(collector.stored.get('call-electron')).toEqual(upload('call-electron').record);
    expect(collector.stored.get('call-web')).toEqual(upload('call-web').record);
    expect(collector.posts.filter((p) => p.key === 'call-web')).toHaveLength(2);
  });

  it('a collector that is down, or answers 503: retry; one that refuses the record (400): refused', async () => {
    collector.answer = 503;
    expect(await onBoth((h) => h.agent.uploadRecord(upload('call-busy')))).toBe('retry');
    collector.answer = 400;
    expect(await onBoth((h) => h.agent.uploadRecord(upload('call-bad')))).toBe('refused');
    collector.answer = undefined;
    await collector.down();
    try {
      expect(await onBoth((h) => h.agent.uploadRecord(upload('call-down')))).toBe('retry');
    } finally {
      await collector.up();
    }
    expect(await onBoth((h) => h.agent.uploadRecord(upload('call-down')))).toBe('sent');
  });

  it('refuses what is not a record (an id that could break the header) without sending it', async () => {
    const before = collector.posts.length;
    expect(await onBoth((h) => h.agent.uploadRecord({ id: 'a b\r\nX-Evil: 1', record: {} }))).toBe('refused');
    expect(await onBoth((h) => h.agent.uploadRecord({ id: 'ok', record: 'not an object' } as never))).toBe('refused');
    expect(collector.posts.length).toBe(before);
  });
});
