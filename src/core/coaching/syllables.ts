// Syllable nuclei from the intensity contour, after de Jong & Wempe (2009, "Praat script to
// detect syllable nuclei and measure speech rate automatically"): smooth the intensity, take its
// peaks, keep a peak only if it is loud enough — above a threshold set relative to the loud end
// of the recent speech (their 99th percentile − 25 dB) and to its median — and only if a dip of
// at least MIN_DIP_DB separates it from the next peak (else the two are one nucleus). In Chinese
// one character is one syllable, so nuclei per minute of speech is characters per minute (N11).
//
// Streaming: the contour is smoothed with a short window (SMOOTH: 70 ms) and judged with one frame of lookahead;
// the loudness statistics are a slowly forgetting histogram of the speaking frames.
import { SILENCE_DB } from './envelope.ts';

/** Two peaks are two syllables only if the contour dips this far below the lower one between them. */
export const MIN_DIP_DB = 2;
/** A nucleus is within this many dB of the loud end of recent speech (de Jong & Wempe: 25 dB). */
export const BELOW_LOUD_DB = 25;
/** …and no more than this far under the median of speech frames. */
export const BELOW_MEDIAN_DB = 4;

/** Smoothing kernel over power, 7 frames (70 ms; de Jong & Wempe's intensity window is 64 ms). */
const SMOOTH = [1, 2, 3, 4, 3, 2, 1];
const SMOOTH_SUM = SMOOTH.reduce((a, b) => a + b, 0);
const HALF = (SMOOTH.length - 1) / 2;
/** Histogram of speaking-frame levels: 1 dB bins from SILENCE_DB to 0 dB. */
const BINS = -SILENCE_DB + 1;
/** Each speaking frame ages the histogram by this factor (half-life ≈ 14 s of speech). */
const FORGET = 0.9995;

export interface NucleusState {
  /** The last raw frames (power), for smoothing; with their speech flags. */
  power: number[];
  speech: boolean[];
  /** The last two smoothed values (dB), for the peak test. */
  prev: number;
  prev2: number;
  /** The candidate nucleus: its level, and the deepest point since it (dB); none: NaN. */
  peak: number;
  dip: number;
  /** Levels of speech frames, forgetting slowly: each new frame weighs `weight` (it grows, rather than the old bins shrinking). */
  histogram: number[];
  total: number;
  weight: number;
  /** Nuclei counted so far. */
  count: number;
}

export const initialNuclei = (): NucleusState => ({
  power: [], speech: [], prev: SILENCE_DB, prev2: SILENCE_DB, peak: Number.NaN, dip: Number.NaN,
  histogram: new Array<number>(BINS).fill(0), total: 0, weight: 1, count: 0,
});

const bin = (db: number) => Math.max(0, Math.min(BINS - 1, Math.round(db - SILENCE_DB)));

/** The level (dB) below which `q` of recent speech frames lie. */
export function speechQuantile(s: NucleusState, q: number): number {
  if (s.total <= 0) return SILENCE_DB;
  let seen = 0;
  for (let i = 0; i < BINS; i++) {
    seen += s.histogram[i] ?? 0;
    if (seen >= q * s.total) return i + SILENCE_DB;
  }
  return 0;
}

function threshold(s: NucleusState): number {
  return Math.max(speechQuantile(s, 0.99) - BELOW_LOUD_DB, speechQuantile(s, 0.5) - BELOW_MEDIAN_DB);
}

/** Closes the candidate: a nucleus if the contour fell MIN_DIP_DB below it since. */
function settle(s: NucleusState): void {
  if (!Number.isNaN(s.peak) && s.peak - s.dip >= MIN_DIP_DB) s.count += 1;
  s.peak = Number.NaN;
  s.dip = Number.NaN;
}

/** One envelope frame (dB) and whether that frame is speech (voice activity); in place. */
export function nucleusFrame(s: NucleusState, db: number, speech: boolean): void {
  s.power.push(10 ** (db / 10));
  s.speech.push(speech);
  if (s.power.length > SMOOTH.length) { s.power.shift(); s.speech.shift(); }
  if (s.power.length < SMOOTH.length) return;
  let sum = 0;
  for (let i = 0; i < SMOOTH.length; i++) sum += (SMOOTH[i] ?? 0) * (s.power[i] ?? 0);
  const level = sum > 1e-10 * SMOOTH_SUM ? 10 * Math.log10(sum / SMOOTH_SUM) : SILENCE_DB;
  // The frame judged now is the middle of the window: `prev` (one frame of lookahead: `level`).
  const centreSpeech = s.speech[HALF - 1] ?? false;
  if (centreSpeech) {
    s.weight /= FORGET;
    const b = bin(s.prev);
    s.histogram[b] = (s.histogram[b] ?? 0) + s.weight;
    s.total += s.weight;
    if (s.weight > 1e6) {
      for (let i = 0; i < BINS; i++) s.histogram[i] = (s.histogram[i] ?? 0) / s.weight;
      s.total /= s.weight;
      s.weight = 1;
    }
  }
  if (!Number.isNaN(s.peak)) s.dip = Math.min(s.dip, s.prev);
  const isPeak = s.prev > s.prev2 && s.prev >= level;
  if (!centreSpeech) {
    settle(s);
  } else if (isPeak && s.prev >= threshold(s)) {
    if (Number.isNaN(s.peak)) {
      s.peak = s.prev;
      s.dip = s.prev;
    } else if (Math.min(s.peak, s.prev) - s.dip >= MIN_DIP_DB) {
      settle(s);
      s.peak = s.prev;
      s.dip = s.prev;
    } else if (s.prev > s.peak) {
      // Not separated: one nucleus, at the louder peak.
      s.peak = s.prev;
      s.dip = s.prev;
    }
  }
  s.prev2 = s.prev;
  s.prev = level;
}

export const copyNuclei = (s: NucleusState): NucleusState => ({ ...s, power: [...s.power], speech: [...s.speech], histogram: [...s.histogram] });
