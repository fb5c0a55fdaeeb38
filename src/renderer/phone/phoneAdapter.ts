// The phone's adapter: one SIP engine (live, or training with a simulated caller in the page) on
// one side, the phone actor (src/core/call/phoneMachine.ts) on the other. Engine events go in,
// the actors' commands come out to the engine. The state of every call lives in its call actor;
// what React shows is `phoneView` of the snapshots, recomputed when an actor changes.
import { createActor, type Actor, type Subscription } from 'xstate';
import type { AppConfig } from '../../core/config.ts';
import {
  phoneMachine, phoneView,
  type AgentEvent, type CallbackEmitted, type CallLimits, type TaskKind, type CallNotice, type CallView, type NewCall, type PhoneEvent, type PhoneView, type TaskRef,
} from '../../core/call/index.ts';
import type { TierResolution } from '../../core/guidance/tier.ts';
import type { Tier } from '../../core/config.ts';
import type { Timings } from '../../core/timings.ts';
import { normalizeDialInput } from '../../core/dialInput.ts';
import { SipEngine, type EngineEvents } from '../engine/sipEngine.ts';
import type { Call } from '../engine/call.ts';
import type { CoachingTap } from '../audio/coachingTap.ts';
import { LoopbackRouter } from '../training/loopback.ts';
import { SimulatedCaller, TRAINING_DOMAIN, type CallerState, type PracticeCall } from '../training/simulatedCaller.ts';
import { playRemoteAudio } from './audioOutput.ts';
import { CallLink } from './callLink.ts';
import { createHoldMusic, type HoldMusicPlayer } from './holdMusic.ts';
import { Ringtone } from './ringtone.ts';
import { loadAudioChoice, micConstraints, type AudioChoice } from './audioDevices.ts';
import type { RuleClock } from './ruleClock.ts';

/** Who is calling: header, then IT's directory, then the CRM (late), else ordinary. */
export type Identify = (number: string, headerTier: Tier | undefined) => TierResolution;

export interface PhoneOptions {
  config: AppConfig;
  timings: Timings;
  clock: RuleClock;
  clipUrl?: string;
  /** N9: the pack's wait after each silent-call prompt. */
  silentWaits?: readonly number[];
  /** H2: the music file the held far end hears (off: undefined). */
  holdMusicUrl?: string;
  identify?: Identify;
  onNotice?: (notice: CallNotice, call: CallView) => void;
  /** A promised call-back came due. */
  onTaskDue?: (task: { id: string; number: string; kind: TaskKind }) => void;
  /** A caller turned away before ringing (a flood, an offer the browser cannot answer): for the log. */
  onRefused?: (refusal: EngineEvents['refused']) => void;
  /** A hang-up made while the connection was down: its BYE sent late, or never (for the log). */
  onLateHangup?: (late: EngineEvents['lateHangup']) => void;
  audio?: AudioChoice;
  /** The engine; tests hand in a fake one. */
  engine?: EngineLike;
  /** Speech coaching (issue 12): the call's audio tap (off: undefined), and the coach's limits (the pack's N11 band). */
  coach?: (call: Call) => CoachingTap | undefined;
  limits?: Partial<CallLimits>;
}

/** What the adapter needs of the SIP engine (SipEngine, or a fake in unit tests). */
export interface EngineLike {
  on(type: 'registration', fn: (s: PhoneView['registration']) => void): void;
  on(type: 'incoming', fn: (call: Call) => void): void;
  start(): void;
  stop(): void;
  call(target: string): Call;
  uriFor(target: string): string;
}

/** The screen: the phone's view, and the training caller's state. */
export interface PhoneScreen extends PhoneView { caller: CallerState }

const TRAINING_AGENT = 'agent';

const STATS_EVERY_MS = 500;

interface Mic { ready: Promise<MediaStream | undefined>; stream?: MediaStream }

