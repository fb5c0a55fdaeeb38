// The always-on-top guidance overlay (overlay.html): frameless, resizable, shown without taking
// focus while a call is in progress, fed with the CallSummary the agent window publishes.
// "Pin" keeps it above other windows; "click-through" lets clicks pass to the CRM beneath — the
// tray and a hotkey turn click-through off again, since the overlay itself cannot be clicked then.
import { screen, type BrowserWindow } from 'electron';
import { IPC, type CallSummary } from '../core/bridge.ts';
import { createSecureWindow } from './secureWindow.ts';
import { chooseOverlayBounds, rememberOverlayBounds, type Rect } from './overlayBounds.ts';

export interface OverlayPrefs {
  overlayBounds: Record<string, Rect>;
  overlayPinned: boolean;
  overlayClickThrough: boolean;
}

export interface OverlayOptions {
  preloadPath: string;
  url: string;
  prefs: () => OverlayPrefs;
  savePrefs: (patch: Partial<OverlayPrefs>) => void;
  /** Window the overlay opens beside (the display it is on decides which saved bounds apply). */
  anchor: () => BrowserWindow | undefined;
}

export interface Overlay {
  window(): BrowserWindow | undefined;
  update(summary: CallSummary): void;
  setPinned(pinned: boolean): void;
  setClickThrough(on: boolean): void;
  close(): void;
}

const ACTIVE = new Set<CallSummary['call']>(['ringing', 'connected', 'held', 'closing', 'locked']);

export function createOverlay(options: OverlayOptions): Overlay {
  let win: BrowserWindow | undefined;
  let last: CallSummary | undefined;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;

  const applyModes = (w: BrowserWindow) => {
    const prefs = options.prefs();
    // 'floating' sits above normal windows without covering system dialogs.
    w.setAlwaysOnTop(prefs.overlayPinned, 'floating');
    // forward: the page still sees mouse moves, so it can show a hover hint.
    w.setIgnoreMouseEvents(prefs.overlayClickThrough, { forward: true });
  };

  const open = (): BrowserWindow => {
    if (win && !win.isDestroyed()) return win;
    const anchor = options.anchor();
    const display = anchor && !anchor.isDestroyed() ? screen.getDisplayMatching(anchor.getBounds()) : screen.getPrimaryDisplay();
    const bounds = chooseOverlayBounds(options.prefs().overlayBounds, display);
    const w = createSecureWindow({
      ...bounds,
      frame: false,
      resizable: true,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      show: false,
      title: 'SeatMate guidance',
    }, options.preloadPath);
    applyModes(w);
    const remember = () => {
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = setTimeout(() => {
        if (w.isDestroyed()) return;
        const b = w.getBounds();
        options.savePrefs({ overlayBounds: rememberOverlayBounds(options.prefs().overlayBounds, screen.getDisplayMatching(b), b) });
      }, 400);
    };
    w.on('moved', remember);
    w.on('resized', remember);
    w.webContents.on('did-finish-load', () => { if (last) w.webContents.send(IPC.publishSummary, last); });
    w.on('closed', () => { win = undefined; });
    void w.loadURL(options.url);
    win = w;
    return w;
  };

  return {
    window: () => (win && !win.isDestroyed() ? win : undefined),
    update(summary) {
      last = summary;
      if (!ACTIVE.has(summary.call)) {
        if (win && !win.isDestroyed()) { win.webContents.send(IPC.publishSummary, summary); win.hide(); }
        return;
      }
      const w = open();
      w.webContents.send(IPC.publishSummary, summary);
      if (!w.isVisible()) w.showInactive();
    },
    setPinned(pinned) {
      options.savePrefs({ overlayPinned: pinned });
      if (win && !win.isDestroyed()) applyModes(win);
    },
    setClickThrough(on) {
      options.savePrefs({ overlayClickThrough: on });
      if (win && !win.isDestroyed()) applyModes(win);
    },
    close() {
      if (saveTimer) clearTimeout(saveTimer);
      if (win && !win.isDestroyed()) win.destroy();
      win = undefined;
    },
  };
}
