// A shift of calls must not pile up in the phone actor (issue 14 §3): a finished call or call-back
// task leaves the phone's children, and the last call's final snapshot is still there to show.
import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { defaultTimings } from '../timings.ts';
import { phoneMachine } from './phoneMachine.ts';
import { phoneView } from './views.ts';

describe('the phone lets go of what has finished', () => {
  it('keeps no child actor for ended calls or settled tasks, however many there were', () => {
    const clock = new SimulatedClock();
    clock.set(1_000_000);
    const phone = createActor(phoneMachine, { input: { mode: 'live', timings: defaultTimings, now: () => clock.now() }, clock }).start();
    const call = (id: string) => ({ id, remote: { number: '13800138000' }, identity: { tier: 'ordinary' as const, from: 'default' as const } });
    for (let i = 0; i < 20; i++) {
      phone.send({ type: 'ENGINE.INCOMING', call: call(`c${i}`) });
      if (i % 2) {
        phone.send({ type: 'PHONE.DECLINE' });
      } else {
        phone.send({ type: 'PHONE.ANSWER' });
        phone.send({ type: 'ENGINE.CALL', id: `c${i}`, event: { type: 'ENGINE.CONFIRMED' } });
        phone.send({ type: 'ENGINE.CALL', id: `c${i}`, event: { type: 'ENGINE.ENDED', by: 'remote', cause: 'Terminated' } });
      }
    }
    phone.send({ type: 'CALL.CALLBACK_PROMISED', id: 'c0', number: '13800138000', dueAt: clock.now() + 1_000 } as never);
    const task = phone.getSnapshot().context.tasks[0]!;
    phone.send({ type: 'TASK.CANCEL', id: task.id });
    const snapshot = phone.getSnapshot();
    expect(Object.keys(snapshot.children)).toEqual([]);
    expect(snapshot.context.calls).toEqual({});
    expect(snapshot.context.tasks).toEqual([]);
    // The last call's final snapshot still reads as ended, for the "Call ended" line.
    expect(phoneView(snapshot).lastEnded).toMatchObject({ id: 'c19', phase: 'ended' });
  });
});
