// Issue 10, item 4: an installed SeatMate gives the agent no DevTools, no reload and no default
// menu (from the console an agent could lift the hang-up lock); a development run keeps them.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./doubles/electron.ts')).electronModule);

const { FakeBrowserWindow, Menu, app } = await import('./doubles/electron.ts');
const { applyDevToolsPolicy, isReloadOrDevToolsKey } = await import('../../../src/main/appMenu.ts');
const { createMainWindow } = await import('../../../src/main/mainWindow.ts');
const { createOverlay } = await import('../../../src/main/overlayWindow.ts');

type Win = InstanceType<typeof FakeBrowserWindow>;
const key = (k: string, code: string, mods: Partial<Record<'control' | 'meta' | 'shift' | 'alt', boolean>> = {}) =>
  ({ type: 'keyDown', key: k, code, control: false, meta: false, shift: false, alt: false, isAutoRepeat: false, ...mods });

const RELOAD_AND_DEVTOOLS = [
  ['F5', key('F5', 'F5')],
  ['Ctrl+R', key('r', 'KeyR', { control: true })],
  ['Ctrl+Shift+R', key('R', 'KeyR', { control: true, shift: true })],
  ['Cmd+R', key('r', 'KeyR', { meta: true })],
  ['Refresh key', key('BrowserRefresh', 'BrowserRefresh')],
  ['F12', key('F12', 'F12')],
  ['Ctrl+Shift+I', key('I', 'KeyI', { control: true, shift: true })],
  ['Ctrl+Shift+J', key('J', 'KeyJ', { control: true, shift: true })],
  ['Ctrl+Shift+C', key('C', 'KeyC', { control: true, shift: true })],
  ['Cmd+Alt+I', key('ˆ', 'KeyI', { meta: true, alt: true })],
] as const;

const ORDINARY = [
  ['Ctrl+C', key('c', 'KeyC', { control: true })],
  ['Ctrl+V', key('v', 'KeyV', { control: true })],
  ['AltGr+C (Ctrl+Alt on Windows, types ć)', key('ć', 'KeyC', { control: true, alt: true })],
  ['r', key('r', 'KeyR')],
  ['Enter', key('Enter', 'Enter')],
] as const;

const windows = () => {
  createMainWindow({ preloadPath: 'p', url: 'app://seatmate/index.html', isQuitting: () => false });
  const overlay = createOverlay({
    preloadPath: 'p', url: 'app://seatmate/overlay.html', anchor: () => undefined,
    prefs: () => ({ overlayBounds: {}, overlayPinned: true, overlayClickThrough: false }), savePrefs: () => {},
  });
  overlay.update({ call: 'ringing', registration: 'registered' });
  return FakeBrowserWindow.instances as Win[];
};

describe('packaged build', () => {
  beforeEach(() => {
    app.isPackaged = true;
    Menu.application = undefined;
    app.exitCodes.length = 0;
    app.commandLine.switches.clear();
    FakeBrowserWindow.instances.length = 0;
  });
  afterEach(() => { app.isPackaged = false; });

  it('removes the application menu on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      Menu.application = undefined;
      expect(applyDevToolsPolicy(app, Menu, platform, () => {})).toBe(true);
      expect(Menu.application).toBeNull();
    }
  });

  it('keeps only the app and Edit menus on macOS (copy and paste), with no reload or DevTools item', () => {
    applyDevToolsPolicy(app, Menu, 'darwin', () => {});
    expect(Menu.application?.template).toEqual([{ role: 'appMenu' }, { role: 'editMenu' }]);
    expect(JSON.stringify(Menu.application)).not.toMatch(/reload|devtools|viewMenu|windowMenu/i);
  });

  it('refuses to start with a remote-debugging switch', () => {
    const lines: string[] = [];
    app.commandLine.appendSwitch('remote-debugging-port', '9222');
    expect(applyDevToolsPolicy(app, Menu, 'win32', (m) => lines.push(m))).toBe(false);
    expect(app.exitCodes).toEqual([1]);
    expect(lines.join()).toMatch(/remote-debugging-port/);
  });

  it('opens every window with DevTools disabled', () => {
    const all = windows();
    expect(all).toHaveLength(2);
    for (const w of all) expect((w.options.webPreferences as Record<string, unknown>).devTools).toBe(false);
  });

  it.each(RELOAD_AND_DEVTOOLS)('swallows %s in every window', (_name, input) => {
    for (const w of windows()) expect(w.webContents.fire('before-input-event', input)).toBe(true);
  });

  it.each(ORDINARY)('lets %s through', (_name, input) => {
    for (const w of windows()) expect(w.webContents.fire('before-input-event', input)).toBe(false);
  });
});

describe('development build', () => {
  beforeEach(() => {
    app.isPackaged = false;
    Menu.application = undefined;
    app.commandLine.switches.clear();
    FakeBrowserWindow.instances.length = 0;
  });

  it('keeps Electron\'s default menu, DevTools, reload and the debugging switches', () => {
    app.commandLine.appendSwitch('remote-debugging-port', '9222');
    expect(applyDevToolsPolicy(app, Menu, 'win32', () => {})).toBe(true);
    expect(Menu.application).toBeUndefined();
    for (const w of windows()) {
      expect((w.options.webPreferences as Record<string, unknown>).devTools).toBe(true);
      expect(w.webContents.fire('before-input-event', key('r', 'KeyR', { control: true }))).toBe(false);
      expect(w.webContents.fire('before-input-event', key('F12', 'F12'))).toBe(false);
    }
  });

  it('still knows which keys it would block', () => {
    expect(RELOAD_AND_DEVTOOLS.every(([, input]) => isReloadOrDevToolsKey(input))).toBe(true);
    expect(ORDINARY.some(([, input]) => isReloadOrDevToolsKey(input))).toBe(false);
  });
});
