// Call records on the agent's machine: IndexedDB through Dexie, the same in Electron and the web
// host. Three tables: each call's timeline events (appended as they happen), each call's record
// (derived from its timeline, rewritten with every append: the history and scorecard read only
// these) and the upload outbox. A timeline is only ever appended to, one transaction per batch,
// so a page killed mid-call loses at most the batch in flight.
import { Dexie, type Table } from 'dexie';
import type { TimelineEvent } from '../../core/records/index.ts';
import type { OutboxEntry, StoredEvent, StoredRecord } from './stored.ts';

export type { OutboxEntry, StoredEvent, StoredRecord } from './stored.ts';

export class RecordsDb extends Dexie {
  records!: Table<StoredRecord, string>;
  events!: Table<StoredEvent, number>;
  outbox!: Table<OutboxEntry, string>;

  constructor(name = 'seatmate-records', deps?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, deps);
    this.version(1).stores({
      records: '&id, startedAt, closed',
      events: '++seq, call',
      outbox: '&call, state, nextAt',
    });
  }
}

export class RecordStore {
  constructor(readonly db: RecordsDb) {}

  /** Appends events to a call's timeline and keeps its record, in one transaction. */
  async append(call: string, events: readonly TimelineEvent[], record: StoredRecord): Promise<void> {
    await this.db.transaction('rw', this.db.events, this.db.records, async () => {
      if (events.length) await this.db.events.bulkAdd(events.map((event) => ({ call, event })));
      await this.db.records.put(record);
    });
  }

  async timeline(call: string): Promise<TimelineEvent[]> {
    const rows = await this.db.events.where('call').equals(call).toArray();
    return rows.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0)).map((r) => r.event);
  }

  /** Every record, newest first. */
  async list(): Promise<StoredRecord[]> {
    // One getAll and a sort here: a reverse index cursor over 10,000 rows is several times slower.
    return (await this.db.records.toArray()).sort((a, b) => b.startedAt - a.startedAt);
  }

  async get(call: string): Promise<StoredRecord | undefined> {
    return this.db.records.get(call);
  }

  /** Records not closed: live in this or another page, or cut short. */
  async open(): Promise<StoredRecord[]> {
    return (await this.db.records.toArray()).filter((r) => !r.closed);
  }

  /** Drops every record started before `before` (retention), with its timeline and outbox entry. */
  async prune(before: number): Promise<number> {
    return this.db.transaction('rw', this.db.records, this.db.events, this.db.outbox, async () => {
      const old = await this.db.records.where('startedAt').below(before).primaryKeys();
      if (!old.length) return 0;
      await this.db.events.where('call').anyOf(old).delete();
      await this.db.outbox.bulkDelete(old);
      await this.db.records.bulkDelete(old);
      return old.length;
    });
  }

  async count(): Promise<number> { return this.db.records.count(); }
}
