// Promised call-backs (SERVICE-STANDARD §3.3): one statechart per task that reminds the agent
// when it comes due and dials in one click.
import { createActor, type Actor } from 'xstate';
import { callbackMachine, type CallbackEmitted } from '../../core/call/index.ts';
import type { Timings } from '../../core/timings.ts';
import type { RuleClock } from './ruleClock.ts';

export interface CallbackTaskView { id: string; number: string; dueAt: number; due: boolean; attempts: number }

export class CallbackTasks {
  private readonly actors = new Map<string, Actor<typeof callbackMachine>>();
  private view: CallbackTaskView[] = [];
  private readonly listeners = new Set<() => void>();
  private next = 1;

  constructor(
    private readonly timings: Timings,
    private readonly clock: RuleClock,
    private readonly dial: (number: string) => void,
    private readonly onDue: (task: CallbackTaskView) => void,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getSnapshot = (): CallbackTaskView[] => this.view;

  private refresh(): void {
    this.view = [...this.actors.values()].map((a) => {
      const s = a.getSnapshot();
      return { id: s.context.id, number: s.context.number, dueAt: s.context.dueAt, due: s.matches('due'), attempts: s.context.attempts };
    });
    for (const l of this.listeners) l();
  }

  promise(number: string, dueAt: number): void {
    const id = `cb-${this.next++}`;
    const actor = createActor(callbackMachine, {
      input: { id, number, timings: this.timings, dueMs: dueAt - this.clock.now(), now: this.clock.now },
      clock: this.clock,
    });
    actor.on('*', (e: CallbackEmitted) => {
      if (e.type === 'callback.dial') this.dial(e.number);
      if (e.type === 'alert.callbackDue') this.onDue({ id: e.id, number: e.number, dueAt: e.dueAt, due: true, attempts: 0 });
    });
    actor.subscribe((s) => {
      if (s.status === 'done') this.actors.delete(id);
      this.refresh();
    });
    this.actors.set(id, actor);
    actor.start();
    this.refresh();
  }

  callBack(id: string): void { this.actors.get(id)?.send({ type: 'CALLBACK.DIAL' }); }
  done(id: string): void { this.actors.get(id)?.send({ type: 'CALLBACK.DONE' }); }
  cancel(id: string): void { this.actors.get(id)?.send({ type: 'CALLBACK.CANCEL' }); }
}
