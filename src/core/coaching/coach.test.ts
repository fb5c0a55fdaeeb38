// The speech coach's estimators on made-up envelopes whose truth we set (envelopeKit.ts).
import { describe, expect, it } from 'vitest';
import { defaultCallLimits } from '../call/types.ts';
import { initialCoach, stepCoach, type CoachState } from './coach.ts';
import { envelopeOf, FRAME_MS } from './envelope.ts';
import { inBatches, madeSilence, madeSpeech, madeTurns } from './envelopeKit.ts';
import { initialRate, stepRate } from './speakingRate.ts';
import { initialVad, noiseFloor, stepVad } from './voiceActivity.ts';

const limits = defaultCallLimits;

function coach(agent: readonly number[], customer: readonly number[] = [], watching = true, lim = limits) {
  const events: Array<{ type: string; by?: string; frame: number }> = [];
  const state = inBatches({ agent, customer }, 50, initialCoach(), (s: CoachState, a, c) => {
    const r = stepCoach(s, { frameMs: FRAME_MS, agent: a, customer: c }, watching, lim);
    events.push(...r.events);
    return r.state;
  });
  return { figures: state.figures, events, state };
}

describe('voice activity', () => {
  it('finds speech over a quiet line and over a noisy one (the floor adapts)', () => {
    for (const floorDb of [-75, -45]) {
      const speech = madeSpeech({ rate: 150, speechMs: 5_000, levelDb: floorDb + 30, floorDb, pauseMs: 0 });
      const frames = [...madeSilence(3_000, floorDb), ...speech.frames, ...madeSilence(3_000, floorDb)];
      const { speech: flags, state } = stepVad(initialVad(), frames);
      const spoken = flags.filter(Boolean).length * FRAME_MS;
      expect(Math.abs(spoken - speech.speechMs)).toBeLessThan(600);
      expect(flags.slice(0, 300).some(Boolean)).toBe(false);
      expect(noiseFloor(state)).toBeCloseTo(floorDb, 0);
    }
  });

  it('bridges the dips between syllables (hangover) but not a pause for breath', () => {
    const burst = madeSpeech({ rate: 200, speechMs: 1_000, pauseMs: 0 }).frames;
    const short = stepVad(initialVad(), [...madeSilence(2_000), ...burst, ...madeSilence(80), ...burst, ...madeSilence(1_000)]);
    const long = stepVad(initialVad(), [...madeSilence(2_000), ...burst, ...madeSilence(600), ...burst, ...madeSilence(1_000)]);
    const onsets = (f: boolean[]) => f.filter((v, i) => v && !f[i - 1]).length;
    expect(onsets(short.speech)).toBe(1);
    expect(onsets(long.speech)).toBe(2);
  });
});

describe('N11: speaking rate (syllable nuclei per minute of speech, de Jong & Wempe)', () => {
  it.each([100, 120, 135, 150, 180, 200, 220, 240, 260])('measures %i syllables a minute within 6 %', (rate) => {
    const speech = madeSpeech({ rate, speechMs: 40_000, seed: rate });
    const { figures } = coach([...madeSilence(1_000), ...speech.frames]);
    const truth = (speech.syllables / speech.speechMs) * 60_000;
    expect(Math.abs(figures.meanRate! - truth) / truth).toBeLessThan(0.06);
  });

  it('holds at quiet and at loud levels, over a noisy line', () => {
    for (const [levelDb, floorDb] of [[-50, -75], [-10, -40]] as const) {
      const speech = madeSpeech({ rate: 150, speechMs: 30_000, levelDb, floorDb, seed: 3 });
      const { figures } = coach([...madeSilence(1_000, floorDb), ...speech.frames], madeSilence(32_000, floorDb));
      expect(Math.abs(figures.meanRate! - 150) / 150).toBeLessThan(0.06);
    }
  });

  it('counts speaking time only: listening does not slow the rate down', () => {
    const talk = madeSpeech({ rate: 180, speechMs: 10_000, seed: 5 }).frames;
    const { figures } = coach([...talk, ...madeSilence(20_000), ...talk]);
    expect(Math.abs(figures.meanRate! - 180) / 180).toBeLessThan(0.06);
    expect(figures.agentSpeechMs).toBeGreaterThan(18_000);
    expect(figures.agentSpeechMs).toBeLessThan(24_000);
  });

  it('shows no rate before 4 s of speech (a greeting alone is too short to judge)', () => {
    const { figures } = coach(madeSpeech({ rate: 150, speechMs: 3_000 }).frames);
    expect(figures.rate).toBeUndefined();
    expect(figures.side).toBe('ok');
  });

  it('judges the current rate over the last 12 s of speech, the mean over the call', () => {
    const slow = madeSpeech({ rate: 100, speechMs: 30_000, seed: 8 }).frames;
    const fast = madeSpeech({ rate: 230, speechMs: 15_000, seed: 9 }).frames;
    const { figures } = coach([...slow, ...fast]);
    expect(figures.rate).toBeGreaterThan(210);
    expect(figures.side).toBe('fast');
    expect(figures.meanRate).toBeGreaterThan(120);
    expect(figures.meanRate).toBeLessThan(160);
  });

  it('counts speech time out of the band, and how long it has stayed out on one side', () => {
    const band = { min: 120, max: 150 };
    let s = initialRate();
    for (let i = 0; i < 10; i++) s = stepRate(s, 1_000, 3, band); // 180 a minute
    expect(s.offSide).toBe('fast');
    expect(s.offRunMs).toBe(7_000); // judged from the 4th second of speech on
    expect(s.outOfRangeMs).toBe(7_000);
    for (let i = 0; i < 12; i++) s = stepRate(s, 1_000, 2.25, band); // 135 a minute: back in the band
    expect(s.offSide).toBe('ok');
    expect(s.offRunMs).toBe(0);
  });

  it('uses the pack band: 200 a minute is fast for 120–150, in range for 004 (180–220)', () => {
    const speech = madeSpeech({ rate: 200, speechMs: 20_000, seed: 11 }).frames;
    expect(coach(speech).figures.side).toBe('fast');
    expect(coach(speech, [], true, { ...limits, speakingRate: { min: 180, max: 220 } }).figures.side).toBe('ok');
  });
});

