// Each rule of the standard judged from a call's timeline: met, missed, or not applicable, with
// the reason as a key and the facts behind it (seconds to 0.1 s), so every view says it in its
// own language ("records.why.<key>") and the CSV/JSON carry the same judgement.
// Rule ids are SERVICE-STANDARD's: N1 answer within 3 rings, N2 greet within 3 s, H1 consent
// before hold, H3 check-in every 15 s, H4 offer a call-back past 2 min, N5 call back on time, N10
// emergency progress updates on time,
// T1 transfer consent, T2 attended transfer, T3 fallback when a transfer fails, C1 "anything else?"
// before closing, C2 closing phrase,
// C3 customer hangs up first, C4 harassment warning, N9 silent-call sequence.
import { eventsOf, firstOf, lastOf, type TimelineEvent } from './timeline.ts';

export const RECORD_RULES = ['N1', 'N2', 'H1', 'H3', 'H4', 'N5', 'N10', 'T1', 'T2', 'T3', 'C1', 'C2', 'C3', 'C4', 'N9'] as const;
export type RecordRuleId = (typeof RECORD_RULES)[number];
export type Verdict = 'met' | 'missed' | 'na';

export interface RuleVerdict {
  rule: RecordRuleId;
  verdict: Verdict;
  /** Why, as a key: the views say it as `records.why.<why>` with the facts. */
  why: string;
  facts: Record<string, number | string>;
}

/** Milliseconds as seconds to 0.1 s, the precision the lines are read at. */
export const sec = (ms: number): number => Math.round(ms / 100) / 10;

const v = (rule: RecordRuleId, verdict: Verdict, why: string, facts: Record<string, number | string> = {}): RuleVerdict => ({ rule, verdict, why, facts });

export interface CheckIn {
  hold: number;
  count: number;
  dueAt: number;
  doneAt?: number;
  onTime: boolean;
}

/** Every check-in that came due, per hold, with when it was done. */
export function checkInsOf(timeline: readonly TimelineEvent[], grace: number): CheckIn[] {
  const out: CheckIn[] = [];
  let hold = 0;
  let open: CheckIn[] = [];
  for (const e of timeline) {
    if (e.type === 'hold.started') { hold += 1; open = []; }
    if (e.type === 'checkIn.due') {
      const c: CheckIn = { hold, count: e.count, dueAt: e.at, onTime: false };
      out.push(c);
      open.push(c);
    }
    if (e.type === 'checkIn.done') {
      const c = open.find((x) => x.count === e.count && x.doneAt === undefined);
      if (c) { c.doneAt = e.at; c.onTime = e.at - c.dueAt < grace; }
    }
  }
  return out;
}

