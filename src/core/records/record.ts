// A call's record: the facts the CSV and the history table show (AUTOMATION-CONTRACT §5), each
// rule's verdict and the call's overall verdict — all derived from the timeline, nothing kept
// beside it. Recomputed whenever the timeline grows; cheap (a call has tens of events).
import type { Tier } from '../config.ts';
import type { RecordKind } from '../call/types.ts';
import { checkInsOf, verdictsOf, type RecordRuleId, type RuleVerdict } from './verdicts.ts';
import { eventsOf, firstOf, lastOf, type TimelineEvent } from './timeline.ts';

export type EndedByParty = 'customer' | 'agent' | 'system' | 'network';

/** Speech coaching on the call (issue 12: N11 rate, F2 talk-overs, dead air), as the record and the scorecard keep it. */
export interface RecordCoaching {
  band: { min: number; max: number };
  /** agent_rate_cpm: the agent's mean rate over the call's speech, characters a minute. */
  meanRate?: number;
  speechMs: number;
  outOfRangeMs: number;
  /** talk_overs: the agent talking over the customer (F2). */
  talkOvers: number;
  /** The customer talking over the agent: not the agent's fault, counted apart. */
  customerTalkOvers: number;
  deadAirCount: number;
  deadAirMs: number;
  rateHints: number;
}

export interface RecordSummary {
  id: string;
  startedAt: number;
  /** The last event's time: how far the record got. */
  lastAt: number;
  direction: 'in' | 'out';
  number: string;
  tier: Tier;
  scenario: string;
  rings: number;
  answeredAfterMs?: number;
  greetedAfterMs?: number;
  holds: number;
  checkInsDue: number;
  checkInsOnTime: number;
  longestHoldMs: number;
  callbackOffered: boolean;
  transfer: 'none' | 'attended' | 'blind';
  transferOutcome: string;
  closingAfterMs?: number;
  endKind?: RecordKind;
  endedBy?: EndedByParty;
  hangupAfterClosingMs?: number;
  overrideReason: string;
  rules: RuleVerdict[];
  verdict: 'met' | 'missed';
  missedRules: RecordRuleId[];
  /** No end on the timeline: the call is still up, or the record was cut short (page killed). */
  incomplete: boolean;
  /** Absent when no audio reached the coach (a call never connected, coaching off). */
  coaching?: RecordCoaching;
}

/** What the history and the scorecard need of a call: small enough to read 10,000 of at once. */
export interface CallScore {
  id: string;
  startedAt: number;
  number: string;
  verdict: 'met' | 'missed';
  /** The rules that applied to the call (met or missed). */
  applied: RecordRuleId[];
  missedRules: RecordRuleId[];
  coaching?: RecordCoaching;
}

export function appliedRules(r: Pick<RecordSummary, 'rules'>): RecordRuleId[] {
  return r.rules.filter((v) => v.verdict !== 'na').map((v) => v.rule);
}

const BUSY = new Set([486, 600, 603]);

function endedBy(kind: RecordKind, status: number | undefined): EndedByParty {
  switch (kind) {
    case 'customer-first': case 'missed': return 'customer';
    case 'agent-hangup': case 'override': case 'transferred': case 'declined': return 'agent';
    case 'system-hangup': return 'system';
    case 'failed': return status !== undefined && BUSY.has(status) ? 'customer' : 'network';
    default: return 'network';
  }
}

function transferOutcome(timeline: readonly TimelineEvent[], ended: RecordKind | undefined): string {
  if (!timeline.some((e) => e.type === 'transfer.started')) return '';
  if (ended === 'transferred') return 'done';
  const failed = lastOf(timeline, 'error');
  const last = lastOf(timeline, 'transfer.started')!;
  if (failed && failed.kind.startsWith('transfer-') && failed.at >= last.at) return failed.kind.slice('transfer-'.length);
  if (timeline.some((e) => e.type === 'transfer.cancelled' && e.at >= last.at)) return 'cancelled';
  return ended ? 'abandoned' : 'in-progress';
}

