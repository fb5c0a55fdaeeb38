import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC, type AppCommand, type CallSummary } from '../../../src/core/bridge.ts';

vi.mock('electron', async () => (await import('./doubles/electron.ts')).electronModule);

const { FakeBrowserWindow, FakeWebContents, globalShortcut, screen, powerSaveBlocker, dialog, Notification } = await import('./doubles/electron.ts');
const { registerHotkeys, hotkeyDefaults, describeConflicts } = await import('../../../src/main/hotkeys.ts');
const { chooseOverlayBounds, rememberOverlayBounds, defaultOverlayBounds } = await import('../../../src/main/overlayBounds.ts');
const { createOverlay } = await import('../../../src/main/overlayWindow.ts');
const { claimSingleInstance } = await import('../../../src/main/singleInstance.ts');
const { parseDialLink, linkFromArgv } = await import('../../../src/main/deepLinks.ts');
const { createCommandSender } = await import('../../../src/main/commands.ts');
const { createPowerSaveGuard } = await import('../../../src/main/powerSave.ts');
const { confirmQuit } = await import('../../../src/main/quitGuard.ts');
const { trayMenuTemplate, trayDot } = await import('../../../src/main/trayMenu.ts');
const { strings } = await import('../../../src/main/strings.ts');
const { effectiveUpdateMode, isMsiInstall } = await import('../../../src/main/updater.ts');
const { resolveAppFile } = await import('../../../src/main/appProtocol.ts');
const { createNotifier } = await import('../../../src/main/notifications.ts');
const { applyStartOnLogin } = await import('../../../src/main/autoLaunch.ts');

const summary = (call: CallSummary['call'], registration: CallSummary['registration'] = 'registered'): CallSummary => ({ call, registration });

describe('global hotkeys', () => {
  beforeEach(() => { globalShortcut.unregisterAll(); globalShortcut.taken.clear(); });

  it('registers the defaults and forwards actions', () => {
    const fired: string[] = [];
    const r = registerHotkeys(globalShortcut, {}, (a) => fired.push(a));
    expect(r.conflicts).toEqual([]);
    expect(Object.keys(r.registered)).toEqual(Object.keys(hotkeyDefaults));
    globalShortcut.registered.get(hotkeyDefaults.answer)?.();
    expect(fired).toEqual(['answer']);
  });

  it('reports a shortcut another program owns, a duplicate and an invalid one', () => {
    globalShortcut.taken.add('CommandOrControl+Alt+H');
    const bad = { ...globalShortcut, register: (acc: string, cb: () => void) => { if (acc === 'Nonsense++') throw new Error('bad accelerator'); return globalShortcut.register(acc, cb); } };
    const r = registerHotkeys(bad, { closing: 'CommandOrControl+Alt+A', nextStep: 'Nonsense++', previousStep: '' }, () => {});
    expect(r.conflicts).toEqual([
      { action: 'hangup', accelerator: 'CommandOrControl+Alt+H', reason: 'in-use' },
      { action: 'closing', accelerator: 'CommandOrControl+Alt+A', reason: 'duplicate' },
      { action: 'nextStep', accelerator: 'Nonsense++', reason: 'invalid' },
    ]);
    expect(r.registered.previousStep).toBeUndefined(); // "" turns it off, not a conflict
    expect(describeConflicts(r.conflicts)).toContain('CommandOrControl+Alt+H (hangup)');
  });
});

