// The recorder: watches the phone actor for call actors (and their task actors), takes each
// call's timeline events as they happen (core/records/watchCall.ts decides what an event is) and
// appends them to the store. It never touches a call: writes are batched and run in the next task
// (a MessageChannel task, not throttled in a hidden window), after the SIP work a click started.
// (Measured: delaying them further, past the answer's ACK, changed nothing but what a crash loses.)
import type { Actor, Subscription } from 'xstate';
import type { PhoneMachine, TaskRef } from '../../core/call/index.ts';
import {
  recordFrom, taskEvents, watchCall, type RecordOptions, type TaskFacts, type TimelineEvent,
} from '../../core/records/index.ts';
import type { RecordStore } from './store.ts';
import { storedRecord, type StoredRecord } from './stored.ts';

export interface RecorderOptions extends RecordOptions {
  /** The store, once Dexie has loaded; writes wait for it, in order. */
  store: Promise<RecordStore>;
  /** This page's session id (see records.ts: a session still alive is never marked cut short). */
  session: string;
  /** The rule clock. */
  now: () => number;
  /** A record is finished (its call ended, its call-back task settled): the outbox may send it. */
  onClosed?: (call: string) => void;
  /** A record was written: open views refresh. */
  onWritten?: (record: StoredRecord) => void;
  log?: (message: string) => void;
}

interface Live {
  timeline: TimelineEvent[];
  stop: () => void;
  /** A record a page that is gone left open, taken over with its restored task. */
  adopted?: boolean;
  /**
   * The tasks this call made, once the phone spawned them: the call-back it promised (N5), the
   * emergency case it opened (N10); each settled when it finished. The record stays open until then.
   */
  tasks: Array<{ id: string; kind: 'callback' | 'emergency'; settled: boolean }>;
  closed: boolean;
}

const hasTask = (l: Live, kind: 'callback' | 'emergency') => l.tasks.some((t) => t.kind === kind);

function factsOf(task: TaskRef): TaskFacts {
  const s = task.getSnapshot();
  const output = s.status === 'done' ? s.output : undefined;
  return {
    id: s.context.id,
    kind: s.context.kind,
    due: s.matches('due'),
    attempts: s.context.attempts,
    updates: s.context.updates,
    ...(s.context.repeatEvery ? { repeatEvery: s.context.repeatEvery } : {}),
    context: { number: s.context.number, dueAt: s.context.dueAt },
    ...(output ? { outcome: { outcome: output.outcome, late: output.late, closedAt: output.closedAt } } : {}),
  };
}

export class Recorder {
  private readonly live = new Map<string, Live>();
  private readonly tasks = new Map<string, Subscription>();
  private readonly dirty = new Map<string, TimelineEvent[]>();
  private writes: Promise<void> = Promise.resolve();
  private scheduled = false;
  private readonly channel = typeof MessageChannel === 'undefined' ? undefined : new MessageChannel();
  private readonly phoneSub: Subscription;

  constructor(private readonly phone: Actor<PhoneMachine>, private readonly o: RecorderOptions) {
    if (this.channel) this.channel.port1.onmessage = () => this.flush();
    this.phoneSub = phone.subscribe(() => this.follow());
    this.follow();
  }

  /** Resolves once every event so far is written. */
  settled(): Promise<void> {
    this.flush();
    return this.writes;
  }

  stop(): void {
    this.phoneSub.unsubscribe();
    for (const l of this.live.values()) l.stop();
    for (const t of this.tasks.values()) t.unsubscribe();
    this.flush();
    this.channel?.port1.close();
  }

  /**
   * A record left open by a page that is gone, whose call-back task this page restored (N5): it
   * stays open here, gets `events` (the `recovered` mark), and takes the task's progress from now
   * on, so calling back after a reload is judged in the call's own record.
   */
  adopt(call: string, timeline: readonly TimelineEvent[], events: TimelineEvent[]): void {
    if (this.live.has(call)) return;
    this.live.set(call, { timeline: [...timeline], stop: () => {}, closed: false, adopted: true, tasks: [] });
    this.add(call, events);
    for (const task of this.phone.getSnapshot().context.tasks) {
      if (task.getSnapshot().context.callId !== call) continue;
      this.tasks.get(task.id)?.unsubscribe();
      this.tasks.delete(task.id);
      this.followTask(task, { restored: true });
    }
  }

