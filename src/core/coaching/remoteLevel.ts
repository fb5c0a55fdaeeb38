// The customer's voice level: when it stays low while the customer speaks (speakerphone, a
// handset far from the mouth), the agent is offered the low-volume / speakerphone script
// (001 特殊情况应答语 情况 3; 002 无法听清楚客户的声音时). Measured on the loud part of speech
// only — each chunk's loudest frame, averaged over the last few seconds of speech — so pauses
// and the tails of words do not make a normal voice look quiet.

/** How quickly the level follows: the average spans about this much of the customer's speech. */
const SPAN_MS = 3_000;
/** Back to normal only this far above the low mark (no flapping at the line). */
const RECOVER_DB = 3;

export interface LevelState {
  /** The customer's recent speech level (dB, voice band), once heard. */
  level?: number;
  /** Speech time the level has stayed low. */
  lowMs: number;
}

export const initialLevel = (): LevelState => ({ lowMs: 0 });

/** One chunk of the customer's speech: its duration and loudest frame (dB). */
export function stepLevel(s: LevelState, speechMs: number, loudest: number, lowDb: number): LevelState {
  if (speechMs <= 0) return s;
  const k = Math.min(1, speechMs / SPAN_MS);
  const level = s.level === undefined ? loudest : s.level + k * (loudest - s.level);
  const lowMs = level < lowDb ? s.lowMs + speechMs : level > lowDb + RECOVER_DB ? 0 : s.lowMs;
  return { level, lowMs };
}
