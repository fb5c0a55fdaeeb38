// 002 special situations: harassment, chat calls (001: 10 min), silent calls.
import { describe, expect, it } from 'vitest';
import { defaultTimings } from '../timings.ts';
import { startCall } from './callTestKit.ts';
import { canHangUp, currentPhraseKey, ruleStatus } from './selectors.ts';

describe('harassment (C4, N7)', () => {
  it('warns, then the system hangs up 3 s later', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.HARASSMENT' });
    expect(call.phase()).toBe('harassmentWarning');
    expect(call.take()).toEqual([{ type: 'guide.phrase', key: 'harassment.warning' }]);
    call.advance(2_900);
    expect(call.phase()).toBe('harassmentWarning');
    expect(canHangUp(call.snapshot())).toBe(false);
    call.advance(100);
    expect(call.take()).toEqual([
      { type: 'engine.hangup', reason: 'system-harassment' },
      { type: 'record', kind: 'system-hangup', reason: 'harassment', at: 3_000 },
    ]);
    expect(call.phase()).toBe('ended');
  });

  it('C4/N7: hangs up 3 s after the harassment warning even while locked', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.CLOSING' }, { type: 'AGENT.CLOSING' }).advance(1_000).send({ type: 'AGENT.HARASSMENT' }).take();
    call.advance(3_000);
    expect(call.take()).toContainEqual({ type: 'engine.hangup', reason: 'system-harassment' });
    expect(call.phase()).toBe('ended');
  });

  it('the caller hanging up during the warning ends the call, customer first', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.HARASSMENT' }).advance(1_000).take();
    call.send({ type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' });
    expect(call.take()).toEqual([{ type: 'record', kind: 'customer-first', at: 1_000 }]);
    call.advance(5_000);
    expect(call.types()).toEqual([]);
  });

  it('is not available on hold, where the caller cannot hear the warning', () => {
    const call = startCall().connect().hold();
    call.send({ type: 'AGENT.HARASSMENT' });
    expect(call.phase()).toBe('onHold');
  });
});

describe('chat call (N8: 10-min cap)', () => {
  it('N8: warns before the 10-min chat-call cap, then the system hangs up at the cap', () => {
    const call = startCall().connect();
    call.advance(120_000).send({ type: 'AGENT.MARK_CHAT_CALL' });
    expect(ruleStatus(call.snapshot())).toContainEqual({ rule: 'chatCallLimit', state: 'running', deadline: 600_000 });
    call.advance(419_900);
    expect(call.types()).toEqual([]);
    call.advance(100);
    expect(call.take()).toEqual([
      { type: 'guide.phrase', key: 'harassment.chatCallWarning' },
      { type: 'alert.chatCallLimit', endsAt: 600_000 },
    ]);
    expect(currentPhraseKey(call.snapshot())).toBe('harassment.chatCallWarning');
    call.advance(59_900);
    expect(call.phase()).toBe('talking');
    call.advance(100);
    expect(call.take()).toEqual([
      { type: 'engine.hangup', reason: 'system-harassment' },
      { type: 'record', kind: 'system-hangup', reason: 'chat-call-limit', at: 600_000 },
    ]);
    expect(call.phase()).toBe('ended');
  });

  it('warns at once when marked within the last minute', () => {
    const call = startCall().connect();
    call.advance(570_000).take();
    call.send({ type: 'AGENT.MARK_CHAT_CALL' });
    expect(call.types()).toEqual(['guide.phrase', 'alert.chatCallLimit']);
    call.advance(30_000);
    expect(call.phase()).toBe('ended');
  });

  it('marked after the cap: one warning, then the system hangs up 3 s later', () => {
    const call = startCall().connect();
    call.advance(700_000).send({ type: 'AGENT.MARK_CHAT_CALL' });
    expect(call.types()).toEqual(['guide.phrase', 'alert.chatCallLimit']);
    call.advance(2_900);
    expect(call.phase()).toBe('talking');
    call.advance(100);
    expect(call.phase()).toBe('ended');
  });

  it('a long call that is not a chat call is never cut', () => {
    const call = startCall().connect();
    call.advance(1_800_000);
    expect(call.phase()).toBe('talking');
    expect(call.types()).toEqual([]);
  });

  it('the cap hangs up even on hold', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.MARK_CHAT_CALL' }).advance(590_000).hold();
    for (let t = 0; t < 10_000; t += 5_000) call.advance(5_000).send({ type: 'AGENT.CHECKED_IN' });
    expect(call.phase()).toBe('ended');
    expect(call.snapshot().context.records).toEqual([{ kind: 'system-hangup', reason: 'chat-call-limit', at: 600_000 }]);
  });
});

