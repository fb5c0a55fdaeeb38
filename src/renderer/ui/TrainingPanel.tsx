import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tierSchema, type Tier } from '../../core/config.ts';
import type { PhoneAdapter, PhoneScreen } from '../phone/phoneAdapter.ts';

const TIERS = tierSchema.options;

export function TrainingPanel({ phone, view, scenarios }: { phone: PhoneAdapter; view: PhoneScreen; scenarios: { id: string; title: string }[] }) {
  const { t } = useTranslation();
  const [tier, setTier] = useState<Tier>('vip');
  const [scenario, setScenario] = useState('');
  const [silent, setSilent] = useState(false);
  const busy = view.caller !== 'idle';
  return (
    <section role="region" aria-label={t('training')} className="panel training">
      <label>
        {t('tier')}
        <select value={tier} onChange={(e) => setTier(e.target.value as Tier)}>
          {TIERS.map((x) => <option key={x} value={x}>{t(`tier.${x}`)}</option>)}
        </select>
      </label>
      <label>
        {t('scenario')}
        <select value={scenario} onChange={(e) => setScenario(e.target.value)}>
          <option value="">{t('scenario.none')}</option>
          {scenarios.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={silent} onChange={(e) => setSilent(e.target.checked)} />
        {t('training.silent')}
      </label>
      <div className="actions">
        <button
          disabled={busy || Boolean(view.active) || Boolean(view.incoming)}
          onClick={() => void phone.practiceCall({ tier, scenario: scenario || undefined, number: '13800138000', displayName: '', silent })}
        >
          {t('training.start')}
        </button>
        <button disabled={!busy} onClick={() => phone.callerHangsUp()}>{t('training.callerHangsUp')}</button>
      </div>
    </section>
  );
}
