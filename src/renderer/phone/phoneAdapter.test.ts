// The phone adapter in fake time: a fake SIP engine and fake calls on one side, the phone actor
// on the other. Engine events reach the rules, the rules' commands reach the calls, and the view
// (adapter.view(), not batched) follows — call waiting, transfer-in, hang-ups, hold, closing,
// greeting and silence, the CRM's late answer and promised call-backs.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SimulatedClock } from 'xstate';
import type { CallNotice, RegistrationStatus, RemoteParty } from '../../core/call/index.ts';
import { appConfigSchema } from '../../core/config.ts';
import type { TierResult } from '../../core/guidance/tier.ts';
import { defaultTimings } from '../../core/timings.ts';
import type { Call, CallEvents, CallHeaders, MediaStats } from '../engine/call.ts';
import { Emitter } from '../engine/emitter.ts';
import type { AudioChoice } from './audioDevices.ts';
import { PhoneAdapter, type Identify } from './phoneAdapter.ts';
import type { RuleClock } from './ruleClock.ts';

const START = 1_000_000;
const CALLER = '13800138000';

/** A SIP call as the adapter sees it: a log of what was asked of it, and `fire` for the far end. */
class FakeCall extends Emitter<CallEvents> {
  readonly log: string[] = [];
  private ended = false;
  referHandlers: { accepted?: () => void; failed?: () => void } | undefined;

  constructor(
    readonly id: string,
    readonly direction: 'incoming' | 'outgoing',
    readonly remote: RemoteParty,
    readonly headers: CallHeaders = {},
  ) { super(); }

  get isEnded(): boolean { return this.ended; }
  get asCall(): Call { return this as unknown as Call; }

  fire<K extends keyof CallEvents>(type: K, ...payload: CallEvents[K] extends void ? [] : [CallEvents[K]]): void {
    if (type === 'ended') this.ended = true;
    this.emit(type, payload[0] as CallEvents[K]);
  }

  answer(): void { this.log.push('answer'); }
  decline(code: 486 | 603 = 486): void { this.log.push(`decline ${code}`); }
  hangup(reason?: string): void { this.log.push(reason ? `hangup ${reason}` : 'hangup'); }
  hold(): void { this.log.push('hold'); }
  unhold(): void { this.log.push('unhold'); }
  mute(): void { this.log.push('mute'); }
  unmute(): void { this.log.push('unmute'); }
  sendDtmf(tone: string): void { this.log.push(`dtmf ${tone}`); }
  refer(target: string, replaces?: unknown, handlers?: { accepted?: () => void; failed?: () => void }): void {
    this.log.push(`refer ${target}${replaces ? ' replaces' : ''}`);
    this.referHandlers = handlers;
  }
  async stats(): Promise<MediaStats> { return { inboundPackets: 0, outboundPackets: 0, audioLevel: 0, localLevel: 0 }; }
}

/** The engine: registration and incoming calls in, `call()` placing outgoing and consult legs. */
class FakeEngine extends Emitter<{ registration: RegistrationStatus; incoming: Call }> {
  readonly placed: FakeCall[] = [];
  started = false;
  start(): void { this.started = true; }
  stop(): void { this.started = false; }
  call(target: string): Call {
    const leg = new FakeCall(`out-${this.placed.length + 1}`, 'outgoing', { number: target });
    this.placed.push(leg);
    return leg.asCall;
  }
  uriFor(target: string): string { return `sip:${target}@pbx.test`; }
  register(status: RegistrationStatus): void { this.emit('registration', status); }
  ring(call: FakeCall): FakeCall { this.emit('incoming', call.asCall); return call; }
}

interface Heard { notice: CallNotice; call: string }

const audio: AudioChoice = { mic: '', speaker: '', ringer: '' };
const running: PhoneAdapter[] = [];

