// The scorecard: per rule, the share of the calls it applied to that met it; the trend per day;
// the three rules missed most, with their calls; today and this shift in the agent's time zone.
import { describe, expect, it } from 'vitest';
import { syntheticRecord } from './syntheticRecords.ts';
import { dateSpan, scorecard, shiftSpan, todaySpan } from './scorecard.ts';

const TZ = 'Asia/Shanghai';
const DAY1 = Date.UTC(2025, 4, 15, 1, 0); // 09:00 local
const DAY2 = Date.UTC(2025, 4, 16, 1, 0);
const H = 3_600_000;

describe('scorecard', () => {
  const records = [
    syntheticRecord(1, DAY1, ['N2']),
    syntheticRecord(2, DAY1 + H),
    syntheticRecord(3, DAY2, ['N2', 'C3']),
    syntheticRecord(4, DAY2 + H, ['H3']),
    syntheticRecord(5, DAY2 + 2 * H),
  ];

  it('N2 compliance is the share of calls it applied to that met it; H3 counts only calls it applied to', () => {
    const card = scorecard(records, dateSpan('2025-05-15', '2025-05-16', TZ), TZ);
    expect(card).toMatchObject({ calls: 5, met: 2, pct: 40 });
    expect(card.rules.find((r) => r.rule === 'N2')).toMatchObject({ applied: 5, met: 3, missed: 2, pct: 60 });
    expect(card.rules.find((r) => r.rule === 'H3')).toMatchObject({ applied: 2, met: 1, missed: 1, pct: 50 });
    expect(card.rules.find((r) => r.rule === 'T2')).toMatchObject({ applied: 0, pct: null });
  });

  it('has a point per local day, and the top-3 missed rules with their calls, newest first', () => {
    const card = scorecard(records, dateSpan('2025-05-14', '2025-05-16', TZ), TZ);
    expect(card.days).toEqual([
      { day: '2025-05-14', calls: 0, met: 0, pct: null },
      { day: '2025-05-15', calls: 2, met: 1, pct: 50 },
      { day: '2025-05-16', calls: 3, met: 1, pct: 33.3 },
    ]);
    expect(card.topMissed.map((m) => [m.rule, m.missed, m.calls.map((c) => c.id)])).toEqual([
      ['N2', 2, ['c3', 'c1']], ['H3', 1, ['c4']], ['C3', 1, ['c3']],
    ]);
  });

  it('today starts at local midnight; this shift is the run of calls with no 4-hour gap', () => {
    expect(todaySpan(DAY2 + 3 * H, TZ).from).toBe(Date.UTC(2025, 4, 15, 16, 0));
    expect(scorecard(records, todaySpan(DAY2 + 3 * H, TZ), TZ).calls).toBe(3);
    expect(shiftSpan(records, DAY2 + 3 * H).from).toBe(DAY2);
    expect(shiftSpan(records, DAY2 + 9 * H).from).toBe(DAY2 + 9 * H); // no call for 7 h: no shift
  });

  it('aggregates 10,000 calls (its render time is measured in the bench: npm run bench -- --only records)', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => syntheticRecord(i, DAY1 - i * 60_000, i % 7 ? [] : ['N2']));
    const span = dateSpan('2025-05-01', '2025-05-16', TZ);
    const card = scorecard(many, span, TZ);
    expect(card.calls).toBe(10_000);
  });

  it('N11, F2: speech over the span is weighted by speech time; talk-overs by the agent per call, the customer\'s apart', () => {
    const coached = (i: number, meanRate: number | undefined, speechMs: number, outOfRangeMs: number, talkOvers: number) => ({
      ...syntheticRecord(i, DAY1 + i * H),
      coaching: {
        band: { min: 120, max: 150 }, ...(meanRate === undefined ? {} : { meanRate }), speechMs, outOfRangeMs,
        talkOvers, customerTalkOvers: 1, deadAirCount: 1, deadAirMs: 12_000, rateHints: outOfRangeMs > 10_000 ? 1 : 0,
      },
    });
    const list = [
      coached(1, 140, 60_000, 0, 0),
      coached(2, 200, 20_000, 20_000, 2),
      coached(3, undefined, 2_000, 0, 1), // too little speech for a rate
      syntheticRecord(4, DAY1 + 4 * H), // no audio reached the coach
    ];
    const card = scorecard(list, dateSpan('2025-05-15', '2025-05-15', TZ), TZ);
    expect(card.speech).toEqual({
      calls: 3, callsRated: 2, callsInBand: 1,
      meanRate: 155, // (140 × 60 s + 200 × 20 s) / 80 s
      inBandPct: 75.6, // 62 s of 82 s in the band
      talkOvers: 3, talkOversPerCall: 1, customerTalkOvers: 3, deadAir: 3, deadAirMs: 36_000, rateHints: 1,
    });
    expect(scorecard([syntheticRecord(9, DAY1)], dateSpan('2025-05-15', '2025-05-15', TZ), TZ).speech).toMatchObject({ calls: 0, meanRate: null, inBandPct: null, talkOversPerCall: null });
  });
});
