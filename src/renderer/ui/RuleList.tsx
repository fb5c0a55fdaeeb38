// Every rule of the standard that applies to this call, and where it stands now.
import { useTranslation } from 'react-i18next';
import type { RulesView } from '../../core/call/index.ts';
import { secondsLeft, useNow } from './useNow.ts';

export function RuleList({ rules }: { rules: RulesView }) {
  const { t } = useTranslation();
  const now = useNow(250);
  return (
    <ul className="rules" aria-label={t('rules')}>
      {rules.rules.map((r) => (
        <li key={r.rule} className={`rule-${r.state}`}>
          <span className="rule-name">{t(`rule.${r.rule}`)}</span>
          <span className="rule-state">{t(`ruleState.${r.state}`)}</span>
          {r.deadline !== undefined && r.state === 'running' && <span className="rule-left">{t('rule.secondsLeft', { count: secondsLeft(r.deadline, now) })}</span>}
        </li>
      ))}
    </ul>
  );
}