function startPhone(options: { identify?: Identify } = {}) {
  const clock = new SimulatedClock();
  clock.set(START);
  const ruleClock: RuleClock = {
    setTimeout: (fn, ms) => clock.setTimeout(fn, ms),
    clearTimeout: (id) => clock.clearTimeout(id as number),
    now: () => clock.now(),
  };
  const engine = new FakeEngine();
  const heard: Heard[] = [];
  const due: Array<{ id: string; number: string }> = [];
  const adapter = new PhoneAdapter({
    config: appConfigSchema.parse({}),
    timings: defaultTimings,
    clock: ruleClock,
    audio,
    engine,
    onNotice: (notice, call) => { heard.push({ notice, call: call.id }); },
    onTaskDue: (task) => { due.push(task); },
    ...(options.identify ? { identify: options.identify } : {}),
  });
  running.push(adapter);
  adapter.start();

  const phone = {
    adapter,
    engine,
    clock,
    heard,
    due,
    view: () => adapter.view(),
    /** Notices of one type heard so far. */
    notices: <T extends CallNotice['type']>(type: T) =>
      heard.map((h) => h.notice).filter((n): n is Extract<CallNotice, { type: T }> => n.type === type),
    /** Let `ms` pass on the rules' clock, in steps so chained delays land on their times. */
    advance(ms: number) {
      for (let left = ms; left > 0; left -= 100) clock.increment(Math.min(100, left));
      return phone;
    },
    ring(id: string, headers: CallHeaders = {}, number = CALLER): FakeCall {
      return engine.ring(new FakeCall(id, 'incoming', { number }, headers));
    },
    /** A call rung, answered and confirmed: the agent is talking to it. */
    talkTo(id: string, number = CALLER): FakeCall {
      const call = phone.ring(id, {}, number);
      adapter.answer();
      call.fire('confirmed');
      return call;
    },
    /** Consent asked and given, hold accepted by the far end. */
    hold(call: FakeCall) {
      adapter.act({ type: 'AGENT.HOLD_REQUEST' });
      adapter.act({ type: 'AGENT.HOLD_CONFIRM' });
      call.fire('holdAccepted');
      return phone;
    },
    /** The adapter's own path for the voice levels it polls. */
    level(id: string, type: 'ENGINE.LOCAL_AUDIO' | 'ENGINE.REMOTE_AUDIO', level: number) {
      adapter.actor.send({ type: 'ENGINE.CALL', id, event: { type, level } });
      return phone;
    },
  };
  return phone;
}

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => {
  for (const adapter of running.splice(0)) adapter.stop();
  vi.useRealTimers();
});

describe('registration', () => {
  it('shows the engine\'s registration status', () => {
    const phone = startPhone();
    expect(phone.engine.started).toBe(true);
    expect(phone.view().registration).toEqual({ state: 'disabled' });
    phone.engine.register({ state: 'connecting' });
    expect(phone.view().registration.state).toBe('connecting');
    phone.engine.register({ state: 'registered' });
    expect(phone.view().registration).toEqual({ state: 'registered' });
    phone.engine.register({ state: 'failed', reason: 'auth', detail: '403' });
    expect(phone.view().registration).toEqual({ state: 'failed', reason: 'auth', detail: '403' });
  });
});

describe('answering and declining', () => {
  it('rings, answers that call, and shows it connected once confirmed', () => {
    const phone = startPhone();
    const call = phone.ring('c1');
    expect(phone.view().incoming).toMatchObject({ id: 'c1', phase: 'ringing', number: CALLER, holdFirst: false });
    expect(phone.view().active).toBeUndefined();
    phone.adapter.answer();
    expect(call.log).toEqual(['answer']);
    expect(phone.view().incoming?.phase).toBe('answering');
    call.fire('confirmed');
    expect(phone.view().incoming).toBeUndefined();
    expect(phone.view().active).toMatchObject({ id: 'c1', phase: 'connected', answeredAt: START, connectedAt: START });
    expect(phone.view().active?.rules.phase).toBe('talking');
  });

  it('declines with 486 Busy Here and records it', () => {
    const phone = startPhone();
    const call = phone.ring('c1');
    phone.adapter.decline();
    expect(call.log).toEqual(['decline 486']);
    expect(phone.view().incoming).toBeUndefined();
    expect(phone.view().lastEnded?.rules.records.map((r) => r.kind)).toEqual(['declined']);
  });

  it('refuses a second caller with 486 while one is ringing; it never appears', () => {
    const phone = startPhone();
    const first = phone.ring('c1');
    const second = phone.ring('c2', {}, '13900139000');
    expect(second.log).toEqual(['decline 486']);
    expect(first.log).toEqual([]);
    const view = phone.view();
    expect([view.incoming?.id, view.active?.id, view.parked?.id, view.lastEnded?.id]).toEqual(['c1', undefined, undefined, undefined]);
  });

  it('refuses a third caller with 486 while a second is waiting on a talking call', () => {
    const phone = startPhone();
    phone.talkTo('c1');
    const second = phone.ring('c2', {}, '13900139000');
    const third = phone.ring('c3', {}, '13700137000');
    expect(third.log).toEqual(['decline 486']);
    expect(second.log).toEqual([]);
    const view = phone.view();
    expect([view.incoming?.id, view.active?.id, view.parked?.id]).toEqual(['c2', 'c1', undefined]);
    expect(view.lastEnded).toBeUndefined();
  });
});

