// A call record is a timeline: what happened on the call, in order, each fact stamped with the
// call actor's clock (the injected one: the rule clock in the page, a SimulatedClock in tests).
// Everything else — the CSV row, each rule's verdict, the scorecard — is derived from it.
import type { Tier } from '../config.ts';
import type { TierSource } from '../guidance/tier.ts';
import type { CallErrorKind, EndedBy, PhraseKey, RecordKind, ScenarioReason } from '../call/types.ts';

/** The standard's numbers in force for this call, kept with it so a verdict never guesses them. */
export interface RecordRules {
  answerWithinRings: number;
  ringCycle: number;
  greetWithin: number;
  checkInEvery: number;
  /** A check-in done after the alert escalated (this long after it came due) is late. */
  checkInGrace: number;
  holdLimit: number;
  hangupWait: number;
  callbackDue: number;
  harassmentWarning: number;
}

/** What the coach measured on a call, as its record keeps it (core/coaching, CoachFigures). */
export interface CoachingFacts {
  /** N11's band in force (the pack's), characters a minute. */
  band: { min: number; max: number };
  /** The agent's mean rate over the call's speech, characters a minute; absent until enough speech. */
  meanRate?: number;
  /** The agent's speech time, and how much of it was out of the band, ms. */
  speechMs: number;
  outOfRangeMs: number;
  customerSpeechMs: number;
  talkOvers: { agent: number; customer: number };
  deadAir: { count: number; ms: number };
}

export type TimelineFact =
  /** The call appeared: ringing at the agent (in) or dialled by the agent (out). */
  | {
    type: 'started'; call: string; direction: 'in' | 'out'; number: string; tier: Tier; tierFrom: TierSource;
    scenario?: string; ivrPath?: string; transferredIn?: boolean; agent?: string; rules: RecordRules;
  }
  | { type: 'ring'; count: number }
  /** The agent pressed Answer (incoming); the greeting on screen is chosen for this moment. */
  | { type: 'answered'; rings: number }
  | { type: 'connected' }
  /** The agent's voice first heard on the line (or Greeted pressed). */
  | { type: 'greeted' }
  | { type: 'breached'; rule: 'answerWithinRings' | 'greetWithin' }
  /** A better answer on who is calling (the CRM, late). */
  | { type: 'identified'; tier: Tier; from: TierSource }
  | { type: 'scenario'; id: string; reason: ScenarioReason }
  | { type: 'step'; step: number }
  /** A phrase the controls asked the agent to say (consent, check-in, closing, fallback…). */
  | { type: 'phrase'; key: PhraseKey; step?: number }
  | { type: 'hold.refused' }
  /** The far end accepted the hold. */
  | { type: 'hold.started' }
  | { type: 'hold.ended' }
  | { type: 'checkIn.due'; count: number }
  | { type: 'checkIn.escalated'; count: number; level: 2 | 3 }
  | { type: 'checkIn.done'; count: number }
  /** On hold past the limit: a call-back is to be offered. */
  | { type: 'hold.limit' }
  | { type: 'hold.customerWaits' }
  | { type: 'callback.promised'; number: string; dueAt: number }
  /** N10: marked an emergency case; the customer is owed a progress update every `every` ms. */
  | { type: 'emergency'; every: number }
  | { type: 'transfer.started'; mode: 'attended' | 'blind'; target: string }
  | { type: 'transfer.answered' }
  | { type: 'transfer.cancelled' }
  | { type: 'error'; kind: CallErrorKind; reason?: string }
  | { type: 'closing' }
  | { type: 'lock.over' }
  | { type: 'closing.continued' }
  /** The agent tried to hang up inside the lock (refused). */
  | { type: 'hangup.refused' }
  | { type: 'override.refused'; why: 'not-allowed' | 'no-reason' }
  | { type: 'harassment' }
  | { type: 'chatCall' }
  | { type: 'chatCall.warned' }
  | { type: 'silence.suspected' }
  | { type: 'silent.started' }
  | { type: 'silent.stopped' }
  | { type: 'muted' }
  | { type: 'unmuted' }
  /**
   * Speech coaching (issue 12): the figures so far, taken every 10 s of the agent's speech and at
   * the end (so a page killed mid-call keeps a recent one). No audio, only numbers.
   */
  | { type: 'coaching' } & CoachingFacts
  /** F2: a talk-over; by the agent (counted against them) or by the customer (counted apart). */
  | { type: 'talkOver'; by: 'agent' | 'customer' }
  | { type: 'deadAir' }
  /** N11: the rate stayed out of the band for 10 s of speech; the hint showed. */
  | { type: 'rateHint'; side: 'slow' | 'fast'; rate: number }
  /** The customer's voice stayed low: the low-volume script was offered. */
  | { type: 'lowVolume' }
  | { type: 'ended'; kind: RecordKind; reason?: string; by?: EndedBy; cause?: string; status?: number }
  /** The promised call-back as a task: created, came due, dialled, done or removed. */
  | { type: 'task.created'; task: string }
  | { type: 'task.due' }
  | { type: 'task.dialled'; attempt: number }
  | { type: 'task.done'; late: boolean }
  | { type: 'task.cancelled' }
  /** N10: the emergency case's progress updates (its task): one came due, one was given (late: after it was due), the case closed. */
  | { type: 'case.due'; count: number }
  | { type: 'case.update'; count: number; late: boolean }
  | { type: 'case.closed' }
  /** Found open at the next start: the page was killed before the call (or its task) ended. */
  | { type: 'recovered' };

export type TimelineEvent = TimelineFact & { at: number };
export type TimelineType = TimelineEvent['type'];

/** The events of one type, typed. */
export function eventsOf<T extends TimelineType>(timeline: readonly TimelineEvent[], type: T): Array<Extract<TimelineEvent, { type: T }>> {
  return timeline.filter((e): e is Extract<TimelineEvent, { type: T }> => e.type === type);
}

export function firstOf<T extends TimelineType>(timeline: readonly TimelineEvent[], type: T): Extract<TimelineEvent, { type: T }> | undefined {
  return timeline.find((e): e is Extract<TimelineEvent, { type: T }> => e.type === type);
}

export function lastOf<T extends TimelineType>(timeline: readonly TimelineEvent[], type: T): Extract<TimelineEvent, { type: T }> | undefined {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const e = timeline[i]!;
    if (e.type === type) return e as Extract<TimelineEvent, { type: T }>;
  }
  return undefined;
}
