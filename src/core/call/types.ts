// The call statechart's vocabulary: what it is given, what it hears (engine and agent events),
// what it says back (commands to the engine, guidance and alerts for the UI, records).
import type { Tier } from '../config.ts';
import type { PhraseRef } from '../pack/schema.ts';
import type { Timings } from '../timings.ts';

// --- phrases ---------------------------------------------------------------------------------

/** Pack phrases the call controls ask for; the text lives in the pack, never here. */
export const PACK_PHRASE_KEYS = [
  'hold.consent', 'hold.checkIn', 'hold.return', 'hold.returnLong', 'hold.callbackOffer',
  'transfer.consent', 'transfer.failed', 'transfer.fallback',
  'harassment.warning', 'harassment.chatCallWarning', 'replies.closing',
] as const satisfies readonly PhraseRef[];

/** The silent-call steps live in the pack as `silentCall.steps[step]`. */
export type SilentPhraseKey = 'silent.prompt' | 'silent.closing';
export type PhraseKey = (typeof PACK_PHRASE_KEYS)[number] | SilentPhraseKey;

// --- input -----------------------------------------------------------------------------------

/** Limits the standard gives no number for; named here so no literal hides in a state. */
export interface CallLimits {
  /** A hold/unhold re-INVITE the far end has not answered by then counts as failed. */
  reinviteTimeout: number;
  /** An unacknowledged check-in alert escalates (visual → sound → louder, repeated) this often. */
  checkInEscalateAfter: number;
  /** On a chat call, warn the caller this long before the chat-call limit. */
  chatCallWarningLead: number;
}

export const defaultCallLimits: CallLimits = {
  reinviteTimeout: 8_000,
  checkInEscalateAfter: 5_000,
  chatCallWarningLead: 60_000,
};

export interface RemoteParty { number: string; displayName?: string }

export interface CallInput {
  timings: Timings;
  direction: 'incoming' | 'outgoing';
  remote: RemoteParty;
  tier: Tier;
  /** Policy lets this agent end a call before the closing lock is over, with a reason. */
  overrideAllowed?: boolean;
  limits?: Partial<CallLimits>;
  /** Timestamps for records and deadlines only; time passes through the actor's clock. */
  now: () => number;
}

// --- events in -------------------------------------------------------------------------------

export type EndedBy = 'local' | 'remote' | 'system';

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
  | { type: 'ENGINE.REMOTE_AUDIO'; silent: boolean };

export type AgentEvent =
  | { type: 'AGENT.ANSWER' }
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
  | { type: 'AGENT.CONSULT'; target: string }
  | { type: 'AGENT.BLIND_TRANSFER'; target: string }
  | { type: 'AGENT.COMPLETE_TRANSFER' }
  | { type: 'AGENT.CANCEL_TRANSFER' }
  | { type: 'AGENT.MUTE' }
  | { type: 'AGENT.UNMUTE' };

/** Raised inside the machine between the hold regions; not for the UI. */
export type InternalEvent =
  | { type: 'HOLD.CHECK_IN_DONE' }
  | { type: 'HOLD.CHECK_IN_ABORTED' };

export type CallEvent = EngineEvent | AgentEvent | InternalEvent;

// --- events out ------------------------------------------------------------------------------

export type HangupReason = 'agent' | 'system-harassment' | 'system-silent' | 'override';

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
  | ({ type: 'record' } & CallRecord);

export type CallEmitted = EngineCommand | CallNotice;

// --- context ---------------------------------------------------------------------------------

export type CallErrorKind =
  | 'hold-rejected' | 'hold-timeout' | 'unhold-rejected' | 'unhold-timeout'
  | 'transfer-busy' | 'transfer-no-answer' | 'transfer-failed' | 'transfer-target-left';

export interface CallError { kind: CallErrorKind; reason?: string; at: number }

export interface TransferState {
  target: string;
  mode: 'attended' | 'blind';
  /** The consult call to the target: not placed, ringing, or answered. */
  leg: 'none' | 'dialing' | 'ringing' | 'up';
  /** What the agent tells the target so the caller need not repeat it (002). */
  briefing: { number: string; displayName?: string; tier: Tier };
  failed?: boolean;
}

export interface CallbackPromise { number: string; promisedAt: number; dueAt: number }

export interface CallContext {
  timings: Timings;
  limits: CallLimits;
  direction: 'incoming' | 'outgoing';
  remote: RemoteParty;
  tier: Tier;
  overrideAllowed: boolean;
  now: () => number;

  startedAt: number;
  rings: number;
  connectedAt?: number;
  holdStartedAt?: number;
  /** When the next check-in comes due (absolute, for the UI's countdown). */
  nextCheckInAt?: number;
  /** Check-ins done (acknowledged) in this hold. */
  checkIns: number;
  /** Check-ins that came due in this hold. */
  checkInsDue: number;
  escalation: 0 | AlertLevel;
  lockEndsAt?: number;
  chatCall: boolean;
  chatCallEndsAt?: number;
  muted: boolean;
  transfer?: TransferState;
  callback?: CallbackPromise;
  error?: CallError;
  phrase?: PhraseKey;
  records: CallRecord[];
}
