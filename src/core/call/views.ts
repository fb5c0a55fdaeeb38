// What every view shows (main window, overlay summary, tray, power-save, notifications), derived
// from the actors' snapshots and nothing else. A view is cached per snapshot, so a React
// selector gets the same object until the call actually changes.
import type { Tier } from '../config.ts';
import type { TierSource } from '../guidance/tier.ts';
import type { CallRef, PhoneSnapshot, RegistrationStatus, TaskRef } from './phoneMachine.ts';
import {
  callPhase, canHangUp, canOverride, checkInAlertLevel, currentPhraseKey, holdAt, isOnHold, ruleStatus,
  type CallPhase, type CallSnapshot, type RuleStatus,
} from './selectors.ts';
import { transferFailureKeys, type CallEnd, type CallError, type CallRecord, type InviteFacts, type MediaCounters, type PhraseKey, type TransferState } from './types.ts';

/**
 * Speech coaching (issue 12), as the gauge and the call record read it. `meanRate` is the call
 * record's agent_rate_cpm, `talkOvers.agent` its talk_overs (F2; the customer's are counted apart).
 */
export interface CoachingView {
  /** N11: the band the rate is judged by (the pack's; 120–150 by default). */
  band: { min: number; max: number };
  /** The agent's current rate, characters a minute (over the last 12 s of speech); absent until enough speech. */
  rate?: number;
  /** The mean over the call's speech so far. */
  meanRate?: number;
  side: 'slow' | 'ok' | 'fast';
  /** Shown once the rate stayed out of the band for rateHintAfter (10 s) of speech. */
  hint?: 'slow' | 'fast';
  outOfRangeMs: number;
  agentSpeechMs: number;
  talkOvers: { agent: number; customer: number };
  deadAir: { count: number; ms: number; now: boolean };
  /** The customer's voice has stayed low (the low-volume script is offered). */
  customerQuiet: boolean;
}

/** The rules side of a call: which controls are enabled, the timers, the phrase to say now. */
export interface RulesView {
  phase: CallPhase;
  canHangUp: boolean;
  canOverride: boolean;
  onHold: boolean;
  muted: boolean;
  holdStartedAt?: number;
  nextCheckInAt?: number;
  lockEndsAt?: number;
  escalation: 0 | 1 | 2 | 3;
  checkIns: number;
  phraseKey?: PhraseKey;
  /** Everything to say now, in order (a failed transfer: its cause, then the fallback — T3). */
  phraseKeys: PhraseKey[];
  phraseStep?: number;
  callbackOfferDue: boolean;
  error?: CallError;
  transfer?: TransferState;
  rules: RuleStatus[];
  records: CallRecord[];
  rings: number;
}

export interface CallView {
  id: string;
  direction: 'incoming' | 'outgoing';
  number: string;
  displayName: string;
  tier: Tier;
  tierFrom: TierSource;
  surname?: string;
  title?: string;
  invite: InviteFacts;
  /** Where the call stands for the agent's panels. */
  phase: 'ringing' | 'answering' | 'calling' | 'connected' | 'ended';
  /** Call waiting: answered, picked up once the current caller is held. */
  holdFirst: boolean;
  startedAt: number;
  answeredAt?: number;
  connectedAt?: number;
  greetedAt?: number;
  greetedBy?: 'voice' | 'agent';
  closingAt?: number;
  ended?: CallEnd;
  media?: MediaCounters;
  /** The script chosen by the agent or a call event (else the INVITE's), and the agent's step. */
  scenario?: { id: string; reason: 'agent' | 'event' };
  step: number;
  /** N10: an emergency case was opened on this call. */
  emergencyAt?: number;
  /** H4/C5: the call-back promised on this call. */
  callback?: { number: string; dueAt: number };
  /** Speech coaching: absent until the call's audio reaches the coach. */
  coaching?: CoachingView;
  rules: RulesView;
}

export interface TaskView {
  id: string;
  /** A promised call-back, or an emergency case's progress updates (N10). */
  kind: 'callback' | 'emergency';
  number: string;
  dueAt: number;
  due: boolean;
  attempts: number;
  /** Progress updates given so far (emergency cases). */
  updates: number;
  /** The call that promised it. */
  callId?: string;
}

export interface PhoneView {
  mode: 'live' | 'training';
  registration: RegistrationStatus;
  incoming?: CallView;
  active?: CallView;
  parked?: CallView;
  lastEnded?: CallView;
  tasks: TaskView[];
}

function silentStep(s: CallSnapshot): number {
  for (const [i, name] of ['firstPrompt', 'secondPrompt', 'closing'].entries()) {
    if (s.matches({ connected: { call: { silentSequence: name } } } as never)) return i;
  }
  return 0;
}

function sayNowKeys(s: CallSnapshot, last: PhraseKey | undefined): PhraseKey[] {
  const c = s.context;
  if (last === 'transfer.fallback' && c.transfer?.failed) return transferFailureKeys(c.transfer.kind, c.error?.kind === 'transfer-busy');
  return last ? [last] : [];
}

