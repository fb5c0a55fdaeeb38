// Keyboard first: a call control that answers to its key (core/hotkeys.ts pageKeys) while it is
// on screen and enabled, and shows that key on its face. The key clicks the button, so it does
// exactly what the button does, and nothing once the button is gone or disabled. One window
// listener serves every button. The keycap is hidden from the accessible name (the button is
// still "Hang up"); aria-keyshortcuts announces the key instead.
import { useEffect, useRef, type ButtonHTMLAttributes } from 'react';
import { ariaKeys, chordLabel, matchesChord, pageKeys, parseChord, type Chord, type PageKey } from '../../core/hotkeys.ts';

const mac = typeof navigator !== 'undefined' && /Mac/.test(navigator.userAgent);

interface Entry { chord: Chord; button: () => HTMLButtonElement | null }
const entries = new Set<Entry>();

function onKeyDown(e: KeyboardEvent): void {
  if (e.repeat || e.defaultPrevented) return;
  for (const entry of entries) {
    if (!matchesChord(entry.chord, e, mac)) continue;
    const button = entry.button();
    if (!button || button.disabled) continue;
    e.preventDefault();
    button.click();
    return;
  }
}

function listen(entry: Entry): () => void {
  if (entries.size === 0) window.addEventListener('keydown', onKeyDown);
  entries.add(entry);
  return () => {
    entries.delete(entry);
    if (entries.size === 0) window.removeEventListener('keydown', onKeyDown);
  };
}

/** The chord of a page key, for the few places that announce one without a KeyButton. */
export function pageChord(key: PageKey): { aria: string; label: string } | undefined {
  const chord = parseChord(pageKeys[key]);
  return chord && { aria: ariaKeys(chord, mac), label: chordLabel(chord, mac) };
}

interface Props extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** The control's key; false for a control that must not take one (the parked call's panel). */
  shortcut: PageKey | false;
  /** Other keys that do the same (announced too), e.g. Alt+ArrowDown for the next step. */
  alsoKeys?: string;
}

export function KeyButton({ shortcut, alsoKeys, children, className, ...props }: Props) {
  const ref = useRef<HTMLButtonElement>(null);
  const accelerator = shortcut ? pageKeys[shortcut] : undefined;
  useEffect(() => {
    const chord = accelerator ? parseChord(accelerator) : undefined;
    return chord ? listen({ chord, button: () => ref.current }) : undefined;
  }, [accelerator]);
  const chord = accelerator ? parseChord(accelerator) : undefined;
  const aria = [chord ? ariaKeys(chord, mac) : '', alsoKeys ?? ''].filter(Boolean).join(' ') || undefined;
  return (
    <button ref={ref} type="button" aria-keyshortcuts={aria} className={chord ? `keyed${className ? ` ${className}` : ''}` : className} {...props}>
      {children}
      {chord && <kbd aria-hidden="true">{chordLabel(chord, mac)}</kbd>}
    </button>
  );
}