/** The longest hold: from the far end accepting it to resuming (or the call's end). */
function holdSpans(timeline: readonly TimelineEvent[]): number[] {
  const spans: number[] = [];
  let from: number | undefined;
  for (const e of timeline) {
    if (e.type === 'hold.started') from = e.at;
    if ((e.type === 'hold.ended' || e.type === 'ended') && from !== undefined) { spans.push(e.at - from); from = undefined; }
  }
  if (from !== undefined) spans.push((timeline.at(-1)?.at ?? from) - from);
  return spans;
}

/** The last figures the coach gave, with the talk-overs and dead air counted as they happened. */
function coachingOf(timeline: readonly TimelineEvent[]): RecordCoaching | undefined {
  const last = lastOf(timeline, 'coaching');
  if (!last) return undefined;
  const overs = eventsOf(timeline, 'talkOver');
  return {
    band: { ...last.band },
    ...(last.meanRate === undefined ? {} : { meanRate: last.meanRate }),
    speechMs: last.speechMs,
    outOfRangeMs: last.outOfRangeMs,
    talkOvers: Math.max(last.talkOvers.agent, overs.filter((e) => e.by === 'agent').length),
    customerTalkOvers: Math.max(last.talkOvers.customer, overs.filter((e) => e.by === 'customer').length),
    deadAirCount: Math.max(last.deadAir.count, eventsOf(timeline, 'deadAir').length),
    deadAirMs: last.deadAir.ms,
    rateHints: eventsOf(timeline, 'rateHint').length,
  };
}

export function recordFrom(timeline: readonly TimelineEvent[]): RecordSummary {
  const started = firstOf(timeline, 'started');
  if (!started) throw new Error('a call record starts with its "started" event');
  const ended = lastOf(timeline, 'ended');
  const connected = firstOf(timeline, 'connected');
  const answered = firstOf(timeline, 'answered');
  const greeted = firstOf(timeline, 'greeted');
  const firstClosing = firstOf(timeline, 'closing');
  const lastClosing = lastOf(timeline, 'closing');
  const identified = lastOf(timeline, 'identified');
  const chosen = lastOf(timeline, 'scenario');
  const transfer = lastOf(timeline, 'transfer.started');
  const checkIns = checkInsOf(timeline, started.rules.checkInGrace);
  const rules = verdictsOf(timeline);
  const missedRules = rules.filter((r) => r.verdict === 'missed').map((r) => r.rule);
  const answerAt = started.direction === 'in' ? (answered ?? connected) : connected;
  const summary: RecordSummary = {
    id: started.call,
    startedAt: started.at,
    lastAt: timeline.at(-1)?.at ?? started.at,
    direction: started.direction,
    number: started.number,
    tier: identified?.tier ?? started.tier,
    scenario: chosen?.id ?? started.scenario ?? '',
    rings: Math.max(0, ...eventsOf(timeline, 'ring').map((e) => e.count), answered?.rings ?? 0),
    holds: eventsOf(timeline, 'hold.started').length,
    checkInsDue: checkIns.length,
    checkInsOnTime: checkIns.filter((c) => c.onTime).length,
    longestHoldMs: Math.max(0, ...holdSpans(timeline)),
    callbackOffered: timeline.some((e) => e.type === 'callback.promised'),
    transfer: transfer?.mode ?? 'none',
    transferOutcome: transferOutcome(timeline, ended?.kind),
    overrideReason: ended?.kind === 'override' ? ended.reason ?? '' : '',
    rules,
    verdict: missedRules.length ? 'missed' : 'met',
    missedRules,
    incomplete: !ended,
  };
  if (answerAt) summary.answeredAfterMs = answerAt.at - started.at;
  if (greeted && connected) summary.greetedAfterMs = greeted.at - connected.at;
  if (firstClosing && connected) summary.closingAfterMs = firstClosing.at - connected.at;
  const coaching = coachingOf(timeline);
  if (coaching) summary.coaching = coaching;
  if (ended) {
    summary.endKind = ended.kind;
    summary.endedBy = endedBy(ended.kind, ended.status);
    if (lastClosing && lastClosing.at <= ended.at) summary.hangupAfterClosingMs = ended.at - lastClosing.at;
  }
  return summary;
}
