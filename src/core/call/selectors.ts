// What the UI reads from a call snapshot. Components render these and send events; they decide
// nothing. Deadlines are absolute: the UI recomputes "time left" from its own clock each tick.
import type { SnapshotFrom } from 'xstate';
import type { CallMachine } from './callMachine.ts';
import type { AlertLevel, PhraseKey } from './types.ts';

export type CallSnapshot = SnapshotFrom<CallMachine>;

export type CallPhase =
  | 'idle' | 'ringing' | 'answering' | 'dialing'
  | 'talking' | 'holdConsent' | 'holding' | 'onHold' | 'transfer'
  | 'closingCheck' | 'closingLock' | 'harassmentWarning' | 'silentSequence' | 'ended';

const CONNECTED_PHASES = ['talking', 'holdConsent', 'holding', 'onHold', 'transfer', 'closingCheck', 'closingLock', 'harassmentWarning', 'silentSequence'] as const;

/** The agent-flow state by name, as the standard reads: 'talking', 'onHold', 'closingLock', … */
export function callPhase(s: CallSnapshot): CallPhase {
  if (s.matches('connected')) {
    return CONNECTED_PHASES.find((p) => s.matches({ connected: { call: p } })) ?? 'talking';
  }
  for (const p of ['idle', 'ringing', 'answering', 'dialing', 'ended'] as const) if (s.matches(p)) return p;
  return 'ended';
}

/** Hang up is enabled only after the closing lock (or to cancel an outgoing call not yet answered). */
export function canHangUp(s: CallSnapshot): boolean {
  return s.matches('dialing') || s.matches({ connected: { call: { closingLock: 'unlocked' } } });
}

/** Override (end now, with a reason) is offered only where policy allows it. */
export function canOverride(s: CallSnapshot): boolean {
  return s.context.overrideAllowed && s.matches('connected');
}

/** The caller is held: the far end accepted the hold and has not yet accepted an unhold. */
export function isOnHold(s: CallSnapshot): boolean {
  const held = [
    { onHold: { line: 'held' } }, { onHold: { line: 'resuming' } }, { onHold: { line: { checkIn: 'unholding' } } },
    { transfer: 'consulting' }, { transfer: 'briefing' }, { transfer: 'returning' }, { transfer: 'callerHeld' },
  ] as const;
  if (held.some((call) => s.matches({ connected: { call } }))) return true;
  return s.matches({ connected: { call: { transfer: 'completing' } } }) && s.context.transfer?.mode === 'attended';
}

/**
 * The hold's reminder and limit regions run on an ordinary hold and while the caller is held
 * for a transfer (H3). `holdAt({ reminder: 'due' })` asks either place.
 */
export function holdAt(s: CallSnapshot, value?: object): boolean {
  const onHold = value === undefined ? 'onHold' : { onHold: value };
  const forTransfer = value === undefined ? 'yes' : { yes: value };
  return s.matches({ connected: { call: onHold } } as never) || s.matches({ connected: { heldForTransfer: forTransfer } } as never);
}

export function holdElapsed(s: CallSnapshot, now: number): number {
  return s.context.holdStartedAt === undefined ? 0 : Math.max(0, now - s.context.holdStartedAt);
}

export function lockRemaining(s: CallSnapshot, now: number): number {
  if (!s.matches({ connected: { call: { closingLock: 'locked' } } }) || s.context.lockEndsAt === undefined) return 0;
  return Math.max(0, s.context.lockEndsAt - now);
}

/** The check-in alert level now: 0 none, 1 visual, 2 sound, 3 louder and repeated. */
export function checkInAlertLevel(s: CallSnapshot): 0 | AlertLevel {
  return holdAt(s) ? s.context.escalation : 0;
}

const RETURN_PHRASES: readonly PhraseKey[] = ['hold.return', 'hold.returnLong', 'transfer.failed', 'transfer.busy', 'transfer.fallback'];

