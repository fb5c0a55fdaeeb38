import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./doubles/electron.ts')).electronModule);

const { FakeBrowserWindow, FakeWebContents, shell } = await import('./doubles/electron.ts');
const { createMainWindow } = await import('../../../src/main/mainWindow.ts');
const { guardWebContents } = await import('../../../src/main/navigationGuard.ts');
const { allowPermission } = await import('../../../src/main/permissions.ts');
const { resolveOrigins, isTrustedUrl } = await import('../../../src/main/appOrigin.ts');

const trusted = ['app://seatmate'];

describe('main window', () => {
  beforeEach(() => { FakeBrowserWindow.instances.length = 0; });

  it('is created isolated, sandboxed, without Node, with web security and without background throttling', () => {
    createMainWindow({ preloadPath: '/app/out/preload/index.cjs', url: 'app://seatmate/index.html', isQuitting: () => false });
    const prefs = FakeBrowserWindow.instances[0]?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false,
      webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, backgroundThrottling: false, disableBlinkFeatures: 'Auxclick',
      preload: '/app/out/preload/index.cjs',
    });
    expect(FakeBrowserWindow.instances[0]?.loaded).toBe('app://seatmate/index.html');
  });

  it('hides instead of closing until the app quits', () => {
    let quitting = false;
    const win = createMainWindow({ preloadPath: 'p', url: 'app://seatmate/index.html', isQuitting: () => quitting }) as unknown as InstanceType<typeof FakeBrowserWindow>;
    win.show();
    let prevented = false;
    win.emit('close', { preventDefault: () => { prevented = true; } });
    expect(prevented).toBe(true);
    expect(win.isVisible()).toBe(false);
    quitting = true; prevented = false;
    win.emit('close', { preventDefault: () => { prevented = true; } });
    expect(prevented).toBe(false);
  });
});

describe('navigation guard', () => {
  const setup = () => {
    const wc = new FakeWebContents();
    wc.url = 'app://seatmate/index.html';
    const logged: string[] = [];
    guardWebContents(wc as never, trusted, (m) => logged.push(m), (u) => { void shell.openExternal(u); });
    return { wc, logged };
  };

  it('refuses navigation to another site', () => {
    const { wc, logged } = setup();
    expect(wc.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(wc.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(logged.join()).toContain('navigation blocked');
  });

  it('lets our own page reload', () => {
    const { wc } = setup();
    expect(wc.fire('will-navigate', 'app://seatmate/index.html')).toBe(false);
  });

  it('denies every new window; https links go to the system browser', () => {
    const { wc } = setup();
    shell.opened.length = 0;
    expect(wc.windowOpenHandler?.({ url: 'https://crm.example/record/1' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler?.({ url: 'file:///C:/Windows/system32/calc.exe' })).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual(['https://crm.example/record/1']);
  });

  it('prevents <webview> from attaching', () => {
    const { wc } = setup();
    expect(wc.fire('will-attach-webview', {}, {})).toBe(true);
  });
});

describe('permissions', () => {
  it('grants the microphone to our own pages', () => {
    expect(allowPermission({ permission: 'media', url: 'app://seatmate/index.html', mediaTypes: ['audio'] }, trusted)).toBe(true);
    expect(allowPermission({ permission: 'media', url: 'app://seatmate', mediaType: 'audio' }, trusted)).toBe(true);
  });
  it('never grants the camera, even with the microphone', () => {
    expect(allowPermission({ permission: 'media', url: 'app://seatmate/index.html', mediaTypes: ['audio', 'video'] }, trusted)).toBe(false);
    expect(allowPermission({ permission: 'media', url: 'app://seatmate/index.html', mediaTypes: ['video'] }, trusted)).toBe(false);
    expect(allowPermission({ permission: 'media', url: 'app://seatmate/index.html', mediaTypes: [] }, trusted)).toBe(false);
    expect(allowPermission({ permission: 'media', url: 'app://seatmate', mediaType: 'video' }, trusted)).toBe(false);
  });
  it('grants notifications to our own pages only', () => {
    expect(allowPermission({ permission: 'notifications', url: 'app://seatmate/index.html' }, trusted)).toBe(true);
    expect(allowPermission({ permission: 'notifications', url: 'https://evil.example/' }, trusted)).toBe(false);
  });
  it('refuses everything to other origins and every other permission', () => {
    expect(allowPermission({ permission: 'media', url: 'https://evil.example/', mediaTypes: ['audio'] }, trusted)).toBe(false);
    expect(allowPermission({ permission: 'media', url: undefined, mediaTypes: ['audio'] }, trusted)).toBe(false);
    for (const p of ['geolocation', 'clipboard-read', 'display-capture', 'openExternal', 'hid', 'usb', 'fullscreen']) {
      expect(allowPermission({ permission: p, url: 'app://seatmate/index.html' }, trusted)).toBe(false);
    }
  });
});

describe('origins', () => {
  it('trusts the dev server only when not packaged', () => {
    expect(resolveOrigins({ isPackaged: false, devServerUrl: 'http://localhost:5173' }).trusted).toContain('http://localhost:5173');
    const packaged = resolveOrigins({ isPackaged: true, devServerUrl: 'http://localhost:5173' });
    expect(packaged.trusted).toEqual(['app://seatmate']);
    expect(packaged.pageUrl('overlay')).toBe('app://seatmate/overlay.html');
  });
  it('does not confuse look-alike hosts', () => {
    expect(isTrustedUrl('app://seatmate.evil/index.html', trusted)).toBe(false);
    expect(isTrustedUrl('app://seatmate:1/x', trusted)).toBe(false);
    expect(isTrustedUrl('not a url', trusted)).toBe(false);
  });
});
