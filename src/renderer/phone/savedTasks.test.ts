// Open tasks outlive the page (N5, N10): written to the page's storage as they change, restored
// into the next page's phone; whatever in the storage is not a well-formed task is dropped, logged.
import { describe, expect, it } from 'vitest';
import { startPhone } from '../../core/call/callTestKit.ts';
import { keepTasks, readSavedTasks, TASKS_KEY, type TaskStorage } from './savedTasks.ts';

function memoryStorage(): TaskStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => { data.set(k, v); }, removeItem: (k) => { data.delete(k); } };
}


describe('saved tasks', () => {
  it('N5: a promised call-back is saved as it changes, comes back in the next page with its times, and goes when done', () => {
    const storage = memoryStorage();
    const log: string[] = [];
    const first = startPhone(1_000);
    const stop = keepTasks(first.actor, storage, (m) => log.push(m));
    expect(storage.data.has(TASKS_KEY)).toBe(false);
    first.actor.send({ type: 'CALL.CALLBACK_PROMISED', id: 'call-1', number: '13900139000', dueAt: 301_000 });
    expect(JSON.parse(storage.data.get(TASKS_KEY)!)).toEqual([{ kind: 'callback', number: '13900139000', callId: 'call-1', promisedAt: 1_000, dueAt: 301_000, attempts: 0, updates: 0 }]);
    // A change inside the task actor alone (a dial attempt) is saved too.
    first.actor.send({ type: 'TASK.DIAL', id: first.actor.getSnapshot().context.tasks[0]!.id });
    expect(JSON.parse(storage.data.get(TASKS_KEY)!)[0]).toMatchObject({ attempts: 1 });
    // The page unloads: the phone stops, and its tasks with it; what is saved stays.
    first.actor.stop();
    stop();
    expect(JSON.parse(storage.data.get(TASKS_KEY)!)).toHaveLength(1);

    const second = startPhone(61_000);
    keepTasks(second.actor, storage, (m) => log.push(m));
    const [task] = second.actor.getSnapshot().context.tasks;
    expect(task!.getSnapshot().context).toMatchObject({ callId: 'call-1', number: '13900139000', promisedAt: 1_000, dueAt: 301_000, attempts: 1 });
    second.actor.send({ type: 'TASK.DIAL', id: task!.id });
    second.actor.send({ type: 'TASK.DONE', id: task!.id });
    expect(task!.getSnapshot().output).toMatchObject({ outcome: 'done', late: false });
    expect(storage.data.has(TASKS_KEY)).toBe(false);
    expect(log).toEqual([]);
  });

  it('keeps the well-formed tasks of a damaged list and says what it dropped; nothing from text that is not a list', () => {
    const storage = memoryStorage();
    const log: string[] = [];
    const good = { kind: 'emergency', number: '138', callId: 'c', repeatEvery: 1_800_000, promisedAt: 0, dueAt: 1_800_000, attempts: 0, updates: 2 };
    storage.setItem(TASKS_KEY, JSON.stringify([good, { kind: 'callback', number: '' }, { ...good, attempts: -1 }, 'x', { ...good, extra: 1 }]));
    expect(readSavedTasks(storage, (m) => log.push(m))).toEqual([good]);
    expect(log).toHaveLength(4);
    for (const text of ['{', '{"a":1}', 'null']) {
      storage.setItem(TASKS_KEY, text);
      const lines: string[] = [];
      expect(readSavedTasks(storage, (m) => lines.push(m))).toEqual([]);
      expect(lines).toHaveLength(1);
    }
  });

  it('a storage that refuses writes costs a log line, not the phone', () => {
    const log: string[] = [];
    const p = startPhone(0);
    keepTasks(p.actor, { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => {} }, (m) => log.push(m));
    p.actor.send({ type: 'CALL.CALLBACK_PROMISED', id: 'c', number: '139', dueAt: 300_000 });
    expect(p.actor.getSnapshot().context.tasks).toHaveLength(1);
    expect(log[0]).toMatch(/open tasks not saved: QuotaExceededError/);
  });
});