export class PhoneAdapter {
  readonly actor: Actor<typeof phoneMachine>;
  private engine: EngineLike | undefined;
  private caller: SimulatedCaller | undefined;
  private callerState: CallerState = 'idle';
  private readonly links = new Map<string, CallLink>();
  private readonly mics = new Map<string, Mic>();
  private readonly watched = new Map<string, Subscription>();
  private readonly ringtone: Ringtone;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private readonly audio: AudioChoice;
  private screen: PhoneScreen;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: PhoneOptions) {
    this.audio = options.audio ?? loadAudioChoice();
    this.ringtone = new Ringtone(options.timings.ringCycle, 1_000, this.audio.ringer);
    this.actor = createActor(phoneMachine, {
      input: {
        mode: options.config.mode, timings: options.timings,
        overrideAllowed: options.config.overrideAllowed, now: options.clock.now,
        ...(options.silentWaits ? { silentWaits: options.silentWaits } : {}),
        ...(options.limits ? { limits: options.limits } : {}),
      },
      clock: options.clock,
    });
    this.actor.on('engine.decline', (e) => this.links.get(e.id)?.call.decline(486) ?? this.pendingDecline.get(e.id)?.decline(486));
    // A call placed while the phone could not take it (a caller rang meanwhile): no call without an actor.
    this.actor.on('engine.drop', (e) => { this.unlinked.get(e.id)?.call.hangup(); this.unlinked.delete(e.id); });
    this.actor.subscribe(() => this.onPhoneChange());
    this.actor.start();
    this.screen = { ...phoneView(this.actor.getSnapshot()), caller: 'idle' };
  }

  // --- React glue (useSyncExternalStore): a view derived from the actors, batched per task ---
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getSnapshot = (): PhoneScreen => this.screen;

  /** The view now (not batched): for decisions made outside React. */
  view(): PhoneView { return phoneView(this.actor.getSnapshot()); }

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
      this.screen = { ...phoneView(this.actor.getSnapshot()), caller: this.callerState };
      this.followRinging();
      for (const l of this.listeners) l();
    };
    if (this.notifyChannel) {
      this.notifyChannel.port1.onmessage = run;
      this.notifyChannel.port2.postMessage(null);
    } else {
      queueMicrotask(run);
    }
  }

  /** Watch new call and task actors; let go of the ended ones. */
  private onPhoneChange(): void {
    const c = this.actor.getSnapshot().context;
    const live = new Set<string>([...Object.keys(c.calls), ...c.tasks.map((t) => t.id)]);
    for (const [id, ref] of Object.entries(c.calls)) if (!this.watched.has(id)) this.watched.set(id, ref.subscribe(() => this.notifySoon()));
    for (const task of c.tasks) if (!this.watched.has(task.id)) this.watchTask(task);
    this.linkSpawned();
    for (const [id, sub] of this.watched) {
      if (live.has(id)) continue;
      sub.unsubscribe();
      this.watched.delete(id);
      this.release(id);
    }
    this.followMedia(c.active);
    this.notifySoon();
  }

  private watchTask(task: TaskRef): void {
    const sub = task.subscribe(() => this.notifySoon());
    const emitted = task.on('*', (e: CallbackEmitted) => {
      if (e.type === 'callback.dial') this.dial(e.number);
      if (e.type === 'alert.callbackDue') this.options.onTaskDue?.({ id: e.id, number: e.number, kind: e.kind });
    });
    this.watched.set(task.id, { unsubscribe: () => { sub.unsubscribe(); emitted.unsubscribe(); } });
  }

  /** The ringtone follows the view: a call ringing and not yet picked up. */
  private followRinging(): void {
    const ringing = this.screen.incoming?.phase === 'ringing' && !this.screen.incoming.holdFirst;
    if (ringing) this.ringtone.start(); else this.ringtone.stop();
  }

  /** Media counters and voice levels of the current call, polled while there is one. */
  private followMedia(activeId: string | undefined): void {
    if (activeId !== undefined && !this.statsTimer) {
      this.statsTimer = setInterval(() => {
        const id = this.actor.getSnapshot().context.active;
        const link = id === undefined ? undefined : this.links.get(id);
        if (link) void link.pollMedia().catch(() => {});
      }, STATS_EVERY_MS);
    } else if (activeId === undefined && this.statsTimer) {
      clearInterval(this.statsTimer);
      this.statsTimer = undefined;
    }
  }

  private release(id: string): void {
    this.links.get(id)?.dispose();
    this.links.delete(id);
    const mic = this.mics.get(id);
    this.mics.delete(id);
    void mic?.ready.then((stream) => stream?.getTracks().forEach((t) => t.stop()));
  }

  start(): void {
    if (this.engine) return;
    const config = this.options.config;
    if (this.options.engine) {
      this.engine = this.options.engine;
    } else if (config.mode === 'training') {
      const router = new LoopbackRouter();
      this.engine = new SipEngine({
        sip: { uri: `sip:${TRAINING_AGENT}@${TRAINING_DOMAIN}`, ws: ['ws://training.invalid'], iceServers: [], iceGatheringCapMs: 100, register: false },
        sockets: [router.socket(TRAINING_AGENT) as never],
        audioOutput: (stream) => playRemoteAudio(stream, this.audio.speaker),
        mediaConstraints: micConstraints(this.audio),
        ...this.holdMusic(),
      });
      this.caller = new SimulatedCaller(router, TRAINING_AGENT, this.options.clipUrl ?? './caller-zh.wav');
      this.caller.onState = (state) => { this.callerState = state; this.notifySoon(); };
    } else {
      const sip = config.sip;
      if (!sip) throw new Error('live mode needs SIP settings');
      const live = new SipEngine({
        sip, headerNames: config.headers,
        audioOutput: (stream) => playRemoteAudio(stream, this.audio.speaker),
        mediaConstraints: micConstraints(this.audio),
        ...this.holdMusic(),
      });
      live.on('refused', (refusal) => this.options.onRefused?.(refusal));
      live.on('lateHangup', (late) => this.options.onLateHangup?.(late));
      this.engine = live;
    }
    this.engine.on('registration', (status) => this.actor.send({ type: 'ENGINE.REGISTRATION', status }));
    this.engine.on('incoming', (call) => this.onIncoming(call));
    this.engine.start();
  }

  stop(): void {
    this.ringtone.stop();
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.statsTimer = undefined;
    for (const id of [...this.links.keys()]) this.release(id);
    this.caller?.stop();
    this.engine?.stop();
    this.engine = undefined;
    this.actor.stop();
  }

  private holdMusic(): { holdMusic?: HoldMusicPlayer } {
    return this.options.holdMusicUrl ? { holdMusic: createHoldMusic(this.options.holdMusicUrl) } : {};
  }

  private identify(number: string, headerTier: Tier | undefined): TierResolution {
    return this.options.identify?.(number, headerTier)
      ?? { now: headerTier ? { tier: headerTier, from: 'header' } : { tier: 'ordinary', from: 'default' }, late: Promise.resolve(null) };
  }

  /** Engine calls the phone refused before a call actor existed (a third caller). */
  private readonly pendingDecline = new Map<string, Call>();
  /** Engine calls whose actor the phone has not spawned yet. */
  private readonly unlinked = new Map<string, { call: Call; mic?: Mic }>();

  private linkSpawned(): void {
    for (const [id, { call, mic }] of this.unlinked) {
      if (!this.actor.getSnapshot().context.calls[id]) continue;
      this.unlinked.delete(id);
      this.link(call, mic);
    }
  }

  private link(call: Call, mic?: Mic): void {
    const ref = this.actor.getSnapshot().context.calls[call.id];
    if (!ref) return;
    const engine = this.engine;
    if (mic) this.mics.set(call.id, mic);
    this.links.set(call.id, new CallLink(call, ref, {
      send: (e: PhoneEvent) => this.actor.send(e),
      consult: (target) => {
        if (!engine) throw new Error('engine stopped');
        return engine.call(target);
      },
      uriFor: (target) => engine?.uriFor(target) ?? target,
      mic: () => mic?.stream,
      ...(this.options.coach ? { coach: this.options.coach } : {}),
      onNotice: (notice) => {
        const view = this.view();
        const callView = [view.incoming, view.active, view.parked, view.lastEnded].find((v) => v?.id === call.id);
        if (callView) this.options.onNotice?.(notice, callView);
      },
    }));
  }

  private newCall(call: Call): NewCall {
    const who = this.identify(call.remote.number, call.headers.tier);
    void who.late.then((better) => {
      if (better) this.actor.send({ type: 'ENGINE.CALL', id: call.id, event: { type: 'CALLER.IDENTIFIED', ...better } });
    });
    const invite = {
      ...(call.headers.scenario ? { scenario: call.headers.scenario } : {}),
      ...(call.headers.ivrPath ? { ivrPath: call.headers.ivrPath } : {}),
      ...(call.headers.transferredIn ? { transferredIn: true } : {}),
    };
    return {
      id: call.id,
      remote: { number: call.remote.number, ...(call.remote.displayName ? { displayName: call.remote.displayName } : {}) },
      identity: who.now,
      invite,
      ...(call.headers.replaces ? { replaces: true } : {}),
    };
  }

  private onIncoming(call: Call): void {
    const before = this.actor.getSnapshot().context;
    const takesOver = call.headers.replaces === true && before.active !== undefined;
    if (!takesOver && before.incoming !== undefined) this.pendingDecline.set(call.id, call);
    // Open the microphone while it rings, so Answer does not wait for getUserMedia.
    const mic: Mic = {
      ready: (typeof navigator === 'undefined' ? undefined : navigator.mediaDevices?.getUserMedia(micConstraints(this.audio)).catch(() => undefined))
        ?? Promise.resolve(undefined),
    };
    void mic.ready.then((stream) => { mic.stream = stream; });
    this.actor.send({ type: 'ENGINE.INCOMING', call: this.newCall(call) });
    this.pendingDecline.delete(call.id);
    if (!this.actor.getSnapshot().context.calls[call.id]) {
      void mic.ready.then((stream) => stream?.getTracks().forEach((t) => t.stop()));
      return;
    }
    this.link(call, mic);
    // Attended transfer to us: we already agreed to take this caller; answer at once.
    if (takesOver) this.actor.send({ type: 'AGENT.CALL', id: call.id, event: { type: 'AGENT.ANSWER' } });
  }

  // --- agent actions: events for the actors ---

  /** An action on the current call (hold, closing, transfer…). */
  act(event: AgentEvent): void {
    this.actor.send({ type: 'AGENT.CALL', event });
  }

  /** An action on a given call (the current one, or the one waiting on hold). */
  actOn(id: string, event: AgentEvent): void {
    this.actor.send({ type: 'AGENT.CALL', id, event });
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
    const { incoming, active } = this.view();
    if (!incoming || incoming.phase !== 'ringing' || incoming.holdFirst) return;
    const link = this.links.get(incoming.id);
    if (link && (!active || active.rules.phase === 'onHold')) this.quietUntilAnswered(link.call);
    this.actor.send({ type: 'PHONE.ANSWER' });
  }

  decline(): void {
    this.actor.send({ type: 'PHONE.DECLINE' });
  }

  /**
   * Dial what the agent typed or pasted (138-0013 8000, an extension, sip:2001@pbx…), normalized;
   * refused (false) while a call is up or ringing, or for what cannot be dialled.
   */
  dial(number: string): boolean {
    const input = normalizeDialInput(number);
    const c = this.actor.getSnapshot().context;
    if (!this.engine || !input.ok || c.active !== undefined || c.parked !== undefined || c.incoming !== undefined) return false;
    const call = this.engine.call(input.target);
    // Linked once the phone has spawned its actor: now, or — when this dial comes from inside the
    // phone's own step (a call-back task) — as soon as that step ends (onPhoneChange).
    this.unlinked.set(call.id, { call });
    this.actor.send({ type: 'ENGINE.OUTGOING', call: this.newCall(call) });
    this.linkSpawned();
    return true;
  }

  hangup(id = this.view().active?.id): void { if (id) this.actOn(id, { type: 'AGENT.HANGUP' }); }

  toggleMute(id = this.view().active?.id): void {
    const call = [this.view().active, this.view().parked].find((v) => v?.id === id);
    if (id && call) this.actOn(id, { type: call.rules.muted ? 'AGENT.UNMUTE' : 'AGENT.MUTE' });
  }

  sendDtmf(tone: string, via: 'rfc4733' | 'info' = 'rfc4733', id = this.view().active?.id): void {
    this.links.get(id ?? '')?.call.sendDtmf(tone, via);
  }

  // --- call-back tasks ---
  callBack(id: string): void { this.actor.send({ type: 'TASK.DIAL', id }); }
  taskDone(id: string): void { this.actor.send({ type: 'TASK.DONE', id }); }
  taskCancel(id: string): void { this.actor.send({ type: 'TASK.CANCEL', id }); }
  /** An emergency case is resolved: no more progress updates (N10). */
  taskClose(id: string): void { this.actor.send({ type: 'TASK.CLOSE', id }); }

  // --- training ---
  async practiceCall(practice: PracticeCall): Promise<void> {
    await this.caller?.call(practice);
  }

  callerHangsUp(): void { this.caller?.hangup(); }
}