describe('call waiting (H1: hold only after the customer agrees)', () => {
  it('H1: answering a second caller first asks the current caller\'s consent; nothing is answered yet', () => {
    const phone = startPhone();
    const first = phone.talkTo('c1');
    const second = phone.ring('c2', {}, '13900139000');
    expect(phone.view().incoming).toMatchObject({ id: 'c2', phase: 'ringing', holdFirst: false });
    phone.adapter.answer();
    expect(phone.view().active?.rules.phase).toBe('holdConsent');
    expect(phone.view().active?.rules.phraseKey).toBe('hold.consent');
    expect(phone.view().incoming).toMatchObject({ id: 'c2', phase: 'ringing', holdFirst: true });
    expect(first.log).toEqual(['answer']);
    expect(second.log).toEqual([]);
  });

  it('H1: consent given → hold sent; the far end accepting the hold answers the second caller, who becomes current', () => {
    const phone = startPhone();
    const first = phone.talkTo('c1');
    const second = phone.ring('c2', {}, '13900139000');
    phone.adapter.answer();
    phone.adapter.act({ type: 'AGENT.HOLD_CONFIRM' });
    expect(first.log).toEqual(['answer', 'hold']);
    expect(second.log).toEqual([]);
    first.fire('holdAccepted');
    expect(second.log).toEqual(['answer']);
    second.fire('confirmed');
    const view = phone.view();
    expect(view.incoming).toBeUndefined();
    expect(view.active).toMatchObject({ id: 'c2', phase: 'connected' });
    expect(view.parked).toMatchObject({ id: 'c1', phase: 'connected' });
    expect(view.parked?.rules.onHold).toBe(true);
  });

  it('H1: consent refused keeps the second caller ringing, not held-first, and the first caller unheld', () => {
    const phone = startPhone();
    const first = phone.talkTo('c1');
    const second = phone.ring('c2', {}, '13900139000');
    phone.adapter.answer();
    phone.adapter.act({ type: 'AGENT.HOLD_CANCEL' });
    expect(phone.view().active?.rules.phase).toBe('talking');
    expect(phone.view().incoming).toMatchObject({ id: 'c2', phase: 'ringing', holdFirst: false });
    expect(first.log).toEqual(['answer']);
    expect(second.log).toEqual([]);
  });

  it('H1: when the current caller hangs up while asked to hold, Answer picks up the waiting call', () => {
    const phone = startPhone();
    const first = phone.talkTo('c1');
    const second = phone.ring('c2', {}, '13900139000');
    phone.adapter.answer();
    first.fire('ended', { by: 'remote', cause: 'BYE' });
    expect(phone.view().active).toBeUndefined();
    expect(phone.view().incoming).toMatchObject({ id: 'c2', phase: 'ringing', holdFirst: false });
    phone.adapter.answer();
    expect(second.log).toEqual(['answer']);
  });

  it('H1: when the second caller ends, the parked caller is back as the current call, still held', () => {
    const phone = startPhone();
    const first = phone.talkTo('c1');
    const second = phone.ring('c2', {}, '13900139000');
    phone.adapter.answer();
    phone.adapter.act({ type: 'AGENT.HOLD_CONFIRM' });
    first.fire('holdAccepted');
    second.fire('confirmed');
    second.fire('ended', { by: 'remote', cause: 'BYE' });
    const view = phone.view();
    expect(view.active).toMatchObject({ id: 'c1', phase: 'connected' });
    expect(view.active?.rules.phase).toBe('onHold');
    expect(view.parked).toBeUndefined();
    expect(view.lastEnded?.id).toBe('c2');
    phone.adapter.act({ type: 'AGENT.RESUME' });
    expect(first.log.at(-1)).toBe('unhold');
  });
});

