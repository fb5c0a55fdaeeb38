// The speech coach's gauge (issue 12), in the call panel and the guidance overlay: the agent's
// current rate against the pack's band (N11), a hint once the rate has stayed out of it for
// 10 s of speech, and the talk-overs so far (F2). Quiet by design: a number and a bar; the hint
// is the only sentence. It renders figures the call actor keeps and decides nothing.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSummary } from '../../core/bridge.ts';
import type { CoachingView } from '../../core/call/index.ts';
import './speechGauge.css';

/** What the overlay gets in the summary; the call panel adds the call's average. */
export type GaugeFigures = NonNullable<CallSummary['coaching']> & { meanRate?: number };

/** The gauge's figures from the call view. */
export function gaugeFigures(c: CoachingView): GaugeFigures {
  return {
    ...(c.rate === undefined ? {} : { rate: c.rate }),
    ...(c.meanRate === undefined ? {} : { meanRate: c.meanRate }),
    min: c.band.min, max: c.band.max, side: c.side,
    ...(c.hint ? { hint: c.hint } : {}),
    talkOvers: c.talkOvers.agent,
  };
}

/** The bar's full scale: the band sits in its middle third or so. */
const scaleOf = (max: number) => Math.max(300, Math.ceil((max * 1.5) / 50) * 50);

const KEYS = ['rate', 'meanRate', 'min', 'max', 'side', 'hint', 'talkOvers'] as const;
/** The call panel re-renders ten times a second (its clock); the gauge only when a figure changes. */
const sameFigures = (a: { figures: GaugeFigures }, b: { figures: GaugeFigures }) => KEYS.every((k) => a.figures[k] === b.figures[k]);

export const SpeechGauge = memo(function SpeechGauge({ figures }: { figures: GaugeFigures }) {
  const { t } = useTranslation();
  const { rate, meanRate, min, max, side, hint, talkOvers } = figures;
  const scale = scaleOf(max);
  return (
    <section role="region" aria-label={t('coaching')} className="speech-gauge" data-side={rate === undefined ? 'unknown' : side}>
      <p className="speech-gauge-rate">
        <strong>{rate === undefined ? t('coaching.measuring') : t('coaching.rate', { rate })}</strong>
        <span className="speech-gauge-band"> {t('coaching.band', { min, max })}</span>
      </p>
      <meter aria-label={t('coaching.meter')} min={0} max={scale} low={min} high={max} optimum={(min + max) / 2} value={Math.min(scale, rate ?? 0)} />
      {hint && <p role="status" className="speech-gauge-hint">{t(`coaching.hint.${hint}`, { min, max })}</p>}
      {(meanRate !== undefined || talkOvers > 0) && (
        <p className="speech-gauge-more">
          {meanRate !== undefined && <span>{t('coaching.mean', { rate: meanRate })}</span>}
          {talkOvers > 0 && <span> · {t('coaching.talkOvers', { count: talkOvers })}</span>}
        </p>
      )}
    </section>
  );
}, sameFigures);
