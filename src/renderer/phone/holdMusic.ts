// Music on hold (H2, 001: 等待过程中放音乐给客户听): while the far end is held it hears a looped
// file (resources/sounds/, the pack's `holdMusic` or hold-music.wav) instead of silence. The
// music is sent on a replaced track (RTCRtpSender.replaceTrack): no re-INVITE, and the agent's
// microphone is never on the line while the caller is held (JsSIP disables it on hold).
export interface HoldMusicPlayer {
  /** A fresh looping music track, or undefined when the file cannot be played. */
  start(): Promise<{ track: MediaStreamTrack; stop(): void } | undefined>;
}

export function createHoldMusic(url: string): HoldMusicPlayer {
  let context: AudioContext | undefined;
  let buffer: Promise<AudioBuffer | undefined> | undefined;
  const load = () => {
    buffer ??= (async () => {
      try {
        context ??= new AudioContext();
        const response = await fetch(url);
        if (!response.ok) return undefined;
        return await context.decodeAudioData(await response.arrayBuffer());
      } catch {
        return undefined; // no audio device or no file: the caller hears the hold as silence
      }
    })();
    return buffer;
  };
  return {
    async start() {
      const music = await load();
      if (!music || !context) return undefined;
      await context.resume().catch(() => {});
      const source = context.createBufferSource();
      source.buffer = music;
      source.loop = true;
      const gain = context.createGain();
      gain.gain.value = 0.6;
      const destination = context.createMediaStreamDestination();
      source.connect(gain).connect(destination);
      source.start();
      const track = destination.stream.getAudioTracks()[0];
      if (!track) return undefined;
      return {
        track,
        stop() {
          try { source.stop(); } catch { /* already stopped */ }
          source.disconnect();
          gain.disconnect();
          track.stop();
        },
      };
    },
  };
}