export function rulesView(s: CallSnapshot): RulesView {
  const c = s.context;
  const phraseKey = currentPhraseKey(s);
  return {
    phase: callPhase(s),
    canHangUp: canHangUp(s),
    canOverride: canOverride(s),
    onHold: isOnHold(s),
    muted: c.muted,
    holdStartedAt: c.holdStartedAt,
    nextCheckInAt: c.nextCheckInAt,
    lockEndsAt: c.lockEndsAt,
    escalation: checkInAlertLevel(s),
    checkIns: c.checkIns,
    phraseKey,
    phraseKeys: sayNowKeys(s, phraseKey),
    phraseStep: phraseKey?.startsWith('silent.') ? silentStep(s) : undefined,
    callbackOfferDue: holdAt(s, { limit: 'callbackOfferDue' }),
    error: c.error,
    transfer: c.transfer,
    rules: ruleStatus(s),
    records: c.records,
    rings: c.rings,
  };
}

export function coachingView(s: CallSnapshot): CoachingView | undefined {
  const f = s.context.coaching?.figures;
  if (!f) return undefined;
  const hinting = s.matches({ connected: { coaching: { rate: 'hint' } } } as never);
  return {
    band: { ...s.context.limits.speakingRate },
    ...(f.rate === undefined ? {} : { rate: f.rate }),
    ...(f.meanRate === undefined ? {} : { meanRate: f.meanRate }),
    side: f.side,
    ...(hinting && f.side !== 'ok' ? { hint: f.side } : {}),
    outOfRangeMs: f.outOfRangeMs,
    agentSpeechMs: f.agentSpeechMs,
    talkOvers: { ...f.talkOvers },
    deadAir: { ...f.deadAir },
    customerQuiet: s.matches({ connected: { coaching: { voice: 'quiet' } } } as never),
  };
}

function panelPhase(s: CallSnapshot): CallView['phase'] {
  if (s.status === 'done' || s.matches('ended')) return 'ended';
  if (s.matches('connected')) return 'connected';
  if (s.matches('answering')) return 'answering';
  if (s.matches('dialing')) return 'calling';
  return 'ringing';
}

const callViews = new WeakMap<CallSnapshot, CallView>();

export function callView(s: CallSnapshot): CallView {
  const cached = callViews.get(s);
  if (cached) return cached;
  const c = s.context;
  const coaching = coachingView(s);
  const view: CallView = {
    id: c.id,
    direction: c.direction,
    number: c.remote.number,
    displayName: c.remote.displayName ?? '',
    tier: c.tier,
    tierFrom: c.identity.from,
    ...(c.identity.surname ? { surname: c.identity.surname, title: c.identity.title ?? '' } : {}),
    invite: c.invite,
    phase: panelPhase(s),
    holdFirst: s.matches({ ringing: { pickup: 'afterHold' } }),
    startedAt: c.startedAt,
    answeredAt: c.answeredAt,
    connectedAt: c.connectedAt,
    greetedAt: c.greetedAt,
    ...(c.greetedBy ? { greetedBy: c.greetedBy } : {}),
    closingAt: c.closingAt,
    ended: c.ended,
    media: c.media,
    scenario: c.scenario,
    step: c.step,
    emergencyAt: c.emergencyAt,
    ...(c.callback ? { callback: { number: c.callback.number, dueAt: c.callback.dueAt } } : {}),
    ...(coaching ? { coaching } : {}),
    rules: rulesView(s),
  };
  callViews.set(s, view);
  return view;
}

const taskViews = new WeakMap<object, TaskView>();

function taskView(task: TaskRef): TaskView {
  const s = task.getSnapshot();
  const cached = taskViews.get(s);
  if (cached) return cached;
  const view: TaskView = {
    id: s.context.id, kind: s.context.kind, number: s.context.number, dueAt: s.context.dueAt,
    due: s.matches('due'), attempts: s.context.attempts, updates: s.context.updates,
    ...(s.context.callId ? { callId: s.context.callId } : {}),
  };
  taskViews.set(s, view);
  return view;
}

const viewOf = (ref: CallRef | undefined) => (ref ? callView(ref.getSnapshot()) : undefined);

/** The phone as the agent sees it. */
export function phoneView(s: PhoneSnapshot): PhoneView {
  const c = s.context;
  return {
    mode: c.mode,
    registration: c.registration,
    incoming: viewOf(c.incoming === undefined ? undefined : c.calls[c.incoming]),
    active: viewOf(c.active === undefined ? undefined : c.calls[c.active]),
    parked: viewOf(c.parked === undefined ? undefined : c.calls[c.parked]),
    lastEnded: viewOf(c.lastEnded),
    tasks: c.tasks.map(taskView),
  };
}

/** The call the agent is dealing with now: the one ringing, else the current one. */
export function focusCall(view: PhoneView): CallView | undefined {
  return view.incoming ?? view.active;
}

/** In a call (or ringing): the tray, the power-save blocker and the quit guard follow this. */
export function inCall(view: PhoneView): boolean {
  return Boolean(view.incoming ?? view.active ?? view.parked);
}
