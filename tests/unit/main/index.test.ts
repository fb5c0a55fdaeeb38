// Boots the real main entry against the Electron double: the modules are wired in the right
// order and the security handlers are in place before the first window exists.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC } from '../../../src/core/bridge.ts';

vi.mock('electron', async () => (await import('./doubles/electron.ts')).electronModule);
vi.mock('electron-log/main', () => {
  const log = {
    transports: { file: { maxSize: 0, level: 'info' }, console: { level: 'debug' } },
    hooks: [] as unknown[],
    lines: [] as string[],
    error: (...a: unknown[]) => log.lines.push(a.join(' ')),
    warn: (...a: unknown[]) => log.lines.push(a.join(' ')),
    info: (...a: unknown[]) => log.lines.push(a.join(' ')),
    debug: () => {},
  };
  return { default: log };
});
vi.mock('electron-updater', () => {
  const autoUpdater = { on: vi.fn(), checkForUpdates: vi.fn(async () => null), setFeedURL: vi.fn(), quitAndInstall: vi.fn() };
  return { default: { autoUpdater } };
});

const double = await import('./doubles/electron.ts');
const { FakeBrowserWindow, ipcMain, protocol, session, app, Tray, ipcEvent } = double;

describe('main entry', () => {
  beforeAll(async () => {
    FakeBrowserWindow.instances.length = 0;
    process.argv = ['electron', '.', 'tel:10000'];
    await import('../../../src/main/index.ts');
    // Every invoke route of the table (src/main/ipc.ts) is registered once main is up.
    const { ipcRoutes } = await import('../../../src/main/ipc.ts');
    const invokes = Object.values(ipcRoutes).filter((r) => r.kind === 'invoke').length;
    await vi.waitFor(() => expect(ipcMain.handlers.size).toBe(invokes), { timeout: 5000 });
  });

  it('starts without an error and ends with the quit guard in place', async () => {
    await vi.waitFor(() => expect(app.listenerCount('before-quit')).toBe(1));
    expect(double.dialog.errors).toEqual([]);
    expect(double.globalShortcut.registered.size).toBeGreaterThan(0);
  });

  it('registers the app:// scheme as privileged before ready and serves it after', () => {
    expect(protocol.privileged).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(protocol.handlers.has('app')).toBe(true);
  });

  it('installs the permission handlers and a navigation guard for every web contents', () => {
    expect(session.defaultSession.requestHandler).toBeTypeOf('function');
    expect(session.defaultSession.checkHandler).toBeTypeOf('function');
    expect(app.listenerCount('web-contents-created')).toBeGreaterThan(0);
  });

  it('opens the agent window on the app origin with the sandboxed preload', () => {
    const win = FakeBrowserWindow.instances[0]!;
    expect(win.loaded).toBe('app://seatmate/index.html');
    expect(String((win.options.webPreferences as Record<string, unknown>).preload)).toMatch(/preload[\\/]index\.cjs$/);
  });

  it('answers getSettings for the agent window and refuses a stranger', async () => {
    const win = FakeBrowserWindow.instances[0]!;
    const settings = await ipcMain.invoke(IPC.getSettings, ipcEvent(win.webContents, 'app://seatmate/index.html')) as { config: { pack: string }; locked: string[] };
    expect(settings.config.pack).toBeTruthy();
    expect(settings.locked).toEqual([]);
    await expect(ipcMain.invoke(IPC.getSettings, ipcEvent(new double.FakeWebContents(), 'app://seatmate/index.html'))).rejects.toThrow();
  });

  it('answers a caller look-up with null when no CRM is configured', async () => {
    const win = FakeBrowserWindow.instances[0]!;
    await expect(ipcMain.invoke(IPC.lookupCaller, ipcEvent(win.webContents, 'app://seatmate/index.html'), { number: '10000' })).resolves.toBeNull();
  });

  it('fills the dial box (never dials) from the tel: link it was started with once the page has loaded, then forwarded ones; refuses feature codes', () => {
    const win = FakeBrowserWindow.instances[0]!;
    win.webContents.emit('did-finish-load');
    app.emit('second-instance', {}, ['SeatMate.exe', 'tel:95588']);
    app.emit('second-instance', {}, ['SeatMate.exe', 'tel:%2A72%2B19005550100']);
    expect(win.webContents.sent.filter((m) => m.channel === IPC.command).map((m) => m.args[0])).toEqual([
      { type: 'prefill', number: '10000' },
      { type: 'prefill', number: '95588' },
    ]);
  });

  it('follows the published call in the tray and opens the overlay for a call', () => {
    const win = FakeBrowserWindow.instances[0]!;
    ipcMain.emit(IPC.publishSummary, ipcEvent(win.webContents, 'app://seatmate/index.html'), { registration: 'registered', call: 'ringing' });
    const labels = Tray.last!.menu!.template.map((i) => i.label);
    expect(labels[0]).toBe('已注册');
    const overlay = FakeBrowserWindow.instances.find((w) => w.loaded === 'app://seatmate/overlay.html');
    expect(overlay?.isVisible()).toBe(true);
  });
});
