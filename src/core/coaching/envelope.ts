// The one feature the speech coach reads from the audio: the energy of each 10 ms frame, in dB
// full scale, of the voice band only. The same code runs in the AudioWorklet (live calls) and
// in Node (the labelled set's WAVs), so what the tests measure is what the phone measures.
//
// Why a band: vowels — the syllable nuclei the rate counts — carry their energy between about
// 300 Hz and 3 kHz; hum, DC and the hiss of fricatives (s, sh, x, c, q) mostly lie outside.
// Filtering them out keeps a fricative from looking like a syllable of its own.

/** Length of one envelope frame. */
export const FRAME_MS = 10;
/** The value of digital silence (and the floor of every frame). */
export const SILENCE_DB = -100;

const LOW_CUT_HZ = 300;
const HIGH_CUT_HZ = 3_000;

interface Biquad { b0: number; b1: number; b2: number; a1: number; a2: number; x1: number; x2: number; y1: number; y2: number }

/** RBJ cookbook second-order section, Butterworth Q. */
function biquad(kind: 'highpass' | 'lowpass', hz: number, sampleRate: number): Biquad {
  const w = (2 * Math.PI * Math.min(hz, sampleRate * 0.45)) / sampleRate;
  const alpha = Math.sin(w) / (2 * Math.SQRT1_2);
  const cos = Math.cos(w);
  const a0 = 1 + alpha;
  const [b0, b1, b2] = kind === 'highpass'
    ? [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2]
    : [(1 - cos) / 2, 1 - cos, (1 - cos) / 2];
  return { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0, x1: 0, x2: 0, y1: 0, y2: 0 };
}

function run(f: Biquad, x: number): number {
  const y = f.b0 * x + f.b1 * f.x1 + f.b2 * f.x2 - f.a1 * f.y1 - f.a2 * f.y2;
  f.x2 = f.x1; f.x1 = x; f.y2 = f.y1; f.y1 = y;
  return y;
}

/** Mean square → dB full scale (a full-scale sine reads about −3 dB). */
export function toDb(meanSquare: number): number {
  return meanSquare > 1e-10 ? 10 * Math.log10(meanSquare) : SILENCE_DB;
}

/**
 * Cuts a stream of samples into frames and yields each frame's voice-band energy (dB). It keeps
 * the filter state and the partial frame between calls, and allocates nothing per sample, so it
 * can run inside an audio render quantum (128 samples).
 */
export class EnvelopeMeter {
  readonly frameLength: number;
  private readonly stages: Biquad[];
  private sum = 0;
  private count = 0;

  constructor(sampleRate: number, frameMs = FRAME_MS) {
    this.frameLength = Math.max(1, Math.round((sampleRate * frameMs) / 1000));
    this.stages = [biquad('highpass', LOW_CUT_HZ, sampleRate), biquad('lowpass', HIGH_CUT_HZ, sampleRate)];
  }

  /** Feeds samples; calls `frame(db)` for every frame completed. */
  push(samples: ArrayLike<number>, frame: (db: number) => void): void {
    const [hp, lp] = this.stages as [Biquad, Biquad];
    for (let i = 0; i < samples.length; i++) {
      const y = run(lp, run(hp, samples[i] ?? 0));
      this.sum += y * y;
      if (++this.count === this.frameLength) {
        frame(toDb(this.sum / this.count));
        this.sum = 0;
        this.count = 0;
      }
    }
  }
}

/** The whole envelope of a recording (tests, the labelled set). */
export function envelopeOf(samples: ArrayLike<number>, sampleRate: number): number[] {
  const out: number[] = [];
  new EnvelopeMeter(sampleRate).push(samples, (db) => out.push(db));
  return out;
}
