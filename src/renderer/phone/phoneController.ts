// The phone: one SIP engine (live, or training with a simulated caller in the page), the calls
// it carries, and a snapshot of them for React. Components render the snapshot and call these
// methods; they decide nothing.
import type { AppConfig, Tier } from '../../core/config.ts';
import { SipEngine, type RegistrationStatus } from '../engine/sipEngine.ts';
import type { Call, MediaStats } from '../engine/call.ts';
import { LoopbackRouter } from '../training/loopback.ts';
import { SimulatedCaller, TRAINING_DOMAIN, type CallerState, type PracticeCall } from '../training/simulatedCaller.ts';
import { playRemoteAudio } from './audioOutput.ts';
import { Ringtone } from './ringtone.ts';

export interface CallView {
  id: string;
  direction: 'incoming' | 'outgoing';
  number: string;
  displayName: string;
  tier: Tier;
  surname?: string;
  title?: string;
  scenario?: string;
  ivrPath?: string;
  phase: 'ringing' | 'calling' | 'connected' | 'ended';
  held: boolean;
  holdPending: boolean;
  muted: boolean;
  startedAt: number;
  connectedAt?: number;
  endedBy?: 'local' | 'remote' | 'system';
  endedCause?: string;
  endedStatus?: number;
  media?: MediaStats;
  error?: string;
}

export interface PhoneView {
  mode: AppConfig['mode'];
  registration: RegistrationStatus;
  incoming?: CallView;
  active?: CallView;
  lastEnded?: CallView;
  caller: CallerState;
}

const TRAINING_AGENT = 'agent';

/** Who the caller is: known now (ringing is never delayed), maybe better later (CRM). */
export type TierResolver = (number: string, headerTier: Tier | undefined) => {
  now: { tier: Tier; surname?: string; title?: string };
  late: Promise<{ tier: Tier; surname?: string; title?: string } | null>;
};

export class PhoneController {
  private view: PhoneView;
  private readonly listeners = new Set<() => void>();
  private engine: SipEngine | undefined;
  private caller: SimulatedCaller | undefined;
  private readonly calls = new Map<string, Call>();
  private readonly ringtone = new Ringtone();
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  /** The microphone, opened while a call rings so Answer does not wait for getUserMedia. */
  private readonly mics = new Map<string, { ready: Promise<MediaStream | undefined>; stream?: MediaStream }>();

  constructor(
    private readonly config: AppConfig,
    private readonly clipUrl = './caller-zh.wav',
    private readonly resolveTier?: TierResolver,
  ) {
    this.view = { mode: config.mode, registration: { state: 'disabled' }, caller: 'idle' };
  }

  // --- React glue (useSyncExternalStore) ---
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getSnapshot = (): PhoneView => this.view;

  private update(patch: Partial<PhoneView>): void {
    this.view = { ...this.view, ...patch };
    for (const l of this.listeners) l();
  }

  private patchCall(id: string, patch: Partial<CallView>): void {
    const { incoming, active } = this.view;
    if (incoming?.id === id) this.update({ incoming: { ...incoming, ...patch } });
    else if (active?.id === id) this.update({ active: { ...active, ...patch } });
  }

  start(): void {
    if (this.engine) return;
    if (this.config.mode === 'training') {
      const router = new LoopbackRouter();
      this.engine = new SipEngine({
        sip: { uri: `sip:${TRAINING_AGENT}@${TRAINING_DOMAIN}`, ws: ['ws://training.invalid'], iceServers: [], iceGatheringCapMs: 100, register: false },
        sockets: [router.socket(TRAINING_AGENT) as never],
        audioOutput: playRemoteAudio,
      });
      this.caller = new SimulatedCaller(router, TRAINING_AGENT, this.clipUrl);
      this.caller.onState = (caller) => this.update({ caller });
    } else {
      const sip = this.config.sip;
      if (!sip) throw new Error('live mode needs SIP settings');
      this.engine = new SipEngine({ sip, headerNames: this.config.headers, audioOutput: playRemoteAudio });
    }
    this.engine.on('registration', (registration) => this.update({ registration }));
    this.engine.on('incoming', (call) => this.onIncoming(call));
    this.engine.start();
  }

  stop(): void {
    this.ringtone.stop();
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.caller?.stop();
    this.engine?.stop();
    this.engine = undefined;
  }

  private track(call: Call, view: CallView): void {
    this.calls.set(call.id, call);
    call.on('progress', () => undefined);
    call.on('confirmed', () => {
      this.patchCall(call.id, { phase: 'connected', connectedAt: performance.now() });
      this.startStats();
    });
    call.on('holdAccepted', () => this.patchCall(call.id, { held: true, holdPending: false }));
    call.on('holdFailed', ({ reason }) => this.patchCall(call.id, { held: false, holdPending: false, error: `hold-${reason}` }));
    call.on('unholdAccepted', () => this.patchCall(call.id, { held: false, holdPending: false }));
    call.on('unholdFailed', ({ reason }) => this.patchCall(call.id, { holdPending: false, error: `unhold-${reason}` }));
    call.on('ended', ({ by, cause, status }) => this.onEnded(call, { by, cause, status }));
    void view;
  }

