// The adapter between one SIP call and its statechart (src/core/call): engine events go in as
// ENGINE.*, the agent's buttons as AGENT.*, and the machine's commands come back out to the
// call. Nothing here decides a rule: it only translates.
import { createActor, type Actor } from 'xstate';
import {
  callMachine, callPhase, canHangUp, canOverride, currentPhraseKey, isOnHold, ruleStatus,
  type AgentEvent, type CallEmitted, type CallError, type CallNotice, type CallPhase, type CallRecord,
  type CallSnapshot, type PhraseKey, type RuleStatus, type TransferState,
} from '../../core/call/index.ts';
import type { Tier } from '../../core/config.ts';
import type { Timings } from '../../core/timings.ts';
import type { Call } from '../engine/call.ts';
import type { RuleClock } from './ruleClock.ts';

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
  phraseStep?: number;
  callbackOfferDue: boolean;
  error?: CallError;
  transfer?: TransferState;
  rules: RuleStatus[];
  records: CallRecord[];
  rings: number;
}

export interface CallRulesOptions {
  timings: Timings;
  tier: Tier;
  overrideAllowed: boolean;
  clock: RuleClock;
  /** Open a consult leg to a transfer target (a second call). */
  consult: (target: string) => Call;
  /** A SIP URI for a transfer target. */
  uriFor: (target: string) => string;
  mic?: () => MediaStream | undefined;
  onNotice: (notice: CallNotice) => void;
  onChange: (view: RulesView) => void;
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
    escalation: s.matches({ connected: { call: 'onHold' } }) ? c.escalation : 0,
    checkIns: c.checkIns,
    phraseKey,
    phraseStep: phraseKey?.startsWith('silent.') ? silentStep(s) : undefined,
    callbackOfferDue: s.matches({ connected: { call: { onHold: { limit: 'callbackOfferDue' } } } } as never),
    error: c.error,
    transfer: c.transfer,
    rules: ruleStatus(s),
    records: c.records,
    rings: c.rings,
  };
}

function silentStep(s: CallSnapshot): number {
  for (const [i, name] of ['firstPrompt', 'secondPrompt', 'closing'].entries()) {
    if (s.matches({ connected: { call: { silentSequence: name } } } as never)) return i;
  }
  return 0;
}

export class CallRules {
  private readonly actor: Actor<typeof callMachine>;
  private consultCall: Call | undefined;
  private lastSilent: boolean | undefined;

  constructor(private readonly call: Call, private readonly options: CallRulesOptions) {
    this.actor = createActor(callMachine, {
      input: {
        timings: options.timings,
        direction: call.direction,
        remote: { number: call.remote.number, displayName: call.remote.displayName },
        tier: options.tier,
        overrideAllowed: options.overrideAllowed,
        now: options.clock.now,
      },
      clock: options.clock,
    });
    this.actor.on('*', (e: CallEmitted) => this.onEmitted(e));
    this.actor.subscribe((s) => options.onChange(rulesView(s)));
    this.wireCall();
    this.actor.start();
  }

  get view(): RulesView { return rulesView(this.actor.getSnapshot()); }
  get ended(): boolean { return this.actor.getSnapshot().status === 'done'; }

  send(event: AgentEvent): void {
    this.actor.send(event);
  }

  /** Remote audio level from the stats poll: silence starts the silent-call detection. */
  remoteAudio(level: number): void {
    const silent = level < 0.01;
    if (silent === this.lastSilent) return;
    this.lastSilent = silent;
    this.actor.send({ type: 'ENGINE.REMOTE_AUDIO', silent });
  }

  private wireCall(): void {
    const c = this.call;
    const send = (e: Parameters<typeof this.actor.send>[0]) => this.actor.send(e);
    c.on('progress', () => send({ type: 'ENGINE.PROGRESS' }));
    c.on('confirmed', () => send({ type: 'ENGINE.CONFIRMED' }));
    c.on('holdAccepted', () => send({ type: 'ENGINE.HOLD_ACCEPTED' }));
    c.on('holdFailed', ({ reason }) => send({ type: 'ENGINE.HOLD_FAILED', reason }));
    c.on('unholdAccepted', () => send({ type: 'ENGINE.UNHOLD_ACCEPTED' }));
    c.on('unholdFailed', ({ reason }) => send({ type: 'ENGINE.UNHOLD_FAILED', reason }));
    c.on('remoteReinvite', () => send({ type: 'ENGINE.REMOTE_REINVITE' }));
    c.on('referReceived', () => send({ type: 'ENGINE.REFER_RECEIVED' }));
    c.on('ended', ({ by, cause, status }) => {
      if (status !== undefined && status >= 300) send({ type: 'ENGINE.FAILED', cause, status });
      else send({ type: 'ENGINE.ENDED', by, cause });
      this.consultCall?.hangup();
    });
  }

  private onEmitted(e: CallEmitted): void {
    const c = this.call;
    switch (e.type) {
      case 'engine.answer': c.answer(this.options.mic?.()); return;
      case 'engine.decline': c.decline(e.code === 603 ? 603 : 486); return;
      case 'engine.hold': c.hold(); return;
      case 'engine.unhold': c.unhold(); return;
      case 'engine.hangup': c.hangup(e.reason); return;
      case 'engine.mute': c.mute(); return;
      case 'engine.unmute': c.unmute(); return;
      case 'engine.consult': this.startConsult(e.target); return;
      case 'engine.cancelConsult': this.consultCall?.hangup(); this.consultCall = undefined; return;
      case 'engine.refer': this.refer(e.target, e.replaces); return;
      default: this.options.onNotice(e);
    }
  }

  private startConsult(target: string): void {
    const leg = this.options.consult(target);
    this.consultCall = leg;
    const send = (e: Parameters<typeof this.actor.send>[0]) => { if (this.consultCall === leg) this.actor.send(e); };
    leg.on('progress', () => send({ type: 'ENGINE.CONSULT_PROGRESS' }));
    leg.on('confirmed', () => send({ type: 'ENGINE.CONSULT_CONFIRMED' }));
    leg.on('ended', ({ status, cause }) => {
      if (status !== undefined && status >= 300) send({ type: 'ENGINE.CONSULT_FAILED', status, cause });
      else send({ type: 'ENGINE.CONSULT_ENDED' });
    });
  }

  private refer(target: string, replaces: boolean): void {
    const done = () => {
      this.actor.send({ type: 'ENGINE.TRANSFER_DONE' });
      // The transferee now talks to the target: our legs are finished.
      this.call.hangup();
      this.consultCall?.hangup();
    };
    this.call.refer(this.options.uriFor(target), replaces ? this.consultCall : undefined, {
      accepted: done,
      failed: () => this.actor.send({ type: 'ENGINE.TRANSFER_FAILED' }),
    });
  }

  stop(): void {
    this.actor.stop();
  }
}
