// Settings › desktop in Electron: hotkeys and start-on-login applied at start and on save, the
// conflict report kept for the screen, IT policy's hotkeysEnabled / startOnLogin locking them.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resolvePolicy } from '../../../src/node/policyMerge.ts';
import type { DesktopPrefs } from '../../../src/main/settingsStore.ts';

vi.mock('electron', async () => (await import('./doubles/electron.ts')).electronModule);
const { globalShortcut } = await import('./doubles/electron.ts');
const { createDesktopSettings } = await import('../../../src/main/desktopSettings.ts');

function setup(opts: { enforced?: Record<string, unknown>; platform?: NodeJS.Platform } = {}) {
  let prefs: DesktopPrefs = { overlayBounds: {}, overlayPinned: true, overlayClickThrough: false, hotkeys: {} };
  const store = { desktop: () => structuredClone(prefs), saveDesktop: vi.fn(async (p: Partial<DesktopPrefs>) => { prefs = { ...prefs, ...p }; }) };
  const login = vi.fn();
  const fired: string[] = [];
  const conflicts = vi.fn();
  const desktop = createDesktopSettings({
    store, policy: resolvePolicy([{ source: 'test', enforced: opts.enforced ?? {}, recommended: {} }]),
    platform: opts.platform ?? 'win32', shortcuts: globalShortcut, app: { setLoginItemSettings: login },
    onHotkey: (a) => fired.push(a), onConflicts: conflicts,
  });
  return { desktop, store, login, fired, conflicts };
}

describe('desktop settings (Electron)', () => {
  beforeEach(() => { globalShortcut.unregisterAll(); globalShortcut.taken.clear(); });

  it('at start: registers the hotkeys, reports those another program owns, sets start-on-login', () => {
    globalShortcut.taken.add('CommandOrControl+Alt+C');
    const t = setup();
    t.desktop.apply();
    expect(t.conflicts).toHaveBeenCalledWith([{ action: 'closing', accelerator: 'CommandOrControl+Alt+C', reason: 'in-use' }]);
    expect(t.login).toHaveBeenCalledWith({ openAtLogin: false, args: ['--hidden'] });
    expect(t.desktop.view().hotkeys.list.find((h) => h.action === 'closing')?.problem).toBe('in-use');
    globalShortcut.registered.get('CommandOrControl+Alt+A')?.();
    expect(t.fired).toEqual(['answer']);
  });

  it('a save re-registers at once: the new chord works, the old one is free, the screen gets the new report', async () => {
    const t = setup();
    t.desktop.apply();
    const view = await t.desktop.save({ hotkeys: { answer: 'F9', hangup: 'F9' }, startOnLogin: true });
    expect(globalShortcut.isRegistered('CommandOrControl+Alt+A')).toBe(false);
    expect(globalShortcut.isRegistered('F9')).toBe(true);
    expect(view.hotkeys.list.find((h) => h.action === 'hangup')).toMatchObject({ accelerator: 'F9', problem: 'duplicate' });
    expect(t.login).toHaveBeenLastCalledWith({ openAtLogin: true, args: ['--hidden'] });
    // Back to the default: kept as "no choice", so a new default reaches the agent.
    await t.desktop.save({ hotkeys: { answer: 'CommandOrControl+Alt+A' } });
    expect(t.store.desktop().hotkeys).toEqual({ hangup: 'F9' });
  });

  it('IT policy locks what it sets: hotkeys turned off, start-on-login enforced', async () => {
    const t = setup({ enforced: { hotkeysEnabled: false, startOnLogin: true } });
    t.desktop.apply();
    expect(globalShortcut.registered.size).toBe(0);
    expect(t.login).toHaveBeenCalledWith({ openAtLogin: true, args: ['--hidden'] });
    const view = t.desktop.view();
    expect(view.hotkeys).toMatchObject({ enabled: false, locked: true });
    expect(view.startOnLogin).toEqual({ enabled: true, locked: true, supported: true });
    await expect(t.desktop.save({ hotkeys: { answer: 'F9' } })).rejects.toThrow('hotkeys: set by IT policy');
    await expect(t.desktop.save({ startOnLogin: false })).rejects.toThrow('startOnLogin: set by IT policy');
    await expect(t.desktop.save({ startOnLogin: true })).resolves.toBeDefined(); // repeating IT's value is fine
    expect(t.store.saveDesktop).toHaveBeenCalledTimes(1);
  });

  it('on Linux start-on-login is not offered (the desktop session\'s autostart does it)', () => {
    const t = setup({ platform: 'linux' });
    t.desktop.apply();
    expect(t.login).not.toHaveBeenCalled();
    expect(t.desktop.view().startOnLogin.supported).toBe(false);
  });
});
