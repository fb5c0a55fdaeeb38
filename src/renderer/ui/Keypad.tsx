import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

export function Keypad({ onTone }: { onTone: (tone: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div className="keypad">
      <button aria-expanded={open} onClick={() => setOpen(!open)}>{t('keypad')}</button>
      {open && (
        <div className="keys" role="group" aria-label={t('keypad')}>
          {KEYS.map((k) => <button key={k} onClick={() => onTone(k)}>{k}</button>)}
        </div>
      )}
    </div>
  );
}
