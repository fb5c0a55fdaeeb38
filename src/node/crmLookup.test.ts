import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCrm } from '../../tests/unit/main/doubles/fakeCrm.ts';
import { lookupCaller, parseCrmAnswer } from './crmLookup.ts';

describe('CRM look-up', () => {
  let crm: Awaited<ReturnType<typeof startFakeCrm>>;
  beforeAll(async () => { crm = await startFakeCrm(); });
  afterAll(async () => { await crm.close(); });

  it('returns the tier and name from a good answer, asking GET <url>?number=<n>', async () => {
    expect(await lookupCaller({ url: `${crm.base}/good`, timeoutMs: 1_000 }, '+8613800138000')).toEqual({ tier: 'vip', surname: '王', title: '先生' });
    expect(crm.seen.at(-1)).toBe('+8613800138000');
  });

  it('keeps a query string already in the configured URL', async () => {
    expect(await lookupCaller({ url: `${crm.base}/good?source=seatmate` }, '10000')).toMatchObject({ tier: 'vip' });
    expect(crm.seen.at(-1)).toBe('10000');
  });

  it.each([
    ['malformed JSON', '/malformed'],
    ['a tier it does not know', '/wrong-tier'],
    ['unknown caller (404)', '/unknown'],
    ['an empty answer', '/empty'],
    ['a server error', '/boom'],
    ['an oversized answer', '/huge'],
  ])('answers null for %s', async (_name, path) => {
    const logged: string[] = [];
    expect(await lookupCaller({ url: `${crm.base}${path}`, timeoutMs: 1_000 }, '10000', (m) => logged.push(m))).toBeNull();
    expect(logged.join('\n')).not.toContain('10000');
  });

  it.each(['/slow', '/slow-body'])('gives up at the time limit on %s (null, within the limit + margin)', async (path) => {
    const logged: string[] = [];
    const started = performance.now();
    expect(await lookupCaller({ url: `${crm.base}${path}`, timeoutMs: 150 }, '10000', (m) => logged.push(m))).toBeNull();
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(140);
    expect(took).toBeLessThan(150 + 200); // margin for a busy CI machine
    expect(logged.join()).toMatch(/no answer within 150 ms/);
  });

  it('uses 300 ms when no limit is configured', async () => {
    const started = performance.now();
    expect(await lookupCaller({ url: `${crm.base}/slow` }, '10000')).toBeNull();
    expect(performance.now() - started).toBeLessThan(300 + 200);
  });

  it('answers null when the CRM is unreachable', async () => {
    // A port that was just open and is now closed: connection refused.
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const { port } = gone.address() as AddressInfo;
    await new Promise<void>((resolve) => gone.close(() => resolve()));
    const logged: string[] = [];
    expect(await lookupCaller({ url: `http://127.0.0.1:${port}/tier`, timeoutMs: 1_000 }, '10000', (m) => logged.push(m))).toBeNull();
    expect(logged.join()).toMatch(/failed/);
  });

  it('answers null without asking when no CRM is configured or the number is not a number', async () => {
    const before = crm.seen.length;
    expect(await lookupCaller(undefined, '10000')).toBeNull();
    expect(await lookupCaller({ url: `${crm.base}/good` }, '1000&x=1')).toBeNull();
    expect(await lookupCaller({ url: `${crm.base}/good` }, '1'.repeat(33))).toBeNull();
    expect(crm.seen.length).toBe(before);
  });
});

describe('CRM answer', () => {
  it('strips control characters and caps names like the tier resolver', () => {
    expect(parseCrmAnswer(JSON.stringify({ surname: '\u202e王\u0000', title: '先生' }))).toEqual({ surname: '王', title: '先生' });
    expect(parseCrmAnswer(JSON.stringify({ surname: '欧阳'.repeat(10) }))?.surname).toHaveLength(8);
  });
  it('refuses non-objects', () => {
    expect(parseCrmAnswer('null')).toBeNull();
    expect(parseCrmAnswer('"vip"')).toBeNull();
    expect(parseCrmAnswer('[{"tier":"vip"}]')).toBeNull();
  });
});
