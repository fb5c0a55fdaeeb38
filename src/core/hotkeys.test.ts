import { describe, expect, it } from 'vitest';
import { ariaKeys, chordLabel, hotkeyDefaults, matchesChord, pageKeys, parseChord } from './hotkeys.ts';

const press = (code: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) =>
  ({ code, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('keys', () => {
  it('reads an Electron accelerator as the physical key and its modifiers', () => {
    const chord = parseChord('CommandOrControl+Alt+H')!;
    expect(chord).toEqual({ primary: true, alt: true, shift: false, code: 'KeyH', label: 'H' });
    expect(ariaKeys(chord, false)).toBe('Control+Alt+H');
    expect(ariaKeys(chord, true)).toBe('Meta+Alt+H');
    expect(chordLabel(chord, false)).toBe('Ctrl+Alt+H');
    expect(chordLabel(chord, true)).toBe('⌘⌥H');
    expect(parseChord('F9')).toMatchObject({ code: 'F9', primary: false });
    expect(parseChord('Alt+Down')).toMatchObject({ code: 'ArrowDown', alt: true });
    expect(parseChord('Hyper+Q')).toBeUndefined();
    expect(parseChord('')).toBeUndefined();
  });

  it('matches the chord exactly: no missing or extra modifier, whatever the layout types', () => {
    const chord = parseChord(pageKeys.checkedIn)!;
    expect(matchesChord(chord, press('KeyK', { ctrlKey: true, altKey: true }), false)).toBe(true);
    expect(matchesChord(chord, press('KeyK', { metaKey: true, altKey: true }), true)).toBe(true);
    expect(matchesChord(chord, press('KeyK', { ctrlKey: true }), false)).toBe(false);
    expect(matchesChord(chord, press('KeyK', { ctrlKey: true, altKey: true, shiftKey: true }), false)).toBe(false);
    expect(matchesChord(chord, press('KeyK', { ctrlKey: true, altKey: true, metaKey: true }), false)).toBe(false);
  });

  it('gives every call control its own key (hold and resume share one: never on screen together), the phone\'s main ones the global hotkeys\' chords', () => {
    const chords = Object.entries(pageKeys).filter(([k]) => k !== 'resume').map(([, v]) => v);
    expect(new Set(chords).size).toBe(chords.length);
    expect(pageKeys.hold).toBe(pageKeys.resume);
    expect([pageKeys.answer, pageKeys.hangup, pageKeys.hold, pageKeys.closing, pageKeys.nextStep, pageKeys.previousStep])
      .toEqual([hotkeyDefaults.answer, hotkeyDefaults.hangup, hotkeyDefaults.holdToggle, hotkeyDefaults.closing, hotkeyDefaults.nextStep, hotkeyDefaults.previousStep]);
    for (const accelerator of Object.values(pageKeys)) expect(parseChord(accelerator), accelerator).toBeDefined();
    // Never a desktop's own Ctrl+Alt chord: T (terminal), L (lock), D (desktop), Delete, arrows (workspaces).
    for (const accelerator of Object.values(pageKeys)) expect(accelerator).not.toMatch(/Alt\+(T|L|D|Delete|Up|Down|Left|Right)$/);
  });
});
