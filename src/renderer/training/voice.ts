// The simulated caller's microphone: a recorded (synthesized) voice played into a WebAudio
// MediaStream. A silent ConstantSourceNode stays connected so RTP keeps flowing between clips.

export interface CallerVoice {
  stream: MediaStream;
  /** Start speaking (loops the clip with a pause) — called when the call is confirmed. */
  speak(): void;
  /** Fall silent (a silent caller for the silent-call flow). */
  silence(): void;
  close(): void;
}

export async function createCallerVoice(context: AudioContext, clipUrl: string): Promise<CallerVoice> {
  const destination = context.createMediaStreamDestination();
  const keepAlive = context.createConstantSource();
  keepAlive.offset.value = 0;
  keepAlive.connect(destination);
  keepAlive.start();
  let buffer: AudioBuffer | undefined;
  try {
    const response = await fetch(clipUrl);
    buffer = await context.decodeAudioData(await response.arrayBuffer());
  } catch {
    buffer = undefined; // no clip: a tone stands in, so media still flows
  }
  let source: AudioScheduledSourceNode | undefined;
  const stop = () => {
    try { source?.stop(); } catch { /* already stopped */ }
    source?.disconnect();
    source = undefined;
  };
  return {
    stream: destination.stream,
    speak() {
      stop();
      if (buffer) {
        const clip = context.createBufferSource();
        clip.buffer = buffer;
        clip.loop = true;
        clip.loopEnd = buffer.duration + 2;
        clip.connect(destination);
        clip.start();
        source = clip;
      } else {
        const tone = context.createOscillator();
        tone.frequency.value = 220;
        tone.connect(destination);
        tone.start();
        source = tone;
      }
    },
    silence: stop,
    close() {
      stop();
      keepAlive.stop();
      keepAlive.disconnect();
    },
  };
}
