// The phone statechart alone, on a simulated clock: registration, one call ringing at a time, call
// waiting with the first caller's consent (H1), a transfer to us taking over the consult call,
// promised call-backs as tasks, and the last call's final snapshot kept for the views.
import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { defaultTimings } from '../timings.ts';
import type { CallbackEmitted } from './callbackMachine.ts';
import { isHeld, phoneMachine, type NewCall, type PhoneEmitted } from './phoneMachine.ts';
import { callPhase } from './selectors.ts';
import type { AgentEvent, CallEmitted, EngineEvent } from './types.ts';
import { phoneView } from './views.ts';

const START = 500_000;

function startPhone() {
  const clock = new SimulatedClock();
  clock.set(START);
  const actor = createActor(phoneMachine, {
    input: { mode: 'live', timings: defaultTimings, now: () => clock.now() },
    clock,
  });
  const emitted: PhoneEmitted[] = [];
  actor.on('*', (e) => { emitted.push(e); });
  actor.start();
  /** What each call actor asked of the engine, by call id. */
  const commands: Record<string, string[]> = {};
  const taskEmitted: CallbackEmitted[] = [];
  const watched = new Set<string>();
  const watch = () => {
    const c = actor.getSnapshot().context;
    for (const [id, ref] of Object.entries(c.calls)) {
      if (watched.has(id)) continue;
      watched.add(id);
      commands[id] = [];
      ref.on('*', (e: CallEmitted) => { if (e.type.startsWith('engine.')) commands[id]!.push(e.type); });
    }
    for (const task of c.tasks) {
      if (watched.has(task.id)) continue;
      watched.add(task.id);
      task.on('*', (e: CallbackEmitted) => { taskEmitted.push(e); });
    }
  };
  actor.subscribe(watch);

  const phone = {
    actor,
    clock,
    emitted,
    commands,
    taskEmitted,
    context: () => actor.getSnapshot().context,
    view: () => phoneView(actor.getSnapshot()),
    phaseOf: (id: string) => {
      const ref = actor.getSnapshot().context.calls[id];
      return ref ? callPhase(ref.getSnapshot()) : undefined;
    },
    advance(ms: number) {
      for (let left = ms; left > 0; left -= 100) clock.increment(Math.min(100, left));
      return phone;
    },
    incoming(id: string, extra: Partial<NewCall> = {}) {
      actor.send({ type: 'ENGINE.INCOMING', call: { id, remote: { number: '13800138000' }, identity: { tier: 'ordinary', from: 'default' }, ...extra } });
      return phone;
    },
    engine(id: string, event: EngineEvent) { actor.send({ type: 'ENGINE.CALL', id, event }); return phone; },
    agent(event: AgentEvent, id?: string) { actor.send(id === undefined ? { type: 'AGENT.CALL', event } : { type: 'AGENT.CALL', id, event }); return phone; },
    /** Rung, answered, confirmed. */
    talkTo(id: string) {
      phone.incoming(id);
      actor.send({ type: 'PHONE.ANSWER' });
      return phone.engine(id, { type: 'ENGINE.CONFIRMED' });
    },
    /** The second caller answered with the first caller's consent: c2 current, c1 parked. */
    waiting(first: string, second: string) {
      phone.talkTo(first).incoming(second, { remote: { number: '13900139000' } });
      actor.send({ type: 'PHONE.ANSWER' });
      phone.agent({ type: 'AGENT.HOLD_CONFIRM' }).engine(first, { type: 'ENGINE.HOLD_ACCEPTED' });
      return phone.engine(second, { type: 'ENGINE.CONFIRMED' });
    },
  };
  return phone;
}

describe('registration', () => {
  it('starts disabled and keeps the engine\'s last status', () => {
    const phone = startPhone();
    expect(phone.context().registration).toEqual({ state: 'disabled' });
    phone.actor.send({ type: 'ENGINE.REGISTRATION', status: { state: 'registered' } });
    expect(phone.view().registration).toEqual({ state: 'registered' });
    phone.actor.send({ type: 'ENGINE.REGISTRATION', status: { state: 'unregistered', reason: 'transport' } });
    expect(phone.view().registration).toEqual({ state: 'unregistered', reason: 'transport' });
  });
});

