// The host's upload of one call record to IT's collector, against a real HTTP collector on
// loopback: once per call (Idempotency-Key), and what the outbox is told for each failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startCollector, type Collector } from '../../tests/harness/collector.ts';
import { uploadRecord } from './recordUpload.ts';

let collector: Collector;
beforeAll(async () => { collector = await startCollector(); });
afterAll(async () => { await collector.close(); });

const upload = (id: string) => ({ id, record: { call_id: id, verdict: 'met' } });

describe('records upload (host service)', () => {
  it('POSTs the record as JSON with Idempotency-Key = the call id; the collector keeps it once', async () => {
    collector.answer = undefined;
    expect(await uploadRecord({ url: collector.url }, upload('a-1'))).toBe('sent');
    expect(await uploadRecord({ url: collector.url }, upload('a-1'))).toBe('sent');
    expect(collector.stored.get('a-1')).toEqual({ call_id: 'a-1', verdict: 'met' });
    expect([...collector.stored.keys()].filter((k) => k === 'a-1')).toHaveLength(1);
  });

  it('409 means the collector already has it: sent', async () => {
    collector.answer = 409;
    expect(await uploadRecord({ url: collector.url }, upload('a-2'))).toBe('sent');
  });

  it.each([500, 503, 429, 408])('HTTP %i: retry later', async (status) => {
    collector.answer = status;
    expect(await uploadRecord({ url: collector.url }, upload('a-3'))).toBe('retry');
  });

  it.each([400, 403, 413])('HTTP %i: refused, never sent again', async (status) => {
    collector.answer = status;
    const lines: string[] = [];
    expect(await uploadRecord({ url: collector.url }, upload('a-4'), (m) => lines.push(m))).toBe('refused');
    expect(lines.join('\n')).toContain(String(status));
  });

  it('no answer within the time limit, or no collector listening: retry', async () => {
    collector.answer = undefined;
    collector.delayMs = 500;
    expect(await uploadRecord({ url: collector.url, timeoutMs: 100 }, upload('a-5'))).toBe('retry');
    collector.delayMs = 0;
    const url = collector.url;
    await collector.down();
    expect(await uploadRecord({ url }, upload('a-6'))).toBe('retry');
    await collector.up();
    expect(await uploadRecord({ url: collector.url }, upload('a-6'))).toBe('sent');
  });

  it('no collector configured, or one that redirects: refused', async () => {
    expect(await uploadRecord(undefined, upload('a-7'))).toBe('refused');
    const redirecting = createServer((_req, res) => { res.writeHead(302, { location: 'http://127.0.0.1:9/' }).end(); });
    await new Promise<void>((r) => redirecting.listen(0, '127.0.0.1', r));
    const { port } = redirecting.address() as AddressInfo;
    expect(await uploadRecord({ url: `http://127.0.0.1:${port}/` }, upload('a-8'))).toBe('refused');
    redirecting.close();
  });
});