describe('overlay bounds per display', () => {
  const laptop = { id: 1, workArea: { x: 0, y: 0, width: 1440, height: 860 } };
  const monitor = { id: 2, workArea: { x: 1440, y: 0, width: 2560, height: 1400 } };

  it('defaults to the top-right of the work area', () => {
    expect(defaultOverlayBounds(laptop)).toEqual({ x: 1440 - 360 - 16, y: 16, width: 360, height: 300 });
  });

  it('remembers a position for each display separately', () => {
    let saved = rememberOverlayBounds({}, laptop, { x: 100, y: 100, width: 300, height: 200 });
    saved = rememberOverlayBounds(saved, monitor, { x: 3000, y: 50, width: 500, height: 400 });
    expect(chooseOverlayBounds(saved, laptop)).toEqual({ x: 100, y: 100, width: 300, height: 200 });
    expect(chooseOverlayBounds(saved, monitor)).toEqual({ x: 3000, y: 50, width: 500, height: 400 });
  });

  it('never restores a position that is off the display now', () => {
    const saved = { '1': { x: 5000, y: 5000, width: 300, height: 200 } };
    expect(chooseOverlayBounds(saved, laptop)).toEqual(defaultOverlayBounds(laptop));
  });

  it('the overlay window opens on its display\'s saved bounds, saves moves, pins and clicks through', async () => {
    vi.useFakeTimers();
    screen.displays = [
      { id: 1, bounds: { x: 0, y: 0, width: 1440, height: 900 }, workArea: laptop.workArea },
      { id: 2, bounds: { x: 1440, y: 0, width: 2560, height: 1440 }, workArea: monitor.workArea },
    ];
    let prefs = { overlayBounds: { '2': { x: 3000, y: 60, width: 400, height: 300 } } as Record<string, { x: number; y: number; width: number; height: number }>, overlayPinned: true, overlayClickThrough: false };
    const anchor = new FakeBrowserWindow({ x: 2000, y: 100, width: 800, height: 600 });
    const overlay = createOverlay({
      preloadPath: 'p', url: 'app://seatmate/overlay.html', anchor: () => anchor as never,
      prefs: () => prefs, savePrefs: (p) => { prefs = { ...prefs, ...p }; },
    });
    overlay.update(summary('idle'));
    expect(overlay.window()).toBeUndefined();
    overlay.update(summary('ringing'));
    const w = overlay.window() as unknown as InstanceType<typeof FakeBrowserWindow>;
    expect(w.options).toMatchObject({ x: 3000, y: 60, width: 400, height: 300, frame: false, resizable: true });
    expect((w.options.webPreferences as Record<string, unknown>).sandbox).toBe(true);
    expect(w.alwaysOnTop[0]).toBe(true);
    expect(w.isVisible()).toBe(true);
    expect(w.webContents.sent.at(-1)).toEqual({ channel: IPC.publishSummary, args: [summary('ringing')] });

    w.setBounds({ x: 200, y: 300 });
    w.emit('moved');
    vi.advanceTimersByTime(500);
    expect(prefs.overlayBounds['1']).toEqual({ x: 200, y: 300, width: 400, height: 300 });
    expect(prefs.overlayBounds['2']).toEqual({ x: 3000, y: 60, width: 400, height: 300 });

    overlay.setClickThrough(true);
    expect(w.ignoreMouse).toEqual([true, { forward: true }]);
    overlay.setPinned(false);
    expect(w.alwaysOnTop[0]).toBe(false);

    overlay.update(summary('ended'));
    expect(w.isVisible()).toBe(false);
    vi.useRealTimers();
  });
});

