// Transfer with consent and a briefing (002): consult the target while the caller is held, tell
// the target who is calling and why, then complete — or go back to the caller.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRANSFER_KINDS, transferConsentKey, type AgentEvent, type CallView, type TransferKind } from '../../core/call/index.ts';
import { MAX_DIAL_TEXT, normalizeDialInput } from '../../core/dialInput.ts';
import type { PhoneAdapter } from '../phone/phoneAdapter.ts';
import type { SayFn } from './say.ts';

export function TransferPanel({ call, phone, say, issue }: { call: CallView; phone: PhoneAdapter; say: SayFn; issue?: string }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState('');
  // T4: who the caller goes to (another agent, a group, the shift leader, the self-service IVR, an
  // expert seat) picks the pack's phrase; T1: the label names the target in it.
  const [kind, setKind] = useState<TransferKind>('agent');
  const [label, setLabel] = useState('');
  const rules = call.rules;
  if (rules.phase !== 'transfer') return null;
  const transfer = rules.transfer;
  const act = (e: AgentEvent) => phone.actOn(call.id, e);
  // Typed or pasted as written (an extension, 138-0013 8000, sip:2001@pbx…): normalized, or refused with a reason.
  const dialled = normalizeDialInput(target);
  const valid = dialled.ok;
  const to = dialled.ok ? dialled.target : '';
  const refusal = !dialled.ok && dialled.reason !== 'empty' ? t(`dial.refused.${dialled.reason}`) : undefined;
  const named = label.trim() || (kind === 'agent' ? to : t(`transfer.kind.${kind}`));
  const extra = { transfer: { label: named, number: to }, ...(issue ? { issue } : {}) };
  const how = { target: to, kind, label: named };
  return (
    <div className="transfer">
      {!transfer && (
        <>
          <label>
            {t('transfer.kind')}
            <select aria-label={t('transfer.kind')} value={kind} onChange={(e) => setKind(e.target.value as TransferKind)}>
              {TRANSFER_KINDS.map((k) => <option key={k} value={k}>{t(`transfer.kind.${k}`)}</option>)}
            </select>
          </label>
          <label>
            {t('transfer.to')}
            <input aria-label={t('transfer.to')} inputMode="tel" maxLength={MAX_DIAL_TEXT} value={target} aria-invalid={refusal !== undefined} aria-describedby={refusal !== undefined ? 'transfer-refused' : undefined} onChange={(e) => setTarget(e.target.value)} />
          </label>
          {refusal !== undefined && <p id="transfer-refused" className="dial-refused" role="status">{refusal}</p>}
          <label>
            {t('transfer.label')}
            <input aria-label={t('transfer.label')} maxLength={40} value={label} onChange={(e) => setLabel(e.target.value)} />
          </label>
          {/* The consent question names the target once it is known: never a placeholder (T1). */}
          {valid && <p className="say-now">{say(transferConsentKey(kind), undefined, extra)}</p>}
          <div className="actions">
            <button disabled={!valid} onClick={() => act({ type: 'AGENT.CONSULT', ...how })}>{t('transfer.consult')}</button>
            <button disabled={!valid} onClick={() => act({ type: 'AGENT.BLIND_TRANSFER', ...how })}>{t('transfer.blind')}</button>
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