export function verdictsOf(timeline: readonly TimelineEvent[]): RuleVerdict[] {
  const started = firstOf(timeline, 'started');
  if (!started) return RECORD_RULES.map((rule) => v(rule, 'na', 'noRecord'));
  const rules = started.rules;
  const incoming = started.direction === 'in';
  const connected = firstOf(timeline, 'connected');
  const ended = lastOf(timeline, 'ended');
  const has = (type: TimelineEvent['type']) => timeline.some((e) => e.type === type);
  const phraseAt = (key: string) => timeline.filter((e) => e.type === 'phrase' && e.key === key).map((e) => e.at);
  const rings = Math.max(0, ...eventsOf(timeline, 'ring').map((e) => e.count));
  const out: RuleVerdict[] = [];

  // N1: answer within answerWithinRings rings.
  {
    const breach = eventsOf(timeline, 'breached').find((e) => e.rule === 'answerWithinRings');
    const answer = firstOf(timeline, 'answered') ?? connected;
    const limit = { rings, limit: rules.answerWithinRings };
    if (!incoming) out.push(v('N1', 'na', 'outgoing'));
    else if (ended?.kind === 'declined') out.push(v('N1', 'missed', 'declined', limit));
    else if (answer && (!breach || answer.at < breach.at)) out.push(v('N1', 'met', 'answeredInRings', { ...limit, s: sec(answer.at - started.at) }));
    else if (answer || breach) out.push(v('N1', 'missed', 'answeredLate', limit));
    else out.push(v('N1', 'na', 'callerLeftEarly', limit));
  }

  // N2: greet within greetWithin of connecting.
  {
    const greeted = firstOf(timeline, 'greeted');
    const late = eventsOf(timeline, 'breached').some((e) => e.rule === 'greetWithin');
    const limit = sec(rules.greetWithin);
    if (!incoming) out.push(v('N2', 'na', 'outgoing'));
    else if (!connected) out.push(v('N2', 'na', 'notConnected'));
    else if (greeted && !late) out.push(v('N2', 'met', 'greetedInTime', { s: sec(greeted.at - connected.at), limit }));
    else if (late) out.push(v('N2', 'missed', 'greetedLate', { limit }));
    else if (ended && ended.at - connected.at < rules.greetWithin) out.push(v('N2', 'na', 'endedBeforeGreetingDue', { limit }));
    else if (ended) out.push(v('N2', 'missed', 'neverGreeted', { limit }));
    else out.push(v('N2', 'na', 'notYet'));
  }

  const holds = eventsOf(timeline, 'hold.started');

  // H1: consent asked before each hold.
  {
    let asked = false;
    let unasked = 0;
    for (const e of timeline) {
      if (e.type === 'phrase' && e.key === 'hold.consent') asked = true;
      if (e.type === 'hold.started') { if (!asked) unasked += 1; asked = false; }
    }
    if (holds.length === 0) out.push(v('H1', 'na', 'noHold'));
    else if (unasked === 0) out.push(v('H1', 'met', 'consentAsked', { holds: holds.length }));
    else out.push(v('H1', 'missed', 'heldWithoutConsent', { holds: unasked }));
  }

  // H3: check in every checkInEvery; done before the alert escalates is on time.
  {
    const checkIns = checkInsOf(timeline, rules.checkInGrace);
    const every = sec(rules.checkInEvery);
    const bad = checkIns.find((c) => !c.onTime);
    if (holds.length === 0) out.push(v('H3', 'na', 'noHold'));
    else if (checkIns.length === 0) out.push(v('H3', 'met', 'noCheckInDue', { every }));
    else if (!bad) out.push(v('H3', 'met', 'checkInsOnTime', { due: checkIns.length, every }));
    else if (bad.doneAt !== undefined) out.push(v('H3', 'missed', 'checkInLate', { count: bad.count, late: sec(bad.doneAt - bad.dueAt), grace: sec(rules.checkInGrace) }));
    else out.push(v('H3', 'missed', 'checkInNotDone', { count: bad.count }));
  }

  // H4: past holdLimit on hold, offer a call-back — unless the customer chose to wait.
  {
    const limit = firstOf(timeline, 'hold.limit');
    const waits = firstOf(timeline, 'hold.customerWaits');
    const promised = firstOf(timeline, 'callback.promised');
    const minutes = sec(rules.holdLimit);
    if (!limit && !waits) out.push(v('H4', 'na', 'holdUnderLimit', { limit: minutes }));
    else if (waits) out.push(v('H4', 'met', 'customerChoseWait'));
    else if (promised) out.push(v('H4', 'met', 'callbackOffered', { limit: minutes }));
    else out.push(v('H4', 'missed', 'callbackNotOffered', { limit: minutes }));
  }

  // N5: the promised call-back made by the promised time.
  {
    const promised = firstOf(timeline, 'callback.promised');
    const done = firstOf(timeline, 'task.done');
    if (!promised) out.push(v('N5', 'na', 'noCallback'));
    else if (done && !done.late) out.push(v('N5', 'met', 'calledBack', { s: sec(done.at - promised.at) }));
    else if (done) out.push(v('N5', 'missed', 'calledBackLate', { late: sec(done.at - promised.dueAt) }));
    else if (has('task.cancelled')) out.push(v('N5', 'missed', 'callbackDropped'));
    else if (has('task.due') || has('recovered')) out.push(v('N5', 'missed', 'callbackNotMade'));
    else out.push(v('N5', 'na', 'callbackPending', { due: sec(promised.dueAt - promised.at) }));
  }

  // N10: an emergency case's customer gets a progress update every interval (30 min) until it is closed.
  {
    const opened = firstOf(timeline, 'emergency');
    const updates = eventsOf(timeline, 'case.update');
    const late = updates.find((u) => u.late);
    const dues = eventsOf(timeline, 'case.due');
    const closed = firstOf(timeline, 'case.closed');
    // A due update with none given after it, by the time the case closed.
    const unanswered = dues.find((d) => !updates.some((u) => u.count === d.count && u.at >= d.at));
    const every = opened ? sec(opened.every) : 0;
    if (!opened) out.push(v('N10', 'na', 'noEmergency'));
    else if (late) out.push(v('N10', 'missed', 'updateLate', { count: late.count, every }));
    else if (unanswered && closed) out.push(v('N10', 'missed', 'updateNotGiven', { count: unanswered.count, every }));
    else if (closed) out.push(v('N10', 'met', 'updatesOnTime', { updates: updates.length, every }));
    else out.push(v('N10', 'na', 'caseOpen', { updates: updates.length, every }));
  }

  const transfers = eventsOf(timeline, 'transfer.started');
  const transferErrors = eventsOf(timeline, 'error').filter((e) => e.kind.startsWith('transfer-'));

  // T1: tell the customer and get consent before transferring.
  {
    let asked = false;
    let unasked = 0;
    for (const e of timeline) {
      if (e.type === 'phrase' && e.key === 'transfer.consent') asked = true;
      if (e.type === 'transfer.started') { if (!asked) unasked += 1; asked = false; }
    }
    if (transfers.length === 0) out.push(v('T1', 'na', 'noTransfer'));
    else if (unasked === 0) out.push(v('T1', 'met', 'transferConsent'));
    else out.push(v('T1', 'missed', 'transferWithoutConsent'));
  }

  // T2: the target confirmed (and briefed) before the caller is released.
  {
    const last = transfers.at(-1);
    if (!last || ended?.kind !== 'transferred') out.push(v('T2', 'na', 'noCompletedTransfer'));
    else if (last.mode === 'attended' && timeline.some((e) => e.type === 'transfer.answered' && e.at >= last.at)) out.push(v('T2', 'met', 'attendedTransfer', { target: last.target }));
    else out.push(v('T2', 'missed', 'blindTransfer', { target: last.target }));
  }

  // T3: a failed transfer goes back to the caller with the fallback (a number or a call-back).
  {
    const failed = transferErrors[0];
    if (!failed) out.push(v('T3', 'na', 'noFailedTransfer'));
    else if (phraseAt('transfer.fallback').some((at) => at >= failed.at)) out.push(v('T3', 'met', 'fallbackGiven', { kind: failed.kind }));
    else if (ended && ended.kind === 'customer-first') out.push(v('T3', 'na', 'callerLeftDuringTransfer'));
    else out.push(v('T3', 'missed', 'noFallback', { kind: failed.kind }));
  }

  const closing = lastOf(timeline, 'closing');

  // C1: "请问还有什么可以帮您?" (and the recap) before the closing phrase.
  {
    if (!closing) out.push(v('C1', 'na', 'noClosing'));
    else if (phraseAt('replies.anythingElse').some((at) => at <= closing.at)) out.push(v('C1', 'met', 'askedAnythingElse'));
    else out.push(v('C1', 'missed', 'closedWithoutAsking'));
  }

  const agentEnded = ended?.kind === 'agent-hangup' || ended?.kind === 'override';

  // C2: the closing phrase before the call ends.
  {
    if (!connected || !ended || (!agentEnded && ended.kind !== 'customer-first')) out.push(v('C2', 'na', 'noNormalEnd'));
    else if (closing && closing.at <= ended.at) out.push(v('C2', 'met', 'closingSaid', { s: sec(ended.at - closing.at) }));
    else if (agentEnded) out.push(v('C2', 'missed', 'endedWithoutClosing'));
    else out.push(v('C2', 'na', 'customerEndedBeforeClosing'));
  }

  // C3: the customer hangs up first; the agent only hangupWait after the closing.
  {
    const wait = sec(rules.hangupWait);
    if (!connected || !ended) out.push(v('C3', 'na', ended ? 'notConnected' : 'notYet'));
    else if (ended.kind === 'customer-first') {
      out.push(closing ? v('C3', 'met', 'customerFirstAfterClosing', { s: sec(ended.at - closing.at) }) : v('C3', 'met', 'customerFirst'));
    } else if (ended.kind === 'agent-hangup') {
      const after = closing ? ended.at - closing.at : 0;
      out.push(closing && after >= rules.hangupWait
        ? v('C3', 'met', 'agentAfterWait', { s: sec(after), wait })
        : v('C3', 'missed', 'agentBeforeWait', { s: sec(after), wait }));
    } else if (ended.kind === 'override') out.push(v('C3', 'missed', 'override', { reason: ended.reason ?? '' }));
    else out.push(v('C3', 'na', `ended.${ended.kind}`));
  }

  // C4: harassment — the warning, then the system hangs up.
  {
    const warned = firstOf(timeline, 'harassment');
    if (!warned) out.push(v('C4', 'na', 'noHarassment'));
    else if (!ended) out.push(v('C4', 'na', 'notYet'));
    else if (ended.kind === 'system-hangup' || ended.kind === 'customer-first') out.push(v('C4', 'met', 'warnedThenEnded', { s: sec(ended.at - warned.at) }));
    else out.push(v('C4', 'missed', 'harassmentNotEnded'));
  }

  // N9: a silent call — prompt, wait, prompt, wait, closing, wait, hang up (or the caller speaks).
  {
    const silent = firstOf(timeline, 'silent.started');
    const prompts = phraseAt('silent.prompt').length + phraseAt('silent.closing').length;
    if (!silent) out.push(v('N9', 'na', 'noSilentCall'));
    else if (has('silent.stopped')) out.push(v('N9', 'met', 'callerSpoke', { prompts }));
    else if (ended?.kind === 'system-hangup') out.push(v('N9', 'met', 'silentSequenceDone', { prompts }));
    else if (!ended) out.push(v('N9', 'na', 'notYet'));
    else out.push(v('N9', 'missed', 'silentSequenceCut', { prompts }));
  }

  return out;
}
