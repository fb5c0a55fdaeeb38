// Transfer with consent and a briefing (002): consult the target while the caller is held, tell
// the target who is calling and why, then complete — or go back to the caller.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentEvent } from '../../core/call/index.ts';
import type { CallView } from '../../core/call/index.ts';
import type { PhoneAdapter } from '../phone/phoneAdapter.ts';
import type { SayFn } from './say.ts';

export function TransferPanel({ call, phone, say, issue }: { call: CallView; phone: PhoneAdapter; say: SayFn; issue?: string }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState('');
  const rules = call.rules;
  if (rules.phase !== 'transfer') return null;
  const transfer = rules.transfer;
  const act = (e: AgentEvent) => phone.actOn(call.id, e);
  const valid = /^[0-9*#+]{1,32}$/.test(target);
  return (
    <div className="transfer">
      {!transfer && (
        <>
          <p className="say-now">{say('transfer.consent')}</p>
          <label>
            {t('transfer.to')}
            <input aria-label={t('transfer.to')} inputMode="tel" maxLength={32} value={target} onChange={(e) => setTarget(e.target.value.replace(/[^0-9*#+]/g, ''))} />
          </label>
          <div className="actions">
            <button disabled={!valid} onClick={() => act({ type: 'AGENT.CONSULT', target })}>{t('transfer.consult')}</button>
            <button disabled={!valid} onClick={() => act({ type: 'AGENT.BLIND_TRANSFER', target })}>{t('transfer.blind')}</button>
            <button onClick={() => act({ type: 'AGENT.CANCEL_TRANSFER' })}>{t('transfer.cancel')}</button>
          </div>
        </>
      )}
      {transfer && (
        <section role="region" aria-label={t('transfer.briefing')} className="briefing">
          <div>{t('transfer.target')}: <strong>{transfer.target}</strong> · {t(`transfer.leg.${transfer.leg}`)}</div>
          <div>{t('transfer.caller')}: {transfer.briefing.number} {transfer.briefing.displayName ?? ''} · {t(`tier.${transfer.briefing.tier}`)}</div>
          {issue && <div>{t('transfer.issue')}: {issue}</div>}
          <div className="actions">
            {transfer.mode === 'attended' && (
              <button disabled={transfer.leg !== 'up'} onClick={() => act({ type: 'AGENT.COMPLETE_TRANSFER' })}>{t('transfer.complete')}</button>
            )}
            <button onClick={() => act({ type: 'AGENT.CANCEL_TRANSFER' })}>{t('transfer.cancel')}</button>
          </div>
        </section>
      )}
    </div>
  );
}
