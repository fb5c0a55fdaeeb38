// Made-up envelopes for the coach's tests: syllables as pulses of energy at a known rate, in
// sentences with pauses, over a noise floor — what the audio worklet would send for speech whose
// truth we set. Deterministic (a seeded generator), so a failing test fails the same way twice.
import { FRAME_MS } from './envelope.ts';

export interface SpeechSpec {
  /** Syllables a minute of speaking time. */
  rate: number;
  /** Speaking time to make, ms (pauses come on top). */
  speechMs: number;
  /** Level of a syllable's peak, dB. */
  levelDb?: number;
  floorDb?: number;
  /** Syllables per sentence, and the pause after each. */
  sentence?: number;
  pauseMs?: number;
  /** Random spread of each syllable's length and level (0.2: ±20 %, ±20 % of 10 dB). */
  jitter?: number;
  seed?: number;
}

export interface MadeSpeech { frames: number[]; syllables: number; speechMs: number }

function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0; x ^= x >> 17; x ^= x << 5; x >>>= 0;
    return x / 4294967296;
  };
}

const power = (db: number) => 10 ** (db / 10);
const db = (p: number) => 10 * Math.log10(p);

/** Speech: sentences of syllables (raised-cosine energy pulses filling ~70 % of each syllable), with pauses. */
export function madeSpeech(spec: SpeechSpec): MadeSpeech {
  const { rate, speechMs, levelDb = -20, floorDb = -70, sentence = 12, pauseMs = 800, jitter = 0.15, seed = 1 } = spec;
  const rnd = random(seed);
  const period = 60_000 / rate;
  const frames: number[] = [];
  let made = 0;
  let syllables = 0;
  let inSentence = 0;
  while (made < speechMs) {
    const length = period * (1 + jitter * (rnd() * 2 - 1));
    const peak = levelDb + 10 * jitter * (rnd() * 2 - 1);
    const n = Math.max(1, Math.round(length / FRAME_MS));
    for (let i = 0; i < n; i++) {
      const x = (i + 0.5) / n;
      // The vowel fills the middle 70 %: consonant and gap either side.
      const bump = x < 0.15 || x > 0.85 ? 0 : 0.5 - 0.5 * Math.cos((2 * Math.PI * (x - 0.15)) / 0.7);
      frames.push(db(power(floorDb) + power(peak) * bump));
    }
    made += n * FRAME_MS;
    syllables += 1;
    if (++inSentence === sentence && made < speechMs) {
      inSentence = 0;
      for (let i = 0; i < pauseMs / FRAME_MS; i++) frames.push(floorDb);
    }
  }
  return { frames, syllables, speechMs: made };
}

/** `ms` of line noise at `floorDb`. */
export const madeSilence = (ms: number, floorDb = -70): number[] => new Array<number>(Math.round(ms / FRAME_MS)).fill(floorDb);

/** One side of a conversation: speech (at `rate`) in the given spans [start, end) ms, noise elsewhere. */
export function madeTurns(spans: ReadonlyArray<readonly [number, number]>, totalMs: number, opts: { rate?: number; levelDb?: number; floorDb?: number; seed?: number } = {}): number[] {
  const floorDb = opts.floorDb ?? -70;
  const frames = madeSilence(totalMs, floorDb);
  spans.forEach(([start, end], k) => {
    const speech = madeSpeech({ rate: opts.rate ?? 200, speechMs: end - start, levelDb: opts.levelDb ?? -20, floorDb, sentence: 1_000, seed: (opts.seed ?? 7) + k });
    const at = Math.round(start / FRAME_MS);
    speech.frames.slice(0, Math.round((end - start) / FRAME_MS)).forEach((v, i) => { if (at + i < frames.length) frames[at + i] = v; });
  });
  return frames;
}

/** Feeds frames to a step function in batches of `size` (the live tap sends ~50 per media poll). */
export function inBatches<S>(frames: { agent: readonly number[]; customer: readonly number[] }, size: number, start: S, step: (s: S, agent: number[], customer: number[]) => S): S {
  let s = start;
  const n = Math.max(frames.agent.length, frames.customer.length);
  for (let i = 0; i < n; i += size) s = step(s, frames.agent.slice(i, i + size), frames.customer.slice(i, i + size));
  return s;
}
