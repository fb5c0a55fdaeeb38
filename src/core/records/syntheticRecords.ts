// Made-up call records for the scorecard's tests and benchmark: a met or missed verdict per rule,
// no timeline behind them.
import { appliedRules, type CallScore, type RecordSummary } from './record.ts';
import type { RecordRuleId } from './verdicts.ts';

export function syntheticRecord(i: number, startedAt: number, missed: readonly RecordRuleId[] = []): RecordSummary & CallScore {
  const r: RecordSummary = {
    id: `c${i}`, startedAt, lastAt: startedAt + 60_000, direction: 'in', number: '138****8000', tier: 'ordinary', scenario: '',
    rings: 1, holds: 0, checkInsDue: 0, checkInsOnTime: 0, longestHoldMs: 0, callbackOffered: false, transfer: 'none', transferOutcome: '',
    overrideReason: '', incomplete: false, verdict: missed.length ? 'missed' : 'met', missedRules: [...missed],
    endKind: 'customer-first', endedBy: 'customer',
    rules: (['N1', 'N2', 'H3', 'C3'] as const).map((rule) => ({
      rule, verdict: missed.includes(rule) ? 'missed' : rule === 'H3' && i % 2 ? 'na' : 'met', why: '', facts: {},
    })),
  };
  return { ...r, applied: appliedRules(r) };
}
