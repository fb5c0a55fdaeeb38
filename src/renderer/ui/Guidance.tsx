// The guidance overlay: the greeting to say now and the scenario script, readable at a glance.
// A view of the focused call's guidance (core/guidance/callGuidance.ts); choices go to the call.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Pack } from '../../core/pack/load.ts';
import type { CallView } from '../../core/call/index.ts';
import type { GuidanceView } from '../../core/guidance/callGuidance.ts';
import { ScenarioPicker } from './ScenarioPicker.tsx';
import { RuleList } from './RuleList.tsx';

interface Props {
  guide: GuidanceView;
  pack: Pack;
  call: CallView;
  moveStep: (delta: number) => void;
  onChoose: (scenarioId: string) => void;
  onGreeted?: () => void;
}

export function Guidance({ guide: view, pack, call, moveStep, onChoose, onGreeted }: Props) {
  const { t } = useTranslation();
  const rules = call.rules;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey) return;
      if (e.key === 'ArrowDown') { e.preventDefault(); moveStep(1); }
      if (e.key === 'ArrowUp') { e.preventDefault(); moveStep(-1); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [moveStep]);
  if (!view.callId || !view.greeting) return null;
  const { greeting, script } = view;
  return (
    <section role="region" aria-label={t('guidance')} className="panel guidance">
      <section role="region" aria-label={t('greeting')} className="greeting">
        <div className="why">
          <span className={`tier-badge tier-${greeting.tier}`}>{t(`tier.${greeting.tier}`)}</span>
          <span>{t(`period.${greeting.period}`)}</span>
          {greeting.occasion !== 'none' && <span className="occasion">{t(`occasion.${greeting.occasion}`)}</span>}
        </div>
        <p className="say" lang={pack.lang}>{greeting.text}</p>
        {onGreeted && rules.rules.some((r) => r.rule === 'greetWithin' && r.state === 'running') && (
          <button onClick={onGreeted}>{t('greeted')}</button>
        )}
      </section>
      <RuleList rules={rules} />
      <ScenarioPicker pack={pack} current={script?.id} onPick={onChoose} />
      {script && (
        <section role="region" aria-label={t('script')} className="script">
          <h3 lang={pack.lang}>{pack.lang === 'en' ? script.titleEn ?? script.title : script.title}</h3>
          <ol>
            {script.steps.map((s) => (
              <li key={s.index} aria-current={s.index === view.step ? 'step' : undefined} className={s.index === view.step ? 'current' : ''}>
                {s.title && <strong>{s.title}</strong>}
                {s.text && <span className="say" lang={pack.lang}>{s.text}</span>}
                {s.do && <span className="do">{s.do}</span>}
              </li>
            ))}
          </ol>
          <div className="actions">
            <button onClick={() => moveStep(-1)} disabled={view.step === 0} aria-keyshortcuts="Alt+ArrowUp">{t('script.previous')}</button>
            <button onClick={() => moveStep(1)} disabled={view.step >= script.steps.length - 1} aria-keyshortcuts="Alt+ArrowDown">{t('script.next')}</button>
          </div>
          {(script.forbidden.length > 0 || script.donts.length > 0) && (
            <div className="donts">
              <h4>{t('script.donts')}</h4>
              <ul>
                {script.forbidden.map((f) => <li key={f.text}><s>{f.text}</s> → {f.better}</li>)}
                {script.donts.map((d) => <li key={d}>{d}</li>)}
              </ul>
            </div>
          )}
          {script.tips.length > 0 && (
            <div className="tips">
              <h4>{t('script.tips')}</h4>
              <ul>{script.tips.map((tip) => <li key={tip}>{tip}</li>)}</ul>
            </div>
          )}
        </section>
      )}
    </section>
  );
}
