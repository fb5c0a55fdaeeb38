import { describe, expect, it } from 'vitest';
import { loadAudioChoice, micConstraints, routeTo, saveAudioChoice } from './audioDevices.ts';

function memory(): Storage {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => { m.set(k, v); } } as Storage;
}

describe('audio devices', () => {
  it('remembers the microphone, speaker and ringer', () => {
    const s = memory();
    saveAudioChoice({ mic: 'm1', speaker: 's1', ringer: 'r1' }, s);
    expect(loadAudioChoice(s)).toEqual({ mic: 'm1', speaker: 's1', ringer: 'r1' });
  });

  it('falls back to the defaults on a broken or hostile stored value', () => {
    const s = memory();
    s.setItem('seatmate.audioDevices', '{not json');
    expect(loadAudioChoice(s)).toEqual({ mic: '', speaker: '', ringer: '' });
    s.setItem('seatmate.audioDevices', JSON.stringify({ mic: 42, speaker: 'x'.repeat(1000) }));
    expect(loadAudioChoice(s)).toEqual({ mic: '', speaker: '', ringer: '' });
  });

  it('asks for the chosen microphone, or any', () => {
    expect(micConstraints({ mic: 'abc', speaker: '', ringer: '' }).audio).toEqual({ deviceId: { ideal: 'abc' } });
    expect(micConstraints({ mic: '', speaker: '', ringer: '' }).audio).toBe(true);
  });

  it('routes output with setSinkId where there is one, and survives a device that left', async () => {
    const calls: string[] = [];
    await routeTo({ setSinkId: async (id) => { calls.push(id); } }, 'spk');
    await routeTo({ setSinkId: async () => { throw new Error('NotFoundError'); } }, 'gone');
    await routeTo({}, 'spk');
    await routeTo({ setSinkId: async (id) => { calls.push(id); } }, '');
    expect(calls).toEqual(['spk']);
  });
});
