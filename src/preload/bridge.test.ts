import { describe, expect, it, vi } from 'vitest';
import { IPC, type SeatMateBridge } from '../core/bridge.ts';
import { remoteMessage } from './bridge.ts';

vi.mock('electron', async () => (await import('../../tests/unit/main/doubles/electron.ts')).electronModule);

const { contextBridge, ipcRenderer } = await import('../../tests/unit/main/doubles/electron.ts');
await import('./index.ts');

const allowed = new Set<string>(Object.values(IPC));

describe('preload', () => {
  const api = contextBridge.exposed.get('seatmate') as Record<string, unknown>;

  it('exposes exactly one global, window.seatmate', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['seatmate']);
  });

  it('exposes the bridge functions and nothing that reaches IPC directly', () => {
    expect(Object.keys(api).sort()).toEqual(
      ['getCredentials', 'getDesktopSettings', 'getSettings', 'host', 'loadContent', 'log', 'lookupCaller', 'notify', 'onCommand', 'onSummary', 'publishSummary', 'saveDesktopSettings', 'saveSettings', 'uploadRecord'].sort());
    expect(api.host).toBe('electron');
    for (const value of Object.values(api)) {
      expect(value).not.toBe(ipcRenderer);
      expect(typeof value === 'function' || typeof value === 'string').toBe(true);
    }
  });

  it('uses only allowlisted channels', async () => {
    const b = api as unknown as SeatMateBridge;
    await b.getSettings();
    await b.saveSettings({ lang: 'en' });
    // The double answers { channel }: not credentials, so the page's own check refuses it.
    await expect(b.getCredentials()).rejects.toThrow();
    // The double answers every invoke with { channel }: not content, so the door check refuses it.
    await expect(b.loadContent()).rejects.toThrow();
    await b.notify({ title: 't', body: 'b' });
    b.log({ level: 'info', message: 'x' });
    b.publishSummary({ registration: 'registered', call: 'idle' });
    await b.lookupCaller('10000');
    const off = b.onCommand(() => {});
    const off2 = b.onSummary(() => {});
    const used = [...ipcRenderer.invoked, ...ipcRenderer.sentMessages].map((m) => m.channel).concat(ipcRenderer.eventNames().map(String));
    expect(used.length).toBeGreaterThan(6);
    for (const channel of used) expect(allowed.has(channel)).toBe(true);
    off(); off2();
    expect(ipcRenderer.eventNames()).toEqual([]);
  });

  it('delivers valid commands without the IPC event, and drops malformed ones', () => {
    const b = api as unknown as SeatMateBridge;
    const got: unknown[][] = [];
    const off = b.onCommand((...args: unknown[]) => got.push(args));
    ipcRenderer.emit(IPC.command, { sender: 'secret' }, { type: 'dial', number: '10000' });
    ipcRenderer.emit(IPC.command, {}, { type: 'format-disk' });
    ipcRenderer.emit(IPC.command, {}, { type: 'dial', number: '1; rm -rf' });
    expect(got).toEqual([[{ type: 'dial', number: '10000' }]]);
    off();
  });

  it('looks callers up on the allowlisted channel and turns every failure into null', async () => {
    const b = api as unknown as SeatMateBridge;
    const invoke = vi.spyOn(ipcRenderer, 'invoke');
    invoke.mockResolvedValueOnce({ tier: 'vip', surname: '王' } as never);
    expect(await b.lookupCaller('+8610000')).toEqual({ tier: 'vip', surname: '王' });
    expect(invoke).toHaveBeenLastCalledWith(IPC.lookupCaller, { number: '+8610000' });
    invoke.mockResolvedValueOnce({ tier: 'platinum' } as never);
    expect(await b.lookupCaller('10000')).toBeNull();
    invoke.mockRejectedValueOnce(new Error('seatmate:lookup-caller rejected'));
    expect(await b.lookupCaller('10000')).toBeNull();
    invoke.mockClear();
    expect(await b.lookupCaller('10000 OR 1=1')).toBeNull();
    expect(invoke).not.toHaveBeenCalled();
    invoke.mockRestore();
  });

  it('hands the page main\'s own message when a save is refused, without Electron\'s wrapper', () => {
    expect(remoteMessage(new Error("Error invoking remote method 'seatmate:save-settings': Error: sip.uri: must be a SIP URI\nlang: x"))).toBe('sip.uri: must be a SIP URI\nlang: x');
    expect(remoteMessage(new Error('lang: set by IT policy'))).toBe('lang: set by IT policy');
  });
});
