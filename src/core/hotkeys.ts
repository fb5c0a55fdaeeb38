// The keys that drive the phone, defined once. Electron main registers the hotkeys system-wide
// (the agent answers while typing in the CRM; src/main/hotkeys.ts), the agent may change them in
// Settings, and the agent window answers to the same chords while it has focus — so a button
// shows one key, whichever host runs the page. Chords are written as Electron accelerators.
export const hotkeyDefaults = {
  answer: 'CommandOrControl+Alt+A',
  hangup: 'CommandOrControl+Alt+H',
  holdToggle: 'CommandOrControl+Alt+P',
  closing: 'CommandOrControl+Alt+C',
  nextStep: 'CommandOrControl+Alt+N',
  previousStep: 'CommandOrControl+Alt+B',
  overlayClickThrough: 'CommandOrControl+Alt+O',
} as const;
export type HotkeyAction = keyof typeof hotkeyDefaults;
export const hotkeyActions = Object.keys(hotkeyDefaults) as HotkeyAction[];

/**
 * The agent window's own keys, one per call control: a control answers to its key while it is on
 * screen and enabled, and nowhere else (the key is the button). The phone's main actions use the
 * global hotkeys' chords; the rest share their Ctrl+Alt pattern, avoiding the desktops' own
 * Ctrl+Alt+T (terminal), +L (lock), +D (desktop) and +arrows (workspaces).
 */
export const pageKeys = {
  answer: hotkeyDefaults.answer,
  decline: 'CommandOrControl+Alt+J',
  hold: hotkeyDefaults.holdToggle,
  resume: hotkeyDefaults.holdToggle,
  holdAgreed: 'CommandOrControl+Alt+Y',
  holdCancel: 'CommandOrControl+Alt+X',
  checkedIn: 'CommandOrControl+Alt+K',
  checkInAndReturn: 'CommandOrControl+Alt+R',
  offerCallback: 'CommandOrControl+Alt+V',
  customerWaits: 'CommandOrControl+Alt+W',
  mute: 'CommandOrControl+Alt+M',
  keypad: 'CommandOrControl+Alt+U',
  transfer: 'CommandOrControl+Alt+F',
  closing: hotkeyDefaults.closing,
  continue: 'CommandOrControl+Alt+Q',
  silent: 'CommandOrControl+Alt+S',
  emergency: 'CommandOrControl+Alt+E',
  harassment: 'CommandOrControl+Alt+Z',
  chatCall: 'CommandOrControl+Alt+I',
  greeted: 'CommandOrControl+Alt+G',
  hangup: hotkeyDefaults.hangup,
  nextStep: hotkeyDefaults.nextStep,
  previousStep: hotkeyDefaults.previousStep,
} as const;
export type PageKey = keyof typeof pageKeys;

export interface Chord {
  /** Control on Windows and Linux, Command on macOS. */
  primary: boolean;
  alt: boolean;
  shift: boolean;
  /** KeyboardEvent.code of the key, e.g. "KeyA", "ArrowDown", "F9": the physical key, whatever the layout types. */
  code: string;
  /** The key as printed on the keycap ("A", "↓", "F9"). */
  label: string;
}

const NAMED: Record<string, { code: string; label: string }> = {
  up: { code: 'ArrowUp', label: '↑' }, down: { code: 'ArrowDown', label: '↓' },
  left: { code: 'ArrowLeft', label: '←' }, right: { code: 'ArrowRight', label: '→' },
  space: { code: 'Space', label: 'Space' }, enter: { code: 'Enter', label: 'Enter' }, return: { code: 'Enter', label: 'Enter' },
  esc: { code: 'Escape', label: 'Esc' }, escape: { code: 'Escape', label: 'Esc' }, tab: { code: 'Tab', label: 'Tab' },
};

/** An accelerator ("CommandOrControl+Alt+A") as a chord; undefined when it is not one this page handles. */
export function parseChord(accelerator: string): Chord | undefined {
  const parts = accelerator.split('+').map((p) => p.trim()).filter(Boolean);
  const key = parts.pop();
  if (!key) return undefined;
  const chord: Chord = { primary: false, alt: false, shift: false, code: '', label: '' };
  for (const m of parts.map((p) => p.toLowerCase())) {
    if (m === 'commandorcontrol' || m === 'cmdorctrl' || m === 'control' || m === 'ctrl' || m === 'command' || m === 'cmd') chord.primary = true;
    else if (m === 'alt' || m === 'option') chord.alt = true;
    else if (m === 'shift') chord.shift = true;
    else return undefined;
  }
  if (/^[a-z]$/i.test(key)) return { ...chord, code: `Key${key.toUpperCase()}`, label: key.toUpperCase() };
  if (/^[0-9]$/.test(key)) return { ...chord, code: `Digit${key}`, label: key };
  if (/^F([1-9]|1[0-9]|2[0-4])$/i.test(key)) return { ...chord, code: key.toUpperCase(), label: key.toUpperCase() };
  const named = NAMED[key.toLowerCase()];
  return named ? { ...chord, ...named } : undefined;
}

/** The chord as aria-keyshortcuts writes it ("Control+Alt+A"; "Meta+Alt+A" on a Mac). */
export function ariaKeys(chord: Chord, mac: boolean): string {
  const key = chord.code.startsWith('Key') ? chord.code.slice(3) : chord.code.startsWith('Digit') ? chord.code.slice(5) : chord.code;
  return [chord.primary ? (mac ? 'Meta' : 'Control') : '', chord.alt ? 'Alt' : '', chord.shift ? 'Shift' : '', key].filter(Boolean).join('+');
}

/** The chord as the agent reads it on a button ("Ctrl+Alt+A"; "⌘⌥A" on a Mac). */
export function chordLabel(chord: Chord, mac: boolean): string {
  if (mac) return `${chord.primary ? '⌘' : ''}${chord.alt ? '⌥' : ''}${chord.shift ? '⇧' : ''}${chord.label}`;
  return [chord.primary ? 'Ctrl' : '', chord.alt ? 'Alt' : '', chord.shift ? 'Shift' : '', chord.label].filter(Boolean).join('+');
}

/** Whether a key press is this chord (exactly: no extra modifier). */
export function matchesChord(chord: Chord, e: { code: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }, mac: boolean): boolean {
  const primary = mac ? e.metaKey : e.ctrlKey;
  const other = mac ? e.ctrlKey : e.metaKey;
  return e.code === chord.code && primary === chord.primary && e.altKey === chord.alt && e.shiftKey === chord.shift && !other;
}
