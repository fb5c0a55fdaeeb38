// One SIP call linked to its call actor: the call's engine events go in (through the phone, as
// ENGINE.CALL), the actor's commands come back out to the call, its notices to the app. Nothing
// here decides a rule or keeps a call's state: it only translates.
import type { CallEmitted, CallNotice, CallRef, EngineEvent, PhoneEvent } from '../../core/call/index.ts';
import type { Call } from '../engine/call.ts';
import type { CoachingTap } from '../audio/coachingTap.ts';

export interface CallLinkOptions {
  /** Into the phone actor. */
  send: (event: PhoneEvent) => void;
  /** Open a consult leg to a transfer target (a second call). */
  consult: (target: string) => Call;
  /** A SIP URI for a transfer target. */
  uriFor: (target: string) => string;
  /** The microphone opened while the call rang, if ready. */
  mic?: () => MediaStream | undefined;
  onNotice: (notice: CallNotice) => void;
  /** Speech coaching (issue 12): taps the call's audio once it is up; absent: coaching is off. */
  coach?: (call: Call) => CoachingTap | undefined;
}

export class CallLink {
  private consultCall: Call | undefined;
  private readonly subscription: { unsubscribe(): void };
  /** Speech coaching: the envelope frames of this call's audio (issue 12). */
  private tap: CoachingTap | undefined;

  constructor(readonly call: Call, readonly actor: CallRef, private readonly options: CallLinkOptions) {
    this.subscription = actor.on('*', (e: CallEmitted) => this.onEmitted(e));
    this.wire();
  }

  private toCall(event: EngineEvent): void {
    this.options.send({ type: 'ENGINE.CALL', id: this.call.id, event });
  }

  private wire(): void {
    const c = this.call;
    const send = (e: EngineEvent) => this.toCall(e);
    c.on('progress', () => send({ type: 'ENGINE.PROGRESS' }));
    c.on('confirmed', () => {
      send({ type: 'ENGINE.CONFIRMED' });
      this.tap ??= this.options.coach?.(c); // speech coaching (issue 12)
    });
    c.on('holdAccepted', () => send({ type: 'ENGINE.HOLD_ACCEPTED' }));
    c.on('holdFailed', ({ reason }) => send({ type: 'ENGINE.HOLD_FAILED', reason }));
    c.on('unholdAccepted', () => send({ type: 'ENGINE.UNHOLD_ACCEPTED' }));
    c.on('unholdFailed', ({ reason }) => send({ type: 'ENGINE.UNHOLD_FAILED', reason }));
    c.on('remoteReinvite', () => send({ type: 'ENGINE.REMOTE_REINVITE' }));
    c.on('referReceived', () => send({ type: 'ENGINE.REFER_RECEIVED' }));
    c.on('ended', ({ by, cause, status }) => {
      this.tap?.stop();
      if (status !== undefined && status >= 300) send({ type: 'ENGINE.FAILED', cause, status });
      else send({ type: 'ENGINE.ENDED', by, cause });
      this.consultCall?.hangup();
    });
  }

  /** Media counters and voice levels from the stats poll. */
  async pollMedia(): Promise<void> {
    if (this.call.isEnded) return;
    const media = await this.call.stats();
    this.toCall({ type: 'ENGINE.MEDIA', inboundPackets: media.inboundPackets, outboundPackets: media.outboundPackets });
    this.toCall({ type: 'ENGINE.REMOTE_AUDIO', level: media.audioLevel });
    this.toCall({ type: 'ENGINE.LOCAL_AUDIO', level: media.localLevel });
    // Speech coaching (issue 12): the frames heard since the last poll, in the same task (one render).
    const frames = this.tap?.drain();
    if (frames) this.toCall({ type: 'COACH.FEATURES', ...frames });
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
    const send = (e: EngineEvent) => { if (this.consultCall === leg) this.toCall(e); };
    leg.on('progress', () => send({ type: 'ENGINE.CONSULT_PROGRESS' }));
    leg.on('confirmed', () => send({ type: 'ENGINE.CONSULT_CONFIRMED' }));
    leg.on('ended', ({ status, cause }) => {
      if (status !== undefined && status >= 300) send({ type: 'ENGINE.CONSULT_FAILED', status, cause });
      else send({ type: 'ENGINE.CONSULT_ENDED' });
    });
  }

  private refer(target: string, replaces: boolean): void {
    const done = () => {
      this.toCall({ type: 'ENGINE.TRANSFER_DONE' });
      // The transferee now talks to the target: our legs are finished.
      this.call.hangup();
      this.consultCall?.hangup();
    };
    this.call.refer(this.options.uriFor(target), replaces ? this.consultCall : undefined, {
      accepted: done,
      failed: () => this.toCall({ type: 'ENGINE.TRANSFER_FAILED' }),
    });
  }

  dispose(): void {
    this.tap?.stop();
    this.subscription.unsubscribe();
    this.consultCall?.hangup();
  }
}
