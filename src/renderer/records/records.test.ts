// The page's records in fake time over an in-memory IndexedDB (fake-indexeddb): the recorder
// follows the phone actor and writes each call's timeline as it happens; a page killed mid-call
// leaves a record that the next start keeps and marks incomplete; retention drops old records;
// the outbox sends each finished record once, backing off while the collector is away, and
// what it has not sent survives a reload.
import { afterEach, describe, expect, it } from 'vitest';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { createActor, SimulatedClock } from 'xstate';
import { phoneMachine } from '../../core/call/index.ts';
import { appConfigSchema } from '../../core/config.ts';
import type { RecordUpload, UploadResult } from '../../core/bridge.ts';
import { defaultTimings } from '../../core/timings.ts';
import { recordFrom } from '../../core/records/index.ts';
import { keepTasks } from '../phone/savedTasks.ts';
import { startRecords, type RecordsHandle } from './records.ts';
import { RecordsDb, RecordStore } from './store.ts';

const T0 = Date.UTC(2025, 4, 16, 2, 0);
const running: RecordsHandle[] = [];
afterEach(() => { for (const r of running.splice(0)) r.stop(); });

let dbs = 0;
function phone() {
  const clock = new SimulatedClock();
  clock.set(T0);
  const actor = createActor(phoneMachine, { input: { mode: 'live', timings: defaultTimings, overrideAllowed: true, now: () => clock.now() }, clock });
  actor.start();
  const advance = (ms: number) => { for (let left = ms; left > 0; left -= 100) clock.increment(Math.min(100, left)); };
  const ring = (id: string, number = '13800138000') =>
    actor.send({ type: 'ENGINE.INCOMING', call: { id, remote: { number }, identity: { tier: 'vip', from: 'header' } } });
  const engine = (id: string, event: Parameters<typeof actor.send>[0] extends infer E ? E extends { type: 'ENGINE.CALL'; event: infer X } ? X : never : never) =>
    actor.send({ type: 'ENGINE.CALL', id, event });
  const agent = (id: string, event: { type: string } & Record<string, unknown>) => actor.send({ type: 'AGENT.CALL', id, event: event as never });
  return { actor, clock, advance, ring, engine, agent };
}

function records(p: ReturnType<typeof phone>, db: RecordsDb, opts: { url?: string; upload?: (u: RecordUpload) => Promise<UploadResult>; session?: string; retentionDays?: number } = {}) {
  const config = appConfigSchema.parse({ agent: { id: '1001' }, records: { retentionDays: opts.retentionDays ?? 90, maskNumbers: true, ...(opts.url ? { url: opts.url } : {}) } });
  const handle = startRecords({
    phone: p.actor, config, now: () => p.clock.now(), timeZone: 'Asia/Shanghai', openStore: async () => new RecordStore(db), session: opts.session ?? 'session-1',
    bridge: { log: () => {}, uploadRecord: opts.upload ?? (async () => 'sent' as const) },
  });
  running.push(handle);
  return handle;
}

const newDb = () => new RecordsDb(`records-test-${++dbs}`, { indexedDB, IDBKeyRange });

