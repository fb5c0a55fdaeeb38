// The app configuration (AUTOMATION-CONTRACT §2): one schema for the config file, the settings
// screen and IT policy. Everything that crosses a process boundary is parsed with it.
import { z } from 'zod';

export const tierSchema = z.enum(['vip', 'brand', 'ordinary']);
export type Tier = z.infer<typeof tierSchema>;

export const langSchema = z.enum(['zh-CN', 'en']);
export type Lang = z.infer<typeof langSchema>;

const wsUrl = z
  .string()
  .max(2048)
  .regex(/^wss?:\/\/[^\s]+$/, 'must be a ws:// or wss:// URL');

export const iceServerSchema = z.object({
  urls: z.union([z.string().max(2048), z.array(z.string().max(2048)).max(16)]),
  username: z.string().max(256).optional(),
  credential: z.string().max(256).optional(),
}).strict();

export const sipConfigSchema = z.object({
  uri: z.string().max(512).regex(/^sips?:[^\s@]+@[^\s]+$/, 'must be a SIP URI such as sip:1001@example.org'),
  ws: z.array(wsUrl).min(1).max(8),
  authUser: z.string().max(256).optional(),
  password: z.string().max(1024).optional(),
  displayName: z.string().max(128).optional(),
  iceServers: z.array(iceServerSchema).max(16).default([]),
  /** Longest wait for ICE gathering before the offer/answer is sent anyway (ms). */
  iceGatheringCapMs: z.number().int().min(0).max(10_000).default(250),
  register: z.boolean().default(true),
  /** On a backup server (not the first of `ws`), how often to look whether the first is back (ms). */
  failbackProbeMs: z.number().int().min(1_000).max(3_600_000).default(30_000),
}).strict();
export type SipConfig = z.infer<typeof sipConfigSchema>;

export const appConfigSchema = z.object({
  mode: z.enum(['live', 'training']).default('training'),
  sip: sipConfigSchema.optional(),
  agent: z.object({
    id: z.string().max(32).default('1001'),
    name: z.string().max(64).optional(),
  }).strict().default({ id: '1001' }),
  lang: langSchema.default('zh-CN'),
  timeZone: z.string().max(64).optional(),
  pack: z.string().max(64).default('telecom-10000'),
  /** Overrides of the standard's timings (ms), normally set by IT policy. */
  timings: z.record(z.string(), z.number().int().min(0).max(24 * 3600_000)).optional(),
  /** H2: the held caller hears music (the pack's holdMusic file); IT may turn it off. */
  musicOnHold: z.boolean().default(true),
  /** Speech coaching (issue 12): rate, talk-over, dead air and voice level measured on this machine, no audio kept; off: no tap. */
  coaching: z.boolean().default(true),
  /** IT policy may let agents end a call inside the hang-up lock, with a reason that is logged. */
  overrideAllowed: z.boolean().default(false),
  /** Optional CRM look-up of the caller's tier, time-boxed so ringing is never delayed. */
  crm: z.object({
    url: z.string().max(2048).regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL'),
    timeoutMs: z.number().int().min(50).max(5_000).default(300),
  }).strict().optional(),
  /** Call records (issue 11): how long they are kept, whether numbers are masked, where they are uploaded. */
  records: z.object({
    /** Days a call record is kept on this machine; 0 keeps none (no recorder runs). */
    retentionDays: z.number().int().min(0).max(3650).default(90),
    /** Keep numbers masked in the records (138****8000). */
    maskNumbers: z.boolean().default(true),
    /** IT's collector: the host POSTs each finished record here once (Idempotency-Key: the call id). */
    url: z.string().max(2048).regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL').optional(),
  }).strict().default({ retentionDays: 90, maskNumbers: true }),
  headers: z.object({
    tier: z.string().max(64).default('X-Caller-Tier'),
    scenario: z.string().max(64).default('X-Scenario'),
    ivrPath: z.string().max(64).default('X-IVR-Path'),
    /** IT policy: do not trust the tier header (outside trunks could set it); directory and CRM only. */
    ignoreTier: z.boolean().default(false),
  }).strict().optional(),
}).strict().superRefine((cfg, ctx) => {
  if (cfg.mode === 'live' && !cfg.sip) {
    ctx.addIssue({ code: 'custom', path: ['sip'], message: 'live mode needs a "sip" section' });
  }
});
export type AppConfig = z.infer<typeof appConfigSchema>;

/** Render zod issues as "field.path: message" lines for humans. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
}
