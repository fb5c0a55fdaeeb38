// The upload outbox (policy recordsUrl): every finished record is queued in IndexedDB and handed
// to the host one at a time (bridge.uploadRecord; the page may not reach the collector itself).
// 'retry' backs off (1 s, 2 s, 4 s … 60 s); a success means the collector is back, so whatever
// waits goes at once. A queued record survives reloads and restarts; the collector keeps each
// call once (Idempotency-Key), so a record resent after an answer lost with the page is harmless.
// Nothing here runs on a call's path: uploads start from a timer or a finished record.
import type { RecordUpload, UploadResult } from '../../core/bridge.ts';
import type { OutboxEntry, RecordStore } from './store.ts';

export interface OutboxOptions {
  store: Promise<RecordStore>;
  upload: (u: RecordUpload) => Promise<UploadResult>;
  /** The record as the collector gets it (exported JSON with the timeline). */
  payload: (call: string) => Promise<RecordUpload | undefined>;
  now?: () => number;
  log?: (message: string) => void;
  onChange?: () => void;
}

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_MAX_MS = 60_000;

export function backoff(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

export class Outbox {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly o: OutboxOptions) {
    this.now = o.now ?? (() => Date.now());
  }

  /** Queue a finished record (once: an entry already there, sent or not, stays as it is). */
  async enqueue(call: string): Promise<void> {
    const { db } = await this.o.store;
    await db.transaction('rw', db.outbox, async () => {
      if (!(await db.outbox.get(call))) await db.outbox.add({ call, state: 'pending', attempts: 0, nextAt: this.now() });
    });
    this.kick();
  }

  /** Send whatever is due now (start-up, a new record, the timer). */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) { this.again = true; return this.running; }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) { this.again = false; void this.kick(); }
    });
    return this.running;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  async pending(): Promise<OutboxEntry[]> {
    return (await this.o.store).db.outbox.where('state').equals('pending').toArray();
  }

  private async drain(): Promise<void> {
    const { db } = await this.o.store;
    for (;;) {
      if (this.stopped) return;
      const due = (await this.pending()).filter((e) => e.nextAt <= this.now()).sort((a, b) => a.nextAt - b.nextAt);
      if (due.length === 0) break;
      let delivered = false;
      for (const entry of due) {
        if (this.stopped) return;
        const upload = await this.o.payload(entry.call);
        const result: UploadResult = upload ? await this.o.upload(upload).catch(() => 'retry' as const) : 'refused';
        const attempts = entry.attempts + 1;
        if (result === 'retry') {
          await db.outbox.put({ ...entry, attempts, nextAt: this.now() + backoff(attempts) });
          // The collector is unreachable: the rest would fail the same way; they wait for the timer.
          break;
        }
        await db.outbox.put({ ...entry, state: result, attempts, nextAt: this.now() });
        if (result === 'refused') this.o.log?.(`records upload: ${entry.call} refused; it stays on this computer only`);
        delivered = delivered || result === 'sent';
        this.o.onChange?.();
      }
      if (!delivered) break;
      // The collector answered: whatever was backing off may go now.
      const waiting = await this.pending();
      await db.outbox.bulkPut(waiting.map((e) => ({ ...e, nextAt: Math.min(e.nextAt, this.now()) })));
    }
    await this.schedule();
  }

  private async schedule(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const next = (await this.pending()).reduce((min, e) => Math.min(min, e.nextAt), Number.POSITIVE_INFINITY);
    if (!Number.isFinite(next) || this.stopped) return;
    this.timer = setTimeout(() => { void this.kick(); }, Math.max(0, next - this.now()));
  }
}
