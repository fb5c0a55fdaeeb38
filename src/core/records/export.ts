// The records export (AUTOMATION-CONTRACT §5): CSV in UTF-8 with a BOM so Excel opens it as
// UTF-8, a header row, one row per call, exactly the contract's columns in order; and JSON with
// the same columns per call plus each rule's verdict and the timeline.
import { isoWithOffset } from './isoTime.ts';
import { recordFrom, type RecordCoaching, type RecordSummary } from './record.ts';
import type { TimelineEvent } from './timeline.ts';
import type { RuleVerdict } from './verdicts.ts';

export const CSV_COLUMNS = [
  'call_id', 'started_at', 'direction', 'number', 'tier', 'scenario', 'rings', 'answered_after_ms',
  'greeted_after_ms', 'holds', 'check_ins_due', 'check_ins_on_time', 'longest_hold_ms', 'callback_offered',
  'transfer', 'transfer_outcome', 'closing_after_ms', 'ended_by', 'hangup_after_closing_ms', 'override_reason',
  'agent_rate_cpm', 'talk_overs', 'verdict', 'missed_rules', 'incomplete',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** One call's columns, typed: numbers as numbers, an absent value as null (an empty CSV cell). */
export type ExportRow = Record<CsvColumn, string | number | null>;

const yesNo = (b: boolean) => (b ? 'yes' : 'no');
const opt = (n: number | undefined) => (n === undefined ? null : Math.round(n));

export function exportRow(r: Omit<RecordSummary, 'rules'>, timeZone: string): ExportRow {
  return {
    call_id: r.id,
    started_at: isoWithOffset(r.startedAt, timeZone),
    direction: r.direction,
    number: r.number,
    tier: r.tier,
    scenario: r.scenario || null,
    rings: r.rings,
    answered_after_ms: opt(r.answeredAfterMs),
    greeted_after_ms: opt(r.greetedAfterMs),
    holds: r.holds,
    check_ins_due: r.checkInsDue,
    check_ins_on_time: r.checkInsOnTime,
    longest_hold_ms: Math.round(r.longestHoldMs),
    callback_offered: yesNo(r.callbackOffered),
    transfer: r.transfer,
    transfer_outcome: r.transferOutcome || null,
    closing_after_ms: opt(r.closingAfterMs),
    ended_by: r.endedBy ?? null,
    hangup_after_closing_ms: opt(r.hangupAfterClosingMs),
    override_reason: r.overrideReason || null,
    // Speech coaching (issue 12): empty when no audio reached the coach.
    agent_rate_cpm: opt(r.coaching?.meanRate),
    talk_overs: r.coaching ? r.coaching.talkOvers : null,
    verdict: r.verdict,
    missed_rules: r.missedRules.join(';'),
    incomplete: yesNo(r.incomplete),
  };
}

/** Free text typed by a person (an override reason) must not run as a spreadsheet formula. */
const FREE_TEXT: ReadonlySet<CsvColumn> = new Set(['override_reason', 'scenario']);

function cell(column: CsvColumn, value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (FREE_TEXT.has(column) && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const BOM = '\uFEFF';

export function toCsv(records: readonly Omit<RecordSummary, 'rules'>[], timeZone: string): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of records) {
    const row = exportRow(r, timeZone);
    lines.push(CSV_COLUMNS.map((c) => cell(c, row[c])).join(','));
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

export interface ExportedRecord extends ExportRow {
  /** Speech coaching's figures beyond the two columns (issue 12); absent when none were measured. */
  coaching?: RecordCoaching;
  rules: Array<RuleVerdict & { line?: string }>;
  timeline: Array<TimelineEvent & { time: string }>;
}

/** One call for the JSON export and the collector: the CSV's columns, the verdicts, the timeline. */
export function exportRecord(timeline: readonly TimelineEvent[], timeZone: string, explain?: (v: RuleVerdict) => string): ExportedRecord {
  const r = recordFrom(timeline);
  return {
    ...exportRow(r, timeZone),
    ...(r.coaching ? { coaching: r.coaching } : {}),
    rules: r.rules.map((v) => (explain ? { ...v, line: explain(v) } : v)),
    timeline: timeline.map((e) => ({ ...e, time: isoWithOffset(e.at, timeZone) })),
  };
}

export function toJson(records: readonly ExportedRecord[]): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}