describe('F2: talk-overs', () => {
  const total = 20_000;
  // The customer speaks 2–8 s and 12–18 s.
  const customer = madeTurns([[2_000, 8_000], [12_000, 18_000]], total, { seed: 21 });

  it('F2: counts the agent starting while the customer speaks, once they overlap more than 300 ms', () => {
    const agent = madeTurns([[7_000, 10_000]], total, { seed: 31 }); // 1 s over the customer
    const { figures, events } = coach(agent, customer);
    expect(figures.talkOvers).toEqual({ agent: 1, customer: 0 });
    expect(events.filter((e) => e.type === 'talkOver')).toEqual([{ type: 'talkOver', by: 'agent', frame: expect.any(Number) }]);
    // Reported once the overlap passed 300 ms: 7.3 s, within a frame or two of VAD onset.
    expect(Math.abs(events[0]!.frame * FRAME_MS - 7_300)).toBeLessThan(150);
  });

  it('F2: a reply that clips the last 150 ms of the customer is not a talk-over', () => {
    const agent = madeTurns([[7_850, 11_000]], total, { seed: 32 });
    expect(coach(agent, customer).figures.talkOvers).toEqual({ agent: 0, customer: 0 });
  });

  it('F2: the customer interrupting the agent is counted apart, not against the agent', () => {
    const agent = madeTurns([[9_000, 13_000]], total, { seed: 33 }); // the customer starts at 12 s, 1 s into…
    const { figures } = coach(agent, customer);
    expect(figures.talkOvers).toEqual({ agent: 0, customer: 1 });
  });

  it('F2: the agent stumbling back in over the same customer turn is one talk-over, a later turn another', () => {
    const agent = madeTurns([[3_000, 4_000], [4_600, 5_600], [13_000, 14_000]], total, { seed: 35 });
    expect(coach(agent, customer).figures.talkOvers).toEqual({ agent: 2, customer: 0 });
  });

  it('F2: turn-taking with pauses counts nothing', () => {
    const agent = madeTurns([[8_600, 11_500], [18_500, 20_000]], total, { seed: 34 });
    expect(coach(agent, customer).figures.talkOvers).toEqual({ agent: 0, customer: 0 });
  });
});

describe('dead air', () => {
  it('counts both sides silent for 10 s while talking, once per stretch, with its length', () => {
    const agent = [...madeSpeech({ rate: 150, speechMs: 3_000 }).frames, ...madeSilence(14_000), ...madeSpeech({ rate: 150, speechMs: 2_000 }).frames];
    const { figures, events } = coach(agent, madeSilence(agent.length * FRAME_MS));
    expect(figures.deadAir.count).toBe(1);
    expect(figures.deadAir.ms).toBeGreaterThan(13_000);
    expect(figures.deadAir.ms).toBeLessThan(14_500);
    expect(events.filter((e) => e.type === 'deadAir')).toHaveLength(1);
  });

  it('is not dead air while the customer speaks, nor while not simply talking (on hold)', () => {
    const quietAgent = madeSilence(15_000);
    expect(coach(quietAgent, madeTurns([[1_000, 14_000]], 15_000)).figures.deadAir.count).toBe(0);
    expect(coach(quietAgent, madeSilence(15_000), false).figures.deadAir.count).toBe(0);
  });
});

describe("the customer's voice level", () => {
  it('finds a voice that stays low (speakerphone) over 8 s of their speech; a normal one is not', () => {
    const low = coach(madeSilence(12_000), madeTurns([[500, 11_500]], 12_000, { levelDb: -55, floorDb: -80 })).figures;
    expect(low.customerLowMs).toBeGreaterThanOrEqual(limits.lowVoiceFor);
    const normal = coach(madeSilence(12_000), madeTurns([[500, 11_500]], 12_000, { levelDb: -22 })).figures;
    expect(normal.customerLowMs).toBe(0);
  });
});

describe('the envelope (what the audio worklet computes)', () => {
  it('gives a frame per 10 ms, in dB, the voice band passing and hum not', () => {
    const rate = 48_000;
    const tone = (hz: number) => Float32Array.from({ length: rate }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / rate));
    const voice = envelopeOf(tone(1_000), rate);
    const hum = envelopeOf(tone(50), rate);
    expect(voice).toHaveLength(100);
    // A 0.5 sine is −9 dB; the band keeps it, and cuts 50 Hz hum by well over 20 dB.
    expect(voice[50]).toBeCloseTo(-9, 0);
    expect(hum[50]!).toBeLessThan(-35);
    expect(envelopeOf(new Float32Array(480), rate)).toEqual([-100]);
  });
});
