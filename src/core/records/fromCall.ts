// Timeline events from a call actor, the one place a call's facts live: what changed between two
// of its snapshots, and what its notices said. The recorder (src/renderer/records) only feeds
// these in and stores what comes out; every decision about what counts as an event is here.
import type { CallbackContext } from '../call/callbackMachine.ts';
import type { CallSnapshot } from '../call/selectors.ts';
import type { CallNotice } from '../call/types.ts';
import type { CoachingFacts, RecordRules, TimelineEvent } from './timeline.ts';

export interface RecordOptions {
  /** How numbers are kept (masked by policy, or as they are). */
  number: (n: string) => string;
  agent?: string;
}

export function rulesOf(s: CallSnapshot): RecordRules {
  const { timings, limits } = s.context;
  return {
    answerWithinRings: timings.answerWithinRings,
    ringCycle: timings.ringCycle,
    greetWithin: timings.greetWithin,
    checkInEvery: timings.checkInEvery,
    checkInGrace: limits.checkInEscalateAfter,
    holdLimit: timings.holdLimit,
    hangupWait: timings.hangupWait,
    callbackDue: timings.callbackDue,
    harassmentWarning: timings.harassmentWarning,
  };
}

/** The first event of a record: who, which way, the rules in force. */
export function startedEvent(s: CallSnapshot, o: RecordOptions): TimelineEvent {
  const c = s.context;
  return {
    type: 'started', at: c.startedAt, call: c.id,
    direction: c.direction === 'incoming' ? 'in' : 'out',
    number: o.number(c.remote.number),
    tier: c.tier, tierFrom: c.identity.from,
    ...(c.invite.scenario ? { scenario: c.invite.scenario } : {}),
    ...(c.invite.ivrPath ? { ivrPath: c.invite.ivrPath } : {}),
    ...(c.invite.transferredIn ? { transferredIn: true } : {}),
    ...(o.agent ? { agent: o.agent } : {}),
    rules: rulesOf(s),
  };
}

/** A coaching figure goes on the timeline every this much of the agent's speech (and at the end). */
export const COACHING_EVERY_MS = 10_000;

/** The coach's figures as the record keeps them (undefined: no audio reached the coach). */
export function coachingFacts(s: CallSnapshot): CoachingFacts | undefined {
  const f = s.context.coaching?.figures;
  if (!f) return undefined;
  const { min, max } = s.context.limits.speakingRate;
  return {
    band: { min, max },
    ...(f.meanRate === undefined ? {} : { meanRate: f.meanRate }),
    speechMs: f.agentSpeechMs,
    outOfRangeMs: f.outOfRangeMs,
    customerSpeechMs: f.customerSpeechMs,
    talkOvers: { ...f.talkOvers },
    deadAir: { count: f.deadAir.count, ms: f.deadAir.ms },
  };
}

const inCall = (s: CallSnapshot | undefined, call: string | object): boolean =>
  s !== undefined && s.status === 'active' && s.matches({ connected: { call } } as never);

const TRANSFER_UNDER_WAY = ['holdingCaller', 'consulting', 'briefing', 'completing'] as const;
const underWay = (s: CallSnapshot | undefined) => TRANSFER_UNDER_WAY.some((t) => inCall(s, { transfer: t }));

