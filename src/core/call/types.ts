// The call statechart's vocabulary: what it is given, what it hears (engine and agent events),
// what it says back (commands to the engine, guidance and alerts for the UI, records).
import type { CoachFigures, CoachFrames, CoachLimits, CoachState } from '../coaching/coach.ts';
import type { Tier } from '../config.ts';
import type { TierResult } from '../guidance/tier.ts';
import type { PhraseRef } from '../pack/schema.ts';
import type { Timings } from '../timings.ts';

// --- phrases ---------------------------------------------------------------------------------

/** Pack phrases the call controls ask for; the text lives in the pack, never here. */
export const PACK_PHRASE_KEYS = [
  'replies.anythingElse',
  'hold.consent', 'hold.checkIn', 'hold.return', 'hold.returnLong', 'hold.callbackOffer',
  'transfer.consent', 'transfer.group', 'transfer.shiftLeader', 'transfer.ivr', 'transfer.expert', 'transfer.failed', 'transfer.fallback',
  'harassment.warning', 'harassment.chatCallWarning', 'replies.closing',
] as const satisfies readonly PhraseRef[];

/** The silent-call steps live in the pack as `silentCall.steps[step]`. */
export type SilentPhraseKey = 'silent.prompt' | 'silent.closing';
/** Optional in a pack: the resolver falls back to `transfer.failed` when a pack has no busy phrase. */
export type OptionalPhraseKey = 'transfer.busy';
export type PhraseKey = (typeof PACK_PHRASE_KEYS)[number] | SilentPhraseKey | OptionalPhraseKey;

/** Who the caller is transferred to (T4): each kind has its pack phrase. */
export type TransferKind = 'agent' | 'group' | 'shiftLeader' | 'ivr' | 'expert';
export const TRANSFER_KINDS: readonly TransferKind[] = ['agent', 'group', 'shiftLeader', 'ivr', 'expert'];

/**
 * T3: what to tell the caller after a failed transfer, in order: the cause — the target busy
 * ('transfer.busy', or for another agent 001's operator-busy 'transfer.failed'); not reached:
 * nothing more — then the fallback (give a number or take one for a call-back).
 */
export function transferFailureKeys(kind: TransferKind | undefined, busy: boolean): PhraseKey[] {
  if (!busy) return ['transfer.fallback'];
  return [kind === 'agent' ? 'transfer.failed' : 'transfer.busy', 'transfer.fallback'];
}

/** T1/T4: the phrase that asks the caller's consent for a transfer to this kind of target. */
export function transferConsentKey(kind: TransferKind): PhraseKey {
  return kind === 'agent' ? 'transfer.consent' : `transfer.${kind}`;
}

// --- input -----------------------------------------------------------------------------------

/**
 * Limits the standard gives no number for; named here so no literal hides in a state. The speech
 * coach's (CoachLimits) ride along: N11's band comes from the pack (`speakingRate`).
 */
export interface CallLimits extends CoachLimits {
  /** A hold/unhold re-INVITE the far end has not answered by then counts as failed. */
  reinviteTimeout: number;
  /** An unacknowledged check-in alert escalates (visual → sound → louder, repeated) this often. */
  checkInEscalateAfter: number;
  /** On a chat call, warn the caller this long before the chat-call limit. */
  chatCallWarningLead: number;
  /** The agent's microphone level (0..1) above which the agent is speaking (the greeting rule). */
  voiceLevel: number;
  /** The caller's level (0..1) below which the line counts as silent (the silent-call rule). */
  silenceLevel: number;
}

export const defaultCallLimits: CallLimits = {
  reinviteTimeout: 8_000,
  checkInEscalateAfter: 5_000,
  chatCallWarningLead: 60_000,
  voiceLevel: 0.02,
  silenceLevel: 0.01,
  // Speech coaching (issue 12): N11's default band (001, 002, 003); the pack may set its own.
  speakingRate: { min: 120, max: 150 },
  rateHintAfter: 10_000,
  talkOverMin: 300,
  deadAirAfter: 10_000,
  lowVoiceDb: -45,
  lowVoiceFor: 8_000,
};

