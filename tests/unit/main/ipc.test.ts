import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC, type ResolvedSettings } from '../../../src/core/bridge.ts';
import { FakeIpcMain, FakeWebContents, ipcEvent } from './doubles/electron.ts';
import { registerIpc, ipcRoutes, type IpcServices } from '../../../src/main/ipc.ts';
import { lookupCaller } from '../../../src/node/crmLookup.ts';
import { startFakeCrm } from './doubles/fakeCrm.ts';

const settings = { config: { mode: 'training' }, locked: [], passwordSet: false } as unknown as ResolvedSettings;

function setup(crm?: () => string) {
  const ipcMain = new FakeIpcMain();
  const ours = new FakeWebContents();
  const logged: string[] = [];
  const services: IpcServices = {
    getSettings: vi.fn(async () => settings),
    saveSettings: vi.fn(async () => settings),
    getCredentials: vi.fn(async () => ({})),
    getDesktopSettings: vi.fn(async () => ({}) as never),
    saveDesktopSettings: vi.fn(async () => ({}) as never),
    loadContent: vi.fn(async () => ({ packs: [], calendars: [], errors: [] })),
    notify: vi.fn(async () => {}),
    log: vi.fn(),
    publishSummary: vi.fn(),
    lookupCaller: vi.fn(async (n: string) => (crm ? lookupCaller({ url: crm(), timeoutMs: 150 }, n) : null)),
    uploadRecord: vi.fn(async () => 'sent' as const),
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
    expect([...t.ipcMain.handlers.keys()].sort()).toEqual([IPC.getCredentials, IPC.getDesktopSettings, IPC.getSettings, IPC.loadContent, IPC.lookupCaller, IPC.notify, IPC.saveDesktopSettings, IPC.saveSettings, IPC.uploadRecord].sort());
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

describe('caller look-up over IPC', () => {
  let crm: Awaited<ReturnType<typeof startFakeCrm>>;
  let path = '/good';
  let t: ReturnType<typeof setup>;
  const page = () => ipcEvent(t.ours, 'app://seatmate/index.html');
  beforeAll(async () => { crm = await startFakeCrm(); });
  afterAll(async () => { await crm.close(); });
  beforeEach(() => { path = '/good'; t = setup(() => `${crm.base}${path}`); });

  it('answers our page with what the CRM says', async () => {
    expect(await t.ipcMain.invoke(IPC.lookupCaller, page(), { number: '+8613800138000' })).toEqual({ tier: 'vip', surname: '王', title: '先生' });
    expect(crm.seen.at(-1)).toBe('+8613800138000');
  });

  it('resolves null, never rejects, when the CRM is slow or talks nonsense', async () => {
    path = '/slow';
    await expect(t.ipcMain.invoke(IPC.lookupCaller, page(), { number: '10000' })).resolves.toBeNull();
    path = '/wrong-tier';
    await expect(t.ipcMain.invoke(IPC.lookupCaller, page(), { number: '10000' })).resolves.toBeNull();
  });

  it.each([
    ['letters', { number: '10000abc' }],
    ['a query string smuggled in', { number: '10000&admin=1' }],
    ['more than 32 characters', { number: '1'.repeat(33) }],
    ['an empty number', { number: '' }],
    ['a bare string', '10000'],
    ['extra fields', { number: '10000', url: 'http://evil.example/' }],
  ])('rejects a payload with %s before any look-up', async (_name, payload) => {
    await expect(t.ipcMain.invoke(IPC.lookupCaller, page(), payload)).rejects.toThrow(/rejected/);
    expect(t.services.lookupCaller).not.toHaveBeenCalled();
    expect(t.logged.join('\n')).toMatch(/seatmate:lookup-caller rejected: bad payload/);
  });

  it('rejects a sender that is not one of our windows, or not our origin', async () => {
    await expect(t.ipcMain.invoke(IPC.lookupCaller, ipcEvent(new FakeWebContents(), 'app://seatmate/index.html'), { number: '10000' })).rejects.toThrow(/rejected/);
    await expect(t.ipcMain.invoke(IPC.lookupCaller, ipcEvent(t.ours, 'https://evil.example/'), { number: '10000' })).rejects.toThrow(/rejected/);
    expect(t.services.lookupCaller).not.toHaveBeenCalled();
  });
});