describe('tel:/sip: links and the single instance', () => {
  // What a link may carry is tested in dialLinks.test.ts; here, how links reach the opener.
  const policy = { featureCodesAllowed: false };

  it('parses tel: and sip: links into prefill commands', () => {
    const prefill = (link: string) => { const r = parseDialLink(link, policy); return r.ok ? r.command : undefined; };
    expect(prefill('tel:+86-138-0013-8000')).toEqual({ type: 'prefill', number: '+8613800138000' });
    expect(prefill('tel:10000')).toEqual({ type: 'prefill', number: '10000' });
    expect(prefill('sip:10086@pbx.example.org;transport=ws')).toEqual({ type: 'prefill', number: '10086' });
    expect(prefill('TEL:(010)%206552-9988')).toEqual({ type: 'prefill', number: '01065529988' });
    expect(prefill('sip:alice@example.org')).toBeUndefined();
    expect(prefill('tel:1;$(calc)')).toEqual({ type: 'prefill', number: '1' });
    expect(prefill('https://example.org')).toBeUndefined();
    expect(linkFromArgv(['C:\\SeatMate\\SeatMate.exe', '--hidden', 'tel:95588'])).toBe('tel:95588');
  });

  function fakeApp(locked: boolean) {
    return Object.assign(new EventEmitter(), { requestSingleInstanceLock: () => locked, quit: vi.fn() });
  }

  it('the second instance quits; the first takes the forwarded tel: link and shows itself', () => {
    const links: string[] = [];
    const shown = vi.fn();
    const second = fakeApp(false);
    expect(claimSingleInstance(second as never, (l) => links.push(l), shown)).toBe(false);
    expect(second.quit).toHaveBeenCalled();

    const first = fakeApp(true);
    expect(claimSingleInstance(first as never, (l) => links.push(l), shown)).toBe(true);
    first.emit('second-instance', {}, ['SeatMate.exe', 'tel:+86 10000']);
    first.emit('second-instance', {}, ['SeatMate.exe']);
    expect(links).toEqual(['tel:+86 10000']);
    expect(shown).toHaveBeenCalledTimes(2);
  });

  it('macOS open-url hands the link over too', () => {
    const links: string[] = [];
    const app = fakeApp(true);
    claimSingleInstance(app as never, (l) => links.push(l), () => {});
    let prevented = false;
    app.emit('open-url', { preventDefault: () => { prevented = true; } }, 'sip:10086@pbx.example.org');
    expect(prevented).toBe(true);
    expect(links).toEqual(['sip:10086@pbx.example.org']);
  });

  it('commands wait for the page, then go out on the command channel only', () => {
    const sender = createCommandSender(() => {});
    sender.send({ type: 'dial', number: '10000' });
    sender.send({ type: 'format-disk' } as never);
    const wc = new FakeWebContents();
    sender.ready(wc as never);
    sender.send({ type: 'answer' });
    expect(wc.sent).toEqual([
      { channel: IPC.command, args: [{ type: 'dial', number: '10000' }] },
      { channel: IPC.command, args: [{ type: 'answer' }] },
    ]);
  });
});

