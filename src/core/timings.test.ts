import { describe, expect, it } from 'vitest';
import { defaultTimings, resolveTimings } from './timings.ts';

describe('timings of the standard', () => {
  it('defaults to the numbers of SERVICE-STANDARD §1', () => {
    expect(defaultTimings.checkInEvery).toBe(15_000);
    expect(defaultTimings.holdLimit).toBe(120_000);
    expect(defaultTimings.hangupWait).toBe(5_000);
    expect(defaultTimings.harassmentWarning).toBe(3_000);
    expect(defaultTimings.callbackDue).toBe(300_000);
    expect(defaultTimings.chatCallLimit).toBe(600_000);
    expect(defaultTimings.answerWithinRings * defaultTimings.ringCycle).toBe(15_000);
  });

  it('lets policy override a pack, and rejects bad values without losing the rest', () => {
    const { timings, rejected } = resolveTimings({ checkInEvery: 20_000 }, { checkInEvery: 10_000, hangupWait: -1, bogus: 3 });
    expect(timings.checkInEvery).toBe(10_000);
    expect(timings.hangupWait).toBe(5_000);
    expect(rejected).toEqual([expect.stringMatching(/^hangupWait:/), 'bogus: unknown timing']);
  });
});
