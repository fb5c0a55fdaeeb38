// The desktop preferences in Electron: the global hotkeys and start-on-login, applied at start
// and again whenever the agent saves them in Settings. The view (with the last registration's
// conflict report) and the save rule are the node service's (src/node/desktopSettings.ts).
import type { App, GlobalShortcut } from 'electron';
import type { DesktopSettings, DesktopSettingsPatch } from '../core/desktopSettings.ts';
import { applyDesktopPatch, desktopSettingsView } from '../node/desktopSettings.ts';
import { policyValue } from '../node/policyMerge.ts';
import { applyStartOnLogin } from './autoLaunch.ts';
import { policyNow, type LivePolicy } from './policySources.ts';
import { registerHotkeys, type HotkeyAction, type HotkeyConflict } from './hotkeys.ts';
import type { SettingsStore } from './settingsStore.ts';

export interface DesktopSettingsOptions {
  store: Pick<SettingsStore, 'desktop' | 'saveDesktop'>;
  /** Asked each time: IT policy may change while the app runs (followFiles.ts applies it again). */
  policy: LivePolicy;
  platform: NodeJS.Platform;
  shortcuts: Pick<GlobalShortcut, 'register' | 'unregisterAll'>;
  app: Pick<App, 'setLoginItemSettings'>;
  onHotkey(action: HotkeyAction): void;
  /** The hotkeys another program owns (or that clash) at start; after a save the settings screen shows them. */
  onConflicts?(conflicts: HotkeyConflict[]): void;
}

export interface DesktopSettingsService {
  /** Registers the hotkeys and sets start-on-login as the agent's prefs and IT policy say. */
  apply(): void;
  view(): DesktopSettings;
  save(patch: DesktopSettingsPatch): Promise<DesktopSettings>;
}

export function createDesktopSettings(o: DesktopSettingsOptions): DesktopSettingsService {
  let conflicts: HotkeyConflict[] = [];
  const supported = o.platform === 'win32' || o.platform === 'darwin';
  const policy = () => policyNow(o.policy);

  const registerAll = () => {
    if (!policyValue(policy(), 'hotkeysEnabled')) { o.shortcuts.unregisterAll(); conflicts = []; return; }
    conflicts = registerHotkeys(o.shortcuts, o.store.desktop().hotkeys, o.onHotkey).conflicts;
  };
  const startOnLogin = () => applyStartOnLogin(o.app, policyValue(policy(), 'startOnLogin', o.store.desktop().startOnLogin), o.platform);
  const view = () => desktopSettingsView({ available: true, policy: policy(), prefs: o.store.desktop(), conflicts, startOnLoginSupported: supported });

  return {
    apply() {
      registerAll();
      if (conflicts.length) o.onConflicts?.(conflicts);
      startOnLogin();
    },
    view,
    async save(patch) {
      const before = o.store.desktop();
      const change = applyDesktopPatch(before, patch, policy());
      if (!change.ok) throw new Error(change.errors.join('\n'));
      await o.store.saveDesktop(change.prefs);
      if (patch.hotkeys) registerAll();
      if (patch.startOnLogin !== undefined) startOnLogin();
      return view();
    },
  };
}
