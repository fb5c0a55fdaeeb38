// IT changes the settings while the agent page runs (the `settings-changed` command): the page
// reloads with them when the phone is idle, waits while a call is in progress, and never goes
// before the call's record is written. Fake phone views, fake settings, a fake reload.
import { describe, expect, it, vi } from 'vitest';
import type { ResolvedSettings } from '../core/bridge.ts';
import type { CallView, PhoneView, TaskView } from '../core/call/index.ts';
import { appConfigSchema, type AppConfig } from '../core/config.ts';
import { createFlag, followSettings, readSettings, reloadHeldBy, settingsDiffer, type Flag, type SettingsInUse } from './settingsFollow.ts';

const SIP = { uri: 'sip:1001@127.0.0.1', ws: ['wss://pbx.example.org/ws'], authUser: '1001' };
const resolved = (raw: Record<string, unknown>, locked: string[] = []): ResolvedSettings =>
  ({ config: appConfigSchema.parse({ mode: 'live', agent: { id: '1001' }, sip: SIP, ...raw }), locked, passwordSet: true });
const inUse = (raw: Record<string, unknown> = {}, locked: string[] = [], password = 'secret'): SettingsInUse => {
  const settings = resolved(raw, locked);
  return { settings, config: { ...settings.config, sip: { ...settings.config.sip!, password } } };
};

const IDLE: PhoneView = { mode: 'live', registration: { state: 'registered' }, tasks: [] };
const CALL = { id: 'c1', number: '13800138000' } as CallView;
const TASK = { id: 't1', kind: 'callback', number: '13800138000' } as TaskView;

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => { resolve = r; });
  return { promise, resolve };
};
const flush = () => new Promise((r) => setTimeout(r, 0));

/** The page as main.tsx wires it: the phone's view changes by `set`, and subscribers hear of it. */
function page(o: { booted?: SettingsInUse; host?: SettingsInUse; view?: PhoneView; settled?: () => Promise<void>; editing?: Flag } = {}) {
  let view = o.view ?? IDLE;
  let host = o.host ?? inUse({ lang: 'en' });
  const listeners = new Set<() => void>();
  const reload = vi.fn();
  const settled = vi.fn(o.settled ?? (async () => {}));
  const logged: string[] = [];
  const follower = followSettings({
    booted: o.booted ?? inUse(),
    read: async () => host,
    phone: { view: () => view, subscribe: (l) => { listeners.add(l); return () => { listeners.delete(l); }; } },
    settled, reload, log: (m) => logged.push(m),
    ...(o.editing ? { editing: o.editing } : {}),
  });
  return {
    follower, reload, settled, logged,
    /** The phone changes (a call rings, ends…): the adapter notifies. */
    phone: async (next: PhoneView) => { view = next; for (const l of listeners) l(); await flush(); },
    hostNow: (next: SettingsInUse) => { host = next; },
  };
}

describe('what counts as a change', () => {
  it('the same settings in another key order are no change; the config, the password or a lock are', () => {
    const booted = inUse({ lang: 'zh-CN', timeZone: 'Asia/Shanghai' });
    const reordered = { settings: booted.settings, config: Object.fromEntries(Object.entries(booted.config).reverse()) as AppConfig };
    expect(settingsDiffer(booted, reordered)).toBe(false);
    expect(settingsDiffer(booted, inUse({ lang: 'en', timeZone: 'Asia/Shanghai' }))).toBe(true);
    expect(settingsDiffer(booted, inUse({ lang: 'zh-CN', timeZone: 'Asia/Shanghai' }, [], 'rotated'))).toBe(true);
    expect(settingsDiffer(booted, inUse({ lang: 'zh-CN', timeZone: 'Asia/Shanghai' }, ['lang']))).toBe(true);
    expect(settingsDiffer(inUse({}, ['lang', 'pack']), inUse({}, ['pack', 'lang']))).toBe(false);
  });

  it('reads the settings with the password the engine registers with, only when there is a SIP account', async () => {
    const getCredentials = vi.fn(async () => ({ password: 'secret' }));
    const read = await readSettings({ getSettings: async () => resolved({}), getCredentials });
    expect(read.config.sip?.password).toBe('secret');
    expect(read.settings.config.sip?.password).toBeUndefined();
    const training = await readSettings({ getSettings: async () => ({ ...resolved({}), config: appConfigSchema.parse({ mode: 'training' }) }), getCredentials });
    expect(training.config.sip).toBeUndefined();
    expect(getCredentials).toHaveBeenCalledTimes(1);
  });

  it('a call ringing, up (held or not) or parked holds the reload back; an open call-back task does not (it is saved)', () => {
    expect(reloadHeldBy(IDLE)).toBeUndefined();
    expect(reloadHeldBy({ ...IDLE, lastEnded: CALL })).toBeUndefined();
    for (const at of ['incoming', 'active', 'parked'] as const) expect(reloadHeldBy({ ...IDLE, [at]: CALL }), at).toBe('call');
    expect(reloadHeldBy({ ...IDLE, tasks: [TASK] })).toBeUndefined();
    expect(reloadHeldBy({ ...IDLE, active: CALL, tasks: [TASK] })).toBe('call');
  });
});

