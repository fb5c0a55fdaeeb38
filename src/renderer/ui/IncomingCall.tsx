import { useTranslation } from 'react-i18next';
import type { CallView } from '../phone/phoneController.ts';

export function IncomingCall({ call, onAnswer, onDecline }: { call: CallView; onAnswer: () => void; onDecline: () => void }) {
  const { t } = useTranslation();
  return (
    <section role="region" aria-label={t('incoming')} className={`panel incoming tier-${call.tier}`}>
      <div className="caller-number">{call.number}</div>
      {call.displayName && <div className="caller-name">{call.displayName}</div>}
      <div className={`tier-badge tier-${call.tier}`}>{t(`tier.${call.tier}`)}</div>
      <div className="actions">
        <button className="answer" onClick={onAnswer} autoFocus>{t('answer')}</button>
        <button className="decline" onClick={onDecline}>{t('decline')}</button>
      </div>
    </section>
  );
}