/** What changed from `prev` (undefined: the call just appeared) to `next`, as timeline events. */
export function snapshotEvents(prev: CallSnapshot | undefined, next: CallSnapshot, o: RecordOptions): TimelineEvent[] {
  const p = prev?.context;
  const c = next.context;
  const now = c.now();
  const out: TimelineEvent[] = [];
  const became = (call: string | object) => inCall(next, call) && !inCall(prev, call);

  if (c.answeredAt !== undefined && p?.answeredAt === undefined) out.push({ type: 'answered', rings: c.rings, at: c.answeredAt });
  if (c.connectedAt !== undefined && p?.connectedAt === undefined) out.push({ type: 'connected', at: c.connectedAt });
  if (c.greetedAt !== undefined && p?.greetedAt === undefined) out.push({ type: 'greeted', at: c.greetedAt });
  if (p && (p.tier !== c.tier || p.identity.from !== c.identity.from)) out.push({ type: 'identified', tier: c.tier, from: c.identity.from, at: now });
  if (c.scenario && (p?.scenario?.id !== c.scenario.id || p.scenario.reason !== c.scenario.reason)) {
    out.push({ type: 'scenario', id: c.scenario.id, reason: c.scenario.reason, at: now });
  }
  if (p && c.step !== p.step && c.scenario?.id === p.scenario?.id) out.push({ type: 'step', step: c.step, at: now });

  // Hold: consent refused, held (far end accepted), each check-in done, back.
  if (inCall(prev, 'holdConsent') && inCall(next, 'talking')) out.push({ type: 'hold.refused', at: now });
  if (c.holdStartedAt !== undefined && c.holdStartedAt !== p?.holdStartedAt) out.push({ type: 'hold.started', at: c.holdStartedAt });
  if (c.holdStartedAt !== undefined && c.holdStartedAt === p?.holdStartedAt) {
    for (let n = p.checkIns + 1; n <= c.checkIns; n++) out.push({ type: 'checkIn.done', count: n, at: now });
  }
  if (became({ onHold: { limit: 'customerWaits' } })) out.push({ type: 'hold.customerWaits', at: now });

  // Transfer: under way once consent is given, answered by the target, or called off.
  if (inCall(prev, { transfer: 'consent' }) && underWay(next) && c.transfer) {
    out.push({ type: 'transfer.started', mode: c.transfer.mode, target: o.number(c.transfer.target), at: now });
  }
  if (c.transfer?.leg === 'up' && p?.transfer?.leg !== 'up') out.push({ type: 'transfer.answered', at: now });
  if ((inCall(prev, { transfer: 'consent' }) || inCall(prev, { transfer: 'consulting' }) || inCall(prev, { transfer: 'briefing' }))
    && (inCall(next, 'talking') || inCall(next, { transfer: 'returning' })) && c.error === p?.error) {
    out.push({ type: 'transfer.cancelled', at: now });
  }
  if (c.error && c.error !== p?.error) out.push({ type: 'error', kind: c.error.kind, ...(c.error.reason ? { reason: c.error.reason } : {}), at: c.error.at });

  // Closing, the lock, a customer's further question.
  if (c.closingAt !== undefined && c.closingAt !== p?.closingAt) out.push({ type: 'closing', at: c.closingAt });
  if (became({ closingLock: 'unlocked' })) out.push({ type: 'lock.over', at: now });
  if ((inCall(prev, 'closingLock') || inCall(prev, 'closingCheck')) && inCall(next, 'talking')) out.push({ type: 'closing.continued', at: now });

  // Special calls.
  if (became('harassmentWarning')) out.push({ type: 'harassment', at: now });
  if (became('silentSequence')) out.push({ type: 'silent.started', at: now });
  if (inCall(prev, 'silentSequence') && inCall(next, 'talking')) out.push({ type: 'silent.stopped', at: now });
  if (c.chatCall && !p?.chatCall) out.push({ type: 'chatCall', at: now });
  if (p && c.muted !== p.muted) out.push({ type: c.muted ? 'muted' : 'unmuted', at: now });

  if (p?.holdStartedAt !== undefined && c.holdStartedAt === undefined) out.push({ type: 'hold.ended', at: now });

  const done = next.status === 'done' || next.matches('ended');
  const wasDone = prev !== undefined && (prev.status === 'done' || prev.matches('ended'));
  // Speech coaching: the figures every COACHING_EVERY_MS of the agent's speech, and last at the end.
  // (Built only when it goes on the timeline: this runs for every snapshot of every call.)
  const speechMs = c.coaching?.figures.agentSpeechMs;
  const before = p?.coaching?.figures.agentSpeechMs ?? 0;
  if (speechMs !== undefined && !wasDone && (done || Math.floor(speechMs / COACHING_EVERY_MS) > Math.floor(before / COACHING_EVERY_MS))) {
    // At the end it is stamped with the end's time, so it sits just before it.
    const at = done ? c.records.at(-1)?.at ?? now : now;
    out.push({ type: 'coaching', ...coachingFacts(next)!, at });
  }
  if (done && !wasDone) {
    const last = c.records.at(-1);
    out.push({
      type: 'ended', kind: last?.kind ?? 'dropped', at: last?.at ?? now,
      ...(last?.reason ? { reason: last.reason } : {}),
      ...(c.ended ? { by: c.ended.by, cause: c.ended.cause, ...(c.ended.status !== undefined ? { status: c.ended.status } : {}) } : {}),
    });
  }
  return out;
}