/** The other end of a call, as the INVITE (or the dial box) names it. */
export interface RemoteParty { number: string; displayName?: string }

/** Who is calling, resolved once (header → directory → CRM → ordinary) and kept by the call. */
export type CallerIdentity = TierResult;

/** What the INVITE told us beyond the caller: the PBX's scenario, the IVR path, a transfer to us. */
export interface InviteFacts {
  scenario?: string;
  ivrPath?: string;
  /** Came to us by a transfer (Referred-By or Replaces): greet as the receiving agent. */
  transferredIn?: boolean;
}

export interface CallInput {
  /** The engine's call id; the phone addresses the call by it. */
  id?: string;
  timings: Timings;
  direction: 'incoming' | 'outgoing';
  remote: RemoteParty;
  tier: Tier;
  /** Where the tier came from, and the caller's name when the directory or CRM knows it. */
  identity?: Omit<CallerIdentity, 'tier'>;
  invite?: InviteFacts;
  /** N9: the pack's wait after each silent-call prompt (its `waitMs`; 002's China Mobile variant waits 2 s); default timings.silentWait. */
  silentWaits?: readonly number[];
  /** Policy lets this agent end a call before the closing lock is over, with a reason. */
  overrideAllowed?: boolean;
  limits?: Partial<CallLimits>;
  /** Timestamps for records and deadlines only; time passes through the actor's clock. */
  now: () => number;
}

// --- events in -------------------------------------------------------------------------------

/** Who ended a call, as the SIP stack reports it. */
export type EndedBy = 'local' | 'remote' | 'system';

export interface CallEnd { by: EndedBy; cause: string; status?: number }

export interface MediaCounters { inboundPackets: number; outboundPackets: number }

/** Why the script on screen is the one it is. */
export type ScenarioReason = 'header' | 'ivr' | 'event' | 'agent';

export type EngineEvent =
  | { type: 'ENGINE.PROGRESS' }
  | { type: 'ENGINE.CONFIRMED' }
  | { type: 'ENGINE.HOLD_ACCEPTED' }
  | { type: 'ENGINE.HOLD_FAILED'; reason?: string }
  | { type: 'ENGINE.UNHOLD_ACCEPTED' }
  | { type: 'ENGINE.UNHOLD_FAILED'; reason?: string }
  | { type: 'ENGINE.ENDED'; by: EndedBy; cause: string }
  | { type: 'ENGINE.FAILED'; cause: string; status?: number }
  | { type: 'ENGINE.REMOTE_REINVITE' }
  | { type: 'ENGINE.REFER_RECEIVED' }
  | { type: 'ENGINE.CONSULT_PROGRESS' }
  | { type: 'ENGINE.CONSULT_CONFIRMED' }
  | { type: 'ENGINE.CONSULT_FAILED'; status?: number; cause?: string }
  | { type: 'ENGINE.CONSULT_ENDED' }
  | { type: 'ENGINE.TRANSFER_DONE' }
  | { type: 'ENGINE.TRANSFER_FAILED'; status?: number; cause?: string }
  /** The caller's voice level (0..1), polled from the media: silence feeds the silent-call rule. */
  | { type: 'ENGINE.REMOTE_AUDIO'; level: number }
  /** The agent's microphone level (0..1): the agent's voice within greetWithin meets the greeting rule. */
  | { type: 'ENGINE.LOCAL_AUDIO'; level: number }
  | ({ type: 'ENGINE.MEDIA' } & MediaCounters)
  /** Speech coaching (issue 12): envelope frames of both sides from the audio worklet; no audio. */
  | ({ type: 'COACH.FEATURES' } & CoachFrames)
  /** A better answer on who is calling arrived (the CRM, time-boxed). */
  | ({ type: 'CALLER.IDENTIFIED' } & CallerIdentity)
  /** Call waiting: the phone tells a call waiting to be answered that the current caller is held (or not). */
  | { type: 'PHONE.OTHER_HELD' }
  | { type: 'PHONE.OTHER_NOT_HELD' };

