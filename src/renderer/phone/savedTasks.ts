// Open call-back and emergency tasks outlive the page (N5, N10): a promise to call a customer back
// must not vanish with a reload (Settings saved, IT's new settings, a crash). The phone's open
// tasks (core/call savedTasks, derived from the task actors) are written to the page's storage
// whenever they change, and restored into the phone when the page starts. The number is kept as
// dialled — a call-back needs it — and only while the task is open.
import { z } from 'zod';
import type { Actor, Subscription } from 'xstate';
import { savedTasks, type PhoneMachine, type SavedTask } from '../../core/call/index.ts';

export const TASKS_KEY = 'seatmate.tasks.v1';
/** More than any agent has open: a larger list is not ours, or broken. */
const MAX_TASKS = 50;

const savedTaskSchema = z.strictObject({
  kind: z.enum(['callback', 'emergency']),
  number: z.string().min(1).max(64),
  callId: z.string().min(1).max(200).optional(),
  repeatEvery: z.number().int().positive().max(7 * 86_400_000).optional(),
  promisedAt: z.number().finite(),
  dueAt: z.number().finite(),
  attempts: z.number().int().min(0).max(10_000),
  updates: z.number().int().min(0).max(100_000),
});

export type TaskStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The saved tasks that are well-formed; anything else is dropped with a line in the log. */
export function readSavedTasks(storage: TaskStorage, log: (message: string) => void): SavedTask[] {
  let raw: unknown;
  try {
    const text = storage.getItem(TASKS_KEY);
    if (text === null) return [];
    raw = JSON.parse(text);
  } catch (error) {
    log(`saved tasks unreadable, none restored: ${(error as Error).message}`);
    return [];
  }
  if (!Array.isArray(raw)) { log('saved tasks are not a list, none restored'); return []; }
  const out: SavedTask[] = [];
  for (const item of raw.slice(0, MAX_TASKS)) {
    const task = savedTaskSchema.safeParse(item);
    if (task.success) out.push(task.data as SavedTask);
    else log(`a saved task was malformed and is dropped: ${task.error.issues[0]?.message ?? 'invalid'}`);
  }
  return out;
}

/**
 * Restores the saved tasks into the phone, then keeps the storage in step with its open tasks.
 * Returns the stop. No storage (a locked-down browser): tasks live as long as the page, as before.
 */
export function keepTasks(phone: Actor<PhoneMachine>, storage: TaskStorage | undefined, log: (message: string) => void): () => void {
  if (!storage) return () => {};
  for (const task of readSavedTasks(storage, log)) phone.send({ type: 'TASK.RESTORE', task });
  let written = storage.getItem(TASKS_KEY) ?? '[]';
  const followed = new Map<string, Subscription>();
  const save = () => {
    const snapshot = phone.getSnapshot();
    const context = snapshot.context;
    // The page unloading stops the phone and, with it, every task: what is saved must stay saved.
    if (snapshot.status !== 'active' || context.tasks.some((t) => t.getSnapshot().status === 'stopped')) return;
    // A task's attempts and times change inside its own actor: follow each one too.
    for (const task of context.tasks) if (!followed.has(task.id)) followed.set(task.id, task.subscribe({ next: save, complete: save, error: () => {} }));
    for (const [id, sub] of followed) if (!context.tasks.some((t) => t.id === id)) { sub.unsubscribe(); followed.delete(id); }
    const text = JSON.stringify(savedTasks(context));
    if (text === written) return;
    try {
      if (text === '[]') storage.removeItem(TASKS_KEY); else storage.setItem(TASKS_KEY, text);
      written = text;
    } catch (error) {
      log(`open tasks not saved: ${(error as Error).message}`);
    }
  };
  const sub = phone.subscribe({ next: save, error: () => {} });
  save();
  return () => { sub.unsubscribe(); for (const s of followed.values()) s.unsubscribe(); followed.clear(); };
}

/** The page's localStorage, when it has one it may use. */
export function pageStorage(): TaskStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // storage denied
  }
}
