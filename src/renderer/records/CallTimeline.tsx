// One call: each rule's verdict in a line, then what happened, in order, with the time from the
// start. Read from the store (the record and its timeline), refreshed when the call is selected.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { recordFrom, sec, type RecordCoaching, type RecordSummary, type TimelineEvent } from '../../core/records/index.ts';
import { eventLine, localDateTime, offset, ruleName, verdictLine } from './labels.ts';
import type { RecordStore } from './store.ts';

export function CallTimeline({ store, id, timeZone }: { store: RecordStore; id: string; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const [call, setCall] = useState<{ record: RecordSummary; timeline: TimelineEvent[] }>();
  useEffect(() => {
    let alive = true;
    // The verdict lines are derived again from the timeline: the store keeps only which rules applied.
    void store.timeline(id).then((timeline) => {
      if (alive && timeline.length) setCall({ record: recordFrom(timeline), timeline });
    });
    return () => { alive = false; };
  }, [store, id]);
  if (!call) return null;
  const { record, timeline } = call;
  return (
    <section role="region" aria-label={t('records.timeline')} className="records-timeline">
      <h3>{record.number} · {localDateTime(record.startedAt, timeZone, i18n.language)}
        {' · '}{t(`records.verdict.${record.verdict}`)}{record.incomplete ? ` · ${t('records.incomplete')}` : ''}</h3>
      <ul aria-label={t('records.rules')} className="verdicts">
        {record.rules.filter((v) => v.verdict !== 'na').map((v) => (
          <li key={v.rule} className={`verdict-${v.verdict}`}>
            <strong>{v.rule}</strong> {ruleName(t, v.rule)} — {t(`records.verdict.${v.verdict}`)}: {verdictLine(t, v)}
          </li>
        ))}
      </ul>
      <CoachingLines coaching={record.coaching} />
      <details>
        <summary>{t('records.notApplicable', { count: record.rules.filter((v) => v.verdict === 'na').length })}</summary>
        <ul>
          {record.rules.filter((v) => v.verdict === 'na').map((v) => (
            <li key={v.rule}><strong>{v.rule}</strong> {ruleName(t, v.rule)}: {verdictLine(t, v)}</li>
          ))}
        </ul>
      </details>
      <ol aria-label={t('records.events')} className="events">
        {timeline.map((e, i) => (
          <li key={i}><span className="at">{offset(e.at, record.startedAt)}</span> {eventLine(t, e)}</li>
        ))}
      </ol>
    </section>
  );
}

/** Speech coaching on the call (issue 12): N11's mean rate against the band, F2's talk-overs, dead air. */
function CoachingLines({ coaching: c }: { coaching: RecordCoaching | undefined }) {
  const { t } = useTranslation();
  if (!c) return <p className="coaching-none">{t('records.coaching.none')}</p>;
  return (
    <ul aria-label={t('records.coaching')} className="coaching-lines">
      <li>
        <strong>N11</strong>{' '}
        {c.meanRate === undefined
          ? t('records.coaching.noRate', { speech: sec(c.speechMs) })
          : t('records.coaching.rate', { rate: c.meanRate, min: c.band.min, max: c.band.max, out: sec(c.outOfRangeMs), speech: sec(c.speechMs) })}
      </li>
      <li><strong>F2</strong> {t('records.coaching.overs', { agent: c.talkOvers, customer: c.customerTalkOvers })}</li>
      <li>{t('records.coaching.deadAir', { count: c.deadAirCount, s: sec(c.deadAirMs), hints: c.rateHints })}</li>
    </ul>
  );
}
