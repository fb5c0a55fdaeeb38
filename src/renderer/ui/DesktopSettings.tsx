// Settings › desktop: the global hotkeys (with the keys another program already owns, as main
// reports them) and start-on-login, each shown locked when IT policy sets it. The host applies
// them (bridge.saveDesktopSettings); in the web host they are "desktop only" and shown read-only.
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SeatMateBridge } from '../../core/bridge.ts';
import type { DesktopSettings as Desktop } from '../../core/desktopSettings.ts';
import { chordLabel, parseChord, type HotkeyAction } from '../../core/hotkeys.ts';

const mac = /Mac/.test(navigator.userAgent);
const MODIFIERS = new Set(['Control', 'Alt', 'Shift', 'Meta', 'AltGraph', 'CapsLock']);

/** The key combination pressed, as an Electron accelerator; undefined for a lone modifier. */
function acceleratorOf(e: KeyboardEvent): string | undefined {
  if (MODIFIERS.has(e.key)) return undefined;
  const code = e.code;
  const key = code.startsWith('Key') ? code.slice(3) : code.startsWith('Digit') ? code.slice(5) : /^F\d{1,2}$/.test(code) ? code
    : ({ ArrowUp: 'Up', ArrowDown: 'Down', ArrowLeft: 'Left', ArrowRight: 'Right', Space: 'Space' } as Record<string, string>)[code];
  if (!key) return undefined;
  return [e.ctrlKey || e.metaKey ? 'CommandOrControl' : '', e.altKey ? 'Alt' : '', e.shiftKey ? 'Shift' : '', key].filter(Boolean).join('+');
}

export function DesktopSettings({ bridge }: { bridge: Pick<SeatMateBridge, 'getDesktopSettings' | 'saveDesktopSettings'> }) {
  const { t } = useTranslation();
  const [desktop, setDesktop] = useState<Desktop>();
  const [hotkeys, setHotkeys] = useState<Partial<Record<HotkeyAction, string>>>({});
  const [startOnLogin, setStartOnLogin] = useState<boolean>();
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const hint = useId();
  useEffect(() => {
    bridge.getDesktopSettings().then(setDesktop, (e: Error) => setError(e.message));
  }, [bridge]);
  if (!desktop) return error ? <p role="alert">{error}</p> : null;

  const keysEditable = desktop.available && desktop.hotkeys.enabled && !desktop.hotkeys.locked;
  const loginEditable = desktop.startOnLogin.supported && !desktop.startOnLogin.locked;
  const shown = (accelerator: string) => {
    if (!accelerator) return t('desktop.off');
    const chord = parseChord(accelerator);
    return chord ? chordLabel(chord, mac) : accelerator;
  };
  const record = (action: HotkeyAction, e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey) return; // Tab still moves on
    e.preventDefault();
    if ((e.key === 'Backspace' || e.key === 'Delete') && !e.ctrlKey && !e.altKey) { setHotkeys({ ...hotkeys, [action]: '' }); return; }
    const accelerator = acceleratorOf(e);
    if (accelerator) setHotkeys({ ...hotkeys, [action]: accelerator });
  };
  const save = async () => {
    setError(undefined);
    setSaved(false);
    try {
      setDesktop(await bridge.saveDesktopSettings({
        ...(Object.keys(hotkeys).length ? { hotkeys } : {}),
        ...(startOnLogin !== undefined ? { startOnLogin } : {}),
      }));
      setHotkeys({});
      setStartOnLogin(undefined);
      setSaved(true);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <fieldset className="desktop-settings">
      <legend>{t('desktop.title')}</legend>
      {!desktop.available && <p className="note">{t('desktop.only')}</p>}
      <fieldset className="hotkeys" disabled={!keysEditable}>
        <legend>{t('desktop.hotkeys')}</legend>
        {desktop.hotkeys.locked
          ? <p className="locked">{t('settings.locked')}</p>
          : desktop.available && !desktop.hotkeys.enabled ? <p className="note">{t('desktop.hotkeysOff')}</p> : null}
        {keysEditable && <p id={hint} className="note">{t('desktop.hotkeyHint')}</p>}
        {desktop.hotkeys.list.map((h) => {
          const value = hotkeys[h.action] ?? h.accelerator;
          const problem = hotkeys[h.action] === undefined ? h.problem : undefined;
          return (
            <div key={h.action} className="hotkey">
              <label>{t(`desktop.hotkey.${h.action}`)}
                <input readOnly value={shown(value)} onKeyDown={(e) => record(h.action, e)}
                  aria-describedby={keysEditable ? hint : undefined} aria-invalid={problem ? true : undefined} />
              </label>
              {problem && <span className="problem">{t(`desktop.problem.${problem}`)}</span>}
            </div>
          );
        })}
      </fieldset>
      <label className="check">
        <input type="checkbox" disabled={!loginEditable} checked={startOnLogin ?? desktop.startOnLogin.enabled} onChange={(e) => setStartOnLogin(e.target.checked)} />
        {t('desktop.startOnLogin')}
        {desktop.startOnLogin.locked && <span className="locked">{t('settings.locked')}</span>}
        {desktop.available && !desktop.startOnLogin.supported && <span className="note">{t('desktop.startOnLoginUnsupported')}</span>}
      </label>
      {error && <p role="alert">{error}</p>}
      {saved && <p role="status" className="note">{t('desktop.applied')}</p>}
      {desktop.available && (keysEditable || loginEditable) && (
        <div className="actions">
          <button type="button" onClick={() => void save()}>{t('desktop.apply')}</button>
        </div>
      )}
    </fieldset>
  );
}
