// Start on login: the startOnLogin policy wins; otherwise the agent's choice. Windows and macOS
// only (Electron has no login-item API on Linux; IT uses the desktop session's autostart there).
import type { App } from 'electron';

export function applyStartOnLogin(app: Pick<App, 'setLoginItemSettings'>, enabled: boolean, platform: NodeJS.Platform): boolean {
  if (platform !== 'win32' && platform !== 'darwin') return false;
  // --hidden: start in the tray, not over the agent's other windows at login.
  app.setLoginItemSettings({ openAtLogin: enabled, args: ['--hidden'] });
  return true;
}
