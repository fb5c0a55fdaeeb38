// Voice activity of one side of the call, frame by frame (10 ms envelope frames, dB).
// A frame is speech when it stands ONSET_DB above the line's noise floor; the floor is the
// quietest moment of the last few seconds (minimum statistics), so it follows a noisy line or a
// headset that changes without ever learning speech as "noise". Speech needs two frames in a row
// to start, and lasts HANGOVER after the last loud frame, which bridges the dips between
// syllables and the short pauses inside a sentence (they count as speaking time) but not a
// pause for breath or a turn of the other party.
import { FRAME_MS, SILENCE_DB } from './envelope.ts';

/** How far above the noise floor a frame must be to be speech. */
export const ONSET_DB = 7;
/** Never speech below this level, however quiet the line (dBFS, voice band). */
export const ABSOLUTE_MIN_DB = -72;
/** Speech lasts this long after its last loud frame. */
export const HANGOVER_MS = 200;
/**
 * "Talking right now" (for who talks over whom) lasts only this long after a loud frame: enough
 * to bridge the dips between syllables, not the tail the speech hangover adds to every turn —
 * else every quick reply would look like 200 ms of overlap.
 */
export const ACTIVE_MS = 100;
/** The floor is the minimum over this many blocks… */
const FLOOR_BLOCKS = 10;
/** …of this length (together: the last 5 s). */
const BLOCK_FRAMES = 50;
const ONSET_FRAMES = 2;
const HANGOVER_FRAMES = HANGOVER_MS / FRAME_MS;
const ACTIVE_FRAMES = ACTIVE_MS / FRAME_MS;

export interface VadState {
  /** Minima of the last blocks, oldest first. */
  blocks: number[];
  blockMin: number;
  blockFrames: number;
  /** Loud frames in a row. */
  loud: number;
  /** Frames of speech left after the last loud frame (0: not speaking). */
  hang: number;
  /** Frames since the last loud frame of this speech. */
  quiet: number;
}

export const initialVad = (): VadState => ({ blocks: [], blockMin: Number.POSITIVE_INFINITY, blockFrames: 0, loud: 0, hang: 0, quiet: 0 });

export const isSpeaking = (s: VadState): boolean => s.hang > 0;
/** Speaking, and loud within ACTIVE_MS (not in the speech's hangover tail). */
export const isActive = (s: VadState): boolean => s.hang > 0 && s.quiet < ACTIVE_FRAMES;

/** The noise floor now (dB). */
export function noiseFloor(s: VadState): number {
  let floor = s.blockMin;
  for (const b of s.blocks) floor = Math.min(floor, b);
  return Number.isFinite(floor) ? Math.max(floor, SILENCE_DB) : SILENCE_DB;
}

/** Steps one frame in place (callers own a copy: see stepVad). Returns whether it is speech. */
export function vadFrame(s: VadState, db: number): boolean {
  s.blockMin = Math.min(s.blockMin, db);
  if (++s.blockFrames === BLOCK_FRAMES) {
    s.blocks.push(s.blockMin);
    if (s.blocks.length > FLOOR_BLOCKS) s.blocks.shift();
    s.blockMin = Number.POSITIVE_INFINITY;
    s.blockFrames = 0;
  }
  const loud = db > Math.max(noiseFloor(s) + ONSET_DB, ABSOLUTE_MIN_DB);
  if (loud) {
    s.loud += 1;
    if (s.loud >= ONSET_FRAMES || s.hang > 0) { s.hang = HANGOVER_FRAMES; s.quiet = 0; }
  } else {
    s.loud = 0;
    s.quiet += 1;
    if (s.hang > 0) s.hang -= 1;
  }
  return s.hang > 0;
}

export const copyVad = (s: VadState): VadState => ({ ...s, blocks: [...s.blocks] });

/** Voice activity over a batch of frames: the new state and one flag per frame. */
export function stepVad(state: VadState, frames: readonly number[]): { state: VadState; speech: boolean[] } {
  const s = copyVad(state);
  return { state: s, speech: frames.map((db) => vadFrame(s, db)) };
}
