// The Records view (lazy chunk): the scorecard, the call history (newest first; filter by date,
// tier, scenario, verdict; search by number), one call's timeline with each rule's verdict in a
// line, and the export (CSV for Excel, JSON with the timelines). Everything shown is read from
// the store's records, which are derived from the timelines; nothing is decided here.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateSpan, exportRecord, localDay, numberMatches, toCsv, toJson } from '../../core/records/index.ts';
import { CallTimeline } from './CallTimeline.tsx';
import { addRecordsStrings } from './i18n.ts';
import { download } from './download.ts';
import { localDateTime, ruleName, verdictLine } from './labels.ts';
import type { RecordsHandle } from './records.ts';
import { Scorecard } from './Scorecard.tsx';
import type { StoredRecord } from './store.ts';
import './records.css';

addRecordsStrings();

const PAGE = 50;

interface Filters { from: string; to: string; tier: string; scenario: string; verdict: string; query: string }
const NO_FILTERS: Filters = { from: '', to: '', tier: '', scenario: '', verdict: '', query: '' };

export function matches(r: StoredRecord, f: Filters, timeZone: string): boolean {
  if (f.from || f.to) {
    const span = dateSpan(f.from || '1970-01-01', f.to || '9999-12-31', timeZone);
    if (r.startedAt < span.from || r.startedAt >= span.to) return false;
  }
  if (f.tier && r.tier !== f.tier) return false;
  if (f.scenario && r.scenario !== f.scenario) return false;
  if (f.verdict === 'incomplete' ? !r.incomplete : f.verdict && r.verdict !== f.verdict) return false;
  return numberMatches(r.number, f.query);
}

/** N11: a mean rate outside the call's band is marked (the number is there either way). */
function rateClass(r: StoredRecord): string | undefined {
  const c = r.coaching;
  if (c?.meanRate === undefined) return undefined;
  return c.meanRate < c.band.min || c.meanRate > c.band.max ? 'rate-off' : undefined;
}

