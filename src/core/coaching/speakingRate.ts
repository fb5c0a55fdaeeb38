// N11 (001, 002, 003, 004): the agent's speaking rate, in characters (syllables) a minute of
// speaking time — time the agent is listening does not dilute it. The current rate is taken over
// a sliding window of the agent's last WINDOW_MS of speech; the mean over the whole call.
// Out of range is judged against the pack's band (120–150 by default; 004: 180–220), and a hint
// is due only once the rate has stayed out of range, on the same side, for `hintAfter` of speech
// — clearly out: beyond the band by HINT_MARGIN, about the estimator's own error, so a speaker
// right at the edge is not nagged by the measurement's wobble. (Time out of range is strict.)

/** The current rate covers this much of the agent's latest speech. */
export const WINDOW_MS = 12_000;
/** No rate is shown before this much speech (a greeting alone is too short to judge). */
export const MIN_SPEECH_MS = 4_000;
/** The hint's clock runs only while the rate is this far (a fraction) beyond the band. */
export const HINT_MARGIN = 0.05;

export interface RateBand { min: number; max: number }
export type RateSide = 'slow' | 'ok' | 'fast';

export interface RateState {
  /** Recent chunks of speech, oldest first: [speech ms, syllables]. */
  window: Array<[number, number]>;
  speechMs: number;
  syllables: number;
  /** Speech time while the current rate was out of the band. */
  outOfRangeMs: number;
  /** Speech time the rate has stayed clearly out of range on one side (the hint's clock), and which side. */
  offSide: RateSide;
  offRunMs: number;
}

export const initialRate = (): RateState => ({ window: [], speechMs: 0, syllables: 0, outOfRangeMs: 0, offSide: 'ok', offRunMs: 0 });

const perMinute = (syllables: number, ms: number) => (syllables / ms) * 60_000;

/** Syllables a minute over the window, once there is enough speech in it. */
export function currentRate(s: RateState): number | undefined {
  let ms = 0;
  let syl = 0;
  for (const [m, n] of s.window) { ms += m; syl += n; }
  return ms >= MIN_SPEECH_MS ? perMinute(syl, ms) : undefined;
}

export function meanRate(s: RateState): number | undefined {
  return s.speechMs >= MIN_SPEECH_MS ? perMinute(s.syllables, s.speechMs) : undefined;
}

export function sideOf(rate: number | undefined, band: RateBand): RateSide | undefined {
  if (rate === undefined) return undefined;
  return rate < band.min ? 'slow' : rate > band.max ? 'fast' : 'ok';
}

/** One chunk of the agent's speech (its speech ms and the syllable nuclei found in it). */
export function stepRate(s: RateState, speechMs: number, syllables: number, band: RateBand): RateState {
  if (speechMs <= 0 && syllables <= 0) return s;
  const window = [...s.window, [speechMs, syllables] as [number, number]];
  // Keep just enough chunks to cover the window.
  let total = window.reduce((sum, [m]) => sum + m, 0);
  while (window.length > 1 && total - window[0]![0] >= WINDOW_MS) total -= window.shift()![0];
  const next: RateState = { ...s, window, speechMs: s.speechMs + speechMs, syllables: s.syllables + syllables };
  const rate = currentRate(next);
  const side = sideOf(rate, band);
  if (rate === undefined || side === undefined) return next;
  if (side === 'ok') return { ...next, offSide: 'ok', offRunMs: 0 };
  const clearly = rate < band.min * (1 - HINT_MARGIN) || rate > band.max * (1 + HINT_MARGIN);
  const run = side === s.offSide ? s.offRunMs : 0;
  return {
    ...next,
    outOfRangeMs: s.outOfRangeMs + speechMs,
    offSide: side,
    offRunMs: clearly ? run + speechMs : run,
  };
}
