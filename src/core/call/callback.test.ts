// SERVICE-STANDARD §3.3: take the number, call back within the promised time (5 min, 000).
import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { defaultTimings } from '../timings.ts';
import { callbackMachine, callbackRemaining, type CallbackEmitted, type CallbackInput } from './callbackMachine.ts';
import { savedTasks } from './phoneMachine.ts';
import { startPhone } from './callTestKit.ts';

function startTask(overrides: Partial<CallbackInput> = {}) {
  const clock = new SimulatedClock();
  clock.set(1_000);
  const emitted: CallbackEmitted[] = [];
  const actor = createActor(callbackMachine, {
    clock,
    input: { id: 'cb-1', number: '13900139000', timings: defaultTimings, now: () => clock.now(), ...overrides },
  });
  actor.on('*', (e) => { emitted.push(e); });
  actor.start();
  return { actor, clock, emitted, state: () => actor.getSnapshot().value };
}

describe('call-back tasks', () => {
  it('N5: call-back task reminds when due (5 min)', () => {
    const task = startTask();
    expect(task.actor.getSnapshot().context).toMatchObject({ promisedAt: 1_000, dueAt: 301_000 });
    task.clock.increment(299_999);
    expect(task.emitted).toEqual([]);
    expect(callbackRemaining(task.actor.getSnapshot(), task.clock.now())).toBe(1);
    task.clock.increment(1);
    expect(task.state()).toBe('due');
    expect(task.emitted).toEqual([{ type: 'alert.callbackDue', id: 'cb-1', number: '13900139000', dueAt: 301_000, kind: 'callback' }]);
  });

  it('N5: uses the time promised to the customer when given', () => {
    const task = startTask({ dueMs: 60_000 });
    task.clock.increment(60_000);
    expect(task.state()).toBe('due');
  });

  it('N5: dialling early is fine; done in time is not late', () => {
    const task = startTask();
    task.clock.increment(120_000);
    task.actor.send({ type: 'CALLBACK.DIAL' });
    expect(task.emitted).toEqual([{ type: 'callback.dial', id: 'cb-1', number: '13900139000' }]);
    task.clock.increment(60_000);
    task.actor.send({ type: 'CALLBACK.DONE' });
    expect(task.actor.getSnapshot().status).toBe('done');
    expect(task.actor.getSnapshot().output).toEqual({ id: 'cb-1', outcome: 'done', attempts: 1, dueAt: 301_000, closedAt: 181_000, late: false });
    task.clock.increment(600_000);
    expect(task.emitted.map((e) => e.type)).not.toContain('alert.callbackDue');
  });

  it('N5: a call-back that does not reach the customer is due again, and done late is recorded as late', () => {
    const task = startTask();
    task.clock.increment(300_000);
    task.actor.send({ type: 'CALLBACK.DIAL' });
    task.actor.send({ type: 'CALLBACK.DIAL_FAILED', cause: 'Busy' });
    expect(task.state()).toBe('due');
    expect(task.emitted.filter((e) => e.type === 'alert.callbackDue')).toHaveLength(2);
    task.clock.increment(30_000);
    task.actor.send({ type: 'CALLBACK.DIAL' });
    task.actor.send({ type: 'CALLBACK.DONE' });
    expect(task.actor.getSnapshot().output).toMatchObject({ outcome: 'done', attempts: 2, late: true });
  });

  it('can be cancelled', () => {
    const task = startTask();
    task.actor.send({ type: 'CALLBACK.CANCEL' });
    expect(task.actor.getSnapshot().output).toMatchObject({ outcome: 'cancelled', attempts: 0, closedAt: 1_000 });
    task.clock.increment(400_000);
    expect(task.emitted).toEqual([]);
  });
});

