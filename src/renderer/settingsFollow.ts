// IT changed the settings while the agent page runs: the host put a new policy or configuration in
// force and sent `settings-changed` (src/node/followFiles.ts). The page took its settings when it
// loaded — the phone registered with them — so it loads again to use the new ones, as a save in
// the settings screen does. Never under a call: while one rings, is up, held or parked, the page
// says the change waits and reloads once the phone is idle, after the call's record is written.
import type { ResolvedSettings, SeatMateBridge } from '../core/bridge.ts';
import type { AppConfig } from '../core/config.ts';
import { inCall, type PhoneView } from '../core/call/index.ts';

/** What the page runs on: the settings in force (with IT's locks), and its config with the SIP password. */
export interface SettingsInUse {
  settings: ResolvedSettings;
  config: AppConfig;
}

/** The settings as the page uses them; the password only for this page's engine (docs/security.md §1). */
export async function readSettings(bridge: Pick<SeatMateBridge, 'getSettings' | 'getCredentials'>): Promise<SettingsInUse> {
  const settings = await bridge.getSettings();
  const { password } = settings.config.sip ? await bridge.getCredentials() : {};
  const config = settings.config.sip && password ? { ...settings.config, sip: { ...settings.config.sip, password } } : settings.config;
  return { settings, config };
}

/** JSON with object keys sorted: two answers that differ only in key order are the same settings. */
const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, canonical(v)]));
};
const fingerprint = (s: SettingsInUse) => JSON.stringify(canonical({ config: s.config, locked: [...s.settings.locked].sort() }));

/** Whether anything the page uses differs: the config it registered with (password included) or IT's locks. */
export function settingsDiffer(a: SettingsInUse, b: SettingsInUse): boolean {
  return fingerprint(a) !== fingerprint(b);
}

/** Something the page shows that a reload would lose: the Settings dialog with the agent's unsaved edits. */
export interface Flag {
  active(): boolean;
  set(on: boolean): void;
  subscribe(listener: () => void): () => void;
}

export function createFlag(): Flag {
  let on = false;
  const listeners = new Set<() => void>();
  return {
    active: () => on,
    set(next) {
      if (on === next) return;
      on = next;
      for (const l of listeners) l();
    },
    subscribe: (l) => { listeners.add(l); return () => { listeners.delete(l); }; },
  };
}

/**
 * What a reload would cut off: a call (ringing, up, held or parked, from the phone's view), else
 * the Settings dialog open (the agent's edits; saving reloads anyway). Open call-back tasks do not
 * hold it: they are saved and restored with the page (phone/savedTasks.ts).
 */
export function reloadHeldBy(view: PhoneView, editing = false): 'call' | 'editing' | undefined {
  if (inCall(view)) return 'call';
  return editing ? 'editing' : undefined;
}

export interface SettingsFollowOptions {
  /** What the page loaded with. */
  booted: SettingsInUse;
  /** The settings the host answers now (readSettings). */
  read(): Promise<SettingsInUse>;
  /** The phone adapter: its view is derived from the phone actor's snapshot. */
  phone: { view(): PhoneView; subscribe(listener: () => void): () => void };
  /** The records handle's: resolves once every record event so far is written (records.ts). */
  settled(): Promise<void>;
  /** The Settings dialog is open (App.tsx): the reload waits until it closes. */
  editing?: Pick<Flag, 'active' | 'subscribe'>;
  /** location.reload() in the page. */
  reload(): void;
  log(message: string): void;
}

export interface SettingsFollower {
  /** The `settings-changed` command: read the settings again; reload now, later, or not at all. */
  changed(): Promise<void>;
  /** New settings are in force and the page has not reloaded yet: the status line says why. */
  waiting(): boolean;
  subscribe(listener: () => void): () => void;
  stop(): void;
}

export function followSettings(o: SettingsFollowOptions): SettingsFollower {
  /** New settings in force, the page not reloaded yet (the status line follows it). */
  const waiting = createFlag();
  let reloading = false;
  let gone = false;

  const held = () => reloadHeldBy(o.phone.view(), o.editing?.active() ?? false);
  const reloadWhenIdle = async () => {
    if (!waiting.active() || reloading || gone || held()) return;
    reloading = true;
    try {
      // The call that just ended: its record is closed in IndexedDB before the page goes.
      await o.settled();
    } catch (error) {
      o.log(`settings: call records not settled before the reload (${(error as Error).message})`);
    } finally {
      reloading = false;
    }
    // A caller may have rung while the records were written: that call goes first.
    if (!waiting.active() || gone || held()) return;
    gone = true;
    o.reload();
  };
  const offPhone = o.phone.subscribe(() => { void reloadWhenIdle(); });
  const offEditing = o.editing?.subscribe(() => { void reloadWhenIdle(); });
  const unsubscribe = () => { offPhone(); offEditing?.(); };

  // One read at a time, in order: the last answer decides.
  let reads: Promise<void> = Promise.resolve();
  const readAgain = async () => {
    if (gone) return;
    let now: SettingsInUse;
    try {
      now = await o.read();
    } catch (error) {
      o.log(`settings: not read again after a change on the host (${(error as Error).message})`);
      return;
    }
    // Nothing this page uses changed (or IT changed it back before the call ended).
    if (!settingsDiffer(now, o.booted)) { waiting.set(false); return; }
    const by = held();
    if (!waiting.active()) o.log(`settings changed on the host: the page reloads ${by === 'call' ? 'when the call ends' : by === 'editing' ? 'when Settings is closed' : 'now'}`);
    waiting.set(true);
    await reloadWhenIdle();
  };

  return {
    changed: () => (reads = reads.then(readAgain).catch((error: unknown) => o.log(`settings: ${(error as Error).message}`))),
    waiting: waiting.active,
    subscribe: waiting.subscribe,
    stop: () => { gone = true; unsubscribe(); },
  };
}
