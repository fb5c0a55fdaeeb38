// The phone: one SIP engine (live, or training with a simulated caller in the page), its calls,
// each run by the standard's statechart (callRules.ts), and a snapshot for React. Components
// render the snapshot and call these methods; the statechart decides what is allowed.
import type { AppConfig } from '../../core/config.ts';
import type { AgentEvent, CallNotice } from '../../core/call/index.ts';
import type { Timings } from '../../core/timings.ts';
import { SipEngine } from '../engine/sipEngine.ts';
import type { Call } from '../engine/call.ts';
import { LoopbackRouter } from '../training/loopback.ts';
import { SimulatedCaller, TRAINING_DOMAIN, type PracticeCall } from '../training/simulatedCaller.ts';
import { playRemoteAudio } from './audioOutput.ts';
import type { CallView, PhoneView, TierResolver } from './phoneView.ts';
import { CallRules, type RulesView } from './callRules.ts';
import { Ringtone } from './ringtone.ts';
import { loadAudioChoice, micConstraints, type AudioChoice } from './audioDevices.ts';
import type { RuleClock } from './ruleClock.ts';

export type { CallView, PhoneView, TierResolver } from './phoneView.ts';

export interface PhoneOptions {
  config: AppConfig;
  timings: Timings;
  clock: RuleClock;
  clipUrl?: string;
  resolveTier?: TierResolver;
  onNotice?: (notice: CallNotice, call: CallView) => void;
  audio?: AudioChoice;
}

const TRAINING_AGENT = 'agent';
/** Microphone level (0..1) above which the agent is speaking. */
const GREETING_VOICE_LEVEL = 0.02;

interface Leg { call: Call; rules: CallRules; mic?: { ready: Promise<MediaStream | undefined>; stream?: MediaStream } }

export class PhoneController {
  private view: PhoneView;
  private readonly listeners = new Set<() => void>();
  private engine: SipEngine | undefined;
  private caller: SimulatedCaller | undefined;
  private readonly legs = new Map<string, Leg>();
  private readonly ringtone: Ringtone;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private readonly config: AppConfig;
  /** A second call the agent answered; it is picked up once the first call is on hold. */
  private pendingAnswer: string | undefined;

  private readonly audio: AudioChoice;

  constructor(private readonly options: PhoneOptions) {
    this.config = options.config;
    this.audio = options.audio ?? loadAudioChoice();
    this.ringtone = new Ringtone(options.timings.ringCycle, 1_000, this.audio.ringer);
    this.view = { mode: this.config.mode, registration: { state: 'disabled' }, caller: 'idle' };
  }

  // --- React glue (useSyncExternalStore) ---
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getSnapshot = (): PhoneView => this.view;

  private update(patch: Partial<PhoneView>): void {
    this.view = { ...this.view, ...patch };
    this.notifySoon();
  }

  /**
   * Listeners (React, the overlay summary) hear of changes in the next task, once per burst:
   * the SIP work an agent's click starts (the answer's SDP, the hold re-INVITE) runs first,
   * instead of waiting behind a re-render. A MessageChannel task is not throttled when hidden.
   */
  private notifyScheduled = false;
  private readonly notifyChannel = typeof MessageChannel === 'undefined' ? undefined : new MessageChannel();
  private quiet = false;
  private notifySoon(): void {
    if (this.notifyScheduled || this.quiet) return;
    this.notifyScheduled = true;
    const run = () => {
      this.notifyScheduled = false;
      for (const l of this.listeners) l();
    };
    if (this.notifyChannel) {
      this.notifyChannel.port1.onmessage = run;
      this.notifyChannel.port2.postMessage(null);
    } else {
      queueMicrotask(run);
    }
  }

  private viewOf(id: string): CallView | undefined {
    const { incoming, active, parked } = this.view;
    return [incoming, active, parked].find((v) => v?.id === id);
  }