describe('transfer to us (T5)', () => {
  it('T5: a call that replaces the current (consult) call is answered at once and takes its place', () => {
    const phone = startPhone();
    const consult = phone.talkTo('c1', '1403');
    const transferred = phone.ring('c2', { replaces: true });
    expect(transferred.log).toEqual(['answer']);
    transferred.fire('confirmed');
    const view = phone.view();
    expect(view.active).toMatchObject({ id: 'c2', phase: 'connected', invite: { transferredIn: true } });
    expect(view.incoming).toBeUndefined();
    expect(view.parked).toBeUndefined();
    expect(view.lastEnded).toBeUndefined();
    expect(Object.keys(phone.adapter.actor.getSnapshot().context.calls)).toEqual(['c2']);
    expect(consult.log).toEqual(['answer']);
  });
});

describe('the caller hangs up', () => {
  it('while ringing: a missed call', () => {
    const phone = startPhone();
    const call = phone.ring('c1');
    call.fire('ended', { by: 'remote', cause: 'Canceled' });
    const view = phone.view();
    expect(view.incoming).toBeUndefined();
    expect(view.lastEnded).toMatchObject({ id: 'c1', phase: 'ended', ended: { by: 'remote', cause: 'Canceled' } });
    expect(view.lastEnded?.rules.records).toEqual([{ kind: 'missed', reason: 'Canceled', at: START }]);
  });

  it('while talking: the customer hung up first', () => {
    const phone = startPhone();
    const call = phone.talkTo('c1');
    phone.advance(30_000);
    call.fire('ended', { by: 'remote', cause: 'BYE' });
    expect(phone.view().active).toBeUndefined();
    expect(phone.view().lastEnded?.rules.records).toEqual([{ kind: 'customer-first', at: START + 30_000 }]);
  });

  it('C5: while talking, cut off by the line (not the caller): dropped', () => {
    const phone = startPhone();
    const call = phone.talkTo('c1');
    call.fire('ended', { by: 'system', cause: 'RTP Timeout' });
    expect(phone.view().lastEnded?.rules.records).toEqual([{ kind: 'dropped', reason: 'RTP Timeout', at: START }]);
  });

  it('while on hold: customer-first, and no check-in alert after the call is gone', () => {
    const phone = startPhone();
    const call = phone.talkTo('c1');
    phone.hold(call).advance(5_000);
    call.fire('ended', { by: 'remote', cause: 'BYE' });
    expect(phone.view().active).toBeUndefined();
    expect(phone.view().lastEnded?.rules.records.map((r) => r.kind)).toEqual(['customer-first']);
    phone.advance(30_000);
    expect(phone.notices('alert.checkIn')).toEqual([]);
  });

  it('C3: in the closing lock: customer-first, as the standard wants', () => {
    const phone = startPhone();
    const call = phone.talkTo('c1');
    phone.adapter.act({ type: 'AGENT.CLOSING' });
    phone.adapter.act({ type: 'AGENT.CLOSING' }); // C1: asked "anything else?", then closed
    phone.advance(2_000);
    call.fire('ended', { by: 'remote', cause: 'BYE' });
    expect(phone.view().lastEnded?.rules.records).toEqual([{ kind: 'customer-first', at: START + 2_000 }]);
    expect(call.log).toEqual(['answer']);
  });

  it('T2: during a transfer consultation: the consult leg is hung up too', () => {
    const phone = startPhone();
    const call = phone.talkTo('c1');
    phone.adapter.act({ type: 'AGENT.TRANSFER_START' });
    phone.adapter.act({ type: 'AGENT.CONSULT', target: '1403' });
    expect(call.log).toEqual(['answer', 'hold']);
    expect(phone.engine.placed).toEqual([]);
    call.fire('holdAccepted');
    const leg = phone.engine.placed[0]!;
    expect(leg.remote.number).toBe('1403');
    leg.fire('progress');
    expect(phone.view().active?.rules.transfer?.leg).toBe('ringing');
    call.fire('ended', { by: 'remote', cause: 'BYE' });
    expect(leg.log).toContain('hangup');
    expect(phone.view().active).toBeUndefined();
    expect(phone.view().lastEnded?.rules.records.map((r) => r.kind)).toEqual(['customer-first']);
  });
});

