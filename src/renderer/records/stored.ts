// The shapes kept in the records database, without Dexie: the recorder and the views import these
// on the page, while Dexie itself (store.ts) loads in its own chunk.
import { appliedRules, type CallScore, type RecordSummary, type TimelineEvent } from '../../core/records/index.ts';

/**
 * A call's record as kept: the summary without the per-rule lines (the timeline view derives them
 * again), with the rules that applied, so the history and scorecard read 10,000 calls quickly.
 */
export interface StoredRecord extends Omit<RecordSummary, 'rules'>, CallScore {
  /** The page session that writes it: a record whose session is gone and that never closed was cut short. */
  session: string;
  /** Finished: the call ended (and its call-back task, if any, is settled), or found cut short. */
  closed: boolean;
}

export function storedRecord(summary: RecordSummary, session: string, closed: boolean): StoredRecord {
  const { rules: _rules, ...rest } = summary;
  return { ...rest, applied: appliedRules(summary), session, closed };
}

export interface StoredEvent { seq?: number; call: string; event: TimelineEvent }

export interface OutboxEntry {
  call: string;
  state: 'pending' | 'sent' | 'refused';
  attempts: number;
  /** When to try next (wall clock ms). */
  nextAt: number;
}