describe('one call', () => {
  it('rings, is answered on PHONE.ANSWER and becomes the current call when confirmed', () => {
    const phone = startPhone().incoming('c1');
    expect(phone.context().incoming).toBe('c1');
    expect(phone.phaseOf('c1')).toBe('ringing');
    phone.actor.send({ type: 'PHONE.ANSWER' });
    expect(phone.commands.c1).toEqual(['engine.answer']);
    phone.engine('c1', { type: 'ENGINE.CONFIRMED' });
    expect(phone.context()).toMatchObject({ incoming: undefined, active: 'c1', parked: undefined });
    expect(phone.phaseOf('c1')).toBe('talking');
  });

  it('PHONE.DECLINE declines the ringing call with 486', () => {
    const phone = startPhone().incoming('c1');
    phone.actor.send({ type: 'PHONE.DECLINE' });
    expect(phone.commands.c1).toEqual(['engine.decline']);
    expect(phone.context().calls).toEqual({});
    expect(phone.view().lastEnded?.rules.records.map((r) => r.kind)).toEqual(['declined']);
  });

  it('places an outgoing call as current, but not while a call rings', () => {
    const phone = startPhone();
    phone.actor.send({ type: 'ENGINE.OUTGOING', call: { id: 'o1', remote: { number: '13900139000' }, identity: { tier: 'ordinary', from: 'default' } } });
    expect(phone.context().active).toBe('o1');
    expect(phone.phaseOf('o1')).toBe('dialing');
    const other = startPhone().incoming('c1');
    other.actor.send({ type: 'ENGINE.OUTGOING', call: { id: 'o1', remote: { number: '13900139000' }, identity: { tier: 'ordinary', from: 'default' } } });
    expect(Object.keys(other.context().calls)).toEqual(['c1']);
    expect(other.context().active).toBeUndefined();
  });

  it('sends agent actions to the current call by default, or to the call named', () => {
    const phone = startPhone().talkTo('c1');
    phone.agent({ type: 'AGENT.CLOSING' });
    expect(phone.phaseOf('c1')).toBe('closingCheck');
    phone.agent({ type: 'AGENT.CLOSING' });
    expect(phone.phaseOf('c1')).toBe('closingLock');
    phone.agent({ type: 'AGENT.CONTINUE' }, 'c1');
    expect(phone.phaseOf('c1')).toBe('talking');
    phone.agent({ type: 'AGENT.CLOSING' }, 'no-such-call');
    expect(phone.phaseOf('c1')).toBe('talking');
  });
});

describe('refusing a caller the phone cannot take', () => {
  it('refuses a second caller with engine.decline 486 while one rings; no call actor is made', () => {
    const phone = startPhone().incoming('c1').incoming('c2');
    expect(phone.emitted).toEqual([{ type: 'engine.decline', id: 'c2', code: 486 }]);
    expect(Object.keys(phone.context().calls)).toEqual(['c1']);
    expect(phone.context().incoming).toBe('c1');
  });

  it('refuses a third caller while a second waits on the current call', () => {
    const phone = startPhone().talkTo('c1').incoming('c2').incoming('c3');
    expect(phone.emitted).toEqual([{ type: 'engine.decline', id: 'c3', code: 486 }]);
    expect(Object.keys(phone.context().calls).sort()).toEqual(['c1', 'c2']);
  });

  it('refuses a third caller while one is parked and another is current (one waiting call at a time)', () => {
    const phone = startPhone().waiting('c1', 'c2');
    expect(phone.context()).toMatchObject({ active: 'c2', parked: 'c1' });
    phone.incoming('c3');
    expect(phone.emitted).toEqual([{ type: 'engine.decline', id: 'c3', code: 486 }]);
    expect(Object.keys(phone.context().calls).sort()).toEqual(['c1', 'c2']);
  });
});

