// The desktop preferences as the settings screen sees them, and the one rule for changing them,
// for both hosts: Electron main applies them (src/main/desktopSettings.ts); the web host reports
// them unavailable. IT policy's hotkeysEnabled and startOnLogin lock what they set.
import type { DesktopSettings, DesktopSettingsPatch, HotkeyProblem } from '../core/desktopSettings.ts';
import { hotkeyActions, hotkeyDefaults, type HotkeyAction } from '../core/hotkeys.ts';
import { isEnforced, policyValue, type ResolvedPolicy } from './policyMerge.ts';

export interface DesktopPrefsLike {
  /** Accelerator per action; absent = the default, "" = off. */
  hotkeys: Record<string, string>;
  startOnLogin?: boolean;
}

export interface DesktopFacts {
  available: boolean;
  policy: ResolvedPolicy;
  prefs: DesktopPrefsLike;
  /** The last registration's report (src/main/hotkeys.ts). */
  conflicts: ReadonlyArray<{ action: HotkeyAction; reason: HotkeyProblem }>;
  startOnLoginSupported: boolean;
}

export function desktopSettingsView(f: DesktopFacts): DesktopSettings {
  const problem = new Map(f.conflicts.map((c) => [c.action, c.reason]));
  return {
    available: f.available,
    hotkeys: {
      enabled: f.available && policyValue(f.policy, 'hotkeysEnabled'),
      locked: isEnforced(f.policy, 'hotkeysEnabled'),
      list: hotkeyActions.map((action) => {
        const p = problem.get(action);
        return { action, accelerator: f.prefs.hotkeys[action] ?? hotkeyDefaults[action], default: hotkeyDefaults[action], ...(p ? { problem: p } : {}) };
      }),
    },
    startOnLogin: {
      enabled: policyValue(f.policy, 'startOnLogin', f.prefs.startOnLogin),
      locked: isEnforced(f.policy, 'startOnLogin'),
      supported: f.available && f.startOnLoginSupported,
    },
  };
}

export type DesktopChange = { ok: true; prefs: DesktopPrefsLike } | { ok: false; errors: string[] };

/** The agent's new desktop preferences, or why not (`field: message`, as settings saves say it). */
export function applyDesktopPatch(prefs: DesktopPrefsLike, patch: DesktopSettingsPatch, policy: ResolvedPolicy): DesktopChange {
  const errors: string[] = [];
  if (patch.hotkeys && (isEnforced(policy, 'hotkeysEnabled') || !policyValue(policy, 'hotkeysEnabled'))) {
    const changed = Object.entries(patch.hotkeys).some(([a, v]) => v !== (prefs.hotkeys[a] ?? hotkeyDefaults[a as HotkeyAction]));
    if (changed) errors.push('hotkeys: set by IT policy');
  }
  if (patch.startOnLogin !== undefined && isEnforced(policy, 'startOnLogin') && patch.startOnLogin !== policyValue(policy, 'startOnLogin')) {
    errors.push('startOnLogin: set by IT policy');
  }
  if (errors.length) return { ok: false, errors };
  const hotkeys = { ...prefs.hotkeys };
  for (const [action, accelerator] of Object.entries(patch.hotkeys ?? {})) {
    // The default is kept as "absent", so a later change of default reaches the agent too.
    if (accelerator === hotkeyDefaults[action as HotkeyAction]) delete hotkeys[action];
    else hotkeys[action] = accelerator.trim();
  }
  return { ok: true, prefs: { hotkeys, ...(patch.startOnLogin !== undefined ? { startOnLogin: patch.startOnLogin } : prefs.startOnLogin !== undefined ? { startOnLogin: prefs.startOnLogin } : {}) } };
}