/** A call's notice as a timeline event (undefined: not a fact for the record). */
export function noticeEvent(n: CallNotice, at: number, o: RecordOptions): TimelineEvent | undefined {
  switch (n.type) {
    case 'ring': return { type: 'ring', count: n.count, at };
    case 'rule.breached': return { type: 'breached', rule: n.rule, at };
    case 'alert.checkIn': return n.level === 1 ? { type: 'checkIn.due', count: n.count, at } : { type: 'checkIn.escalated', count: n.count, level: n.level, at };
    case 'alert.callbackOffer': return { type: 'hold.limit', at };
    case 'alert.chatCallLimit': return { type: 'chatCall.warned', at };
    case 'alert.silence': return { type: 'silence.suspected', at };
    case 'alert.hangupLocked': return { type: 'hangup.refused', at };
    case 'alert.overrideRefused': return { type: 'override.refused', why: n.why, at };
    case 'callback.promised': return { type: 'callback.promised', number: o.number(n.number), dueAt: n.dueAt, at };
    case 'emergency.opened': return { type: 'emergency', every: n.every, at };
    case 'guide.phrase': return n.step === undefined ? { type: 'phrase', key: n.key, at } : { type: 'phrase', key: n.key, step: n.step, at };
    case 'coach.talkOver': return { type: 'talkOver', by: n.by, at };
    case 'coach.deadAir': return { type: 'deadAir', at };
    case 'coach.rateHint': return { type: 'rateHint', side: n.side, rate: n.rate, at };
    case 'coach.lowVolume': return { type: 'lowVolume', at };
    // The end is read from the final snapshot (with who ended it).
    case 'record': return undefined;
    default: return undefined;
  }
}

/** The call-back task as it progresses (a callbackMachine snapshot's facts). */
export interface TaskFacts {
  id: string;
  /** 'emergency': an N10 case, whose updates recur until it is closed. */
  kind?: 'callback' | 'emergency';
  due: boolean;
  attempts: number;
  /** N10: progress updates given, and how often one is due. */
  updates?: number;
  repeatEvery?: number;
  context: Pick<CallbackContext, 'number' | 'dueAt'>;
  outcome?: { outcome: 'done' | 'cancelled'; late: boolean; closedAt: number };
}

export function taskEvents(prev: TaskFacts | undefined, next: TaskFacts, now: number): TimelineEvent[] {
  if (next.kind === 'emergency') return caseEvents(prev, next, now);
  const out: TimelineEvent[] = [];
  if (!prev) out.push({ type: 'task.created', task: next.id, at: now });
  if (next.due && !prev?.due) out.push({ type: 'task.due', at: now });
  for (let n = (prev?.attempts ?? 0) + 1; n <= next.attempts; n++) out.push({ type: 'task.dialled', attempt: n, at: now });
  if (next.outcome && !prev?.outcome) {
    out.push(next.outcome.outcome === 'done'
      ? { type: 'task.done', late: next.outcome.late, at: next.outcome.closedAt }
      : { type: 'task.cancelled', at: next.outcome.closedAt });
  }
  return out;
}

/**
 * N10: how long after an update came due it still counts as given on time. The reminder comes at
 * the due time and the agent then calls the customer: a tenth of the interval (3 min of 30), at
 * least a minute. (The standard gives the interval, not a tolerance: this one is ours.)
 */
export const caseUpdateGrace = (every: number): number => Math.max(60_000, every / 10);

/** N10: an emergency case as its task progresses — each update due, each given (late or not), the close. */
function caseEvents(prev: TaskFacts | undefined, next: TaskFacts, now: number): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  const given = prev?.updates ?? 0;
  if (next.due && !prev?.due) out.push({ type: 'case.due', count: given + 1, at: now });
  for (let n = given + 1; n <= (next.updates ?? 0); n++) {
    // Given past its due time (before this update moved it on) and the grace.
    out.push({ type: 'case.update', count: n, late: prev !== undefined && now > prev.context.dueAt + caseUpdateGrace(next.repeatEvery ?? 0), at: now });
  }
  if (next.outcome && !prev?.outcome) out.push({ type: 'case.closed', at: next.outcome.closedAt });
  return out;
}
