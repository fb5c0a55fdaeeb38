// The scorecard (AUTOMATION-CONTRACT §4: region `Scorecard` / `服务质量`): for today, this shift or
// a chosen range, each rule's compliance (% of the calls it applied to), the per-day trend as a
// chart (uPlot, loaded with the chart), and the three rules missed most with their calls.
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateSpan, localDay, scorecard, sec, shiftSpan, todaySpan, type Span, type SpeechScore } from '../../core/records/index.ts';
import { localDateTime, ruleName } from './labels.ts';
import type { StoredRecord } from './store.ts';

const TrendChart = lazy(() => import('./TrendChart.tsx'));

type Period = 'today' | 'shift' | 'range';

interface Props { records: StoredRecord[]; timeZone: string; now: () => number; onOpenCall: (id: string) => void }

export function Scorecard({ records, timeZone, now, onOpenCall }: Props) {
  const { t, i18n } = useTranslation();
  const [period, setPeriod] = useState<Period>('today');
  const today = localDay(now(), timeZone);
  const [from, setFrom] = useState(() => localDay(now() - 6 * 86_400_000, timeZone));
  const [to, setTo] = useState(today);
  const span: Span = useMemo(() => {
    if (period === 'today') return todaySpan(now(), timeZone);
    if (period === 'shift') return shiftSpan(records, now());
    return dateSpan(from <= to ? from : to, from <= to ? to : from, timeZone);
  }, [period, records, from, to, timeZone, now]);
  const card = useMemo(() => scorecard(records, span, timeZone), [records, span, timeZone]);
  const pct = (p: number | null) => (p === null ? '—' : `${p} %`);
  return (
    <section role="region" aria-label={t('records.scorecard')} className="scorecard">
      <h3>{t('records.scorecard')}</h3>
      <div role="group" aria-label={t('scorecard.period')} className="actions">
        {(['today', 'shift', 'range'] as const).map((p) => (
          <button key={p} aria-pressed={period === p} onClick={() => setPeriod(p)}>{t(`scorecard.${p}`)}</button>
        ))}
        {period === 'range' && (
          <>
            <label>{t('records.from')}<input type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></label>
            <label>{t('records.to')}<input type="date" value={to} onChange={(e) => setTo(e.target.value)} /></label>
          </>
        )}
      </div>
      <p role="status" aria-label={t('scorecard.summary')}>{t('scorecard.calls', { count: card.calls, pct: pct(card.pct) })}</p>
      <table aria-label={t('scorecard.compliance')} className="compliance">
        <thead><tr><th scope="col">{t('scorecard.rule')}</th><th scope="col">{t('scorecard.applied')}</th><th scope="col">{t('scorecard.missed')}</th><th scope="col">{t('scorecard.compliance')}</th></tr></thead>
        <tbody>
          {card.rules.filter((r) => r.applied > 0).map((r) => (
            <tr key={r.rule}><th scope="row">{r.rule} {ruleName(t, r.rule)}</th><td>{r.applied}</td><td>{r.missed}</td><td>{pct(r.pct)}</td></tr>
          ))}
        </tbody>
      </table>
      {card.speech.calls > 0 && <SpeechTable speech={card.speech} />}
      {card.days.length > 1 && (
        <figure aria-label={t('scorecard.trend')} className="trend">
          <figcaption>{t('scorecard.trend')}</figcaption>
          <Suspense fallback={null}><TrendChart days={card.days} timeZone={timeZone} labels={{ pct: t('scorecard.compliance'), calls: t('scorecard.callsAxis') }} /></Suspense>
        </figure>
      )}
      {card.topMissed.length > 0 && (
        <div className="top-missed">
          <h4>{t('scorecard.topMissed')}</h4>
          <ol aria-label={t('scorecard.topMissed')}>
            {card.topMissed.map((m) => (
              <li key={m.rule}>
                <strong>{m.rule}</strong> {ruleName(t, m.rule)} — {t('scorecard.missedTimes', { count: m.missed })}
                <ul>
                  {m.calls.slice(0, 5).map((c) => (
                    <li key={c.id}><button className="link" onClick={() => onOpenCall(c.id)}>{localDateTime(c.startedAt, timeZone, i18n.language)} · {c.number}</button></li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}

/** Speech coaching over the span (issue 12): N11's rate and F2's talk-overs, beside the rules' compliance. */
function SpeechTable({ speech: s }: { speech: SpeechScore }) {
  const { t } = useTranslation();
  const dash = (v: number | string | null) => (v === null ? '—' : String(v));
  const rows: Array<[string, string]> = [
    ['calls', String(s.calls)],
    ['meanRate', dash(s.meanRate)],
    ['inBand', s.inBandPct === null ? '—' : `${s.inBandPct} %`],
    ['callsInBand', `${s.callsInBand} / ${s.callsRated}`],
    ['talkOvers', `${s.talkOvers} (${dash(s.talkOversPerCall)})`],
    ['customerTalkOvers', String(s.customerTalkOvers)],
    ['deadAir', `${s.deadAir} (${sec(s.deadAirMs)} s)`],
    ['rateHints', String(s.rateHints)],
  ];
  return (
    <table aria-label={t('scorecard.speech')} className="compliance speech">
      <thead><tr><th scope="col">{t('scorecard.speech.figure')}</th><th scope="col">{t('scorecard.speech.value')}</th></tr></thead>
      <tbody>
        {rows.map(([key, value]) => <tr key={key}><th scope="row">{t(`scorecard.speech.${key}`)}</th><td>{value}</td></tr>)}
      </tbody>
    </table>
  );
}
