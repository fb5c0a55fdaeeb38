import { describe, expect, it, vi } from 'vitest';
import { resolveTier } from '../../../src/core/guidance/tier.ts';
import type { LookupSignal, Timers } from '../../../src/core/guidance/tier.ts';

function fakeTimers(): Timers & { fire(): void; pending: number } {
  const queue = new Map<number, () => void>();
  let next = 1;
  return {
    setTimeout: (fn) => { queue.set(next, fn); return next++; },
    clearTimeout: (h) => { queue.delete(h as number); },
    fire: () => { for (const [id, fn] of [...queue]) { queue.delete(id); fn(); } },
    get pending() { return queue.size; },
  };
}

describe('resolveTier with a CRM look-up (G7)', () => {
  it('never delays ringing: answers ordinary now, the CRM tier later', async () => {
    const timers = fakeTimers();
    const crm = vi.fn(async () => ({ tier: 'brand', surname: '张', title: '女士' }));
    const r = resolveTier({ number: '13700000000', crmLookup: crm, timers });
    expect(r.now).toEqual({ tier: 'ordinary', from: 'default' });
    expect(await r.late).toEqual({ tier: 'brand', from: 'crm', surname: '张', title: '女士' });
    expect(crm).toHaveBeenCalledWith('13700000000', expect.anything());
    expect(timers.pending).toBe(0);
  });

  it('gives up after the time limit and aborts the look-up', async () => {
    const timers = fakeTimers();
    let signal: LookupSignal | undefined;
    let aborted = false;
    const r = resolveTier({
      number: '137', timers, timeoutMs: 300,
      crmLookup: (_n, s) => { signal = s; s.onAbort(() => { aborted = true; }); return new Promise(() => undefined); },
    });
    timers.fire();
    expect(await r.late).toBeNull();
    expect(signal?.aborted).toBe(true);
    expect(aborted).toBe(true);
  });

  it('ignores a failing or nonsensical CRM answer', async () => {
    const timers = fakeTimers();
    expect(await resolveTier({ number: '1', timers, crmLookup: async () => { throw new Error('down'); } }).late).toBeNull();
    expect(await resolveTier({ number: '1', timers, crmLookup: async () => ({ tier: 'platinum' }) }).late).toBeNull();
    expect(await resolveTier({ number: '1', timers, crmLookup: () => { throw new Error('sync'); } }).late).toBeNull();
  });

  it('does not ask the CRM when the header already says', async () => {
    const crm = vi.fn();
    const r = resolveTier({ headerTier: 'brand', number: '1', crmLookup: crm, timers: fakeTimers() });
    expect(r.now.tier).toBe('brand');
    expect(await r.late).toBeNull();
    expect(crm).not.toHaveBeenCalled();
  });
});