  private patchCall(id: string, patch: Partial<CallView>): void {
    const { incoming, active, parked, lastEnded } = this.view;
    if (incoming?.id === id) this.update({ incoming: { ...incoming, ...patch } });
    else if (active?.id === id) this.update({ active: { ...active, ...patch } });
    else if (parked?.id === id) this.update({ parked: { ...parked, ...patch } });
    // The statechart's last word (its records) can come just after the SIP call ended.
    else if (lastEnded?.id === id && patch.rules) this.update({ lastEnded: { ...lastEnded, rules: patch.rules } });
  }

  start(): void {
    if (this.engine) return;
    if (this.config.mode === 'training') {
      const router = new LoopbackRouter();
      this.engine = new SipEngine({
        sip: { uri: `sip:${TRAINING_AGENT}@${TRAINING_DOMAIN}`, ws: ['ws://training.invalid'], iceServers: [], iceGatheringCapMs: 100, register: false },
        sockets: [router.socket(TRAINING_AGENT) as never],
        audioOutput: (stream) => playRemoteAudio(stream, this.audio.speaker),
        mediaConstraints: micConstraints(this.audio),
      });
      this.caller = new SimulatedCaller(router, TRAINING_AGENT, this.options.clipUrl ?? './caller-zh.wav');
      this.caller.onState = (caller) => this.update({ caller });
    } else {
      const sip = this.config.sip;
      if (!sip) throw new Error('live mode needs SIP settings');
      this.engine = new SipEngine({
        sip, headerNames: this.config.headers,
        audioOutput: (stream) => playRemoteAudio(stream, this.audio.speaker),
        mediaConstraints: micConstraints(this.audio),
      });
    }
    this.engine.on('registration', (registration) => this.update({ registration }));
    this.engine.on('incoming', (call) => this.onIncoming(call));
    this.engine.start();
  }

  stop(): void {
    this.ringtone.stop();
    if (this.statsTimer) clearInterval(this.statsTimer);
    for (const leg of this.legs.values()) leg.rules.stop();
    this.caller?.stop();
    this.engine?.stop();
    this.engine = undefined;
  }

  private addLeg(call: Call, view: CallView, mic?: Leg['mic']): Leg {
    const engine = this.engine;
    const rules = new CallRules(call, {
      timings: this.options.timings,
      tier: view.tier,
      overrideAllowed: this.config.overrideAllowed,
      clock: this.options.clock,
      consult: (target) => {
        if (!engine) throw new Error('engine stopped');
        return engine.call(target);
      },
      uriFor: (target) => engine?.uriFor(target) ?? target,
      mic: () => mic?.stream,
      onNotice: (notice) => this.options.onNotice?.(notice, this.viewOf(call.id) ?? view),
      onChange: (rulesView) => this.onRules(call.id, rulesView),
    });
    const leg: Leg = { call, rules, mic };
    this.legs.set(call.id, leg);
    call.on('confirmed', () => this.onConfirmed(call.id));
    call.on('ended', (detail) => this.onEnded(call, detail));
    return leg;
  }

  private onRules(id: string, rules: RulesView): void {
    this.patchCall(id, { rules });
    const { active, incoming } = this.view;
    if (!this.pendingAnswer || active?.id !== id || incoming?.id !== this.pendingAnswer) return;
    if (rules.phase === 'onHold') {
      // The first caller agreed and is held: now pick up the waiting call.
      this.pendingAnswer = undefined;
      this.sendTo(incoming, { type: 'AGENT.ANSWER' });
      this.patchCall(incoming.id, { phase: 'answering', holdFirst: false });
    } else if (rules.phase === 'talking' || rules.phase === 'ended') {
      this.pendingAnswer = undefined; // consent refused or hold failed: the waiting call keeps ringing
      this.patchCall(incoming.id, { holdFirst: false });
    }
  }