describe('N10: an emergency case gets a progress update every 30 min until it is closed', () => {
  const EVERY = defaultTimings.emergencyUpdateEvery;

  it('N10: reminds at 30 min, and again 30 min after each update given, until the case is closed', () => {
    const task = startTask({ kind: 'emergency', repeatEvery: EVERY, dueMs: EVERY });
    task.clock.increment(EVERY - 1);
    expect(task.emitted).toEqual([]);
    task.clock.increment(1);
    expect(task.emitted).toEqual([{ type: 'alert.callbackDue', id: 'cb-1', number: '13900139000', dueAt: 1_000 + EVERY, kind: 'emergency' }]);
    task.actor.send({ type: 'CALLBACK.DIAL' });
    task.clock.increment(60_000);
    task.actor.send({ type: 'CALLBACK.DONE' });
    expect(task.state()).toBe('pending');
    expect(task.actor.getSnapshot().context).toMatchObject({ updates: 1, dueAt: 1_000 + EVERY + 60_000 + EVERY });
    task.emitted.length = 0;
    task.clock.increment(EVERY);
    expect(task.emitted.map((e) => e.type)).toEqual(['alert.callbackDue']);
    task.actor.send({ type: 'CALLBACK.CLOSE' });
    expect(task.actor.getSnapshot().status).toBe('done');
    expect(task.actor.getSnapshot().output).toMatchObject({ outcome: 'done' });
  });

  it('N10: a plain call-back is done after one call', () => {
    const task = startTask();
    task.clock.increment(300_000);
    task.actor.send({ type: 'CALLBACK.DIAL' });
    task.actor.send({ type: 'CALLBACK.DONE' });
    expect(task.actor.getSnapshot().status).toBe('done');
  });
});

describe('tasks across a reload (a page that is gone)', () => {

  it('N5: a call-back promised before a reload keeps its promised time, attempts and call, and is judged late against it', () => {
    const before = startPhone(1_000);
    before.actor.send({ type: 'CALL.CALLBACK_PROMISED', id: 'call-7', number: '13900139000', dueAt: 301_000 });
    before.actor.send({ type: 'TASK.DIAL', id: before.actor.getSnapshot().context.tasks[0]!.id });
    const saved = savedTasks(before.actor.getSnapshot().context);
    expect(saved).toEqual([{ kind: 'callback', number: '13900139000', callId: 'call-7', promisedAt: 1_000, dueAt: 301_000, attempts: 1, updates: 0 }]);

    // The page comes back 2 min later: the task is pending again, due at the promised time.
    const after = startPhone(121_000);
    after.actor.send({ type: 'TASK.RESTORE', task: JSON.parse(JSON.stringify(saved[0])) });
    const task = after.actor.getSnapshot().context.tasks[0]!;
    expect(task.getSnapshot().value).toBe('pending');
    expect(task.getSnapshot().context).toMatchObject({ callId: 'call-7', promisedAt: 1_000, dueAt: 301_000, attempts: 1 });
    after.clock.increment(179_999);
    expect(task.getSnapshot().value).toBe('pending');
    after.clock.increment(1);
    expect(task.getSnapshot().value).toBe('due');
    after.actor.send({ type: 'TASK.DIAL', id: task.id });
    after.clock.increment(1_000);
    after.actor.send({ type: 'TASK.DONE', id: task.id });
    expect(task.getSnapshot().output).toMatchObject({ outcome: 'done', attempts: 2, late: true, dueAt: 301_000 });
    expect(savedTasks(after.actor.getSnapshot().context)).toEqual([]);
  });

  it('N5: a task whose time passed while the page was gone is due at once; N10: an emergency case keeps its interval', () => {
    const after = startPhone(400_000);
    after.actor.send({ type: 'TASK.RESTORE', task: { kind: 'callback', number: '139', promisedAt: 1_000, dueAt: 301_000, attempts: 0, updates: 0 } });
    after.actor.send({ type: 'TASK.RESTORE', task: { kind: 'emergency', number: '138', callId: 'c2', repeatEvery: 1_800_000, promisedAt: 0, dueAt: 1_800_000, attempts: 0, updates: 0 } });
    const [late, emergency] = after.actor.getSnapshot().context.tasks;
    after.clock.increment(0);
    expect(late!.getSnapshot().value).toBe('due');
    expect(emergency!.getSnapshot().context).toMatchObject({ kind: 'emergency', repeatEvery: 1_800_000, dueAt: 1_800_000 });
    after.actor.send({ type: 'TASK.DIAL', id: emergency!.id });
    after.actor.send({ type: 'TASK.DONE', id: emergency!.id });
    // The update given: the next is due one interval on, as before the reload.
    expect(emergency!.getSnapshot().context).toMatchObject({ updates: 1, dueAt: 400_000 + 1_800_000 });
  });
});
