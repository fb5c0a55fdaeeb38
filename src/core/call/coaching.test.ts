// Speech coaching in the call actor (issue 12): envelope frames in as COACH.FEATURES, the figures
// in the call's context and view, the hints and notices out — on the simulated clock.
import { describe, expect, it } from 'vitest';
import { madeSilence, madeSpeech, madeTurns } from '../coaching/envelopeKit.ts';
import { startCall, type CallKit } from './callTestKit.ts';
import { callSummarySchema } from '../bridge.ts';
import { summaryOf } from './summary.ts';
import { callView, type PhoneView } from './views.ts';

const BATCH = 50; // the media poll's 500 ms

/** Feeds both sides' frames as the call link does: 500 ms of frames every 500 ms. */
function hear(call: CallKit, agent: readonly number[], customer: readonly number[] = []): CallKit {
  const n = Math.max(agent.length, customer.length);
  const pad = (side: readonly number[]) => [...side, ...madeSilence((n - side.length) * 10)];
  const [a, c] = [pad(agent), pad(customer)];
  for (let i = 0; i < n; i += BATCH) {
    call.advance(BATCH * 10);
    call.send({ type: 'COACH.FEATURES', frameMs: 10, agent: a.slice(i, i + BATCH), customer: c.slice(i, i + BATCH) });
  }
  return call;
}

const speech = (rate: number, ms: number, seed = 1) => madeSpeech({ rate, speechMs: ms, seed }).frames;
const coaching = (call: CallKit) => callView(call.snapshot()).coaching;

describe('N11: the speaking rate in the call', () => {
  it("N11: keeps the agent's rate in the call and shows it in the call view once audio arrives", () => {
    const call = startCall().connect();
    expect(coaching(call)).toBeUndefined();
    hear(call, speech(135, 15_000));
    const view = coaching(call)!;
    expect(view.band).toEqual({ min: 120, max: 150 });
    expect(Math.abs(view.rate! - 135)).toBeLessThan(135 * 0.06);
    expect(Math.abs(view.meanRate! - 135)).toBeLessThan(135 * 0.06);
    expect(view.side).toBe('ok');
    expect(view.hint).toBeUndefined();
    expect(call.snapshot().context.coaching?.figures.meanRate).toBe(view.meanRate);
  });

  it('N11: hints "too fast" only after the rate stayed out of range for 10 s of speech, and drops it once back', () => {
    const call = startCall().connect();
    // The rate is judged from 4 s of speech on: 13 s of speech is 9 s out of range — no hint yet.
    hear(call, speech(200, 13_000, 2));
    expect(coaching(call)!.side).toBe('fast');
    expect(coaching(call)!.hint).toBeUndefined();
    expect(call.types()).not.toContain('coach.rateHint');
    hear(call, speech(200, 2_000, 3));
    expect(coaching(call)!.hint).toBe('fast');
    expect(call.take().filter((e) => e.type === 'coach.rateHint')).toEqual([{ type: 'coach.rateHint', side: 'fast', rate: expect.any(Number) }]);
    // Back in the band (over the 12 s window): the hint goes.
    hear(call, speech(135, 14_000, 4));
    expect(coaching(call)!.side).toBe('ok');
    expect(coaching(call)!.hint).toBeUndefined();
    expect(coaching(call)!.outOfRangeMs).toBeGreaterThan(10_000);
  });

  it('N11: listening is not speaking: a long customer turn does not move the hint clock', () => {
    const call = startCall().connect();
    hear(call, speech(220, 8_000, 5));
    hear(call, madeSilence(30_000), madeTurns([[0, 30_000]], 30_000));
    expect(coaching(call)!.hint).toBeUndefined();
  });

  it("N11: judges by the pack's band: 200 a minute is in range for 004 (180–220)", () => {
    const call = startCall({ limits: { speakingRate: { min: 180, max: 220 } } }).connect();
    hear(call, speech(200, 20_000, 6));
    expect(coaching(call)!.band).toEqual({ min: 180, max: 220 });
    expect(coaching(call)!.side).toBe('ok');
    expect(coaching(call)!.hint).toBeUndefined();
  });
});

describe('F2: talk-overs in the call', () => {
  it('F2: counts the agent talking over the customer, and the customer over the agent apart, with when', () => {
    const call = startCall().connect();
    const total = 20_000;
    const customer = madeTurns([[1_000, 6_000], [11_000, 16_000]], total, { seed: 40 });
    const agent = madeTurns([[5_000, 12_000]], total, { seed: 41 }); // over the customer at 5 s; the customer back over it at 11 s
    hear(call, agent, customer);
    expect(coaching(call)!.talkOvers).toEqual({ agent: 1, customer: 1 });
    expect(call.take().filter((e) => e.type === 'coach.talkOver')).toEqual([{ type: 'coach.talkOver', by: 'agent' }, { type: 'coach.talkOver', by: 'customer' }]);
    const log = call.snapshot().context.talkOverLog!;
    expect(log.map((e) => e.by)).toEqual(['agent', 'customer']);
    // Times on the call's clock: the overlap passed 300 ms at about 5.3 s and 11.3 s of audio.
    expect(Math.abs(log[0]!.at - 5_300)).toBeLessThan(200);
    expect(Math.abs(log[1]!.at - 11_300)).toBeLessThan(200);
  });
});

describe('dead air and a quiet caller', () => {
  it('counts dead air while talking, not while the customer is held', () => {
    const call = startCall().connect();
    hear(call, [...speech(150, 2_000), ...madeSilence(12_000)], madeSilence(14_000));
    expect(coaching(call)!.deadAir.count).toBe(1);
    expect(call.types()).toContain('coach.deadAir');
    call.hold();
    hear(call, madeSilence(20_000), madeSilence(20_000));
    expect(coaching(call)!.deadAir.count).toBe(1);
  });

  it("offers the low-volume script once the customer's voice stayed low for 8 s of their speech", () => {
    const call = startCall().connect();
    hear(call, madeSilence(12_000), madeTurns([[0, 12_000]], 12_000, { levelDb: -56, floorDb: -80 }));
    expect(coaching(call)!.customerQuiet).toBe(true);
    expect(call.types().filter((t) => t === 'coach.lowVolume')).toHaveLength(1);
    hear(call, madeSilence(6_000), madeTurns([[0, 6_000]], 6_000, { levelDb: -20, floorDb: -80 }));
    expect(coaching(call)!.customerQuiet).toBe(false);
  });
});

describe('the overlay summary', () => {
  it('N11: carries the rate, the band and the hint to the overlay gauge', () => {
    const call = startCall().connect();
    hear(call, speech(230, 16_000, 7));
    const view: PhoneView = { mode: 'live', registration: { state: 'registered' }, active: callView(call.snapshot()), tasks: [] };
    const summary = summaryOf(view, { step: 0 });
    expect(callSummarySchema.parse(summary)).toEqual(summary);
    expect(summary.coaching).toMatchObject({ min: 120, max: 150, side: 'fast', hint: 'fast', talkOvers: 0 });
    expect(Math.abs(summary.coaching!.rate! - 230)).toBeLessThan(230 * 0.06);
  });
});