  /** New call and task actors in the phone's context: start following them. */
  private follow(): void {
    const c = this.phone.getSnapshot().context;
    for (const [id, ref] of Object.entries(c.calls)) {
      if (this.live.has(id)) continue;
      const live: Live = { timeline: [], stop: () => {}, closed: false, tasks: [] };
      this.live.set(id, live);
      live.stop = watchCall(ref, this.o, (events) => this.add(id, events));
    }
    for (const task of c.tasks) if (!this.tasks.has(task.id)) this.followTask(task);
    // A finished task leaves the phone's context: stop following it (the map would only grow).
    if (this.tasks.size > c.tasks.length) {
      const alive = new Set(c.tasks.map((t) => t.id));
      for (const [id, sub] of this.tasks) if (!alive.has(id)) { sub.unsubscribe(); this.tasks.delete(id); }
    }
  }

  /**
   * A task belongs to the call that made it: the task names it (callId); a call-back made
   * elsewhere is matched by the promise's due time. An emergency case (N10) keeps its call's
   * record open until it is closed, with each progress update on the record.
   */
  private followTask(task: TaskRef, o: { restored?: boolean } = {}): void {
    const first = factsOf(task);
    const kind = first.kind ?? 'callback';
    const { callId } = task.getSnapshot().context;
    const free = (l: Live) => !hasTask(l, kind);
    const promised = (l: Live) => free(l) && l.timeline.some((e) => e.type === 'callback.promised' && e.dueAt === first.context.dueAt);
    const named = callId !== undefined ? this.live.get(callId) : undefined;
    const owner = named && free(named) ? [callId!, named] as const
      : kind === 'callback' ? [...this.live.entries()].find(([, l]) => promised(l)) : undefined;
    if (!owner) { this.tasks.set(task.id, { unsubscribe: () => {} }); return; }
    const [call, live] = owner;
    const entry = { id: task.id, kind, settled: false };
    live.tasks.push(entry);
    // A restored task was created (and may have come due) before the reload: only what happens now is new.
    let last: TaskFacts | undefined = o.restored ? first : undefined;
    const step = () => {
      const next = factsOf(task);
      const events = taskEvents(last, next, this.o.now());
      last = next;
      if (next.outcome) entry.settled = true;
      if (events.length) this.add(call, events);
    };
    step();
    this.tasks.set(task.id, task.subscribe({ next: step, complete: step }));
  }

  private add(call: string, events: TimelineEvent[]): void {
    const live = this.live.get(call);
    if (!live || live.closed) return;
    live.timeline.push(...events);
    this.dirty.set(call, [...(this.dirty.get(call) ?? []), ...events]);
    if (this.scheduled) return;
    this.scheduled = true;
    if (this.channel) this.channel.port2.postMessage(null);
    else queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.dirty.size === 0) return;
    const batch = [...this.dirty];
    this.dirty.clear();
    for (const [call, events] of batch) {
      const live = this.live.get(call);
      if (!live) continue;
      const summary = recordFrom(live.timeline);
      // Open while a task it made is: one promised or opened but not spawned yet counts too.
      const promised = live.timeline.some((e) => e.type === 'callback.promised');
      const opened = live.timeline.some((e) => e.type === 'emergency');
      const tasksSettled = (!promised || hasTask(live, 'callback')) && (!opened || hasTask(live, 'emergency')) && live.tasks.every((t) => t.settled);
      // An adopted record never gets its end (its call ended, or was cut short, in the page that is gone).
      const closed = (!summary.incomplete || live.adopted === true) && tasksSettled;
      if (closed) { live.closed = true; live.stop(); this.live.delete(call); }
      const record = storedRecord(summary, this.o.session, closed);
      this.writes = this.writes
        .then(async () => (await this.o.store).append(call, events, record))
        .then(() => {
          this.o.onWritten?.(record);
          if (closed) this.o.onClosed?.(call);
        })
        .catch((error: unknown) => this.o.log?.(`call record ${call}: not written (${(error as Error).message})`));
    }
  }
}
