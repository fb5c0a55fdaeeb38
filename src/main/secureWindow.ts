// The one place SeatMate creates a BrowserWindow, so every window — agent window, overlay, any
// added later — gets the same locked-down web preferences. They are written out in full (even
// Electron's current defaults) so a reviewer and electronegativity see the posture right here,
// and a future default change cannot silently weaken it. Packaged builds also get no DevTools
// and no reload keys (appMenu.ts); development builds keep both.
import { app, BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { blockReloadAndDevToolsKeys } from './appMenu.ts';

export function createSecureWindow(options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>, preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    ...options,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click would try to open links in a new window; setWindowOpenHandler denies it anyway.
      disableBlinkFeatures: 'Auxclick',
      // The hold check-in (15 s) and hang-up lock (5 s) clocks must not drift when the agent
      // minimises the window: Chromium otherwise throttles hidden pages' timers to >= 1 s.
      backgroundThrottling: false,
      devTools: !app.isPackaged,
    },
  });
  if (app.isPackaged) blockReloadAndDevToolsKeys(win.webContents);
  return win;
}
