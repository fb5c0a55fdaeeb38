// The call statechart's building blocks: named delays (the standard's numbers, read from the
// timings in context), guards and actions. The state files compose these by name.
import { assign, emit, enqueueActions, raise, setup } from 'xstate';
import { initialCoach, stepCoach } from '../coaching/coach.ts';
import type {
  AlertLevel, CallContext, CallEmitted, CallEnd, CallErrorKind, CallEvent, CallInput, CallRecord, CallReport, EngineCommand, PhraseKey, RecordKind,
} from './types.ts';
import { transferFailureKeys } from './types.ts';

/** The record's timeline keeps at most this many talk-overs of a call. */
export const TALK_OVER_LOG = 100;

function reasonOf(event: CallEvent): string | undefined {
  if ('reason' in event && typeof event.reason === 'string') return event.reason;
  if ('cause' in event && typeof event.cause === 'string') return event.cause;
  if ('status' in event && typeof event.status === 'number') return String(event.status);
  return undefined;
}

export const callSetup = setup({
  types: {
    context: {} as CallContext,
    events: {} as CallEvent,
    emitted: {} as CallEmitted,
    input: {} as CallInput,
    output: {} as { records: CallRecord[]; callback?: CallContext['callback'] },
  },
  delays: {
    ringCycle: ({ context }) => context.timings.ringCycle,
    greetWithin: ({ context }) => context.timings.greetWithin,
    checkInEvery: ({ context }) => context.timings.checkInEvery,
    checkInEscalateAfter: ({ context }) => context.limits.checkInEscalateAfter,
    holdLimit: ({ context }) => context.timings.holdLimit,
    reinviteTimeout: ({ context }) => context.limits.reinviteTimeout,
    /** C3/N6: 5 s after the closing phrase; never shorter than N12's pause before hanging up (004: 1–2 s). */
    hangupWait: ({ context }) => Math.max(context.timings.hangupWait, context.timings.pauseBeforeHangup),
    harassmentWarning: ({ context }) => context.timings.harassmentWarning,
    silentWait: ({ context }) => context.timings.silentWait,
    /** N9: the wait after the silent-call prompt of that step (the pack's waitMs, else silentWait). */
    silentWait0: ({ context }) => context.silentWaits[0] ?? context.timings.silentWait,
    silentWait1: ({ context }) => context.silentWaits[1] ?? context.timings.silentWait,
    silentWait2: ({ context }) => context.silentWaits[2] ?? context.timings.silentWait,
    silenceDetect: ({ context }) => context.timings.silenceDetect,
    transferTimeout: ({ context }) => context.timings.transferTimeout,
    mediaTimeout: ({ context }) => context.timings.mediaTimeout,
    /** From connect until the chat-call warning. */
    chatCallWarnAfter: ({ context }) => Math.max(0, context.timings.chatCallLimit - context.limits.chatCallWarningLead),
    /** From the chat-call warning until the limit. */
    chatCallWarningLead: ({ context }) => Math.min(context.limits.chatCallWarningLead, context.timings.chatCallLimit),
  },
  guards: {
    isIncoming: ({ context }) => context.direction === 'incoming',
    isOutgoing: ({ context }) => context.direction === 'outgoing',
    remoteHungUp: ({ event }) => event.type === 'ENGINE.ENDED' && event.by === 'remote',
    /** The far end's packets keep coming (the counters grew since the last poll). */
    mediaFlowing: ({ context, event }) => event.type === 'ENGINE.MEDIA' && event.inboundPackets > (context.media?.inboundPackets ?? 0),
    /** The line ended the call, not either party: the network, a timeout (002 §3.1.6, 断线). */
    lineDropped: ({ context, event }) => context.remote.number !== ''
      && (event.type === 'ENGINE.FAILED' || (event.type === 'ENGINE.ENDED' && event.by !== 'remote' && event.by !== 'local')),
    callerSpeaks: ({ context, event }) => event.type === 'ENGINE.REMOTE_AUDIO' && event.level >= context.limits.silenceLevel,
    remoteSilent: ({ context, event }) => event.type === 'ENGINE.REMOTE_AUDIO' && event.level < context.limits.silenceLevel,
    /** The agent's own voice on the line (002: greet within 2–3 s of connecting). */
    agentSpeaks: ({ context, event }) => event.type === 'ENGINE.LOCAL_AUDIO' && event.level > context.limits.voiceLevel,
    isChatCall: ({ context }) => context.chatCall,
    callbackPromised: ({ context }) => context.callback !== undefined,
    overrideAllowedWithReason: ({ context, event }) =>
      context.overrideAllowed && event.type === 'AGENT.OVERRIDE_HANGUP' && event.reason.trim() !== '',
    /** Held past the first check-in: return with "让您久等了" rather than "感谢您的耐心等待". */
    heldLong: ({ context }) => context.checkInsDue > 0,
    attendedTransfer: ({ context }) => context.transfer?.mode === 'attended',
    transferFailed: ({ context }) => context.transfer?.failed === true,
    targetBusy: ({ event }) => event.type === 'ENGINE.CONSULT_FAILED' && [486, 600, 603].includes(event.status ?? 0),
    // speech coaching (coachingRules.ts)
    /** N11: out of the band, on one side, for rateHintAfter of speech. */
    rateHintDue: ({ context }) => (context.coaching?.figures.offRunMs ?? 0) >= context.limits.rateHintAfter,
    customerQuiet: ({ context }) => (context.coaching?.figures.customerLowMs ?? 0) >= context.limits.lowVoiceFor,
    customerHeard: ({ context }) => (context.coaching?.figures.customerLowMs ?? 0) === 0,
  },
  actions: {
    say: enqueueActions(({ enqueue }, params: { key: PhraseKey; step?: number }) => {
      enqueue.assign({ phrase: params.key });
      enqueue.emit(params.step === undefined
        ? { type: 'guide.phrase', key: params.key }
        : { type: 'guide.phrase', key: params.key, step: params.step });
    }),
    command: emit((_, params: EngineCommand) => params),
    record: enqueueActions(({ enqueue, context, event }, params: { kind: RecordKind; reason?: 'event' | string }) => {
      const reason = params.reason === 'event' ? reasonOf(event) : params.reason;
      const entry: CallRecord = reason === undefined
        ? { kind: params.kind, at: context.now() }
        : { kind: params.kind, reason, at: context.now() };
      enqueue.assign({ records: [...context.records, entry] });
      enqueue.emit({ type: 'record', ...entry });
    }),
    fail: assign(({ context, event }, params: { kind: CallErrorKind }) => {
      const reason = reasonOf(event);
      return { error: reason === undefined ? { kind: params.kind, at: context.now() } : { kind: params.kind, reason, at: context.now() } };
    }),
    clearError: assign({ error: undefined }),

    // ringing
    countRing: enqueueActions(({ enqueue, context }) => {
      const rings = context.rings + 1;
      enqueue.assign({ rings });
      enqueue.emit({ type: 'ring', count: rings });
      if (rings === context.timings.answerWithinRings) enqueue.emit({ type: 'rule.breached', rule: 'answerWithinRings' });
    }),
    markAnswered: assign(({ context }) => ({ answeredAt: context.now() })),
    markConnected: assign(({ context }) => ({
      connectedAt: context.now(),
      chatCallEndsAt: context.now() + context.timings.chatCallLimit,
    })),
    markGreeted: assign(({ context }, params: { by: 'voice' | 'agent' }) => ({ greetedAt: context.now(), greetedBy: params.by })),
    /** How the call ended, from the engine's last word (or the agent's/system's hang-up). */
    markEnded: assign(({ context, event }) => {
      if (context.ended) return {};
      const ended: CallEnd = event.type === 'ENGINE.ENDED' ? { by: event.by, cause: event.cause }
        : event.type === 'ENGINE.FAILED' ? (event.status === undefined ? { by: 'remote', cause: event.cause } : { by: 'remote', cause: event.cause, status: event.status })
        : { by: 'local', cause: event.type };
      return { ended };
    }),
    identify: assign(({ event }) => {
      if (event.type !== 'CALLER.IDENTIFIED') return {};
      const { type: _type, tier, ...identity } = event;
      return { tier, identity };
    }),
    countMedia: assign(({ event }) => (event.type === 'ENGINE.MEDIA'
      ? { media: { inboundPackets: event.inboundPackets, outboundPackets: event.outboundPackets } } : {})),
    chooseScenario: assign(({ event }) => (event.type === 'AGENT.CHOOSE_SCENARIO'
      ? { scenario: { id: event.id, reason: event.reason ?? 'agent' }, step: 0 } : {})),
    moveStep: assign(({ context, event }) => {
      if (event.type !== 'AGENT.STEP' || event.of < 1) return {};
      return { step: Math.max(0, Math.min(event.of - 1, context.step + event.delta)) };
    }),
    markEmergency: enqueueActions(({ enqueue, context, self }) => {
      if (context.emergencyAt !== undefined) return;
      const every = context.timings.emergencyUpdateEvery;
      enqueue.assign({ emergencyAt: context.now() });
      enqueue.emit({ type: 'emergency.opened', number: context.remote.number, every });
      if (self._parent) enqueue.sendParent({ type: 'CALL.EMERGENCY_OPENED', id: context.id, number: context.remote.number, every } satisfies CallReport);
    }),
    /** Tell the phone running this call (its XState parent), if there is one: a lone call (tests) has none. */
    report: enqueueActions(({ enqueue, context, self }, params: { type: 'CALL.HELD' | 'CALL.NOT_HELD' | 'CALL.CONNECTED' }) => {
      if (self._parent) enqueue.sendParent({ type: params.type, id: context.id } satisfies CallReport);
    }),
    greetingLate: emit({ type: 'rule.breached', rule: 'greetWithin' }),

    // hold
    startHold: assign(({ context }) => ({
      holdStartedAt: context.now(), checkIns: 0, checkInsDue: 0, escalation: 0 as const, error: undefined,
    })),
    endHold: assign({ holdStartedAt: undefined, nextCheckInAt: undefined, escalation: 0 as const }),
    scheduleCheckIn: assign(({ context }) => ({ nextCheckInAt: context.now() + context.timings.checkInEvery })),
    checkInDue: enqueueActions(({ enqueue, context }) => {
      enqueue.assign({ checkInsDue: context.checkInsDue + 1, escalation: 1 as const });
      enqueue.emit({ type: 'alert.checkIn', count: context.checkIns + 1, level: 1 });
    }),
    escalateCheckIn: enqueueActions(({ enqueue, context }, params: { level: AlertLevel }) => {
      enqueue.assign({ escalation: params.level });
      enqueue.emit({ type: 'alert.checkIn', count: context.checkIns + 1, level: params.level });
    }),
    countCheckIn: assign(({ context }) => ({ checkIns: context.checkIns + 1, escalation: 0 as const })),
    /** Tell the reminder region how the one-key check-in ended. */
    finishCheckIn: raise({ type: 'HOLD.CHECK_IN_DONE' }),
    abortCheckIn: raise({ type: 'HOLD.CHECK_IN_ABORTED' }),
    offerCallback: enqueueActions(({ enqueue, context }) => {
      enqueue.emit({ type: 'alert.callbackOffer', heldSince: context.holdStartedAt ?? context.now() });
    }),
    promiseCallback: enqueueActions(({ enqueue, context, event, self }) => {
      if (event.type !== 'AGENT.OFFER_CALLBACK' && !event.type.startsWith('ENGINE.') && !event.type.startsWith('xstate.after.')) return;
      const promisedAt = context.now();
      // The agent's offer names the number and time; a dropped call is called back at the standard's time (C5, N5).
      const number = event.type === 'AGENT.OFFER_CALLBACK' ? event.number ?? context.remote.number : context.remote.number;
      const dueAt = promisedAt + (event.type === 'AGENT.OFFER_CALLBACK' ? event.dueMs ?? context.timings.callbackDue : context.timings.callbackDue);
      enqueue.assign({ callback: { number, promisedAt, dueAt } });
      enqueue.emit({ type: 'callback.promised', number, dueAt });
      if (self._parent) enqueue.sendParent({ type: 'CALL.CALLBACK_PROMISED', id: context.id, number, dueAt } satisfies CallReport);
    }),

    // closing
    startLock: assign(({ context }) => ({
      closingAt: context.now(),
      lockEndsAt: context.now() + Math.max(context.timings.hangupWait, context.timings.pauseBeforeHangup),
    })),
    endLock: assign({ lockEndsAt: undefined }),
    hangupLocked: emit(({ context }) => context.lockEndsAt === undefined
      ? { type: 'alert.hangupLocked' as const }
      : { type: 'alert.hangupLocked' as const, lockEndsAt: context.lockEndsAt }),
    refuseOverride: emit(({ context }) => ({
      type: 'alert.overrideRefused' as const,
      why: context.overrideAllowed ? 'no-reason' as const : 'not-allowed' as const,
    })),
    markChatCall: assign({ chatCall: true }),
    warnChatCall: enqueueActions(({ enqueue, context }) => {
      enqueue.assign({ phrase: 'harassment.chatCallWarning' });
      enqueue.emit({ type: 'guide.phrase', key: 'harassment.chatCallWarning' });
      enqueue.emit({ type: 'alert.chatCallLimit', endsAt: context.chatCallEndsAt ?? context.now() });
    }),
    suspectSilence: emit({ type: 'alert.silence' }),
    setMuted: assign((_, params: { muted: boolean }) => ({ muted: params.muted })),

    // speech coaching (coachingRules.ts)
    /** One batch of envelope frames through the coach; `watching`: silence now would be dead air. */
    hearCoach: enqueueActions(({ enqueue, context, event }, params: { watching: boolean }) => {
      if (event.type !== 'COACH.FEATURES') return;
      const { state, events } = stepCoach(context.coaching ?? initialCoach(), event, params.watching, context.limits);
      // The batch ends now: a frame's moment is counted back from it.
      const now = context.now();
      const at = (frame: number) => Math.round(now - (state.frames - 1 - frame) * event.frameMs);
      const overs = events.flatMap((e) => (e.type === 'talkOver' ? [{ by: e.by, at: at(e.frame) }] : []));
      enqueue.assign({
        coaching: state,
        ...(overs.length ? { talkOverLog: [...(context.talkOverLog ?? []), ...overs].slice(-TALK_OVER_LOG) } : {}),
      });
      for (const e of events) enqueue.emit(e.type === 'talkOver' ? { type: 'coach.talkOver', by: e.by } : { type: 'coach.deadAir' });
    }),
    hintRate: enqueueActions(({ enqueue, context }) => {
      const f = context.coaching?.figures;
      if (f?.rate !== undefined && f.side !== 'ok') enqueue.emit({ type: 'coach.rateHint', side: f.side, rate: f.rate });
    }),
    offerLowVolume: emit({ type: 'coach.lowVolume' }),

    // transfer
    startTransfer: assign(({ context, event }) => {
      if (event.type !== 'AGENT.CONSULT' && event.type !== 'AGENT.BLIND_TRANSFER') return {};
      const briefing = context.remote.displayName === undefined
        ? { number: context.remote.number, tier: context.tier }
        : { number: context.remote.number, displayName: context.remote.displayName, tier: context.tier };
      return {
        error: undefined,
        transfer: {
          target: event.target,
          kind: event.kind ?? 'agent' as const,
          label: event.label?.trim() || event.target,
          mode: event.type === 'AGENT.CONSULT' ? 'attended' as const : 'blind' as const,
          leg: 'none' as const,
          briefing,
        },
      };
    }),
    setLeg: assign(({ context }, params: { leg: 'none' | 'dialing' | 'ringing' | 'up' }) =>
      context.transfer ? { transfer: { ...context.transfer, leg: params.leg } } : {}),
    consultTarget: emit(({ context }) => ({ type: 'engine.consult' as const, target: context.transfer?.target ?? '' })),
    referTarget: emit(({ context }, params: { replaces: boolean }) =>
      ({ type: 'engine.refer' as const, target: context.transfer?.target ?? '', replaces: params.replaces })),
    /**
     * T3: tell the caller why, by the failure's cause — the target busy ('transfer.busy', or the
     * requested operator busy: 'transfer.failed', 001), not reached (nothing more) — then offer
     * the fallback (002: give the number or take one for a call-back).
     */
    sayTransferFailure: enqueueActions(({ enqueue, context }) => {
      for (const key of transferFailureKeys(context.transfer?.kind, context.error?.kind === 'transfer-busy')) {
        enqueue.assign({ phrase: key });
        enqueue.emit({ type: 'guide.phrase', key });
      }
    }),
    markTransferFailed: assign(({ context }) =>
      context.transfer ? { transfer: { ...context.transfer, failed: true } } : {}),
    /** The consult call must not outlive the transfer (or the call). */
    releaseConsultLeg: enqueueActions(({ enqueue, context }) => {
      if (!context.transfer || context.transfer.leg === 'none') return;
      enqueue.emit({ type: 'engine.cancelConsult' });
      enqueue.assign({ transfer: { ...context.transfer, leg: 'none' } });
    }),
  },
});



// Readable action references for the state files: `entry: say('hold.consent')`.
export const say = (key: PhraseKey, step?: number) =>
  ({ type: 'say', params: step === undefined ? { key } : { key, step } }) as const;
export const command = (params: EngineCommand) => ({ type: 'command', params }) as const;
export const record = (kind: RecordKind, reason?: 'event' | string) =>
  ({ type: 'record', params: reason === undefined ? { kind } : { kind, reason } }) as const;
export const fail = (kind: CallErrorKind) => ({ type: 'fail', params: { kind } }) as const;
export const report = (type: 'CALL.HELD' | 'CALL.NOT_HELD' | 'CALL.CONNECTED') => ({ type: 'report', params: { type } }) as const;