describe('settings changed on the host', () => {
  it('nothing the page uses changed: no reload, nothing shown', async () => {
    const p = page({ host: inUse() });
    await p.follower.changed();
    expect(p.follower.waiting()).toBe(false);
    expect(p.settled).not.toHaveBeenCalled();
    expect(p.reload).not.toHaveBeenCalled();
  });

  it('changed while the phone is idle: the page reloads at once, after the call records are written', async () => {
    const writes = deferred();
    const p = page({ settled: () => writes.promise });
    const changed = p.follower.changed();
    await flush();
    expect(p.settled).toHaveBeenCalledTimes(1);
    expect(p.reload).not.toHaveBeenCalled();
    writes.resolve();
    await changed;
    expect(p.reload).toHaveBeenCalledTimes(1);
    expect(p.logged).toEqual(['settings changed on the host: the page reloads now']);
  });

  it('changed during a call: the call is left alone and the page says it waits; it reloads once the call ends and its record is written', async () => {
    const writes = deferred();
    const p = page({ view: { ...IDLE, active: CALL }, settled: () => writes.promise });
    const heard = vi.fn();
    p.follower.subscribe(heard);
    await p.follower.changed();
    expect(p.follower.waiting()).toBe(true);
    expect(heard).toHaveBeenCalledTimes(1);
    expect(p.logged).toEqual(['settings changed on the host: the page reloads when the call ends']);
    // Held, then parked behind a second caller: still a call in progress.
    await p.phone({ ...IDLE, active: { ...CALL, id: 'c2' }, parked: CALL });
    await p.phone({ ...IDLE, parked: CALL });
    expect(p.settled).not.toHaveBeenCalled();
    expect(p.reload).not.toHaveBeenCalled();

    await p.phone({ ...IDLE, lastEnded: CALL });
    expect(p.settled).toHaveBeenCalledTimes(1);
    expect(p.reload).not.toHaveBeenCalled();
    writes.resolve();
    await flush();
    expect(p.reload).toHaveBeenCalledTimes(1);
    // Gone: later changes do nothing more.
    await p.phone(IDLE);
    await p.follower.changed();
    expect(p.reload).toHaveBeenCalledTimes(1);
  });

  it('a caller who rings while the records are being written goes first: the reload waits for that call too', async () => {
    const writes = deferred();
    const p = page({ view: { ...IDLE, active: CALL }, settled: () => writes.promise });
    await p.follower.changed();
    await p.phone({ ...IDLE, lastEnded: CALL });
    await p.phone({ ...IDLE, incoming: { ...CALL, id: 'c2' }, lastEnded: CALL });
    writes.resolve();
    await flush();
    expect(p.reload).not.toHaveBeenCalled();
    expect(p.follower.waiting()).toBe(true);
    await p.phone({ ...IDLE, lastEnded: { ...CALL, id: 'c2' } });
    await flush();
    expect(p.reload).toHaveBeenCalledTimes(1);
    expect(p.settled).toHaveBeenCalledTimes(2);
  });

  it('IT changes it back before the call ends: nothing waits any more, no reload', async () => {
    const p = page({ view: { ...IDLE, active: CALL } });
    await p.follower.changed();
    expect(p.follower.waiting()).toBe(true);
    p.hostNow(inUse());
    await p.follower.changed();
    expect(p.follower.waiting()).toBe(false);
    await p.phone(IDLE);
    expect(p.reload).not.toHaveBeenCalled();
  });

  it('an open call-back task does not hold the reload: it comes back with the page', async () => {
    const p = page({ view: { ...IDLE, tasks: [TASK] } });
    await p.follower.changed();
    expect(p.logged).toEqual(['settings changed on the host: the page reloads now']);
    expect(p.reload).toHaveBeenCalledTimes(1);
  });

  it('the Settings dialog open (the agent\'s unsaved edits) holds the reload until it is closed', async () => {
    const editing = createFlag();
    editing.set(true);
    const p = page({ editing });
    await p.follower.changed();
    expect(p.logged).toEqual(['settings changed on the host: the page reloads when Settings is closed']);
    expect(reloadHeldBy(IDLE, editing.active())).toBe('editing');
    expect(p.reload).not.toHaveBeenCalled();
    editing.set(false);
    await flush();
    expect(p.reload).toHaveBeenCalledTimes(1);
  });

  it('settings that cannot be read again: logged, the page stays as it is', async () => {
    const reload = vi.fn();
    const logged: string[] = [];
    const follower = followSettings({
      booted: inUse(), read: async () => { throw new Error('host unreachable'); },
      phone: { view: () => IDLE, subscribe: () => () => {} }, settled: async () => {}, reload, log: (m) => logged.push(m),
    });
    await follower.changed();
    expect(logged).toEqual(['settings: not read again after a change on the host (host unreachable)']);
    expect(reload).not.toHaveBeenCalled();
    expect(follower.waiting()).toBe(false);
  });
});
