// System-wide shortcuts, so the agent can answer, hang up or hold while typing in the CRM.
// Main only forwards the command; the renderer decides whether it applies (e.g. hang-up lock).
// A shortcut another program already owns cannot be registered: that is reported, never silent.
import type { GlobalShortcut } from 'electron';
import type { AppCommand } from '../core/bridge.ts';
import { hotkeyDefaults, type HotkeyAction } from '../core/hotkeys.ts';

// The chords are defined once in core: the agent window shows and answers to the same ones.
export { hotkeyDefaults, type HotkeyAction };

export const hotkeyCommands: Partial<Record<HotkeyAction, AppCommand>> = {
  answer: { type: 'answer' },
  hangup: { type: 'hangup' },
  holdToggle: { type: 'hold-toggle' },
  closing: { type: 'closing' },
  nextStep: { type: 'next-step' },
  previousStep: { type: 'previous-step' },
};

export interface HotkeyConflict { action: HotkeyAction; accelerator: string; reason: 'in-use' | 'duplicate' | 'invalid' }
export interface HotkeyResult { registered: Partial<Record<HotkeyAction, string>>; conflicts: HotkeyConflict[] }

/** overrides: the agent's choices ("" turns a shortcut off). */
export function registerHotkeys(
  shortcuts: Pick<GlobalShortcut, 'register' | 'unregisterAll'>,
  overrides: Record<string, string>,
  onAction: (action: HotkeyAction) => void,
): HotkeyResult {
  shortcuts.unregisterAll();
  const result: HotkeyResult = { registered: {}, conflicts: [] };
  const taken = new Map<string, HotkeyAction>();
  for (const action of Object.keys(hotkeyDefaults) as HotkeyAction[]) {
    const accelerator = (overrides[action] ?? hotkeyDefaults[action]).trim();
    if (!accelerator) continue;
    const normal = accelerator.toLowerCase().replace(/\s+/g, '');
    if (taken.has(normal)) { result.conflicts.push({ action, accelerator, reason: 'duplicate' }); continue; }
    let ok: boolean;
    try {
      ok = shortcuts.register(accelerator, () => onAction(action));
    } catch {
      result.conflicts.push({ action, accelerator, reason: 'invalid' });
      continue;
    }
    if (!ok) { result.conflicts.push({ action, accelerator, reason: 'in-use' }); continue; }
    taken.set(normal, action);
    result.registered[action] = accelerator;
  }
  return result;
}

export function describeConflicts(conflicts: HotkeyConflict[]): string {
  return conflicts.map((c) => `${c.accelerator} (${c.action}${c.reason === 'in-use' ? '' : `, ${c.reason}`})`).join(', ');
}