describe('calls and the system', () => {
  it('blocks system sleep exactly while a call is up', () => {
    const guard = createPowerSaveGuard(powerSaveBlocker);
    guard.update(summary('idle'));
    expect(powerSaveBlocker.active.size).toBe(0);
    guard.update(summary('ringing'));
    guard.update(summary('connected'));
    guard.update(summary('held'));
    expect(powerSaveBlocker.active.size).toBe(1);
    guard.update(summary('ended'));
    expect(powerSaveBlocker.active.size).toBe(0);
  });

  it('asks before quitting during a call, not otherwise', () => {
    const t = strings('en');
    dialog.asked.length = 0;
    expect(confirmQuit(summary('idle'), dialog, undefined, t)).toBe(true);
    expect(dialog.asked).toHaveLength(0);
    dialog.answer = 0;
    expect(confirmQuit(summary('connected'), dialog, undefined, t)).toBe(false);
    dialog.answer = 1;
    expect(confirmQuit(summary('held'), dialog, undefined, t)).toBe(true);
    expect(JSON.stringify(dialog.asked[0])).toContain('Stay on the call');
  });

  it('C3: tray offers answer only while ringing, mirrors the hang-up lock, and quits', () => {
    const sent: AppCommand[] = [];
    const act = { command: (c: AppCommand) => sent.push(c), showWindow: vi.fn(), setOverlayPinned: vi.fn(), setOverlayClickThrough: vi.fn(), installUpdate: vi.fn(), quit: vi.fn() };
    const t = strings('en');
    const ringing = trayMenuTemplate({ summary: summary('ringing'), overlayPinned: true, overlayClickThrough: false, overlayEnabled: true }, t, act);
    expect(ringing[0]).toMatchObject({ label: 'Registered', enabled: false });
    const answer = ringing.find((i) => i.label === 'Answer')!;
    expect(answer.enabled).toBe(true);
    (answer.click as () => void)();
    expect(sent).toEqual([{ type: 'answer' }]);
    const locked = trayMenuTemplate({ summary: summary('locked'), overlayPinned: true, overlayClickThrough: false, overlayEnabled: false }, strings('zh-CN'), act);
    expect(locked.find((i) => String(i.label).startsWith('挂机'))).toMatchObject({ enabled: false });
    expect(locked.some((i) => i.type === 'checkbox')).toBe(false);
    const held = trayMenuTemplate({ summary: summary('held'), overlayPinned: true, overlayClickThrough: false, overlayEnabled: true, updateReady: '1.2.0' }, t, act);
    expect(held.find((i) => i.label === 'Resume')?.enabled).toBe(true);
    expect(held.some((i) => i.label === 'Restart to install 1.2.0')).toBe(true);
    (held.at(-1)!.click as () => void)();
    expect(act.quit).toHaveBeenCalled();
    expect(trayDot('registered', 16)).toHaveLength(16 * 16 * 4);
  });

  it('raises notifications from main, replacing the previous one with the same tag', async () => {
    Notification.shown.length = 0;
    const notifier = createNotifier(() => {});
    await notifier.notify({ title: 'Check in', body: '对不起,请再稍等一下', tag: 'hold', urgent: true });
    await notifier.notify({ title: 'Check in', body: 'again', tag: 'hold' });
    expect(Notification.shown).toHaveLength(2);
    expect(Notification.shown[0]).toMatchObject({ urgency: 'critical', timeoutType: 'never' });
  });

  it('start on login is applied on Windows and macOS only', () => {
    const app = { setLoginItemSettings: vi.fn() };
    expect(applyStartOnLogin(app, true, 'win32')).toBe(true);
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: ['--hidden'] });
    expect(applyStartOnLogin(app, true, 'linux')).toBe(false);
  });
});

describe('updates and app files', () => {
  it('never self-updates MSI installs, dev runs or Linux', () => {
    expect(isMsiInstall('win32', 'C:\\Program Files\\SeatMate\\SeatMate.exe', () => false)).toBe(true);
    expect(isMsiInstall('win32', 'C:\\Program Files\\SeatMate\\SeatMate.exe', (p) => p.endsWith('Uninstall SeatMate.exe'))).toBe(false);
    expect(effectiveUpdateMode('auto', { isPackaged: true, msi: true, platform: 'win32' })).toBe('none');
    expect(effectiveUpdateMode('auto', { isPackaged: false, msi: false, platform: 'darwin' })).toBe('none');
    expect(effectiveUpdateMode('manual', { isPackaged: true, msi: false, platform: 'darwin' })).toBe('manual');
  });

  it('serves only files inside the renderer folder', () => {
    expect(resolveAppFile('/app/out/renderer', 'app://seatmate/index.html')).toBe('/app/out/renderer/index.html');
    expect(resolveAppFile('/app/out/renderer', 'app://seatmate/')).toBe('/app/out/renderer/index.html');
    expect(resolveAppFile('/app/out/renderer', 'app://seatmate/assets/x.js?v=1')).toBe('/app/out/renderer/assets/x.js');
    expect(resolveAppFile('/app/out/renderer', 'app://seatmate/..%2F..%2Fmain%2Findex.js')).toBeUndefined();
    // The URL parser folds dot segments first: whatever it yields must stay inside the folder.
    expect(resolveAppFile('/app/out/renderer', 'app://seatmate/%2e%2e/preload/index.cjs')).toBe('/app/out/renderer/preload/index.cjs');
    expect(resolveAppFile('/app/out/renderer', 'app://other/index.html')).toBeUndefined();
  });
});