/** The phrase the agent should be saying (or about to say) now; the pack holds its text. */
export function currentPhraseKey(s: CallSnapshot): PhraseKey | undefined {
  const at = (call: string | object) => s.matches({ connected: { call } } as never);
  if (at('holdConsent')) return 'hold.consent';
  if (holdAt(s, { limit: 'callbackOfferDue' })) return 'hold.callbackOffer';
  if (at({ onHold: { line: 'checkIn' } }) || holdAt(s, { reminder: 'due' })
    || holdAt(s, { reminder: 'unanswered' }) || holdAt(s, { reminder: 'ignored' })) return 'hold.checkIn';
  if (at({ transfer: 'consent' })) return 'transfer.consent';
  if (at('closingCheck')) return 'replies.anythingElse';
  if (at('closingLock')) return 'replies.closing';
  if (at('harassmentWarning')) return 'harassment.warning';
  if (at('silentSequence')) return s.context.phrase;
  if (at('talking')) {
    if (s.matches({ connected: { talkTime: { nearLimit: 'warned' } } })) return 'harassment.chatCallWarning';
    return s.context.phrase !== undefined && RETURN_PHRASES.includes(s.context.phrase) ? s.context.phrase : undefined;
  }
  return undefined;
}

export type RuleId = 'answerWithinRings' | 'greetWithin' | 'checkInEvery' | 'holdLimit' | 'hangupLock' | 'chatCallLimit';
export type RuleState = 'idle' | 'running' | 'due' | 'met' | 'breached' | 'waived';

export interface RuleStatus {
  rule: RuleId;
  state: RuleState;
  /** Absolute time the rule comes due / ends, when it is running. */
  deadline?: number;
  /** For rings: rings so far and the limit; for check-ins: done so far and the alert level. */
  count?: number;
  of?: number;
  level?: 0 | AlertLevel;
}

/** The rules for the overlay: 'answer within 3 rings', 'greet within 3 s', 'check-in every 15 s', … */
export function ruleStatus(s: CallSnapshot): RuleStatus[] {
  const c = s.context;
  const rules: RuleStatus[] = [];
  const connected = (value: object) => s.matches({ connected: value } as never);

  if (c.direction === 'incoming') {
    const breached = c.rings >= c.timings.answerWithinRings;
    const state: RuleState = breached ? 'breached' : s.matches('ringing') ? 'running' : s.matches('idle') ? 'idle' : 'met';
    rules.push({ rule: 'answerWithinRings', state, count: c.rings, of: c.timings.answerWithinRings });
  }

  if (connected({ greeting: 'due' })) {
    rules.push({ rule: 'greetWithin', state: 'running', deadline: (c.connectedAt ?? 0) + c.timings.greetWithin });
  } else if (connected({ greeting: 'met' })) rules.push({ rule: 'greetWithin', state: 'met' });
  else if (connected({ greeting: 'late' })) rules.push({ rule: 'greetWithin', state: 'breached' });

  if (holdAt(s)) {
    const reminderDue = !holdAt(s, { reminder: 'waiting' }) && !holdAt(s, { reminder: 'returning' });
    rules.push(reminderDue
      ? { rule: 'checkInEvery', state: 'due', count: c.checkIns, level: c.escalation }
      : { rule: 'checkInEvery', state: 'running', count: c.checkIns, level: 0, ...(c.nextCheckInAt === undefined ? {} : { deadline: c.nextCheckInAt }) });
    const limitState: RuleState = holdAt(s, { limit: 'counting' }) ? 'running'
      : holdAt(s, { limit: 'callbackOfferDue' }) ? 'due'
      : holdAt(s, { limit: 'customerWaits' }) ? 'waived' : 'met';
    rules.push(limitState === 'running'
      ? { rule: 'holdLimit', state: 'running', deadline: (c.holdStartedAt ?? 0) + c.timings.holdLimit }
      : { rule: 'holdLimit', state: limitState });
  } else {
    rules.push({ rule: 'checkInEvery', state: 'idle' }, { rule: 'holdLimit', state: 'idle' });
  }

  if (connected({ call: { closingLock: 'locked' } })) {
    rules.push({ rule: 'hangupLock', state: 'running', ...(c.lockEndsAt === undefined ? {} : { deadline: c.lockEndsAt }) });
  } else if (connected({ call: { closingLock: 'unlocked' } })) rules.push({ rule: 'hangupLock', state: 'met' });
  else rules.push({ rule: 'hangupLock', state: 'idle' });

  if (c.chatCall) {
    const warned = connected({ talkTime: 'nearLimit' }) || connected({ talkTime: 'overLimit' });
    rules.push({ rule: 'chatCallLimit', state: warned ? 'due' : 'running', ...(c.chatCallEndsAt === undefined ? {} : { deadline: c.chatCallEndsAt }) });
  }
  return rules;
}
