// The speech coach's ear (issue 12), on the audio render thread: input 0 is the agent's
// microphone, input 1 the customer's voice. Each 10 ms frame becomes one number per side — its
// voice-band energy (core/coaching/envelope.ts) — posted to the page 25 frames at a time.
// No sample leaves this thread and nothing is stored: the page only ever sees the envelope.
import { EnvelopeMeter } from '../../core/coaching/envelope.ts';

// AudioWorkletGlobalScope (not in TypeScript's DOM library).
declare const sampleRate: number;
declare function registerProcessor(name: string, processor: new () => object): void;
declare class AudioWorkletProcessor { readonly port: MessagePort }

/** Frames per message: 250 ms. */
const BATCH = 25;

export interface TapMessage { agent: Float32Array; customer: Float32Array }

class CoachTap extends AudioWorkletProcessor {
  private readonly meters = [new EnvelopeMeter(sampleRate), new EnvelopeMeter(sampleRate)] as const;
  private readonly frames = [new Float32Array(BATCH), new Float32Array(BATCH)] as const;
  private readonly counts = [0, 0];
  private readonly silence = new Float32Array(128);
  /** Made once: the render thread should allocate nothing per quantum. */
  private readonly sinks = [(db: number) => this.take(0, db), (db: number) => this.take(1, db)] as const;
  private running = true;

  constructor() {
    super();
    this.port.onmessage = (e: MessageEvent) => { if (e.data === 'stop') this.running = false; };
  }

  private take(side: 0 | 1, db: number): void {
    const n = this.counts[side]!;
    if (n < BATCH) { this.frames[side][n] = db; this.counts[side] = n + 1; }
  }

  process(inputs: Float32Array[][]): boolean {
    this.meters[0].push(inputs[0]?.[0] ?? this.silence, this.sinks[0]);
    this.meters[1].push(inputs[1]?.[0] ?? this.silence, this.sinks[1]);
    // Both sides cut frames at the same samples: they fill together.
    if (this.counts[0]! >= BATCH && this.counts[1]! >= BATCH) {
      const message: TapMessage = { agent: this.frames[0].slice(), customer: this.frames[1].slice() };
      this.port.postMessage(message, [message.agent.buffer, message.customer.buffer]);
      this.counts[0] = 0;
      this.counts[1] = 0;
    }
    return this.running;
  }
}

registerProcessor('seatmate-coach-tap', CoachTap);
