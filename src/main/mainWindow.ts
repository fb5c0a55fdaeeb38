// The agent's main window. Closing it hides to the tray (the phone keeps ringing); quitting is
// the tray's or the menu's job, and asks first during a call (quitGuard.ts).
import type { BrowserWindow } from 'electron';
import { createSecureWindow } from './secureWindow.ts';

export interface MainWindowOptions {
  preloadPath: string;
  url: string;
  icon?: string;
  /** True once the app is really quitting; until then "close" means "hide". */
  isQuitting: () => boolean;
  /** Started at login with --hidden: stay in the tray until the agent opens it. */
  startHidden?: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = createSecureWindow({
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'SeatMate',
    icon: options.icon,
    autoHideMenuBar: true,
  }, options.preloadPath);
  win.once('ready-to-show', () => { if (!options.startHidden) win.show(); });
  win.on('close', (event) => {
    if (options.isQuitting()) return;
    event.preventDefault();
    win.hide();
  });
  void win.loadURL(options.url);
  return win;
}

export function showWindow(win: BrowserWindow | undefined): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
