// Call records in the agent page: the store, the recorder following the phone, the upload outbox,
// and what happens at start-up — records cut short by a killed page are closed and marked
// (incomplete when the call never ended), records past retention are dropped. Started by main.tsx;
// the Records view (lazy) reads through the handle.
import type { Actor } from 'xstate';
import type { RecordUpload, SeatMateBridge } from '../../core/bridge.ts';
import type { AppConfig } from '../../core/config.ts';
import type { PhoneMachine } from '../../core/call/index.ts';
import { exportRecord, maskNumber, recordFrom, type TimelineEvent } from '../../core/records/index.ts';
import { Outbox } from './outbox.ts';
import { Recorder } from './recorder.ts';
import type { RecordStore } from './store.ts';
import { storedRecord, type StoredRecord } from './stored.ts';

export interface RecordsHandle {
  /** Absent when IT keeps no records (recordsRetentionDays 0), and until Dexie has loaded (`ready`). */
  readonly store?: RecordStore;
  timeZone: string;
  retentionDays: number;
  now: () => number;
  /** Start-up work done: cut-short records marked, old ones dropped. */
  ready: Promise<void>;
  /** Every event so far written. */
  settled(): Promise<void>;
  /**
   * Every record, newest first: read from IndexedDB once, then kept here and updated as the
   * recorder writes, so reopening the view (and its scorecard) does not read 10,000 rows again.
   */
  list(): Promise<StoredRecord[]>;
  /** Hear of new writes (the open Records view refreshes). */
  subscribe(listener: () => void): () => void;
  outbox?: Outbox;
  stop(): void;
}

export interface RecordsOptions {
  phone: Actor<PhoneMachine>;
  bridge: Pick<SeatMateBridge, 'uploadRecord' | 'log'>;
  config: AppConfig;
  now: () => number;
  timeZone: string;
  /** Tests: a store over an IndexedDB other than the browser's (fake-indexeddb), and a fixed session id. */
  openStore?: () => Promise<RecordStore>;
  session?: string;
}

const DAY = 86_400_000;
const PRUNE_EVERY = 3_600_000;
/** The web host takes 64 KB bodies: a record's timeline is trimmed below that. */
const MAX_UPLOAD_CHARS = 56_000;
const LOCK_PREFIX = 'seatmate-records-session:';

/** Sessions of pages still running (each holds a Web Lock for its life); none known outside a browser. */
async function liveSessions(): Promise<Set<string>> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return new Set();
  const state = await locks.query();
  return new Set((state.held ?? []).map((l) => l.name ?? '').filter((n) => n.startsWith(LOCK_PREFIX)).map((n) => n.slice(LOCK_PREFIX.length)));
}

function holdSession(session: string): void {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  void locks?.request(`${LOCK_PREFIX}${session}`, () => new Promise<void>(() => {})).catch(() => {});
}

export function startRecords(o: RecordsOptions): RecordsHandle {
  const listeners = new Set<() => void>();
  const changed = () => { for (const l of listeners) l(); };
  const base = {
    timeZone: o.timeZone, retentionDays: o.config.records.retentionDays, now: o.now,
    subscribe: (l: () => void) => { listeners.add(l); return () => { listeners.delete(l); }; },
  };
  if (o.config.records.retentionDays <= 0) {
    return { ...base, ready: Promise.resolve(), settled: () => Promise.resolve(), list: async () => [], stop: () => {} };
  }
  const log = (message: string) => o.bridge.log({ level: 'warn', message });
  // Dexie comes in its own chunk, fetched at once (a few ms, long before the first call can ring):
  // the page's start-up JavaScript stays within its budget; events meanwhile wait in memory.
  const opening = o.openStore?.() ?? import('./store.ts').then((m) => new m.RecordStore(new m.RecordsDb()));
  let store: RecordStore | undefined;
  let cache: Map<string, StoredRecord> | undefined;
  const keep = (record: StoredRecord) => { cache?.set(record.id, record); changed(); };
  const list = async (): Promise<StoredRecord[]> => {
    await ready;
    if (!cache) cache = new Map((await (await opening).list()).map((r) => [r.id, r]));
    return [...cache.values()].sort((a, b) => b.startedAt - a.startedAt);
  };
  const session = o.session ?? (globalThis.crypto?.randomUUID?.() ?? `${o.now()}-${Math.random().toString(36).slice(2)}`);
  holdSession(session);
  const number = o.config.records.maskNumbers ? maskNumber : (n: string) => n;

  const payload = async (call: string): Promise<RecordUpload | undefined> => {
    const store = await opening;
    const timeline: TimelineEvent[] = await store.timeline(call);
    if (!timeline.length) return undefined;
    const body = exportRecord(timeline, o.timeZone);
    // Too big for one request: the verdicts and columns stay whole, the timeline is cut.
    while (JSON.stringify(body).length > MAX_UPLOAD_CHARS && body.timeline.length > 1) {
      body.timeline = body.timeline.slice(0, Math.floor(body.timeline.length / 2));
      (body as unknown as Record<string, unknown>).timeline_truncated = true;
    }
    return { id: call, record: body as unknown as Record<string, unknown> };
  };
  const outbox = o.config.records.url
    ? new Outbox({ store: opening, upload: (u) => o.bridge.uploadRecord(u), payload, log, onChange: changed })
    : undefined;

  const recorder = new Recorder(o.phone, {
    store: opening, session, now: o.now, number, agent: o.config.agent.id, log,
    onWritten: keep,
    onClosed: (call) => { void outbox?.enqueue(call); },
  });

  /** Records left open by a page that is gone: closed now, with the moment they were found. */
  const recover = async (store: RecordStore) => {
    const live = await liveSessions();
    const restored = new Set(o.phone.getSnapshot().context.tasks.map((t) => t.getSnapshot().context.callId).filter((id) => id !== undefined));
    for (const open of await store.open()) {
      if (open.session === session || live.has(open.session)) continue;
      const timeline = await store.timeline(open.id);
      if (!timeline.length) continue;
      const found: TimelineEvent = { type: 'recovered', at: o.now() };
      // Its call-back task came back with this page (phone/savedTasks.ts): the record goes on here.
      if (restored.has(open.id)) { recorder.adopt(open.id, timeline, [found]); continue; }
      const summary = recordFrom([...timeline, found]);
      const record = storedRecord(summary, open.session, true);
      await store.append(open.id, [found], record);
      keep(record);
      await outbox?.enqueue(open.id);
    }
  };
  const prune = async () => {
    const dropped = await (await opening).prune(o.now() - o.config.records.retentionDays * DAY);
    if (dropped) cache = undefined;
    return dropped;
  };
  const ready = (async () => {
    try {
      store = await opening;
      await recover(store);
      await prune();
      changed();
      await outbox?.kick();
    } catch (error) {
      log(`call records: start-up failed (${(error as Error).message})`);
    }
  })();
  const pruning = setInterval(() => { void prune().then((n) => { if (n) changed(); }).catch(() => {}); }, PRUNE_EVERY);

  return {
    ...base, outbox, ready, list,
    get store() { return store; },
    settled: () => recorder.settled(),
    stop() { clearInterval(pruning); recorder.stop(); outbox?.stop(); },
  };
}
