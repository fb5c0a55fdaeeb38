// The always-on-top guidance overlay: what the agent needs at a glance while the phone rings and
// talks — the call state, the caller's tier, what to say now (largest), the greeting, and the
// current script step. It renders the CallSummary the agent window publishes and decides nothing
// (STYLE.md); every phrase in it comes from the pack the guidance engine chose.
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSummary } from '../../core/bridge.ts';
import type { SummaryFeed } from './summaryFeed.ts';
import { secondsLeft, useNow } from '../ui/useNow.ts';
import { SpeechGauge } from '../ui/SpeechGauge.tsx';

/** What comes due next and in how long ("Check in every 15 s on hold · 12 s"). */
function NextDue({ due }: { due: NonNullable<CallSummary['due']> }) {
  const { t } = useTranslation();
  const now = useNow(500);
  return (
    <p className="overlay-due"><span className="overlay-label">{t('overlay.next')}</span> {t(`rule.${due.rule}`)} · {t('rule.secondsLeft', { count: secondsLeft(due.at, now) })}</p>
  );
}

export function GuidanceView({ summary }: { summary: CallSummary | undefined }) {
  const { t } = useTranslation();
  const call = summary?.call ?? 'idle';
  return (
    <section role="region" aria-label={t('guidance')} className="overlay" data-call={call} data-say={summary?.sayNow ? 'yes' : undefined}>
      <header className="overlay-head">
        <p role="status" aria-label={t('call.state')} className="overlay-state">{t(`overlay.state.${call}`)}</p>
        {summary?.tier ? <span className="overlay-tier" data-tier={summary.tier}>{t(`tier.${summary.tier}`)}</span> : null}
      </header>
      {/* What to say now comes first and largest: the agent reads it mid-sentence, at arm's length. */}
      {summary?.sayNow ? (
        <p role="alert" className="overlay-say-now"><span className="overlay-label">{t('overlay.sayNow')}</span> <span className="overlay-say-text">{summary.sayNow}</span></p>
      ) : null}
      {summary?.due ? <NextDue due={summary.due} /> : null}
      {summary?.coaching ? <SpeechGauge figures={summary.coaching} /> : null}
      <section role="region" aria-label={t('greeting')} className="overlay-greeting">
        {summary?.greeting
          ? <p className="overlay-greeting-text">{summary.greeting}</p>
          : <p className="overlay-waiting">{t('overlay.waiting')}</p>}
      </section>
      {summary?.scenario ? (
        <section role="region" aria-label={t('script')} className="overlay-scenario">
          <p className="overlay-scenario-title"><span className="overlay-label">{t('scenario')}</span> {summary.scenarioTitle ?? summary.scenario}</p>
          {summary.step ? (
            <p aria-current="step" className="overlay-step">
              <span className="overlay-label">{t('overlay.step')} {summary.step.index + 1}/{summary.step.of}</span> {summary.step.title ? <strong>{summary.step.title}</strong> : null} {summary.step.text}
            </p>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}

export function GuidanceOverlay({ feed }: { feed: SummaryFeed }) {
  const summary = useSyncExternalStore(feed.subscribe, feed.current);
  return <GuidanceView summary={summary} />;
}
