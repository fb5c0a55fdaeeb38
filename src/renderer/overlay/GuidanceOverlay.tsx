// The always-on-top guidance overlay: what the agent needs at a glance while the phone rings and
// talks — the call state, the caller's tier, the greeting to say (large), and the scenario. It
// renders the CallSummary the agent window publishes and decides nothing (STYLE.md).
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSummary } from '../../core/bridge.ts';
import type { SummaryFeed } from './summaryFeed.ts';

export function GuidanceView({ summary }: { summary: CallSummary | undefined }) {
  const { t } = useTranslation();
  const call = summary?.call ?? 'idle';
  return (
    <section role="region" aria-label={t('guidance')} className="overlay" data-call={call}>
      <header className="overlay-head">
        <p role="status" aria-label={t('call.state')} className="overlay-state">{t(`overlay.state.${call}`)}</p>
        {summary?.tier ? <span className="overlay-tier" data-tier={summary.tier}>{t(`tier.${summary.tier}`)}</span> : null}
      </header>
      <section role="region" aria-label={t('greeting')} className="overlay-greeting">
        {summary?.greeting
          ? <p className="overlay-greeting-text">{summary.greeting}</p>
          : <p className="overlay-waiting">{t('overlay.waiting')}</p>}
      </section>
      {summary?.sayNow ? (
        <p role="alert" className="overlay-say-now"><span className="overlay-label">{t('overlay.sayNow')}</span> {summary.sayNow}</p>
      ) : null}
      {summary?.scenario ? (
        <section role="region" aria-label={t('script')} className="overlay-scenario">
          <p><span className="overlay-label">{t('scenario')}</span> {summary.scenarioTitle ?? summary.scenario}</p>
          {summary.step ? (
            <p aria-current="step" className="overlay-step">
              {summary.step.index + 1}/{summary.step.of} {summary.step.title ? <strong>{summary.step.title}</strong> : null} {summary.step.text}
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
