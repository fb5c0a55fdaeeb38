// Check-in alerts that escalate gently (visual → a soft tone → a louder, repeated tone), and
// OS notifications so the agent is reminded with the window hidden or minimized.
let context: AudioContext | undefined;

export function playAlertTone(level: 1 | 2 | 3): void {
  if (level < 2) return; // level 1 is visual only
  try {
    context ??= new AudioContext();
    void context.resume().catch(() => {});
    const ctx = context;
    const beeps = level === 3 ? 3 : 1;
    for (let i = 0; i < beeps; i++) {
      const gain = ctx.createGain();
      gain.gain.value = level === 3 ? 0.3 : 0.1;
      gain.connect(ctx.destination);
      const osc = ctx.createOscillator();
      osc.frequency.value = 880;
      osc.connect(gain);
      const at = ctx.currentTime + i * 0.35;
      osc.start(at);
      osc.stop(at + 0.2);
    }
  } catch {
    // No audio device: the alert stays visual and the OS notification still goes out.
  }
}
