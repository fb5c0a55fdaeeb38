// The one bridge the renderer sees (STYLE.md: "One typed channel, validated at the door").
// Electron's preload implements it over IPC; the web host implements it over HTTP. Every
// message that crosses a process boundary has a zod schema here, checked on the receiving side.
import { z } from 'zod';
import { tierSchema, type AppConfig } from './config.ts';
import type { ContentData } from './pack/contentData.ts';
import type { DesktopSettings, DesktopSettingsPatch } from './desktopSettings.ts';

export const notificationSchema = z.object({
  title: z.string().max(200),
  body: z.string().max(1000),
  tag: z.string().max(64).optional(),
  urgent: z.boolean().optional(),
});
export type NotificationRequest = z.infer<typeof notificationSchema>;

export const logEntrySchema = z.object({
  level: z.enum(['debug', 'info', 'warn', 'error']),
  message: z.string().max(4000),
});
export type LogEntry = z.infer<typeof logEntrySchema>;

/** Commands that arrive from outside the page: hotkeys, tray, tel:/sip: links, overlay. */
export const appCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('answer') }),
  z.object({ type: z.literal('hangup') }),
  z.object({ type: z.literal('hold-toggle') }),
  z.object({ type: z.literal('closing') }),
  z.object({ type: z.literal('next-step') }),
  z.object({ type: z.literal('previous-step') }),
  /** Dial now: tray, hotkeys, automation — never a link. */
  z.object({ type: z.literal('dial'), number: z.string().max(64).regex(/^[0-9*#+]+$/) }),
  /** Put a number in the dial box and wait for the agent to press Call: what a tel:/sip: link does. */
  z.object({ type: z.literal('prefill'), number: z.string().min(1).max(64).regex(/^[0-9*#+]+$/) }),
  /** The host's content files changed: load the content again (a broken file keeps its last good version). */
  z.object({ type: z.literal('content-changed') }),
  /** IT policy or the configuration file changed the settings in force: read them again (the page reloads once no call is in progress). */
  z.object({ type: z.literal('settings-changed') }),
]);
export type AppCommand = z.infer<typeof appCommandSchema>;

/** What the renderer publishes about the call so the overlay window and tray can follow it. */
export const callSummarySchema = z.object({
  registration: z.enum(['disabled', 'connecting', 'registered', 'unregistered', 'failed']),
  call: z.enum(['idle', 'ringing', 'connected', 'held', 'closing', 'locked', 'ended']),
  remote: z.string().max(128).optional(),
  tier: tierSchema.optional(),
  greeting: z.string().max(500).optional(),
  scenario: z.string().max(64).optional(),
  scenarioTitle: z.string().max(80).optional(),
  /** The script step the agent is on. */
  step: z.object({ index: z.number().int().min(0).max(99), of: z.number().int().min(1).max(100), title: z.string().max(40).optional(), text: z.string().max(500).optional() }).optional(),
  /** What the call controls ask the agent to say now (consent, check-in, closing…). */
  sayNow: z.string().max(500).optional(),
  /** The soonest deadline of the call's running rules (core/guidance/nextDue.ts): rule id, epoch ms. */
  due: z.object({ rule: z.string().max(32).regex(/^[A-Za-z]+$/), at: z.number().finite() }).optional(),
  /** Speech coaching (issue 12): the agent's current rate against the pack's band (N11), the hint once due, talk-overs (F2). */
  coaching: z.object({
    rate: z.number().int().min(0).max(2000).optional(),
    min: z.number().int().min(0).max(2000),
    max: z.number().int().min(0).max(2000),
    side: z.enum(['slow', 'ok', 'fast']),
    hint: z.enum(['slow', 'fast']).optional(),
    talkOvers: z.number().int().min(0).max(100_000),
  }).optional(),
});
export type CallSummary = z.infer<typeof callSummarySchema>;

/** The renderer asks its host who is calling; the host asks the CRM (the page's CSP cannot). */
export const lookupCallerRequestSchema = z.object({
  number: z.string().min(1).max(32).regex(/^\+?[0-9]+$/, 'must be digits, optionally after one leading +'),
}).strict();
export type LookupCallerRequest = z.infer<typeof lookupCallerRequestSchema>;

/** What the CRM knows about a caller; null when it knows nothing (or did not answer in time). */
export const callerInfoSchema = z.object({
  tier: tierSchema.optional(),
  surname: z.string().max(16).optional(),
  title: z.string().max(16).optional(),
}).strict();
export type CallerInfo = z.infer<typeof callerInfoSchema>;
export const lookupCallerResponseSchema = callerInfoSchema.nullable();

/**
 * A finished call record for IT's collector (policy recordsUrl), sent by the host: the page's CSP
 * forbids it the foreign URL. `id` is the call id, the collector's Idempotency-Key.
 */
export const recordUploadSchema = z.object({
  id: z.string().min(1).max(256).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
  record: z.record(z.string(), z.unknown()),
}).strict();
export type RecordUpload = z.infer<typeof recordUploadSchema>;
/** What the outbox does next: done, try again later, or give up on this record. */
export const uploadResultSchema = z.enum(['sent', 'retry', 'refused']);
export type UploadResult = z.infer<typeof uploadResultSchema>;

export const settingsPatchSchema = z.object({
  mode: z.enum(['live', 'training']).optional(),
  lang: z.enum(['zh-CN', 'en']).optional(),
  pack: z.string().max(64).optional(),
  timeZone: z.string().max(64).optional(),
  agent: z.object({ id: z.string().max(32), name: z.string().max(64).optional() }).optional(),
  sip: z.object({
    uri: z.string().max(512),
    ws: z.array(z.string().max(2048)).max(8),
    authUser: z.string().max(256).optional(),
    password: z.string().max(1024).optional(),
    displayName: z.string().max(128).optional(),
  }).optional(),
}).strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export interface ResolvedSettings {
  /** The settings in force, without `sip.password`: settings never carry it (getCredentials does). */
  config: AppConfig;
  /** Keys enforced by IT policy: the settings screen shows them locked. */
  locked: string[];
  /** Whether a SIP password is stored: the settings screen says so, and sends one only when typed. */
  passwordSet: boolean;
}

/** What only the agent page's engine receives, once at boot (docs/security.md §1). */
export const credentialsSchema = z.object({
  password: z.string().max(1024).optional(),
}).strict();
export type Credentials = z.infer<typeof credentialsSchema>;

export interface SeatMateBridge {
  readonly host: 'electron' | 'web';
  getSettings(): Promise<ResolvedSettings>;
  saveSettings(patch: SettingsPatch): Promise<ResolvedSettings>;
  /**
   * The SIP password, for the agent page's engine at boot and nobody else: Electron answers only
   * the agent window, the web host only a request with the launch token. The overlay never asks.
   */
  getCredentials(): Promise<Credentials>;
  /** Packs, calendars and directory, parsed and validated by the host (pack/contentData.ts). */
  loadContent(): Promise<ContentData>;
  notify(n: NotificationRequest): Promise<void>;
  log(entry: LogEntry): void;
  publishSummary(s: CallSummary): void;
  /** Subscribe to outside commands; returns the unsubscribe function. */
  onCommand(listener: (c: AppCommand) => void): () => void;
  /**
   * Asks the configured CRM about a caller, within config.crm.timeoutMs. Never rejects: no CRM,
   * no answer in time, an unknown or malformed answer, or a bad number all resolve null.
   */
  lookupCaller(number: string): Promise<CallerInfo | null>;
  /** The call as the agent window publishes it (the guidance overlay follows it); returns the unsubscribe function. */
  onSummary(listener: (s: CallSummary) => void): () => void;
  /** Sends one call record to the collector IT set (recordsUrl). Never rejects: a bad record is 'refused', a host that cannot be reached 'retry'. */
  uploadRecord(upload: RecordUpload): Promise<UploadResult>;
  /** Global hotkeys (with their conflict report) and start-on-login; the web host answers `available: false`. */
  getDesktopSettings(): Promise<DesktopSettings>;
  /** Applies and keeps them, or rejects with `field: message` lines; the web host always refuses (desktop only). */
  saveDesktopSettings(patch: DesktopSettingsPatch): Promise<DesktopSettings>;
}

/** IPC channel names: the preload's allowlist and main's handler table are built from this. */
export const IPC = {
  getSettings: 'seatmate:get-settings',
  saveSettings: 'seatmate:save-settings',
  getCredentials: 'seatmate:get-credentials',
  loadContent: 'seatmate:load-content',
  notify: 'seatmate:notify',
  log: 'seatmate:log',
  publishSummary: 'seatmate:publish-summary',
  command: 'seatmate:command',
  lookupCaller: 'seatmate:lookup-caller',
  getDesktopSettings: 'seatmate:get-desktop-settings',
  saveDesktopSettings: 'seatmate:save-desktop-settings',
  uploadRecord: 'seatmate:upload-record',
} as const;