export type AgentEvent =
  | { type: 'AGENT.ANSWER' }
  /** Call waiting: answer once the current caller has agreed and is held. */
  | { type: 'AGENT.ANSWER_AFTER_HOLD' }
  | { type: 'AGENT.CHOOSE_SCENARIO'; id: string; reason?: 'agent' | 'event' }
  /** N10 (004): this is an emergency case: the customer gets progress updates until it is closed. */
  | { type: 'AGENT.MARK_EMERGENCY' }
  | { type: 'AGENT.STEP'; delta: number; of: number }
  | { type: 'AGENT.DECLINE' }
  | { type: 'AGENT.GREETED' }
  | { type: 'AGENT.HOLD_REQUEST' }
  | { type: 'AGENT.HOLD_CONFIRM' }
  | { type: 'AGENT.HOLD_CANCEL' }
  | { type: 'AGENT.RESUME' }
  | { type: 'AGENT.CHECKED_IN' }
  | { type: 'AGENT.CHECK_IN_AND_RETURN' }
  | { type: 'AGENT.OFFER_CALLBACK'; number?: string; dueMs?: number }
  | { type: 'AGENT.CUSTOMER_CHOSE_WAIT' }
  | { type: 'AGENT.CLOSING' }
  | { type: 'AGENT.CONTINUE' }
  | { type: 'AGENT.HANGUP' }
  | { type: 'AGENT.OVERRIDE_HANGUP'; reason: string }
  | { type: 'AGENT.HARASSMENT' }
  | { type: 'AGENT.MARK_CHAT_CALL' }
  | { type: 'AGENT.SILENT_CALL' }
  | { type: 'AGENT.TRANSFER_START' }
  /** `label`: how the caller hears the target named (T1: 转接给…); `kind`: which pack phrase (T4). */
  | { type: 'AGENT.CONSULT'; target: string; kind?: TransferKind; label?: string }
  | { type: 'AGENT.BLIND_TRANSFER'; target: string; kind?: TransferKind; label?: string }
  | { type: 'AGENT.COMPLETE_TRANSFER' }
  | { type: 'AGENT.CANCEL_TRANSFER' }
  | { type: 'AGENT.MUTE' }
  | { type: 'AGENT.UNMUTE' };

/** Raised inside the machine between the hold regions; not for the UI. */
export type InternalEvent =
  | { type: 'HOLD.CHECK_IN_DONE' }
  | { type: 'HOLD.CHECK_IN_ABORTED' };

export type CallEvent = EngineEvent | AgentEvent | InternalEvent;

/** What a call tells the phone that runs it (XState parent), when it has one. */
export type CallReport =
  | { type: 'CALL.HELD'; id: string }
  | { type: 'CALL.NOT_HELD'; id: string }
  | { type: 'CALL.CONNECTED'; id: string }
  | { type: 'CALL.CALLBACK_PROMISED'; id: string; number: string; dueAt: number }
  | { type: 'CALL.EMERGENCY_OPENED'; id: string; number: string; every: number };

// --- events out ------------------------------------------------------------------------------

export type HangupReason = 'agent' | 'system-harassment' | 'system-silent' | 'system-media-timeout' | 'override';

export type EngineCommand =
  | { type: 'engine.answer' }
  | { type: 'engine.decline'; code: number }
  | { type: 'engine.hold' }
  | { type: 'engine.unhold' }
  | { type: 'engine.hangup'; reason: HangupReason }
  | { type: 'engine.consult'; target: string }
  | { type: 'engine.refer'; target: string; replaces: boolean }
  | { type: 'engine.cancelConsult' }
  | { type: 'engine.mute' }
  | { type: 'engine.unmute' };

export type RecordKind =
  | 'customer-first' | 'agent-hangup' | 'override' | 'system-hangup'
  | 'transferred' | 'dropped' | 'missed' | 'declined' | 'failed';

export interface CallRecord { kind: RecordKind; reason?: string; at: number }

export type RuleName = 'answerWithinRings' | 'greetWithin';
export type AlertLevel = 1 | 2 | 3;

