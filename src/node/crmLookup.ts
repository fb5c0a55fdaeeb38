// Asks the CRM who is calling, for both hosts (Electron main and the web host): the renderer's CSP
// allows it no request to a CRM, so it asks its host through the bridge (lookupCaller).
// The tier resolver (src/core/guidance/tier.ts) already shows the header/directory answer at once;
// this look-up is the late, better answer, so it is strictly time-boxed and every failure —
// no CRM, timeout, refused connection, HTTP error, malformed or oversized JSON, a tier we do not
// know — is just "no answer" (null). It never throws.
import { z } from 'zod';
import { lookupCallerRequestSchema, type CallerInfo } from '../core/bridge.ts';
import { tierSchema } from '../core/config.ts';
import { untrustedText } from '../core/untrusted.ts';

export interface CrmSettings {
  url: string;
  /** Longest wait for the whole answer, body included (ms). */
  timeoutMs?: number;
}

export const DEFAULT_CRM_TIMEOUT_MS = 300;
/** A tier and a name fit in a few hundred bytes; anything much bigger is not an answer for us. */
const MAX_ANSWER_BYTES = 16 * 1024;
/** Same caps as the tier resolver: a surname and 先生/女士 are a few characters. */
const NAME_CHARS = 8;

// Extra fields a CRM sends are ignored; a present but unknown tier makes the whole answer invalid.
const crmAnswerSchema = z.object({
  tier: tierSchema.optional(),
  surname: z.string().max(256).optional(),
  title: z.string().max(256).optional(),
});

/** The CRM's JSON body → CallerInfo, or null when it says nothing we can use. */
export function parseCrmAnswer(text: string): CallerInfo | null {
  let raw: unknown;
  try { raw = JSON.parse(text); } catch { return null; }
  const parsed = crmAnswerSchema.safeParse(raw);
  if (!parsed.success) return null;
  const surname = untrustedText(parsed.data.surname, NAME_CHARS);
  const title = untrustedText(parsed.data.title, NAME_CHARS);
  const info: CallerInfo = {
    ...(parsed.data.tier ? { tier: parsed.data.tier } : {}),
    ...(surname ? { surname } : {}),
    ...(title ? { title } : {}),
  };
  return Object.keys(info).length > 0 ? info : null;
}

async function readCapped(response: Response, max: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) { await reader.cancel(); throw new Error(`answer larger than ${max} bytes`); }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * GET <crm.url>?number=<number>, answered within crm.timeoutMs or not at all. The log line never
 * carries the number (phone numbers are personal data; the log is redacted anyway).
 */
export async function lookupCaller(crm: CrmSettings | undefined, number: string, log: (m: string) => void = () => {}): Promise<CallerInfo | null> {
  if (!crm) return null;
  if (!lookupCallerRequestSchema.safeParse({ number }).success) return null;
  const limit = crm.timeoutMs ?? DEFAULT_CRM_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limit);
  try {
    const url = new URL(crm.url);
    url.searchParams.set('number', number);
    // No redirects: policy asks for an https:// CRM, and a redirect could leave it.
    const response = await fetch(url, {
      signal: controller.signal, redirect: 'error', headers: { accept: 'application/json' },
    });
    if (!response.ok) {
      // 404 is the usual "unknown caller"; other statuses are worth a line in the log.
      if (response.status !== 404) log(`crm look-up: HTTP ${response.status}`);
      await response.body?.cancel().catch(() => {});
      return null;
    }
    const info = parseCrmAnswer(await readCapped(response, MAX_ANSWER_BYTES));
    if (!info) log('crm look-up: answer not understood');
    return info;
  } catch (error) {
    log(controller.signal.aborted ? `crm look-up: no answer within ${limit} ms` : `crm look-up failed: ${(error as Error).message}`);
    return null;
  } finally {
    clearTimeout(timer);
  }
}
