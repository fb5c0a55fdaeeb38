// What the bot sends and how it listens. Chromium reports inbound audioLevel only while the
// remote track is played, so every call's remote audio goes to an <audio> element.
import type { BotPageConfig } from './protocol.ts';

let context: AudioContext | undefined;

function audioContext(): AudioContext {
  context ??= new AudioContext();
  void context.resume();
  return context;
}

/**
 * undefined → let JsSIP use getUserMedia (Chromium's fake device: a beep).
 * muted → digital silence; audio file → that recording in a loop.
 * A ConstantSourceNode stays connected so RTP keeps flowing even when nothing else plays.
 */
export async function makeSourceStream(cfg: BotPageConfig): Promise<MediaStream | undefined> {
  if (!cfg.muted && !cfg.audioBase64) return undefined;
  const ctx = audioContext();
  const destination = ctx.createMediaStreamDestination();
  const floor = ctx.createConstantSource();
  floor.offset.value = 0;
  floor.connect(destination);
  floor.start();
  if (!cfg.muted && cfg.audioBase64) {
    const bytes = Uint8Array.from(atob(cfg.audioBase64), (c) => c.charCodeAt(0));
    const buffer = await ctx.decodeAudioData(bytes.buffer);
    const clip = ctx.createBufferSource();
    clip.buffer = buffer;
    clip.loop = true;
    clip.connect(destination);
    clip.start();
  }
  return destination.stream;
}

export function playRemote(pc: RTCPeerConnection): void {
  pc.addEventListener('track', (e) => {
    const el = document.createElement('audio');
    el.autoplay = true;
    el.srcObject = e.streams[0] ?? new MediaStream([e.track]);
    document.body.append(el);
    void el.play().catch(() => undefined);
  });
}