describe('call waiting (H1: hold only after the customer agrees)', () => {
  it('H1: answering the waiting call asks the current caller first; nothing is answered or held yet', () => {
    const phone = startPhone().talkTo('c1').incoming('c2');
    phone.actor.send({ type: 'PHONE.ANSWER' });
    expect(phone.phaseOf('c1')).toBe('holdConsent');
    expect(phone.view().incoming?.holdFirst).toBe(true);
    expect(phone.commands.c1).toEqual(['engine.answer']);
    expect(phone.commands.c2).toEqual([]);
  });

  it('H1: the second caller is answered only once the far end accepted the first caller\'s hold', () => {
    const phone = startPhone().talkTo('c1').incoming('c2');
    phone.actor.send({ type: 'PHONE.ANSWER' });
    phone.agent({ type: 'AGENT.HOLD_CONFIRM' });
    expect(phone.commands.c1).toEqual(['engine.answer', 'engine.hold']);
    expect(phone.commands.c2).toEqual([]);
    expect(isHeld(phone.context().calls.c1)).toBe(false);
    phone.engine('c1', { type: 'ENGINE.HOLD_ACCEPTED' });
    expect(isHeld(phone.context().calls.c1)).toBe(true);
    expect(phone.commands.c2).toEqual(['engine.answer']);
    phone.engine('c2', { type: 'ENGINE.CONFIRMED' });
    expect(phone.context()).toMatchObject({ incoming: undefined, active: 'c2', parked: 'c1' });
    expect(phone.view().parked?.rules.onHold).toBe(true);
  });

  it('H1: a waiting call answered while the current caller is already held is picked up at once', () => {
    const phone = startPhone().talkTo('c1');
    phone.agent({ type: 'AGENT.HOLD_REQUEST' }).agent({ type: 'AGENT.HOLD_CONFIRM' }).engine('c1', { type: 'ENGINE.HOLD_ACCEPTED' });
    phone.incoming('c2');
    phone.actor.send({ type: 'PHONE.ANSWER' });
    expect(phone.commands.c2).toEqual(['engine.answer']);
  });

  it('H1: consent refused keeps the waiting call ringing (no longer held-first)', () => {
    const phone = startPhone().talkTo('c1').incoming('c2');
    phone.actor.send({ type: 'PHONE.ANSWER' });
    phone.agent({ type: 'AGENT.HOLD_CANCEL' });
    expect(phone.phaseOf('c1')).toBe('talking');
    expect(phone.phaseOf('c2')).toBe('ringing');
    expect(phone.view().incoming?.holdFirst).toBe(false);
    expect(phone.commands.c2).toEqual([]);
  });

  it('H1: a hold the far end rejects keeps the waiting call ringing', () => {
    const phone = startPhone().talkTo('c1').incoming('c2');
    phone.actor.send({ type: 'PHONE.ANSWER' });
    phone.agent({ type: 'AGENT.HOLD_CONFIRM' }).engine('c1', { type: 'ENGINE.HOLD_FAILED', reason: '488' });
    expect(phone.phaseOf('c1')).toBe('talking');
    expect(phone.view().incoming?.holdFirst).toBe(false);
    expect(phone.commands.c2).toEqual([]);
  });

  it('H1: when the current caller hangs up while asked to hold, the waiting call is no longer held-first and can be answered', () => {
    const phone = startPhone().talkTo('c1').incoming('c2');
    phone.actor.send({ type: 'PHONE.ANSWER' });
    phone.engine('c1', { type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' });
    expect(phone.context().active).toBeUndefined();
    expect(phone.view().incoming).toMatchObject({ id: 'c2', holdFirst: false });
  });

  it('H1: when the second call ends, the parked caller is the current call again', () => {
    const phone = startPhone().waiting('c1', 'c2');
    phone.engine('c2', { type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' });
    expect(phone.context()).toMatchObject({ active: 'c1', parked: undefined, incoming: undefined });
    expect(phone.phaseOf('c1')).toBe('onHold');
    expect(phone.view().lastEnded?.id).toBe('c2');
  });

  it('H1: a parked caller who hangs up leaves the current call alone', () => {
    const phone = startPhone().waiting('c1', 'c2');
    phone.engine('c1', { type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' });
    expect(phone.context()).toMatchObject({ active: 'c2', parked: undefined });
    expect(phone.view().lastEnded).toMatchObject({ id: 'c1', phase: 'ended' });
  });
});

describe('transfer to us (T5)', () => {
  it('T5: an INVITE replacing the current call takes its place, marked transferred-in; the old call is gone', () => {
    const phone = startPhone().talkTo('c1');
    const old = phone.context().calls.c1!;
    phone.incoming('c2', { replaces: true, invite: { scenario: 'complaint' } });
    expect(phone.context()).toMatchObject({ active: 'c2', incoming: undefined });
    expect(Object.keys(phone.context().calls)).toEqual(['c2']);
    expect(old.getSnapshot().status).toBe('stopped');
    expect(phone.view().active?.invite).toEqual({ scenario: 'complaint', transferredIn: true });
    expect(phone.view().lastEnded).toBeUndefined();
    phone.agent({ type: 'AGENT.ANSWER' }, 'c2');
    phone.engine('c2', { type: 'ENGINE.CONFIRMED' });
    expect(phone.context().active).toBe('c2');
    expect(phone.phaseOf('c2')).toBe('talking');
  });

  it('an INVITE with Replaces when no call is up just rings', () => {
    const phone = startPhone().incoming('c1', { replaces: true });
    expect(phone.context().incoming).toBe('c1');
    expect(phone.context().active).toBeUndefined();
    expect(phone.view().incoming?.invite.transferredIn).toBeUndefined();
  });
});

describe('promised call-backs (H4/N4)', () => {
  it('H4/N4: a call-back promised on a call becomes a task that comes due at the promised time', () => {
    const phone = startPhone().talkTo('c1');
    phone.agent({ type: 'AGENT.OFFER_CALLBACK', number: '13900139000', dueMs: 60_000 });
    expect(phone.view().tasks).toEqual([{ id: 'task-1', number: '13900139000', dueAt: START + 60_000, due: false, attempts: 0, kind: 'callback', updates: 0, callId: 'c1' }]);
    phone.advance(59_900);
    expect(phone.view().tasks[0]?.due).toBe(false);
    phone.advance(100);
    expect(phone.view().tasks[0]?.due).toBe(true);
    expect(phone.taskEmitted).toEqual([{ type: 'alert.callbackDue', id: 'task-1', number: '13900139000', dueAt: START + 60_000, kind: 'callback' }]);
  });

  it('H4/N4: the default promise is 5 min to the caller\'s number; dial, done and cancel reach the task', () => {
    const phone = startPhone().talkTo('c1');
    phone.agent({ type: 'AGENT.OFFER_CALLBACK' });
    phone.agent({ type: 'AGENT.OFFER_CALLBACK', number: '13700137000' });
    expect(phone.view().tasks.map((t) => [t.id, t.number, t.dueAt])).toEqual([
      ['task-1', '13800138000', START + defaultTimings.callbackDue],
      ['task-2', '13700137000', START + defaultTimings.callbackDue],
    ]);
    phone.actor.send({ type: 'TASK.DIAL', id: 'task-1' });
    expect(phone.taskEmitted).toEqual([{ type: 'callback.dial', id: 'task-1', number: '13800138000' }]);
    expect(phone.view().tasks[0]?.attempts).toBe(1);
    phone.actor.send({ type: 'TASK.DONE', id: 'task-1' });
    expect(phone.view().tasks.map((t) => t.id)).toEqual(['task-2']);
    phone.actor.send({ type: 'TASK.CANCEL', id: 'task-2' });
    expect(phone.view().tasks).toEqual([]);
    // A finished task is not a call: the last call stays as it was.
    expect(phone.context().active).toBe('c1');
    expect(phone.context().lastEnded).toBeUndefined();
  });

  it('H4/N4: a task outlives the call that promised it, and its numbering goes on', () => {
    const phone = startPhone().talkTo('c1');
    phone.agent({ type: 'AGENT.OFFER_CALLBACK', dueMs: 10_000 });
    phone.engine('c1', { type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' });
    expect(phone.view().tasks.map((t) => t.id)).toEqual(['task-1']);
    phone.advance(10_000);
    expect(phone.view().tasks[0]?.due).toBe(true);
    phone.talkTo('c2').agent({ type: 'AGENT.OFFER_CALLBACK' });
    expect(phone.view().tasks.map((t) => t.id)).toEqual(['task-1', 'task-2']);
  });
});

describe('the last call', () => {
  it('keeps the final snapshot of the call that ended last', () => {
    const phone = startPhone().talkTo('c1');
    phone.advance(4_000).agent({ type: 'AGENT.CLOSING' }).agent({ type: 'AGENT.CLOSING' }).advance(5_000).agent({ type: 'AGENT.HANGUP' });
    const last = phone.view().lastEnded;
    expect(phone.context().calls).toEqual({});
    expect(phone.context().lastEnded?.getSnapshot().status).toBe('done');
    expect(last).toMatchObject({ id: 'c1', phase: 'ended', closingAt: START + 4_000, ended: { by: 'local' } });
    expect(last?.rules.records).toEqual([{ kind: 'agent-hangup', at: START + 9_000 }]);
    expect(phone.commands.c1).toEqual(['engine.answer', 'engine.hangup']);
    // Still there while the next call rings; replaced when that one ends.
    phone.incoming('c2');
    expect(phone.view().lastEnded?.id).toBe('c1');
    phone.engine('c2', { type: 'ENGINE.ENDED', by: 'remote', cause: 'Canceled' });
    expect(phone.view().lastEnded).toMatchObject({ id: 'c2', rules: { records: [{ kind: 'missed', reason: 'Canceled', at: START + 9_000 }] } });
  });
});

describe('follow-up tasks from a call (N10, C5)', () => {
  it('N10: marking an emergency case opens a task that reminds every emergencyUpdateEvery until the case is closed', () => {
    const phone = startPhone().talkTo('c1');
    phone.agent({ type: 'AGENT.MARK_EMERGENCY' });
    phone.agent({ type: 'AGENT.MARK_EMERGENCY' }); // once per call
    const every = defaultTimings.emergencyUpdateEvery;
    expect(phone.view().tasks).toEqual([{ id: 'task-1', kind: 'emergency', number: '13800138000', dueAt: START + every, due: false, attempts: 0, updates: 0, callId: 'c1' }]);
    expect(phone.view().active?.emergencyAt).toBe(START);
    phone.engine('c1', { type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' });
    phone.advance(every);
    expect(phone.view().tasks[0]?.due).toBe(true);
    phone.actor.send({ type: 'TASK.DIAL', id: 'task-1' });
    phone.actor.send({ type: 'TASK.DONE', id: 'task-1' });
    expect(phone.view().tasks[0]).toMatchObject({ due: false, updates: 1, dueAt: START + 2 * every });
    phone.actor.send({ type: 'TASK.CLOSE', id: 'task-1' });
    expect(phone.view().tasks).toEqual([]);
  });

  it('C5/N5: a call the line drops becomes a call-back task due in callbackDue', () => {
    const phone = startPhone().talkTo('c1');
    phone.advance(2_000).engine('c1', { type: 'ENGINE.ENDED', by: 'system', cause: 'Connection Error' });
    expect(phone.view().lastEnded?.rules.records.map((r) => r.kind)).toEqual(['dropped']);
    expect(phone.view().tasks).toEqual([{ id: 'task-1', kind: 'callback', number: '13800138000', dueAt: START + 2_000 + defaultTimings.callbackDue, due: false, attempts: 0, updates: 0, callId: 'c1' }]);
  });
});
