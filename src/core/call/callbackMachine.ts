// A promised call-back (SERVICE-STANDARD §3.3: take the number, call back within the promised
// time, 5 min after seeking support). One actor per task: it reminds when due, and records
// whether the agent dialled and finished it. Time passes only through the actor's clock.
import { assign, emit, setup } from 'xstate';
import type { Timings } from '../timings.ts';

export type TaskKind = 'callback' | 'emergency';

export interface CallbackInput {
  id: string;
  /**
   * 'callback': one promised call-back (H4, C5). 'emergency': N10 (004) — the customer of an
   * emergency case gets a progress update every `repeatEvery` until the agent closes the case.
   */
  kind?: TaskKind;
  repeatEvery?: number;
  /** The call that promised it (for its record). */
  callId?: string;
  number: string;
  timings: Pick<Timings, 'callbackDue'>;
  /** How long until due; default timings.callbackDue (from the call's `callback.promised`: dueAt − now). */
  dueMs?: number;
  /**
   * A task saved by a page that is gone (a reload, a crash): it keeps its promise's times, so a
   * call-back made after the reload is judged against the time promised to the customer.
   */
  restore?: SavedTaskTimes;
  now: () => number;
}

/** What a task must keep across a reload besides who and what (see SavedTask in phoneMachine.ts). */
export interface SavedTaskTimes { promisedAt: number; dueAt: number; attempts: number; updates: number }

export interface CallbackContext {
  id: string;
  kind: TaskKind;
  repeatEvery?: number;
  callId?: string;
  /** Progress updates given (emergency cases). */
  updates: number;
  number: string;
  promisedAt: number;
  dueAt: number;
  dueMs: number;
  attempts: number;
  outcome?: 'done' | 'cancelled';
  /** When the agent finished or dropped the task. */
  closedAt?: number;
  now: () => number;
}

export type CallbackEvent =
  | { type: 'CALLBACK.DIAL' }
  | { type: 'CALLBACK.DIAL_FAILED'; cause?: string }
  | { type: 'CALLBACK.DONE' }
  /** An emergency case is resolved: no more updates are due. */
  | { type: 'CALLBACK.CLOSE' }
  | { type: 'CALLBACK.CANCEL' };

export type CallbackEmitted =
  | { type: 'alert.callbackDue'; id: string; number: string; dueAt: number; kind: TaskKind }
  | { type: 'callback.dial'; id: string; number: string };

export interface CallbackOutcome {
  id: string;
  outcome: 'done' | 'cancelled';
  attempts: number;
  dueAt: number;
  closedAt: number;
  /** Finished after the promised time. */
  late: boolean;
}

export const callbackMachine = setup({
  types: {
    context: {} as CallbackContext,
    events: {} as CallbackEvent,
    emitted: {} as CallbackEmitted,
    input: {} as CallbackInput,
    output: {} as CallbackOutcome,
  },
  delays: {
    callbackDue: ({ context }) => context.dueMs,
  },
  actions: {
    remind: emit(({ context }) => ({ type: 'alert.callbackDue' as const, id: context.id, number: context.number, dueAt: context.dueAt, kind: context.kind })),
    /** The update is given: the next one is due repeatEvery from now. */
    scheduleNext: assign(({ context }) => {
      const dueMs = context.repeatEvery ?? context.dueMs;
      return { dueMs, dueAt: context.now() + dueMs, updates: context.updates + 1 };
    }),
    dial: emit(({ context }) => ({ type: 'callback.dial' as const, id: context.id, number: context.number })),
    countAttempt: assign(({ context }) => ({ attempts: context.attempts + 1 })),
    close: assign(({ context }, params: { outcome: 'done' | 'cancelled' }) => ({ outcome: params.outcome, closedAt: context.now() })),
  },
}).createMachine({
  id: 'callback',
  context: ({ input }) => {
    const r = input.restore;
    const promisedAt = r?.promisedAt ?? input.now();
    // Restored: due at the promised time (at once when it has passed meanwhile).
    const dueMs = r ? Math.max(0, r.dueAt - input.now()) : Math.max(0, input.dueMs ?? input.timings.callbackDue);
    return {
      id: input.id, kind: input.kind ?? 'callback', ...(input.repeatEvery ? { repeatEvery: input.repeatEvery } : {}), updates: r?.updates ?? 0,
      ...(input.callId ? { callId: input.callId } : {}),
      number: input.number, promisedAt, dueAt: r?.dueAt ?? promisedAt + dueMs, dueMs, attempts: r?.attempts ?? 0, now: input.now,
    };
  },
  initial: 'pending',
  states: {
    pending: {
      after: { callbackDue: { target: 'due' } },
      on: { 'CALLBACK.DIAL': { target: 'dialing' } },
    },
    due: {
      entry: 'remind',
      on: { 'CALLBACK.DIAL': { target: 'dialing' } },
    },
    dialing: {
      entry: ['countAttempt', 'dial'],
      on: {
        'CALLBACK.DONE': [
          // An emergency case: the update is given; the next one comes due (N10, every 30 min).
          { guard: ({ context }) => context.repeatEvery !== undefined, target: 'pending', actions: 'scheduleNext' },
          { target: 'done', actions: { type: 'close', params: { outcome: 'done' } } },
        ],
        // Not reached: the task is due again (dueAt stays as promised, so it shows as late).
        'CALLBACK.DIAL_FAILED': { target: 'due' },
      },
    },
    done: { type: 'final' },
    cancelled: { type: 'final' },
  },
  on: {
    'CALLBACK.CANCEL': { target: '.cancelled', actions: { type: 'close', params: { outcome: 'cancelled' } } },
    'CALLBACK.CLOSE': { target: '.done', actions: { type: 'close', params: { outcome: 'done' } } },
  },
  output: ({ context }) => {
    const closedAt = context.closedAt ?? context.now();
    return {
      id: context.id,
      outcome: context.outcome ?? 'cancelled',
      attempts: context.attempts,
      dueAt: context.dueAt,
      closedAt,
      late: closedAt > context.dueAt,
    };
  },
});

export type CallbackMachine = typeof callbackMachine;

/** Time left until the promised call-back (negative when late); the UI recomputes it each tick. */
export function callbackRemaining(s: { context: CallbackContext }, now: number): number {
  return s.context.dueAt - now;
}
