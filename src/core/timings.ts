// The standard's numbers (SERVICE-STANDARD §1) as named durations. Packs may override them and
// IT policy overrides packs; code reads them from here, never from scattered literals.
import { z } from 'zod';

const ms = z.number().int().min(0).max(24 * 3600_000);

export const timingsSchema = z.object({
  /** One ring cycle in China: 1 s on, 4 s off (002, 003). */
  ringCycle: ms.default(5_000),
  /** Answer within this many rings (002, 003). */
  answerWithinRings: z.number().int().min(1).max(20).default(3),
  /** Greet within this long of the call connecting (002: 2 s, 004: 3 s). */
  greetWithin: ms.default(3_000),
  /** On hold, return to the customer this often (001, 002, 003). */
  checkInEvery: ms.default(15_000),
  /** Past this long on hold, offer to end and call back (001, 000). */
  holdLimit: ms.default(120_000),
  /** Promised call-back after seeking support (000). */
  callbackDue: ms.default(300_000),
  /** The agent may hang up only this long after the closing phrase (001, 002). */
  hangupWait: ms.default(5_000),
  /** Harassment: warning, then the system hangs up after this long (002). */
  harassmentWarning: ms.default(3_000),
  /** Harassment/chat call: longest talk (001). */
  chatCallLimit: ms.default(600_000),
  /** Silent call: wait between prompts (002; China Mobile variant 2 s). */
  silentWait: ms.default(5_000),
  /** Remote audio silent this long suggests a silent call. */
  silenceDetect: ms.default(8_000),
  /** Emergency: progress update to the customer (004). */
  emergencyUpdateEvery: ms.default(1_800_000),
  /** Unanswered transfer target gives up after this long. */
  transferTimeout: ms.default(20_000),
  /** No media from the far end this long while talking: the line dropped the call (002 §3.1.6). */
  mediaTimeout: ms.default(20_000),
  /** Pause before hanging up (004: 1–2 s). */
  pauseBeforeHangup: ms.default(1_500),
}).strict();

export type Timings = z.infer<typeof timingsSchema>;
export type TimingName = keyof Timings;

export const defaultTimings: Timings = timingsSchema.parse({});

/** Layer overrides (pack, then policy) over the defaults; unknown or bad values are reported, not applied. */
export function resolveTimings(...layers: Array<Record<string, unknown> | undefined>): { timings: Timings; rejected: string[] } {
  const merged: Record<string, unknown> = { ...defaultTimings };
  const rejected: string[] = [];
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer)) {
      const field = (timingsSchema.shape as Record<string, z.ZodType>)[key];
      if (!field) { rejected.push(`${key}: unknown timing`); continue; }
      const parsed = field.safeParse(value);
      if (parsed.success) merged[key] = parsed.data;
      else rejected.push(`${key}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
  }
  return { timings: merged as Timings, rejected };
}
