import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function DialBox({ onDial, disabled }: { onDial: (n: string) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const valid = /^[0-9*#+]{1,32}$/.test(number.trim());
  return (
    <form className="dial" onSubmit={(e) => { e.preventDefault(); if (valid) onDial(number.trim()); }}>
      <input
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
