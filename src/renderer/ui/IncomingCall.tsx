import { useTranslation } from 'react-i18next';
import type { CallView } from '../../core/call/index.ts';
import { KeyButton } from './KeyButton.tsx';

export function IncomingCall({ call, onAnswer, onDecline }: { call: CallView; onAnswer: () => void; onDecline: () => void }) {
  const { t } = useTranslation();
  const answering = call.phase === 'answering';
  const rings = call.rules.rules.find((r) => r.rule === 'answerWithinRings');
  return (
    <section role="region" aria-label={t('incoming')} className={`panel incoming tier-${call.tier}`}>
      <div className="caller-number">{call.number}</div>
      {call.displayName && <div className="caller-name">{call.displayName}</div>}
      <div className={`tier-badge tier-${call.tier}`}>{t(`tier.${call.tier}`)}</div>
      {rings && (
        <div className={`rings rule-${rings.state}`}>{t('rule.rings', { count: (rings.count ?? 0) + 1, of: rings.of ?? 3 })}</div>
      )}
      {call.holdFirst && <p className="hint">{t('incoming.holdFirst')}</p>}
      <div className="actions">
        <KeyButton shortcut="answer" className="answer" onClick={onAnswer} disabled={answering || call.holdFirst} autoFocus>{answering ? t('phase.answering') : t('answer')}</KeyButton>
        <KeyButton shortcut="decline" className="decline" onClick={onDecline} disabled={answering}>{t('decline')}</KeyButton>
      </div>
    </section>
  );
}
