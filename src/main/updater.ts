// Updates through electron-updater from a generic HTTPS folder (latest.yml / latest-mac.yml),
// steered by the updateMode policy:
//   none   — never check (IT ships versions itself; always the case for MSI installs, which
//            electron-updater cannot update — it would install an NSIS copy beside the MSI one);
//   manual — download in the background, the agent installs from the tray when free;
//   auto   — download, and install when the app quits.
// An update never restarts the app on its own during a call.
import { dirname, join } from 'node:path';
import type { AppUpdater } from 'electron-updater';
import type { PolicyValues } from '../node/policyKeys.ts';

export type UpdateMode = PolicyValues['updateMode'];

/** NSIS leaves "Uninstall SeatMate.exe" next to the app; the MSI does not. */
export function isMsiInstall(platform: NodeJS.Platform, exePath: string, exists: (p: string) => boolean): boolean {
  return platform === 'win32' && !exists(join(dirname(exePath), 'Uninstall SeatMate.exe'));
}

export function effectiveUpdateMode(mode: UpdateMode, env: { isPackaged: boolean; msi: boolean; platform: NodeJS.Platform }): UpdateMode {
  if (!env.isPackaged || env.msi || env.platform === 'linux') return 'none';
  return mode;
}

export interface UpdaterHooks {
  log(m: string): void;
  /** A version is downloaded and waits for the agent (manual) or for quit (auto). */
  ready(version: string): void;
}

const CHECK_EVERY_MS = 4 * 3600_000;

export function startUpdater(updater: AppUpdater, mode: UpdateMode, updateUrl: string, hooks: UpdaterHooks): () => void {
  if (mode === 'none') { hooks.log('updates: off'); return () => {}; }
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = mode === 'auto';
  updater.allowDowngrade = false;
  updater.allowPrerelease = false;
  if (updateUrl) updater.setFeedURL({ provider: 'generic', url: updateUrl });
  updater.on('error', (error: Error) => hooks.log(`updates: ${error.message}`));
  updater.on('update-downloaded', (info: { version: string }) => {
    hooks.log(`updates: ${info.version} downloaded (${mode})`);
    hooks.ready(info.version);
  });
  const check = () => { updater.checkForUpdates().catch((e: Error) => hooks.log(`updates: check failed: ${e.message}`)); };
  check();
  const timer = setInterval(check, CHECK_EVERY_MS);
  return () => clearInterval(timer);
}
