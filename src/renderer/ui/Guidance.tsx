// The guidance overlay: the greeting to say now and the scenario script, readable at a glance.
// A view of the focused call's guidance (core/guidance/callGuidance.ts); choices go to the call.
// The script scrolls in its own pane, which keeps the current step in sight: on a half-width
// window the greeting and the step the agent is on stay on screen with the call controls.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Pack } from '../../core/pack/load.ts';
import type { CallView } from '../../core/call/index.ts';
import type { GuidanceView } from '../../core/guidance/callGuidance.ts';
import { KeyButton } from './KeyButton.tsx';
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
  const pane = useRef<HTMLDivElement>(null);
  const scriptId = view.script?.id;
  useEffect(() => {
    // Scroll the pane only (never the page): the current step at its top, the one before peeking in.
    const box = pane.current;
    const current = box?.querySelector<HTMLElement>('[aria-current="step"]');
    if (box && current) box.scrollTop = Math.max(0, current.offsetTop - 24);
  }, [view.step, scriptId]);
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
          <KeyButton shortcut="greeted" onClick={onGreeted}>{t('greeted')}</KeyButton>
        )}
      </section>
      {script && (
        <section role="region" aria-label={t('script')} className="script">
          <div className="script-head">
            <h3 lang={pack.lang}>{script.title}</h3>
            <span className="step-count">{view.step + 1}/{script.steps.length}</span>
            <KeyButton shortcut="previousStep" alsoKeys="Alt+ArrowUp" onClick={() => moveStep(-1)} disabled={view.step === 0}>{t('script.previous')}</KeyButton>
            <KeyButton shortcut="nextStep" alsoKeys="Alt+ArrowDown" onClick={() => moveStep(1)} disabled={view.step >= script.steps.length - 1}>{t('script.next')}</KeyButton>
          </div>
          {/* Focusable, so the pane scrolls by keyboard too (WCAG 2.1.1). */}
          <div className="script-pane" ref={pane} tabIndex={0} aria-label={t('script.steps')} role="group">
            <ol>
              {script.steps.map((s) => (
                <li key={s.index} aria-current={s.index === view.step ? 'step' : undefined} className={s.index === view.step ? 'current' : ''}>
                  {s.title && <strong>{s.title}</strong>}
                  {s.text && <span className="say" lang={pack.lang}>{s.text}</span>}
                  {s.do && <span className="do">{s.do}</span>}
                </li>
              ))}
            </ol>
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
          </div>
        </section>
      )}
      <ScenarioPicker pack={pack} current={script?.id} onPick={onChoose} />
      <RuleList rules={rules} />
    </section>
  );
}
