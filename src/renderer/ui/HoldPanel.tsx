// Hold as the standard has it: ask consent, hold only once the far end accepted, return every
// 15 s (the check-in alert), and past 2 min offer a call-back.
import { useTranslation } from 'react-i18next';
import type { AgentEvent } from '../../core/call/index.ts';
import type { CallView } from '../../core/call/index.ts';
import type { PhoneAdapter } from '../phone/phoneAdapter.ts';
import { KeyButton } from './KeyButton.tsx';
import type { SayFn } from './say.ts';
import { formatDuration, useNow } from './useNow.ts';

/** keys: whether its buttons answer to their keys (the call in front of the agent, not the parked one). */
export function HoldPanel({ call, phone, say, keys = true }: { call: CallView; phone: PhoneAdapter; say: SayFn; keys?: boolean }) {
  const { t } = useTranslation();
  const rules = call.rules;
  const now = useNow(250, rules.onHold);
  const act = (e: AgentEvent) => phone.actOn(call.id, e);
  if (rules.phase === 'holdConsent') {
    return (
      <div className="hold-consent">
        <p className="say-now">{say('hold.consent')}</p>
        <div className="actions">
          <KeyButton shortcut={keys && 'holdAgreed'} onClick={() => act({ type: 'AGENT.HOLD_CONFIRM' })}>{t('hold.agreed')}</KeyButton>
          <KeyButton shortcut={keys && 'holdCancel'} onClick={() => act({ type: 'AGENT.HOLD_CANCEL' })}>{t('hold.cancel')}</KeyButton>
        </div>
      </div>
    );
  }
  // On hold, or held for a transfer (H3: the check-ins and the call-back offer run there too).
  if (!rules.onHold || rules.holdStartedAt === undefined) return null;
  const checkInDue = rules.escalation > 0;
  const forTransfer = rules.phase === 'transfer';
  return (
    <div className="hold">
      <div className="timer-row"><span className="timer-label" aria-hidden="true">{t('hold.time')}</span>
        <span role="timer" aria-label={t('hold.time')} className="timer">
          {rules.holdStartedAt !== undefined ? formatDuration(now - rules.holdStartedAt) : '00:00'}
        </span></div>
      {checkInDue && (
        <div role="alert" className={`check-in level-${rules.escalation}`}>
          <p className="say-now">{say('hold.checkIn')}</p>
          <div className="actions">
            <KeyButton shortcut={keys && 'checkedIn'} onClick={() => act({ type: 'AGENT.CHECKED_IN' })}>{t('hold.checkedIn')}</KeyButton>
            {!forTransfer && <KeyButton shortcut={keys && 'checkInAndReturn'} onClick={() => act({ type: 'AGENT.CHECK_IN_AND_RETURN' })}>{t('hold.checkInAndReturn')}</KeyButton>}
          </div>
        </div>
      )}
      {rules.callbackOfferDue && (
        <div role="alert" className="callback-offer">
          <p className="say-now">{say('hold.callbackOffer')}</p>
          <div className="actions">
            <KeyButton shortcut={keys && 'offerCallback'} onClick={() => act({ type: 'AGENT.OFFER_CALLBACK', number: call.number })}>{t('hold.offerCallback')}</KeyButton>
            <KeyButton shortcut={keys && 'customerWaits'} onClick={() => act({ type: 'AGENT.CUSTOMER_CHOSE_WAIT' })}>{t('hold.customerWaits')}</KeyButton>
          </div>
        </div>
      )}
    </div>
  );
}
