import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_DIAL_TEXT, normalizeDialInput } from '../../core/dialInput.ts';

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
  // Typed or pasted as written (138-0013 8000, sip:2001@pbx…); normalized, or refused with a reason.
  const dialled = normalizeDialInput(number);
  const valid = dialled.ok;
  const refusal = !dialled.ok && dialled.reason !== 'empty' ? t(`dial.refused.${dialled.reason}`) : undefined;
  return (
    <form className="dial" onSubmit={(e) => { e.preventDefault(); if (dialled.ok && !disabled) onDial(dialled.target); }}>
      <input
        ref={input}
        aria-label={t('dial.number')}
        inputMode="tel"
        autoComplete="off"
        maxLength={MAX_DIAL_TEXT}
        value={number}
        aria-invalid={refusal !== undefined}
        aria-describedby={refusal !== undefined ? 'dial-refused' : undefined}
        onChange={(e) => setNumber(e.target.value)}
      />
      <button type="submit" disabled={disabled || !valid}>{t('dial.call')}</button>
      {refusal !== undefined && <p id="dial-refused" className="dial-refused" role="status">{refusal}</p>}
    </form>
  );
}