describe('recorder (page)', () => {
  it('writes a call\'s timeline as it happens and its record when it ends, masked, newest first', async () => {
    const p = phone();
    const db = newDb();
    const r = records(p, db);
    await r.ready;
    p.ring('a');
    p.advance(2_000);
    p.agent('a', { type: 'AGENT.ANSWER' });
    p.engine('a', { type: 'ENGINE.CONFIRMED' });
    await r.settled();
    expect(await r.store!.get('a')).toMatchObject({ id: 'a', number: '138****8000', tier: 'vip', incomplete: true, closed: false });
    p.agent('a', { type: 'AGENT.GREETED' });
    p.advance(10_000);
    p.engine('a', { type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' });
    await r.settled();
    const record = await r.store!.get('a');
    expect(record).toMatchObject({ incomplete: false, closed: true, endedBy: 'customer', verdict: 'met', answeredAfterMs: 2_000 });
    const types = (await r.store!.timeline('a')).map((e) => e.type);
    expect(types[0]).toBe('started');
    expect(types).toEqual(expect.arrayContaining(['started', 'answered', 'connected', 'greeted', 'ended']));
    p.ring('b');
    p.agent('b', { type: 'AGENT.DECLINE' });
    await r.settled();
    expect((await r.store!.list()).map((x) => x.id)).toEqual(['b', 'a']);
    // The handle's list (read once, then kept up to date by the recorder) says the same.
    expect((await r.list()).map((x) => x.id)).toEqual(['b', 'a']);
    p.advance(1_000);
    p.ring('c');
    p.agent('c', { type: 'AGENT.DECLINE' });
    await r.settled();
    expect((await r.list()).map((x) => [x.id, x.verdict])).toEqual([['c', 'missed'], ['b', 'missed'], ['a', 'met']]);
  });

  it('a page killed mid-call leaves the record; the next start keeps it and marks it incomplete', async () => {
    const db = newDb();
    const first = phone();
    const r1 = records(first, db, { session: 'killed' });
    first.ring('c');
    first.agent('c', { type: 'AGENT.ANSWER' });
    first.engine('c', { type: 'ENGINE.CONFIRMED' });
    first.agent('c', { type: 'AGENT.HOLD_REQUEST' });
    first.agent('c', { type: 'AGENT.HOLD_CONFIRM' });
    first.engine('c', { type: 'ENGINE.HOLD_ACCEPTED' });
    await r1.settled();
    r1.stop(); // the page is gone: nothing more is written

    const second = phone();
    second.advance(60_000);
    const r2 = records(second, db, { session: 'next' });
    await r2.ready;
    const record = await r2.store!.get('c');
    expect(record).toMatchObject({ incomplete: true, closed: true, holds: 1 });
    expect((await r2.store!.timeline('c')).at(-1)).toMatchObject({ type: 'recovered' });
  });

  it('N5: a promised call-back keeps its own call\'s record open until done, even when two are due at the same time', async () => {
    const p = phone();
    const r = records(p, newDb());
    await r.ready;
    const promise = (id: string, dueMs: number) => {
      p.ring(id);
      p.agent(id, { type: 'AGENT.ANSWER' });
      p.engine(id, { type: 'ENGINE.CONFIRMED' });
      p.agent(id, { type: 'AGENT.OFFER_CALLBACK', dueMs });
      p.engine(id, { type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' });
    };
    promise('a', 60_000);
    p.advance(1_000);
    promise('b', 59_000); // due at the same instant as a's
    await r.settled();
    const tasks = p.actor.getSnapshot().context.tasks;
    expect(tasks.map((t) => t.getSnapshot().context.callId)).toEqual(['a', 'b']);
    expect(tasks[0]!.getSnapshot().context.dueAt).toBe(tasks[1]!.getSnapshot().context.dueAt);
    p.actor.send({ type: 'TASK.DIAL', id: tasks[1]!.id });
    p.actor.send({ type: 'TASK.DONE', id: tasks[1]!.id });
    await r.settled();
    expect(await r.store!.get('b')).toMatchObject({ closed: true });
    expect(await r.store!.get('a')).toMatchObject({ closed: false });
    expect((await r.store!.timeline('b')).map((e) => e.type)).toEqual(expect.arrayContaining(['task.created', 'task.dialled', 'task.done']));
    expect((await r.store!.timeline('a')).map((e) => e.type)).not.toContain('task.dialled');
    p.actor.send({ type: 'TASK.CANCEL', id: tasks[0]!.id });
    await r.settled();
    expect(await r.store!.get('a')).toMatchObject({ closed: true });
    expect(p.actor.getSnapshot().context.tasks).toEqual([]);
  });

  it('N5: a call-back promised before a reload is made after it: the call\'s record takes it and is judged by it', async () => {
    const db = newDb();
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => { data.set(k, v); }, removeItem: (k: string) => { data.delete(k); } };
    const first = phone();
    keepTasks(first.actor, storage, () => {});
    const r1 = records(first, db, { session: 'reloaded' });
    first.ring('a');
    first.agent('a', { type: 'AGENT.ANSWER' });
    first.engine('a', { type: 'ENGINE.CONFIRMED' });
    first.agent('a', { type: 'AGENT.OFFER_CALLBACK', dueMs: 120_000 });
    first.engine('a', { type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' });
    await r1.settled();
    r1.stop(); // the page reloads

    const second = phone();
    second.advance(60_000);
    keepTasks(second.actor, storage, () => {});
    const r2 = records(second, db, { session: 'next' });
    await r2.ready;
    // Still open (its task is not done), now this page's, marked as found open.
    expect(await r2.store!.get('a')).toMatchObject({ closed: false, session: 'next' });
    const [task] = second.actor.getSnapshot().context.tasks;
    second.actor.send({ type: 'TASK.DIAL', id: task!.id });
    second.advance(1_000);
    second.actor.send({ type: 'TASK.DONE', id: task!.id });
    await r2.settled();
    expect(await r2.store!.get('a')).toMatchObject({ closed: true, incomplete: false });
    const timeline = await r2.store!.timeline('a');
    expect(timeline.map((e) => e.type).filter((t) => t.startsWith('task.') || t === 'recovered')).toEqual(['task.created', 'recovered', 'task.dialled', 'task.done']);
    expect(recordFrom(timeline).rules.find((v) => v.rule === 'N5')).toMatchObject({ verdict: 'met', why: 'calledBack' });
  });

  it('N10: an emergency case keeps its call\'s record open; each progress update is on it, and a late one misses N10', async () => {
    const p = phone();
    const r = records(p, newDb());
    await r.ready;
    const emergency = (id: string) => {
      p.ring(id);
      p.agent(id, { type: 'AGENT.ANSWER' });
      p.engine(id, { type: 'ENGINE.CONFIRMED' });
      p.agent(id, { type: 'AGENT.MARK_EMERGENCY' });
      p.engine(id, { type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' });
      return p.actor.getSnapshot().context.tasks.find((t) => t.getSnapshot().context.callId === id)!;
    };
    const update = (task: { id: string }) => {
      p.actor.send({ type: 'TASK.DIAL', id: task.id });
      p.actor.send({ type: 'TASK.DONE', id: task.id });
    };
    const every = defaultTimings.emergencyUpdateEvery;

    const onTime = emergency('e1');
    await r.settled();
    expect(await r.store!.get('e1')).toMatchObject({ closed: false });
    p.advance(every - 60_000);
    update(onTime); // a minute early
    p.advance(every);
    update(onTime); // when it came due
    p.actor.send({ type: 'TASK.CLOSE', id: onTime.id });
    await r.settled();
    const met = (await r.store!.timeline('e1'));
    expect(met.map((e) => e.type).filter((t) => t.startsWith('case.'))).toEqual(['case.update', 'case.due', 'case.update', 'case.closed']);
    expect(await r.store!.get('e1')).toMatchObject({ closed: true });
    expect(recordFrom(met).rules.find((v) => v.rule === 'N10')).toMatchObject({ verdict: 'met', why: 'updatesOnTime', facts: { updates: 2 } });

    const late = emergency('e2');
    p.advance(every + 300_000); // five minutes after it was due
    update(late);
    p.actor.send({ type: 'TASK.CLOSE', id: late.id });
    await r.settled();
    const missed = await r.store!.timeline('e2');
    expect(recordFrom(missed).rules.find((v) => v.rule === 'N10')).toMatchObject({ verdict: 'missed', why: 'updateLate', facts: { count: 1 } });
    expect(await r.store!.get('e2')).toMatchObject({ closed: true, missedRules: expect.arrayContaining(['N10']) });

    const dropped = emergency('e3');
    p.advance(every + 1_000);
    p.actor.send({ type: 'TASK.CLOSE', id: dropped.id }); // closed with an update due and not given
    await r.settled();
    expect(recordFrom(await r.store!.timeline('e3')).rules.find((v) => v.rule === 'N10')).toMatchObject({ verdict: 'missed', why: 'updateNotGiven', facts: { count: 1 } });
  });

  it('keeps records only for the retention period', async () => {
    const db = newDb();
    const p = phone();
    const r = records(p, db, { retentionDays: 1 });
    p.ring('old');
    p.agent('old', { type: 'AGENT.DECLINE' });
    await r.settled();
    r.stop();
    const later = phone();
    later.clock.set(T0 + 2 * 86_400_000);
    const r2 = records(later, db, { retentionDays: 1 });
    await r2.ready;
    expect(await r2.store!.count()).toBe(0);
    expect(await db.events.count()).toBe(0);
  });

  it('keeps nothing when the retention is 0 days', async () => {
    const r = records(phone(), newDb(), { retentionDays: 0 });
    expect(r.store).toBeUndefined();
  });
});

describe('outbox', () => {
  it('sends each finished record once; while the collector is away it backs off; what is left survives a reload', async () => {
    const db = newDb();
    const sent: string[] = [];
    let collectorUp = false;
    const upload = async (u: RecordUpload): Promise<UploadResult> => {
      if (!collectorUp) return 'retry';
      sent.push(u.id);
      return 'sent';
    };
    const p = phone();
    const r = records(p, db, { url: 'https://collector.example/records', upload });
    await r.ready;
    for (const id of ['x', 'y']) { p.ring(id); p.agent(id, { type: 'AGENT.DECLINE' }); }
    await r.settled();
    await r.outbox!.kick();
    const waiting = await r.outbox!.pending();
    expect(waiting.map((e) => e.call).sort()).toEqual(['x', 'y']);
    expect(waiting.find((e) => e.attempts > 0)?.nextAt).toBeGreaterThan(Date.now());
    r.stop();

    // A reload: a new page, the same database; the collector is back.
    collectorUp = true;
    const r2 = records(phone(), db, { url: 'https://collector.example/records', upload, session: 'reloaded' });
    await r2.ready;
    await r2.outbox!.kick();
    expect(sent.sort()).toEqual(['x', 'y']);
    expect(await r2.outbox!.pending()).toEqual([]);
    await r2.outbox!.kick();
    expect(sent).toHaveLength(2);
    const [x] = JSON.parse(JSON.stringify([await db.outbox.get('x')])) as Array<{ state: string }>;
    expect(x).toMatchObject({ state: 'sent' });
  });
});
