import { routeTo } from './audioDevices.ts';

// Plays a call's remote audio through an <audio> element (the only way Chromium reports inbound
// audio levels, and it keeps the page exempt from timer throttling while audio plays).
export function playRemoteAudio(stream: MediaStream, speaker = ''): () => void {
  const audio = document.createElement('audio') as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
  void routeTo(audio, speaker);
  audio.autoplay = true;
  audio.hidden = true;
  audio.srcObject = stream;
  document.body.appendChild(audio);
  void audio.play().catch(() => {});
  return () => {
    audio.pause();
    audio.srcObject = null;
    audio.remove();
  };
}
