// The agent's audio devices: microphone, speaker (the call) and a separate ringer (e.g. the PC
// speaker while the headset is on), remembered on this machine. Empty means the system default.
export interface AudioChoice { mic: string; speaker: string; ringer: string }

const KEY = 'seatmate.audioDevices';
const EMPTY: AudioChoice = { mic: '', speaker: '', ringer: '' };

export function loadAudioChoice(storage: Pick<Storage, 'getItem'> = localStorage): AudioChoice {
  try {
    const raw = JSON.parse(storage.getItem(KEY) ?? '{}') as Partial<Record<keyof AudioChoice, unknown>>;
    const pick = (v: unknown) => (typeof v === 'string' && v.length <= 256 ? v : '');
    return { mic: pick(raw.mic), speaker: pick(raw.speaker), ringer: pick(raw.ringer) };
  } catch {
    return { ...EMPTY };
  }
}

export function saveAudioChoice(choice: AudioChoice, storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(KEY, JSON.stringify(choice));
}

export function micConstraints(choice: AudioChoice): MediaStreamConstraints {
  return { audio: choice.mic ? { deviceId: { ideal: choice.mic } } : true, video: false };
}

/** Route an element or context to a device, where the platform allows (setSinkId). */
export async function routeTo(target: { setSinkId?: (id: string) => Promise<void> }, deviceId: string): Promise<void> {
  if (!deviceId || typeof target.setSinkId !== 'function') return;
  await target.setSinkId(deviceId).catch(() => {}); // a device that left keeps the default
}

export async function listAudioDevices(): Promise<{ inputs: MediaDeviceInfo[]; outputs: MediaDeviceInfo[] }> {
  const all = (await navigator.mediaDevices?.enumerateDevices().catch(() => [])) ?? [];
  return { inputs: all.filter((d) => d.kind === 'audioinput'), outputs: all.filter((d) => d.kind === 'audiooutput') };
}