describe('silent call (N9)', () => {
  it('N9: runs the silent-call sequence prompt–5 s–prompt–5 s–closing–5 s–hang up', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.SILENT_CALL' });
    expect(call.take()).toEqual([{ type: 'guide.phrase', key: 'silent.prompt', step: 0 }]);
    expect(call.matches({ connected: { call: { silentSequence: 'firstPrompt' } } })).toBe(true);
    call.advance(4_900);
    expect(call.types()).toEqual([]);
    call.advance(100);
    expect(call.take()).toEqual([{ type: 'guide.phrase', key: 'silent.prompt', step: 1 }]);
    call.advance(5_000);
    expect(call.take()).toEqual([{ type: 'guide.phrase', key: 'silent.closing', step: 2 }]);
    expect(currentPhraseKey(call.snapshot())).toBe('silent.closing');
    call.advance(4_900);
    expect(call.phase()).toBe('silentSequence');
    call.advance(100);
    expect(call.take()).toEqual([
      { type: 'engine.hangup', reason: 'system-silent' },
      { type: 'record', kind: 'system-hangup', reason: 'silent', at: 15_000 },
    ]);
    expect(call.phase()).toBe('ended');
  });

  it('N9: honours the pack\'s wait after each prompt (10086: 2 s, 2 s, then the default)', () => {
    const call = startCall({ silentWaits: [2_000, 2_000] }).connect();
    call.send({ type: 'AGENT.SILENT_CALL' }).take();
    call.advance(1_900);
    expect(call.types()).toEqual([]);
    call.advance(100);
    expect(call.take()).toEqual([{ type: 'guide.phrase', key: 'silent.prompt', step: 1 }]);
    call.advance(2_000);
    expect(call.take()).toEqual([{ type: 'guide.phrase', key: 'silent.closing', step: 2 }]);
    call.advance(4_900);
    expect(call.phase()).toBe('silentSequence');
    call.advance(100);
    expect(call.phase()).toBe('ended');
  });

  it('N9: uses the policy wait (China Mobile variant: 2 s)', () => {
    const call = startCall({ timings: { ...defaultTimings, silentWait: 2_000 } }).connect();
    call.send({ type: 'AGENT.SILENT_CALL' }).advance(6_000);
    expect(call.phase()).toBe('ended');
  });

  it('stops the silent sequence when the caller speaks', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.SILENT_CALL' }).advance(7_000).take();
    call.send({ type: 'ENGINE.REMOTE_AUDIO', level: 0.3 });
    expect(call.phase()).toBe('talking');
    call.advance(20_000);
    expect(call.types()).toEqual([]);
  });

  it('keeps going while the line stays silent, and the agent may stop it', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.SILENT_CALL' }, { type: 'ENGINE.REMOTE_AUDIO', level: 0 });
    expect(call.phase()).toBe('silentSequence');
    call.send({ type: 'AGENT.CONTINUE' });
    expect(call.phase()).toBe('talking');
  });

  it('N9: suggests a silent call after the caller has been silent for a while (talking only)', () => {
    const call = startCall().connect();
    call.send({ type: 'ENGINE.REMOTE_AUDIO', level: 0 }).advance(7_900);
    expect(call.types()).toEqual([]);
    call.advance(100);
    expect(call.take()).toEqual([{ type: 'alert.silence' }]);
    call.send({ type: 'ENGINE.REMOTE_AUDIO', level: 0.3 });
    expect(call.matches({ connected: { remoteAudio: 'hearing' } })).toBe(true);
  });

  it('does not suggest a silent call while the caller is on hold', () => {
    const call = startCall().connect().hold();
    call.send({ type: 'ENGINE.REMOTE_AUDIO', level: 0 }).advance(8_000);
    expect(call.types()).not.toContain('alert.silence');
  });
});
