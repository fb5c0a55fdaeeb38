// Updates through electron-updater from a generic HTTPS folder (latest.yml / latest-mac.yml),
// steered by the updateMode policy:
//   none   — never check (IT ships versions itself; always the case for MSI installs, which
//            electron-updater cannot update — it would install an NSIS copy beside the MSI one);
//   manual — download in the background, the agent installs from the tray when free;
//   auto   — download, and install when the app quits.
// An update never restarts the app on its own during a call.
//
// Only signed updates install. On Windows electron-updater checks the downloaded installer's
// Authenticode signature against publisherName in the app's own app-update.yml — and skips the
// check when that is absent, as in an unsigned build; so an unsigned build does not update itself
// at all (electron-builder.yml: forceCodeSigning keeps such builds out of a release). On macOS
// Squirrel.Mac accepts only an update signed to the running app's own designated requirement,
// and an unsigned app cannot update.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppUpdater } from 'electron-updater';
import { parse as parseYaml } from 'yaml';
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

export interface BuildInfo {
  platform: NodeJS.Platform;
  /** The text of resources/app-update.yml (readAppUpdateConfig); undefined when there is none. */
  readUpdateConfig(): string | undefined;
}

export function readAppUpdateConfig(resourcesPath: string): string | undefined {
  try {
    return readFileSync(join(resourcesPath, 'app-update.yml'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Why this build must not update itself (it could not tell a signed update from an unsigned one), or undefined. */
export function unsignedUpdateProblem(build: BuildInfo): string | undefined {
  if (build.platform !== 'win32') return undefined;
  let config: unknown;
  try {
    const text = build.readUpdateConfig();
    if (text === undefined) return 'resources/app-update.yml is missing';
    config = parseYaml(text);
  } catch (error) {
    return `resources/app-update.yml cannot be read (${(error as Error).message})`;
  }
  const names = [(config as { publisherName?: unknown } | null)?.publisherName].flat()
    .filter((n): n is string => typeof n === 'string' && n.trim() !== '');
  return names.length ? undefined
    : 'this build is unsigned (app-update.yml names no publisherName), so it could not check that an update is signed';
}

const CHECK_EVERY_MS = 4 * 3600_000;

export function startUpdater(updater: AppUpdater, mode: UpdateMode, updateUrl: string, hooks: UpdaterHooks, build: BuildInfo): () => void {
  if (mode === 'none') { hooks.log('updates: off'); return () => {}; }
  const unsigned = unsignedUpdateProblem(build);
  if (unsigned) { hooks.log(`updates: REFUSED — ${unsigned}. Install signed releases only; set updateMode=none to silence this.`); return () => {}; }
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
