// The bridge for the web host (`seatmate web`): the same SeatMateBridge as Electron's preload,
// spoken over HTTP to the local host process. Every answer is validated like an IPC payload.
import { z } from 'zod';
import { appConfigSchema } from '../core/config.ts';
import {
  appCommandSchema, callSummarySchema, credentialsSchema, lookupCallerRequestSchema, lookupCallerResponseSchema,
  recordUploadSchema, uploadResultSchema, type RecordUpload, type UploadResult,
  type AppCommand, type CallerInfo, type CallSummary, type LogEntry,
  type NotificationRequest, type ResolvedSettings, type SeatMateBridge, type SettingsPatch,
} from '../core/bridge.ts';
import { desktopSettingsSchema, type DesktopSettingsPatch } from '../core/desktopSettings.ts';
import { parseContentData } from '../core/pack/contentData.ts';

const resolvedSchema = z.object({ config: appConfigSchema, locked: z.array(z.string()), passwordSet: z.boolean() });
const errorsSchema = z.object({ errors: z.array(z.string()).min(1) });

/** The part of EventSource the bridge uses. */
export type EventStream = Pick<EventSource, 'onmessage' | 'close'>;

export interface WebBridgeOptions {
  /** The web host's address; by default the page's own origin. */
  base?: string;
  /**
   * The launch's access token, sent as `Authorization: Bearer` (scripts, the contract test). A
   * page needs none: opening the URL `seatmate web` printed gave it the host's HttpOnly cookie.
   */
  token?: string;
  /** Browsers have EventSource; Node (the bridge contract test) passes its own. */
  openStream?: (url: string) => EventStream;
}

/** One EventSource per stream, shared by its listeners, closed with the last of them. */
function eventStream<T>(open: () => EventStream, schema: z.ZodType<T>): (listener: (v: T) => void) => () => void {
  const listeners = new Set<(v: T) => void>();
  let events: EventStream | undefined;
  return (listener) => {
    listeners.add(listener);
    if (!events) {
      events = open();
      events.onmessage = (m) => {
        let value: unknown;
        try { value = JSON.parse(String(m.data)); } catch { return; }
        const parsed = schema.safeParse(value);
        if (parsed.success) for (const l of listeners) l(parsed.data);
      };
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) { events?.close(); events = undefined; }
    };
  };
}

/**
 * An answer nobody reads must still be read to its end: until then Chromium keeps the request's
 * loader (and its buffers) alive — about 12 kB for every summary a call publishes (issue 14 §3).
 */
const drain = (response: Response): void => { void response.body?.cancel().catch(() => {}); };

export function createWebBridge(options: WebBridgeOptions = {}): SeatMateBridge {
  const url = (path: string) => (options.base ? new URL(path, options.base).href : path);
  const openStream = options.openStream ?? ((u: string) => new EventSource(u));
  const auth: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  const post = (path: string, body: unknown) => fetch(url(path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify(body),
  });

  /** GET (no body) or POST; a refusal rejects with the host's own messages, one per line. */
  async function call<T>(path: string, parse: (v: unknown) => T, body?: unknown): Promise<T> {
    const response = await (body === undefined ? fetch(url(path), { headers: auth }) : post(path, body));
    if (!response.ok) {
      const text = await response.text();
      let refusal: z.infer<typeof errorsSchema> | undefined;
      try { refusal = errorsSchema.parse(JSON.parse(text)); } catch { refusal = undefined; }
      throw new Error(refusal ? refusal.errors.join('\n') : `${path}: ${response.status} ${text}`);
    }
    return parse(await response.json());
  }

  const onCommand = eventStream(() => openStream(url('/api/commands')), appCommandSchema);
  const onSummary = eventStream(() => openStream(url('/api/summary-events')), callSummarySchema);
  return {
    host: 'web',
    getSettings: () => call('/api/settings', (v) => resolvedSchema.parse(v) as ResolvedSettings),
    saveSettings: (patch: SettingsPatch) => call('/api/settings', (v) => resolvedSchema.parse(v) as ResolvedSettings, patch),
    getCredentials: () => call('/api/credentials', (v) => credentialsSchema.parse(v)),
    loadContent: () => call('/api/content', parseContentData),
    async notify(n: NotificationRequest) {
      if (typeof Notification === 'undefined') return;
      if (Notification.permission === 'default') await Notification.requestPermission().catch(() => 'denied');
      if (Notification.permission === 'granted') new Notification(n.title, { body: n.body, tag: n.tag });
    },
    log(entry: LogEntry) {
      void post('/api/log', entry).then(drain, () => {});
    },
    publishSummary(s: CallSummary) {
      void post('/api/summary', s).then(drain, () => {});
    },
    onCommand: (listener: (c: AppCommand) => void) => onCommand(listener),
    onSummary: (listener: (s: CallSummary) => void) => onSummary(listener),
    // Best effort, like the preload's: every failure is "no answer".
    async lookupCaller(number: string): Promise<CallerInfo | null> {
      const request = lookupCallerRequestSchema.safeParse({ number });
      if (!request.success) return null;
      return call('/api/lookup-caller', (v) => lookupCallerResponseSchema.parse(v), request.data).catch(() => null);
    },
    getDesktopSettings: () => call('/api/desktop-settings', (v) => desktopSettingsSchema.parse(v)),
    saveDesktopSettings: (patch: DesktopSettingsPatch) => call('/api/desktop-settings', (v) => desktopSettingsSchema.parse(v), patch),
    // Never rejects, like the preload's: a record that is not one is refused here, an unreachable host is retried later.
    async uploadRecord(upload: RecordUpload): Promise<UploadResult> {
      if (!recordUploadSchema.safeParse(upload).success) return 'refused';
      return call('/api/upload-record', (v) => z.object({ result: uploadResultSchema }).parse(v).result, upload).catch(() => 'retry' as const);
    },
  };
}