export default function RecordsView({ records, onClose }: { records: RecordsHandle; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const tz = records.timeZone;
  const [all, setAll] = useState<StoredRecord[] | undefined>();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [shown, setShown] = useState(PAGE);
  const [selected, setSelected] = useState<string>();

  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => { void records.list().then((list) => { if (alive) setAll(list); }); };
    load();
    // Writes come in bursts during a call: refresh at most every 500 ms.
    const off = records.subscribe(() => { if (!timer) timer = setTimeout(() => { timer = undefined; load(); }, 500); });
    return () => { alive = false; off(); if (timer) clearTimeout(timer); };
  }, [records]);

  const list = useMemo(() => (all ?? []).filter((r) => matches(r, filters, tz)), [all, filters, tz]);
  const scenarios = useMemo(() => [...new Set((all ?? []).map((r) => r.scenario).filter(Boolean))].sort(), [all]);
  const set = (patch: Partial<Filters>) => { setFilters({ ...filters, ...patch }); setShown(PAGE); };
  const stamp = localDay(records.now(), tz);

  const exportCsv = () => download(`seatmate-records-${stamp}.csv`, toCsv(list.filter((r) => r.closed || !r.incomplete), tz), 'text/csv;charset=utf-8');
  const exportJson = async () => {
    const store = records.store;
    if (!store) return;
    const out = [];
    for (const r of list) out.push(exportRecord(await store.timeline(r.id), tz, (v) => verdictLine(t, v)));
    download(`seatmate-records-${stamp}.json`, toJson(out), 'application/json');
  };

  return (
    <section role="region" aria-label={t('records')} className="panel records">
      <div className="records-head">
        <h2>{t('records')}</h2>
        <button onClick={onClose}>{t('records.close')}</button>
      </div>
      {records.retentionDays <= 0 && <p>{t('records.notKept')}</p>}
      {all === undefined && records.retentionDays > 0 && <p role="status">{t('records.loading')}</p>}
      {all && <Scorecard records={all} timeZone={tz} now={records.now} onOpenCall={setSelected} />}
      <fieldset className="records-filters">
        <legend>{t('records.filters')}</legend>
        <label>{t('records.from')}<input type="date" value={filters.from} onChange={(e) => set({ from: e.target.value })} /></label>
        <label>{t('records.to')}<input type="date" value={filters.to} onChange={(e) => set({ to: e.target.value })} /></label>
        <label>{t('tier')}
          <select value={filters.tier} onChange={(e) => set({ tier: e.target.value })}>
            <option value="">{t('records.all')}</option>
            {(['vip', 'brand', 'ordinary'] as const).map((x) => <option key={x} value={x}>{t(`tier.${x}`)}</option>)}
          </select>
        </label>
        <label>{t('scenario')}
          <select value={filters.scenario} onChange={(e) => set({ scenario: e.target.value })}>
            <option value="">{t('records.all')}</option>
            {scenarios.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label>{t('records.verdict')}
          <select value={filters.verdict} onChange={(e) => set({ verdict: e.target.value })}>
            <option value="">{t('records.all')}</option>
            <option value="met">{t('records.verdict.met')}</option>
            <option value="missed">{t('records.verdict.missed')}</option>
            <option value="incomplete">{t('records.incomplete')}</option>
          </select>
        </label>
        <label>{t('records.search')}<input type="search" value={filters.query} onChange={(e) => set({ query: e.target.value })} /></label>
      </fieldset>
      <div className="actions">
        <button onClick={exportCsv} disabled={!list.length}>{t('records.exportCsv')}</button>
        <button onClick={() => void exportJson()} disabled={!list.length}>{t('records.exportJson')}</button>
        <span className="records-count">{t('records.count', { count: list.length })}</span>
      </div>
      <table aria-label={t('records.history')} className="records-table">
        <thead>
          <tr>
            <th scope="col">{t('records.col.time')}</th><th scope="col">{t('records.col.direction')}</th>
            <th scope="col">{t('records.col.number')}</th><th scope="col">{t('tier')}</th><th scope="col">{t('scenario')}</th>
            <th scope="col">{t('records.col.ended')}</th><th scope="col">{t('records.verdict')}</th><th scope="col">{t('records.col.missed')}</th>
            <th scope="col">{t('records.col.rate')}</th><th scope="col">{t('records.col.talkOvers')}</th>
          </tr>
        </thead>
        <tbody>
          {list.slice(0, shown).map((r) => (
            <tr key={r.id} aria-selected={selected === r.id} className={`verdict-${r.verdict}${r.incomplete ? ' incomplete' : ''}`}>
              <td><button className="link" onClick={() => setSelected(selected === r.id ? undefined : r.id)}>{localDateTime(r.startedAt, tz, lang)}</button></td>
              <td>{t(`records.dir.${r.direction}`)}</td>
              <td>{r.number}</td>
              <td>{t(`tier.${r.tier}`)}</td>
              <td>{r.scenario}</td>
              <td>{r.endedBy ? t(`records.endedBy.${r.endedBy}`) : r.closed ? '' : t('records.inProgress')}</td>
              <td className="verdict">{t(`records.verdict.${r.verdict}`)}{r.incomplete && r.closed ? ` · ${t('records.incomplete')}` : ''}</td>
              <td title={r.missedRules.map((rule) => ruleName(t, rule)).join('; ')}>{r.missedRules.join(' ')}</td>
              <td className={rateClass(r)}>{r.coaching?.meanRate ?? ''}</td>
              <td>{r.coaching ? r.coaching.talkOvers : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {all && list.length === 0 && <p>{t('records.empty')}</p>}
      {list.length > shown && <button onClick={() => setShown(shown + PAGE)}>{t('records.showMore')}</button>}
      {selected && records.store && <CallTimeline store={records.store} id={selected} timeZone={tz} />}
    </section>
  );
}
