// Sends one finished call record to IT's collector (policy recordsUrl), for both hosts: the page's
// CSP allows it no request to a foreign URL, so its outbox asks the host, one record at a time.
// The collector sees each call once: the request carries `Idempotency-Key: <call id>`, so a
// retry after a lost answer is recognised there. Time-boxed; the answer says what the outbox does:
//   'sent'    2xx, or 409 (the collector already has this call)
//   'retry'   no answer in time, no connection, 408/425/429 or 5xx: try again later
//   'refused' no collector configured, a redirect, or any other 4xx: this record will never go.
import type { RecordUpload, UploadResult } from '../core/bridge.ts';

export interface CollectorSettings {
  url: string;
  /** Longest wait for the collector's answer (ms). */
  timeoutMs?: number;
}

// Under the web host's 10 s request limit, so the page hears "retry" rather than a cut connection.
export const DEFAULT_UPLOAD_TIMEOUT_MS = 8_000;
const RETRY_STATUSES = new Set([408, 425, 429]);

export async function uploadRecord(collector: CollectorSettings | undefined, upload: RecordUpload, log: (m: string) => void = () => {}): Promise<UploadResult> {
  if (!collector) return 'refused';
  const limit = collector.timeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limit);
  try {
    const response = await fetch(collector.url, {
      method: 'POST',
      signal: controller.signal,
      // A collector that redirects is misconfigured: the record must not follow it elsewhere.
      redirect: 'manual',
      headers: { 'content-type': 'application/json', 'idempotency-key': upload.id, accept: 'application/json' },
      body: JSON.stringify(upload.record),
    });
    await response.body?.cancel().catch(() => {});
    if (response.ok || response.status === 409) return 'sent';
    if (response.status >= 500 || RETRY_STATUSES.has(response.status)) {
      log(`records upload: HTTP ${response.status}, will retry`);
      return 'retry';
    }
    log(`records upload: HTTP ${response.status}, the collector refused the record`);
    return 'refused';
  } catch (error) {
    log(controller.signal.aborted ? `records upload: no answer within ${limit} ms, will retry` : `records upload failed (${(error as Error).message}), will retry`);
    return 'retry';
  } finally {
    clearTimeout(timer);
  }
}