describe('hold check-in (N3/H3)', () => {
  it('N3/H3: reminds the agent after 15 s on hold, as a notice for that call', () => {
    const phone = startPhone();
    const call = phone.talkTo('c1');
    phone.hold(call);
    expect(phone.view().active?.rules.onHold).toBe(true);
    phone.advance(14_900);
    expect(phone.notices('alert.checkIn')).toEqual([]);
    phone.advance(100);
    expect(phone.notices('alert.checkIn')).toEqual([{ type: 'alert.checkIn', count: 1, level: 1 }]);
    expect(phone.heard.filter((h) => h.notice.type === 'alert.checkIn').map((h) => h.call)).toEqual(['c1']);
  });
});

describe('hang-up lock (C3/N6)', () => {
  it('C3/N6: keeps Hang up locked until 5 s after Closing, then hangs up', () => {
    const phone = startPhone();
    const call = phone.talkTo('c1');
    phone.adapter.act({ type: 'AGENT.CLOSING' });
    phone.adapter.act({ type: 'AGENT.CLOSING' }); // C1: asked "anything else?", then closed
    expect(phone.view().active?.rules).toMatchObject({ phase: 'closingLock', canHangUp: false, lockEndsAt: START + 5_000 });
    phone.adapter.hangup();
    expect(call.log).toEqual(['answer']);
    expect(phone.notices('alert.hangupLocked')).toEqual([{ type: 'alert.hangupLocked', lockEndsAt: START + 5_000 }]);
    phone.advance(4_900);
    expect(phone.view().active?.rules.canHangUp).toBe(false);
    phone.advance(100);
    expect(phone.view().active?.rules.canHangUp).toBe(true);
    phone.adapter.hangup();
    expect(call.log).toEqual(['answer', 'hangup agent']);
    expect(phone.view().lastEnded?.rules.records.map((r) => r.kind)).toEqual(['agent-hangup']);
  });
});

describe('greeting by voice (N2)', () => {
  it('N2: the agent\'s voice within 3 s of connecting meets the greeting rule', () => {
    const phone = startPhone();
    phone.talkTo('c1');
    phone.advance(1_500).level('c1', 'ENGINE.LOCAL_AUDIO', 0.5);
    expect(phone.view().active?.greetedAt).toBe(START + 1_500);
    expect(phone.view().active?.rules.rules).toContainEqual({ rule: 'greetWithin', state: 'met' });
    phone.advance(5_000);
    expect(phone.notices('rule.breached')).toEqual([]);
  });

  it('N2: a level under the voice threshold is not a greeting; 3 s later the rule is breached', () => {
    const phone = startPhone();
    phone.talkTo('c1');
    phone.level('c1', 'ENGINE.LOCAL_AUDIO', 0.01);
    expect(phone.view().active?.greetedAt).toBeUndefined();
    phone.advance(2_900);
    expect(phone.notices('rule.breached')).toEqual([]);
    phone.advance(100);
    expect(phone.notices('rule.breached')).toEqual([{ type: 'rule.breached', rule: 'greetWithin' }]);
    expect(phone.view().active?.rules.rules).toContainEqual({ rule: 'greetWithin', state: 'breached' });
  });
});