  private onIncoming(call: Call): void {
    if (call.headers.replaces && this.view.active) {
      this.takeOver(call);
      return;
    }
    if (this.view.incoming) {
      call.decline(486); // one waiting call at a time
      return;
    }
    const who = this.options.resolveTier?.(call.remote.number, call.headers.tier);
    const view: CallView = {
      id: call.id,
      direction: 'incoming',
      number: call.remote.number,
      displayName: call.remote.displayName,
      tier: who?.now.tier ?? call.headers.tier ?? 'ordinary',
      surname: who?.now.surname,
      title: who?.now.title,
      scenario: call.headers.scenario,
      ivrPath: call.headers.ivrPath,
      transferredIn: call.headers.transferredIn,
      phase: 'ringing',
      startedAt: this.options.clock.now(),
    };
    // Open the microphone while it rings, so Answer does not wait for getUserMedia.
    const mic: NonNullable<Leg['mic']> = {
      ready: navigator.mediaDevices?.getUserMedia(micConstraints(this.audio)).catch(() => undefined) ?? Promise.resolve(undefined),
    };
    void mic.ready.then((stream) => { mic.stream = stream; });
    this.update({ incoming: view });
    this.addLeg(call, view, mic);
    this.ringtone.start();
    void who?.late.then((better) => {
      if (better) this.patchCall(call.id, { tier: better.tier, surname: better.surname, title: better.title });
    });
  }

  /**
   * Attended transfer to us: the caller's INVITE replaces the consultation call we are in.
   * It is answered at once (we already agreed to take it) and takes that call's place.
   */
  private takeOver(call: Call): void {
    const replaced = this.view.active!;
    const view: CallView = {
      id: call.id, direction: 'incoming', number: call.remote.number, displayName: call.remote.displayName,
      tier: call.headers.tier ?? 'ordinary', transferredIn: true, scenario: replaced.scenario,
      phase: 'answering', startedAt: this.options.clock.now(),
    };
    const leg = this.addLeg(call, view);
    this.legs.get(replaced.id)?.rules.stop();
    this.legs.delete(replaced.id);
    this.update({ active: view });
    leg.rules.send({ type: 'AGENT.ANSWER' });
  }

  private onConfirmed(id: string): void {
    const { incoming } = this.view;
    const connectedAt = this.options.clock.now();
    if (incoming?.id === id) {
      // A second call answered while in a call: the first is on hold by now (consent step).
      const parked = this.view.active && this.view.active.id !== id ? this.view.active : this.view.parked;
      this.update({ incoming: undefined, parked, active: { ...incoming, phase: 'connected', connectedAt } });
    } else {
      this.patchCall(id, { phase: 'connected', connectedAt });
    }
    this.startStats();
  }

  private onEnded(call: Call, detail: { by: CallView['endedBy']; cause: string; status?: number }): void {
    const leg = this.legs.get(call.id);
    this.legs.delete(call.id);
    void leg?.mic?.ready.then((stream) => stream?.getTracks().forEach((t) => t.stop()));
    const { incoming, active, parked } = this.view;
    const view = this.viewOf(call.id);
    if (!view) return;
    const ended: CallView = { ...view, phase: 'ended', endedBy: detail.by, endedCause: detail.cause, endedStatus: detail.status };
    if (incoming?.id === call.id) {
      this.ringtone.stop();
      if (this.pendingAnswer === call.id) this.pendingAnswer = undefined;
      this.update({ incoming: undefined, lastEnded: ended });
    } else if (active?.id === call.id) {
      // Back to the call waiting on hold, if any: the agent resumes it.
      this.update({ active: parked, parked: undefined, lastEnded: ended });
    } else if (parked?.id === call.id) {
      this.update({ parked: undefined, lastEnded: ended });
    }
    if (!this.view.active && this.statsTimer) {
      clearInterval(this.statsTimer);
      this.statsTimer = undefined;
    }
  }

