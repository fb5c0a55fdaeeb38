// A promised call-back (SERVICE-STANDARD §3.3: take the number, call back within the promised
// time, 5 min after seeking support). One actor per task: it reminds when due, and records
// whether the agent dialled and finished it. Time passes only through the actor's clock.
import { assign, emit, setup } from 'xstate';
import type { Timings } from '../timings.ts';

export interface CallbackInput {
  id: string;
  number: string;
  timings: Pick<Timings, 'callbackDue'>;
  /** How long until due; default timings.callbackDue (from the call's `callback.promised`: dueAt − now). */
  dueMs?: number;
  now: () => number;
}

export interface CallbackContext {
  id: string;
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
  | { type: 'CALLBACK.CANCEL' };

export type CallbackEmitted =
  | { type: 'alert.callbackDue'; id: string; number: string; dueAt: number }
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
    remind: emit(({ context }) => ({ type: 'alert.callbackDue' as const, id: context.id, number: context.number, dueAt: context.dueAt })),
    dial: emit(({ context }) => ({ type: 'callback.dial' as const, id: context.id, number: context.number })),
    countAttempt: assign(({ context }) => ({ attempts: context.attempts + 1 })),
    close: assign(({ context }, params: { outcome: 'done' | 'cancelled' }) => ({ outcome: params.outcome, closedAt: context.now() })),
  },
}).createMachine({
  id: 'callback',
  context: ({ input }) => {
    const promisedAt = input.now();
    const dueMs = Math.max(0, input.dueMs ?? input.timings.callbackDue);
    return { id: input.id, number: input.number, promisedAt, dueAt: promisedAt + dueMs, dueMs, attempts: 0, now: input.now };
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
        'CALLBACK.DONE': { target: 'done', actions: { type: 'close', params: { outcome: 'done' } } },
        // Not reached: the task is due again (dueAt stays as promised, so it shows as late).
        'CALLBACK.DIAL_FAILED': { target: 'due' },
      },
    },
    done: { type: 'final' },
    cancelled: { type: 'final' },
  },
  on: { 'CALLBACK.CANCEL': { target: '.cancelled', actions: { type: 'close', params: { outcome: 'cancelled' } } } },
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
