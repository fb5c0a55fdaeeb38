import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  onDial: (n: string) => void;
  /** tel:/sip: links fill the box; the agent still presses Call. */
  onPrefill?: (fill: (number: string) => void) => () => void;
  disabled: boolean;
}

export function DialBox({ onDial, onPrefill, disabled }: Props) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => onPrefill?.((n) => { setNumber(n.slice(0, 32)); input.current?.focus(); }), [onPrefill]);
  const valid = /^[0-9*#+]{1,32}$/.test(number.trim());
  return (
    <form className="dial" onSubmit={(e) => { e.preventDefault(); if (valid && !disabled) onDial(number.trim()); }}>
      <input
        ref={input}
        aria-label={t('dial.number')}
        inputMode="tel"
        autoComplete="off"
        maxLength={32}
        value={number}
        onChange={(e) => setNumber(e.target.value.replace(/[^0-9*#+]/g, ''))}
      />
      <button type="submit" disabled={disabled || !valid}>{t('dial.call')}</button>
    </form>
  );
}