  private startStats(): void {
    if (this.statsTimer) return;
    this.statsTimer = setInterval(() => {
      const active = this.view.active;
      const leg = active && this.legs.get(active.id);
      if (!leg) return;
      void leg.call.stats().then((media) => {
        this.patchCall(leg.call.id, { media });
        leg.rules.remoteAudio(media.audioLevel);
        // The agent's voice on the line within the greeting window counts as the greeting.
        const greeting = this.viewOf(leg.call.id)?.rules?.rules.find((r) => r.rule === 'greetWithin');
        if (greeting?.state === 'running' && media.localLevel > GREETING_VOICE_LEVEL) leg.rules.send({ type: 'AGENT.GREETED' });
      });
    }, 500);
  }

  // --- agent actions: events for the statechart ---
  private sendTo(view: CallView | undefined, event: AgentEvent): void {
    if (view) this.legs.get(view.id)?.rules.send(event);
  }

  /** An action on the active call (hold, closing, transfer…). */
  act(event: AgentEvent): void {
    this.sendTo(this.view.active, event);
  }

  /** An action on a given call (the active one, or the one waiting on hold). */
  actOn(id: string, event: AgentEvent): void {
    this.sendTo(this.viewOf(id), event);
  }

  /**
   * From Answer until the caller's ACK, the page does no re-render: the answer's SDP is made and
   * the caller connected sooner, and the UI catches up a few milliseconds later (at most 250 ms).
   */
  private quietUntilAnswered(call: Call): void {
    this.quiet = true;
    const done = () => {
      if (!this.quiet) return;
      this.quiet = false;
      this.notifySoon();
    };
    call.on('confirmed', done);
    call.on('ended', done);
    setTimeout(done, 250);
  }

  answer(): void {
    const { incoming, active } = this.view;
    if (!incoming || incoming.phase !== 'ringing') return;
    this.ringtone.stop();
    const phase = active?.rules?.phase;
    if (active && phase !== 'onHold') {
      // Call waiting: ask the first caller's consent and hold them; answer once they are held.
      if (phase === 'talking') this.sendTo(active, { type: 'AGENT.HOLD_REQUEST' });
      this.pendingAnswer = incoming.id;
      this.patchCall(incoming.id, { holdFirst: true });
      return;
    }
    const leg = this.legs.get(incoming.id);
    if (leg) this.quietUntilAnswered(leg.call);
    this.sendTo(incoming, { type: 'AGENT.ANSWER' });
    this.patchCall(incoming.id, { phase: 'answering' });
  }

  decline(): void {
    this.ringtone.stop();
    this.sendTo(this.view.incoming, { type: 'AGENT.DECLINE' });
  }

  dial(number: string): void {
    const target = number.trim();
    if (!this.engine || !/^[0-9*#+]{1,32}$/.test(target) || this.view.active || this.view.parked) return;
    const call = this.engine.call(target);
    const view: CallView = {
      id: call.id, direction: 'outgoing', number: target, displayName: '', tier: 'ordinary',
      phase: 'calling', startedAt: this.options.clock.now(),
    };
    this.update({ active: view });
    this.addLeg(call, view);
  }

  hangup(id = this.view.active?.id): void { if (id) this.actOn(id, { type: 'AGENT.HANGUP' }); }

  toggleMute(id = this.view.active?.id): void {
    const rules = id ? this.viewOf(id)?.rules : undefined;
    if (id && rules) this.actOn(id, { type: rules.muted ? 'AGENT.UNMUTE' : 'AGENT.MUTE' });
  }

  sendDtmf(tone: string, via: 'rfc4733' | 'info' = 'rfc4733', id = this.view.active?.id): void {
    this.legs.get(id ?? '')?.call.sendDtmf(tone, via);
  }

  // --- training ---
  async practiceCall(practice: PracticeCall): Promise<void> {
    await this.caller?.call(practice);
  }

  callerHangsUp(): void { this.caller?.hangup(); }
}
