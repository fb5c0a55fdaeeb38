import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KeyButton } from './KeyButton.tsx';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
export type DtmfVia = 'rfc4733' | 'info';

/** DTMF keys; tones go in the media (RFC 4733) or, for PBXs that want it, as SIP INFO. */
export function Keypad({ onTone, keys = true }: { onTone: (tone: string, via: DtmfVia) => void; keys?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [via, setVia] = useState<DtmfVia>('rfc4733');
  return (
    <div className="keypad">
      <KeyButton shortcut={keys && 'keypad'} aria-expanded={open} onClick={() => setOpen(!open)}>{t('keypad')}</KeyButton>
      {open && (
        <div className="keys" role="group" aria-label={t('keypad')}>
          {KEYS.map((k) => <button key={k} onClick={() => onTone(k, via)}>{k}</button>)}
          <label className="dtmf-via">
            <input type="checkbox" checked={via === 'info'} onChange={(e) => setVia(e.target.checked ? 'info' : 'rfc4733')} />
            {t('keypad.sipInfo')}
          </label>
        </div>
      )}
    </div>
  );
}
