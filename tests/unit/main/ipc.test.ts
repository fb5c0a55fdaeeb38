import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC, type ResolvedSettings } from '../../../src/core/bridge.ts';
import { FakeIpcMain, FakeWebContents, ipcEvent } from './doubles/electron.ts';
import { registerIpc, ipcRoutes, type IpcServices } from '../../../src/main/ipc.ts';

const settings = { config: { mode: 'training' }, locked: [] } as unknown as ResolvedSettings;

function setup() {
  const ipcMain = new FakeIpcMain();
  const ours = new FakeWebContents();
  const logged: string[] = [];
  const services: IpcServices = {
    getSettings: vi.fn(async () => settings),
    saveSettings: vi.fn(async () => settings),
    loadContent: vi.fn(async () => ({ packs: [], calendars: [] })),
    notify: vi.fn(async () => {}),
    log: vi.fn(),
    publishSummary: vi.fn(),
  };
  registerIpc(ipcMain as never, services, {
    trusted: ['app://seatmate'],
    isOwnContents: (wc) => wc === (ours as never),
    log: (m) => logged.push(m),
  });
  return { ipcMain, ours, services, logged };
}

describe('typed IPC', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => { t = setup(); });

  it('has one route for every renderer → main channel, and none for the command channel', () => {
    expect(Object.keys(ipcRoutes).sort()).toEqual(Object.keys(IPC).filter((k) => k !== 'command').sort());
    expect([...t.ipcMain.handlers.keys()].sort()).toEqual([IPC.getSettings, IPC.loadContent, IPC.notify, IPC.saveSettings].sort());
    expect(t.ipcMain.listenerCount(IPC.log)).toBe(1);
    expect(t.ipcMain.listenerCount(IPC.publishSummary)).toBe(1);
  });

  it('accepts a valid request from our page', async () => {
    const result = await t.ipcMain.invoke(IPC.saveSettings, ipcEvent(t.ours, 'app://seatmate/index.html'), { lang: 'en' });
    expect(result).toBe(settings);
    expect(t.services.saveSettings).toHaveBeenCalledWith({ lang: 'en' });
  });

  it('rejects and logs an invalid payload', async () => {
    await expect(t.ipcMain.invoke(IPC.saveSettings, ipcEvent(t.ours, 'app://seatmate/index.html'), { lang: 'fr', evil: true })).rejects.toThrow(/rejected/);
    expect(t.services.saveSettings).not.toHaveBeenCalled();
    expect(t.logged.join('\n')).toMatch(/seatmate:save-settings rejected: bad payload/);
  });

  it('rejects a payload where none is expected', async () => {
    await expect(t.ipcMain.invoke(IPC.getSettings, ipcEvent(t.ours, 'app://seatmate/index.html'), { x: 1 })).rejects.toThrow();
    expect(t.services.getSettings).not.toHaveBeenCalled();
  });

  it('rejects a frame from another origin inside our window', async () => {
    await expect(t.ipcMain.invoke(IPC.getSettings, ipcEvent(t.ours, 'https://evil.example/'))).rejects.toThrow(/rejected/);
    expect(t.services.getSettings).not.toHaveBeenCalled();
    expect(t.logged.join('\n')).toMatch(/not the app's origin/);
  });

  it('rejects a web contents that is not one of our windows, even on our origin', async () => {
    const stranger = new FakeWebContents();
    await expect(t.ipcMain.invoke(IPC.getSettings, ipcEvent(stranger, 'app://seatmate/index.html'))).rejects.toThrow();
    expect(t.logged.join('\n')).toMatch(/not a SeatMate window/);
  });

  it('rejects a destroyed sender frame', async () => {
    await expect(t.ipcMain.invoke(IPC.loadContent, ipcEvent(t.ours, null))).rejects.toThrow();
  });

  it('drops bad fire-and-forget messages and passes good ones', () => {
    t.ipcMain.emit(IPC.publishSummary, ipcEvent(t.ours, 'app://seatmate/index.html'), { registration: 'registered', call: 'nonsense' });
    t.ipcMain.emit(IPC.log, ipcEvent(new FakeWebContents(), 'app://seatmate/index.html'), { level: 'info', message: 'hi' });
    expect(t.services.publishSummary).not.toHaveBeenCalled();
    expect(t.services.log).not.toHaveBeenCalled();
    t.ipcMain.emit(IPC.publishSummary, ipcEvent(t.ours, 'app://seatmate/index.html'), { registration: 'registered', call: 'ringing' });
    t.ipcMain.emit(IPC.log, ipcEvent(t.ours, 'app://seatmate/index.html'), { level: 'info', message: 'hi' });
    expect(t.services.publishSummary).toHaveBeenCalledWith({ registration: 'registered', call: 'ringing' }, t.ours);
    expect(t.services.log).toHaveBeenCalledWith({ level: 'info', message: 'hi' });
  });
});