  private onIncoming(call: Call): void {
    const who = this.resolveTier?.(call.remote.number, call.headers.tier);
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
      phase: 'ringing',
      held: false,
      holdPending: false,
      muted: false,
      startedAt: performance.now(),
    };
    if (this.view.incoming) {
      call.decline(486); // one waiting call at a time
      return;
    }
    this.track(call, view);
    const mic: { ready: Promise<MediaStream | undefined>; stream?: MediaStream } = {
      ready: navigator.mediaDevices?.getUserMedia({ audio: true, video: false }).catch(() => undefined) ?? Promise.resolve(undefined),
    };
    void mic.ready.then((stream) => { mic.stream = stream; });
    this.mics.set(call.id, mic);
    this.update({ incoming: view });
    this.ringtone.start();
    void who?.late.then((better) => {
      if (better) this.patchCall(call.id, { tier: better.tier, surname: better.surname, title: better.title });
    });
  }

  private onEnded(call: Call, detail: { by: CallView['endedBy']; cause: string; status?: number }): void {
    this.calls.delete(call.id);
    void this.mics.get(call.id)?.ready.then((stream) => stream?.getTracks().forEach((t) => t.stop()));
    this.mics.delete(call.id);
    const { incoming, active } = this.view;
    const view = incoming?.id === call.id ? incoming : active?.id === call.id ? active : undefined;
    if (!view) return;
    const ended: CallView = { ...view, phase: 'ended', endedBy: detail.by, endedCause: detail.cause, endedStatus: detail.status };
    if (incoming?.id === call.id) {
      this.ringtone.stop();
      this.update({ incoming: undefined, lastEnded: ended });
    } else {
      this.update({ active: undefined, lastEnded: ended });
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
      const call = active && this.calls.get(active.id);
      if (!call) return;
      void call.stats().then((media) => this.patchCall(call.id, { media }));
    }, 1_000);
  }

  // --- agent actions ---
  answer(): void {
    const incoming = this.view.incoming;
    const call = incoming && this.calls.get(incoming.id);
    if (!incoming || !call) return;
    this.ringtone.stop();
    // Answer before the UI re-renders: the 200 OK should not wait for React.
    const mic = this.mics.get(call.id);
    if (mic?.stream) call.answer(mic.stream);
    else void (mic?.ready ?? Promise.resolve(undefined)).then((stream) => { if (!call.isEnded) call.answer(stream); });
    this.update({ incoming: undefined, active: { ...incoming, phase: 'ringing' } });
  }

  decline(code: 486 | 603 = 486): void {
    const incoming = this.view.incoming;
    const call = incoming && this.calls.get(incoming.id);
    this.ringtone.stop();
    call?.decline(code);
  }

  dial(number: string): void {
    const target = number.trim();
    if (!this.engine || !/^[0-9*#+]{1,32}$/.test(target) || this.view.active) return;
    const call = this.engine.call(target);
    const view: CallView = {
      id: call.id, direction: 'outgoing', number: target, displayName: '', tier: 'ordinary',
      phase: 'calling', held: false, holdPending: false, muted: false, startedAt: performance.now(),
    };
    this.track(call, view);
    this.update({ active: view });
  }

  hangup(): void {
    const active = this.view.active;
    this.calls.get(active?.id ?? '')?.hangup();
  }

  hold(): void {
    const active = this.view.active;
    const call = active && this.calls.get(active.id);
    if (!active || !call || active.held || active.holdPending) return;
    this.patchCall(active.id, { holdPending: true, error: undefined });
    call.hold();
  }

  resume(): void {
    const active = this.view.active;
    const call = active && this.calls.get(active.id);
    if (!active || !call || !active.held) return;
    this.patchCall(active.id, { holdPending: true });
    call.unhold();
  }

  toggleMute(): void {
    const active = this.view.active;
    const call = active && this.calls.get(active.id);
    if (!active || !call) return;
    if (call.muted) call.unmute(); else call.mute();
    this.patchCall(active.id, { muted: call.muted });
  }

  sendDtmf(tone: string): void {
    const active = this.view.active;
    this.calls.get(active?.id ?? '')?.sendDtmf(tone);
  }

  // --- training ---
  async practiceCall(practice: PracticeCall): Promise<void> {
    await this.caller?.call(practice);
  }

  callerHangsUp(): void {
    this.caller?.hangup();
  }
}