describe('silent caller (N9)', () => {
  it('N9: a caller silent for silenceDetect gives one silence alert', () => {
    const phone = startPhone();
    phone.talkTo('c1');
    phone.level('c1', 'ENGINE.LOCAL_AUDIO', 0.5);
    // The adapter polls every 500 ms: the caller's level stays 0 throughout.
    for (let t = 0; t < defaultTimings.silenceDetect - 500; t += 500) phone.level('c1', 'ENGINE.REMOTE_AUDIO', 0).advance(500);
    expect(phone.notices('alert.silence')).toEqual([]);
    for (let t = 0; t < 10_000; t += 500) phone.level('c1', 'ENGINE.REMOTE_AUDIO', 0).advance(500);
    expect(phone.notices('alert.silence')).toEqual([{ type: 'alert.silence' }]);
  });
});

describe('who is calling (G7)', () => {
  it('G7: a CRM answer arriving after the call rings updates its tier, and the call keeps it through answer', async () => {
    let answer!: (r: TierResult | null) => void;
    const late = new Promise<TierResult | null>((resolve) => { answer = resolve; });
    const phone = startPhone({ identify: () => ({ now: { tier: 'ordinary', from: 'default' }, late }) });
    const call = phone.ring('c1');
    expect(phone.view().incoming).toMatchObject({ tier: 'ordinary', tierFrom: 'default' });
    answer({ tier: 'vip', from: 'crm', surname: '张', title: '先生' });
    await late;
    expect(phone.view().incoming).toMatchObject({ tier: 'vip', tierFrom: 'crm', surname: '张', title: '先生' });
    phone.adapter.answer();
    call.fire('confirmed');
    expect(phone.view().active).toMatchObject({ id: 'c1', tier: 'vip', tierFrom: 'crm' });
  });

  it('G7: the header\'s tier is used at once when nothing better is known', () => {
    const phone = startPhone();
    phone.ring('c1', { tier: 'brand' });
    expect(phone.view().incoming).toMatchObject({ tier: 'brand', tierFrom: 'header' });
  });
});

describe('promised call-back (H4/N4)', () => {
  it('H4/N4: a call-back promised after 2 min on hold becomes a task, comes due at its time, and dials its number', () => {
    const phone = startPhone();
    const call = phone.talkTo('c1');
    phone.hold(call).advance(119_900);
    expect(phone.notices('alert.callbackOffer')).toEqual([]);
    phone.advance(100);
    expect(phone.notices('alert.callbackOffer')).toHaveLength(1);
    expect(phone.view().active?.rules.callbackOfferDue).toBe(true);
    const promisedAt = phone.clock.now();
    phone.adapter.act({ type: 'AGENT.OFFER_CALLBACK' });
    const dueAt = promisedAt + defaultTimings.callbackDue;
    expect(phone.view().tasks).toEqual([{ id: 'task-1', number: CALLER, dueAt, due: false, attempts: 0, kind: 'callback', updates: 0, callId: 'c1' }]);

    call.fire('ended', { by: 'remote', cause: 'BYE' });
    phone.advance(dueAt - phone.clock.now() - 100);
    expect(phone.view().tasks[0]?.due).toBe(false);
    expect(phone.due).toEqual([]);
    phone.advance(100);
    expect(phone.view().tasks[0]?.due).toBe(true);
    expect(phone.due).toEqual([{ id: 'task-1', number: CALLER, kind: 'callback' }]);

    phone.adapter.callBack('task-1');
    expect(phone.engine.placed.map((c) => c.remote.number)).toEqual([CALLER]);
    expect(phone.view().tasks[0]?.attempts).toBe(1);
    const back = phone.engine.placed[0]!;
    expect(phone.view().active).toMatchObject({ id: back.id, direction: 'outgoing', number: CALLER, phase: 'calling' });
    back.fire('confirmed');
    expect(phone.view().active).toMatchObject({ id: back.id, phase: 'connected' });

    phone.adapter.taskDone('task-1');
    expect(phone.view().tasks).toEqual([]);
  });
});
