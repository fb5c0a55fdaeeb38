// Drives a call machine on a simulated clock for tests: no real waiting, every timer explicit.
import { createActor, SimulatedClock } from 'xstate';
import { defaultTimings } from '../timings.ts';
import { callMachine } from './callMachine.ts';
import { phoneMachine } from './phoneMachine.ts';
import { callPhase } from './selectors.ts';
import type { CallEmitted, CallEvent, CallInput } from './types.ts';

/** Clock steps small enough that chained delays (5 s, 5 s, 5 s) land on their exact times. */
const STEP = 100;

export function startCall(overrides: Partial<CallInput> = {}) {
  const clock = new SimulatedClock();
  const input: CallInput = {
    timings: defaultTimings,
    direction: 'incoming',
    remote: { number: '13800138000', displayName: '张先生' },
    tier: 'ordinary',
    now: () => clock.now(),
    ...overrides,
  };
  const actor = createActor(callMachine, { input, clock });
  const emitted: CallEmitted[] = [];
  actor.on('*', (e) => { emitted.push(e); });
  actor.start();

  const kit = {
    actor,
    clock,
    emitted,
    send(...events: CallEvent[]) { for (const e of events) actor.send(e); return kit; },
    /** Let `ms` of time pass on the call's clock. */
    advance(ms: number) {
      let left = ms;
      while (left > 0) { const step = Math.min(STEP, left); clock.increment(step); left -= step; }
      return kit;
    },
    snapshot: () => actor.getSnapshot(),
    phase: () => callPhase(actor.getSnapshot()),
    matches: (value: Parameters<ReturnType<typeof actor.getSnapshot>['matches']>[0]) => actor.getSnapshot().matches(value),
    /** Emitted events since the last call, and forget them. */
    take() { return emitted.splice(0, emitted.length); },
    types() { return kit.take().map((e) => e.type); },
    /** A call answered, connected and greeted, with the emitted events cleared. */
    connect() {
      if (input.direction === 'incoming') kit.send({ type: 'AGENT.ANSWER' });
      kit.send({ type: 'ENGINE.CONFIRMED' }, { type: 'AGENT.GREETED' });
      kit.take();
      return kit;
    },
    /** Consent, confirm, far end accepts: on hold. */
    hold() {
      kit.send({ type: 'AGENT.HOLD_REQUEST' }, { type: 'AGENT.HOLD_CONFIRM' }, { type: 'ENGINE.HOLD_ACCEPTED' });
      kit.take();
      return kit;
    },
  };
  return kit;
}

export type CallKit = ReturnType<typeof startCall>;

/** A started phone actor on a simulated clock set to `at` (live mode, the standard's timings). */
export function startPhone(at = 0) {
  const clock = new SimulatedClock();
  clock.set(at);
  const actor = createActor(phoneMachine, { clock, input: { mode: 'live', timings: defaultTimings, now: () => clock.now() } });
  actor.start();
  return { actor, clock };
}
