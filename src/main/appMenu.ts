// Packaged builds give the agent no way into the page: no DevTools (from the console an agent
// could lift the hang-up lock the product exists to enforce), no reload (which drops the call's
// state mid-call), no default application menu offering both, and no remote-debugging switch.
// Development builds keep all of it. The window side (webPreferences.devTools, the shortcut
// block) is applied by secureWindow.ts to every window.
import type { Input, MenuItemConstructorOptions } from 'electron';

interface MenuApi {
  setApplicationMenu(menu: unknown): void;
  buildFromTemplate(template: MenuItemConstructorOptions[]): unknown;
}

interface DevToolsApp {
  isPackaged: boolean;
  commandLine: { hasSwitch(name: string): boolean };
  exit(code?: number): void;
}

/** Chromium switches that hand the page to a debugger outside the app (the fuses cover --inspect). */
export const DEBUG_SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe', 'auto-open-devtools-for-tabs'] as const;

/**
 * Call once 'ready' has fired (Electron sets its default menu at startup; this replaces it).
 * Returns false — after logging and exiting — when a packaged build was started with a debug switch.
 */
export function applyDevToolsPolicy(app: DevToolsApp, menu: MenuApi, platform: NodeJS.Platform, log: (m: string) => void): boolean {
  if (!app.isPackaged) return true;
  const found = DEBUG_SWITCHES.filter((s) => app.commandLine.hasSwitch(s));
  if (found.length) {
    log(`refusing to start: debugging switch --${found.join(', --')} is not allowed in an installed SeatMate`);
    app.exit(1);
    return false;
  }
  // macOS takes copy and paste from the Edit menu (agents paste numbers): keep the app and Edit
  // menus, neither of which offers reload or DevTools. Elsewhere no menu at all.
  menu.setApplicationMenu(platform === 'darwin' ? menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }]) : null);
  return true;
}

type Keys = Pick<Input, 'key' | 'code' | 'control' | 'meta' | 'shift' | 'alt'>;

/**
 * Reload (F5, Ctrl/Cmd+R, Ctrl/Cmd+Shift+R, the Refresh key) and DevTools (F12, Ctrl+Shift+I/J/C,
 * Cmd+Alt+I/J/C). Ctrl+Alt alone is not a DevTools chord: on Windows it is AltGr, which types letters.
 */
export function isReloadOrDevToolsKey(input: Keys): boolean {
  const key = input.key.toLowerCase();
  const is = (letter: string) => key === letter || input.code === `Key${letter.toUpperCase()}`;
  if (['F5', 'F12', 'BrowserRefresh'].includes(input.code) || key === 'f5' || key === 'f12') return true;
  if ((input.control || input.meta) && is('r')) return true;
  const devToolsChord = (input.control && input.shift) || (input.meta && input.alt);
  return devToolsChord && (is('i') || is('j') || is('c'));
}

interface InputEvents {
  on(event: 'before-input-event', listener: (event: { preventDefault(): void }, input: Input) => void): unknown;
}

/** The keys above never reach the page or Chromium's own handlers. */
export function blockReloadAndDevToolsKeys(contents: InputEvents): void {
  contents.on('before-input-event', (event, input) => {
    if (isReloadOrDevToolsKey(input)) event.preventDefault();
  });
}
