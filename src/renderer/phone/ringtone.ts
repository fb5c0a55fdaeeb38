import { routeTo } from './audioDevices.ts';

// The ringtone, made in Web Audio with China's ring cadence (1 s on, 4 s off — SERVICE-STANDARD
// §1's ring cycle), so the agent hears rings as the 3-ring answer rule counts them.
export class Ringtone {
  private context: AudioContext | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly cycleMs = 5_000, private readonly onMs = 1_000, private readonly ringer = '') {}

  start(): void {
    if (this.timer) return;
    try {
      if (!this.context) {
        this.context = new AudioContext();
        void routeTo(this.context as AudioContext & { setSinkId?: (id: string) => Promise<void> }, this.ringer);
      }
      void this.context.resume().catch(() => {});
    } catch {
      return; // no audio device: ringing stays visual
    }
    const ring = () => {
      const ctx = this.context;
      if (!ctx) return;
      const gain = ctx.createGain();
      gain.gain.value = 0.08;
      gain.connect(ctx.destination);
      for (const freq of [450]) {
        const osc = ctx.createOscillator();
        osc.frequency.value = freq;
        osc.connect(gain);
        osc.start();
        osc.stop(ctx.currentTime + this.onMs / 1000);
      }
    };
    ring();
    this.timer = setInterval(ring, this.cycleMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    // A running AudioContext keeps Chromium from throttling the page; nothing else depends on it.
    void this.context?.suspend().catch(() => {});
  }
}
