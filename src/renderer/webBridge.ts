// The bridge for the web host (`seatmate web`): the same SeatMateBridge as Electron's preload,
// spoken over HTTP to the local host process. Every answer is validated like an IPC payload.
import { z } from 'zod';
import { appConfigSchema } from '../core/config.ts';
import {
  appCommandSchema, callSummarySchema, contentBundleSchema, lookupCallerRequestSchema, lookupCallerResponseSchema,
  type AppCommand, type CallerInfo, type CallSummary, type LogEntry,
  type NotificationRequest, type ResolvedSettings, type SeatMateBridge, type SettingsPatch,
} from '../core/bridge.ts';

const resolvedSchema = z.object({ config: appConfigSchema, locked: z.array(z.string()) });

async function call<T>(path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
  const response = await fetch(path, body === undefined ? {} : {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return schema.parse(await response.json());
}

/** One EventSource per stream, shared by its listeners, closed with the last of them. */
function eventStream<T>(path: string, schema: z.ZodType<T>): (listener: (v: T) => void) => () => void {
  const listeners = new Set<(v: T) => void>();
  let events: EventSource | undefined;
  return (listener) => {
    listeners.add(listener);
    if (!events) {
      events = new EventSource(path);
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

export function createWebBridge(): SeatMateBridge {
  const onCommand = eventStream('/api/commands', appCommandSchema);
  const onSummary = eventStream('/api/summary-events', callSummarySchema);
  return {
    host: 'web',
    getSettings: () => call('/api/settings', resolvedSchema) as Promise<ResolvedSettings>,
    saveSettings: (patch: SettingsPatch) => call('/api/settings', resolvedSchema, patch) as Promise<ResolvedSettings>,
    loadContent: () => call('/api/content', contentBundleSchema),
    async notify(n: NotificationRequest) {
      if (typeof Notification === 'undefined') return;
      if (Notification.permission === 'default') await Notification.requestPermission().catch(() => 'denied');
      if (Notification.permission === 'granted') new Notification(n.title, { body: n.body, tag: n.tag });
    },
    log(entry: LogEntry) {
      void fetch('/api/log', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(entry) }).catch(() => {});
    },
    publishSummary(s: CallSummary) {
      void fetch('/api/summary', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(s) }).catch(() => {});
    },
    onCommand: (listener: (c: AppCommand) => void) => onCommand(listener),
    onSummary: (listener: (s: CallSummary) => void) => onSummary(listener),
    // Best effort, like the preload's: every failure is "no answer".
    async lookupCaller(number: string): Promise<CallerInfo | null> {
      const request = lookupCallerRequestSchema.safeParse({ number });
      if (!request.success) return null;
      return call('/api/lookup-caller', lookupCallerResponseSchema, request.data).catch(() => null);
    },
  };
}