export type CallNotice =
  | { type: 'guide.phrase'; key: PhraseKey; step?: number }
  | { type: 'ring'; count: number }
  | { type: 'rule.breached'; rule: RuleName }
  | { type: 'alert.checkIn'; count: number; level: AlertLevel }
  | { type: 'alert.callbackOffer'; heldSince: number }
  | { type: 'alert.chatCallLimit'; endsAt: number }
  | { type: 'alert.silence' }
  | { type: 'alert.hangupLocked'; lockEndsAt?: number }
  | { type: 'alert.overrideRefused'; why: 'not-allowed' | 'no-reason' }
  | { type: 'callback.promised'; number: string; dueAt: number }
  | { type: 'emergency.opened'; number: string; every: number }
  /** Speech coaching: a talk-over (F2; by the customer: counted apart), dead air, the rate hint, a quiet caller. */
  | { type: 'coach.talkOver'; by: 'agent' | 'customer' }
  | { type: 'coach.deadAir' }
  | { type: 'coach.rateHint'; side: 'slow' | 'fast'; rate: number }
  | { type: 'coach.lowVolume' }
  | ({ type: 'record' } & CallRecord);

export type CallEmitted = EngineCommand | CallNotice;

// --- context ---------------------------------------------------------------------------------

export type CallErrorKind =
  | 'hold-rejected' | 'hold-timeout' | 'unhold-rejected' | 'unhold-timeout'
  | 'transfer-busy' | 'transfer-no-answer' | 'transfer-failed' | 'transfer-target-left';

export interface CallError { kind: CallErrorKind; reason?: string; at: number }

export interface TransferState {
  target: string;
  kind: TransferKind;
  /** How the target is named to the caller (its label, else its number). */
  label: string;
  mode: 'attended' | 'blind';
  /** The consult call to the target: not placed, ringing, or answered. */
  leg: 'none' | 'dialing' | 'ringing' | 'up';
  /** What the agent tells the target so the caller need not repeat it (002). */
  briefing: { number: string; displayName?: string; tier: Tier };
  failed?: boolean;
}

export interface CallbackPromise { number: string; promisedAt: number; dueAt: number }

export interface CallContext {
  id: string;
  timings: Timings;
  limits: CallLimits;
  direction: 'incoming' | 'outgoing';
  remote: RemoteParty;
  tier: Tier;
  identity: Omit<CallerIdentity, 'tier'>;
  invite: InviteFacts;
  silentWaits: readonly number[];
  overrideAllowed: boolean;
  now: () => number;

  startedAt: number;
  rings: number;
  /** When the agent answered (incoming): the moment the greeting is chosen for. */
  answeredAt?: number;
  connectedAt?: number;
  /** When the agent's voice was first heard (or the agent marked the greeting said). */
  greetedAt?: number;
  /** N2: the agent's voice was heard on the line, or the agent pressed Greeted. */
  greetedBy?: 'voice' | 'agent';
  ended?: CallEnd;
  media?: MediaCounters;
  /** The script the agent or a call event chose; absent: the INVITE's (header, IVR path), if any. */
  scenario?: { id: string; reason: 'agent' | 'event' };
  /** The agent's place in the script. */
  step: number;
  /** N10: marked an emergency case (by the agent, or by an emergency script). */
  emergencyAt?: number;
  holdStartedAt?: number;
  /** When the next check-in comes due (absolute, for the UI's countdown). */
  nextCheckInAt?: number;
  /** Check-ins done (acknowledged) in this hold. */
  checkIns: number;
  /** Check-ins that came due in this hold. */
  checkInsDue: number;
  escalation: 0 | AlertLevel;
  /** When the agent said the closing phrase (the closing's Friday/holiday wish is for this moment). */
  closingAt?: number;
  lockEndsAt?: number;
  chatCall: boolean;
  chatCallEndsAt?: number;
  muted: boolean;
  transfer?: TransferState;
  callback?: CallbackPromise;
  error?: CallError;
  phrase?: PhraseKey;
  records: CallRecord[];
  /** Speech coaching (issue 12): the estimators' state and the figures (`coaching.figures`); absent until audio arrives. */
  coaching?: CoachState;
  /** The talk-overs as they happened (F2), for the call record's timeline; at most TALK_OVER_LOG. `at`: counted back from when the frames arrived (the tap delivers them up to ~1.5 s late). */
  talkOverLog?: Array<{ by: 'agent' | 'customer'; at: number }>;
}

export type { CoachFigures };
