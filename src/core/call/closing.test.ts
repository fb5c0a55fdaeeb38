// SERVICE-STANDARD §5: the customer hangs up first; the agent's Hang up waits 5 s after the closing phrase.
import { describe, expect, it } from 'vitest';
import { defaultTimings } from '../timings.ts';
import { startCall } from './callTestKit.ts';
import { canHangUp, canOverride, currentPhraseKey, lockRemaining, ruleStatus } from './selectors.ts';

describe('closing lock', () => {
  it('C3: keeps Hang up disabled while talking: the closing phrase comes first', () => {
    const call = startCall().connect();
    expect(canHangUp(call.snapshot())).toBe(false);
    call.send({ type: 'AGENT.HANGUP' });
    expect(call.phase()).toBe('talking');
    expect(call.take()).toEqual([{ type: 'alert.hangupLocked' }]);
  });

  it('C1: Closing first asks "请问还有什么可以帮您?" (and recaps) as one step; the customer\'s next question goes back to talking', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.CLOSING' });
    expect(call.phase()).toBe('closingCheck');
    expect(call.take()).toEqual([{ type: 'guide.phrase', key: 'replies.anythingElse' }]);
    expect(currentPhraseKey(call.snapshot())).toBe('replies.anythingElse');
    expect(canHangUp(call.snapshot())).toBe(false);
    expect(call.snapshot().context.lockEndsAt).toBeUndefined();
    call.send({ type: 'AGENT.CONTINUE' });
    expect(call.phase()).toBe('talking');
    call.send({ type: 'AGENT.CLOSING' }, { type: 'AGENT.CLOSING' });
    expect(call.phase()).toBe('closingLock');
  });

  it('C3/N6: keeps Hang up disabled until 5 s after the closing phrase', () => {
    const call = startCall().connect();
    call.advance(60_000).send({ type: 'AGENT.CLOSING' }).take();
    call.send({ type: 'AGENT.CLOSING' });
    expect(call.phase()).toBe('closingLock');
    expect(call.take()).toEqual([{ type: 'guide.phrase', key: 'replies.closing' }]);
    expect(currentPhraseKey(call.snapshot())).toBe('replies.closing');
    expect(call.snapshot().context.lockEndsAt).toBe(65_000);
    expect(canHangUp(call.snapshot())).toBe(false);
    expect(ruleStatus(call.snapshot())).toContainEqual({ rule: 'hangupLock', state: 'running', deadline: 65_000 });

    call.advance(4_900);
    expect(lockRemaining(call.snapshot(), call.clock.now())).toBe(100);
    call.send({ type: 'AGENT.HANGUP' });
    expect(call.take()).toEqual([{ type: 'alert.hangupLocked', lockEndsAt: 65_000 }]);
    expect(call.phase()).toBe('closingLock');

    call.advance(100);
    expect(canHangUp(call.snapshot())).toBe(true);
    expect(lockRemaining(call.snapshot(), call.clock.now())).toBe(0);
    expect(ruleStatus(call.snapshot())).toContainEqual({ rule: 'hangupLock', state: 'met' });
    call.send({ type: 'AGENT.HANGUP' });
    expect(call.take()).toEqual([
      { type: 'engine.hangup', reason: 'agent' },
      { type: 'record', kind: 'agent-hangup', at: 65_000 },
    ]);
    expect(call.phase()).toBe('ended');
  });

  it('N12: even with the wait set to 0 by IT, the agent pauses 1–2 s (pauseBeforeHangup) before hanging up', () => {
    const call = startCall({ timings: { ...defaultTimings, hangupWait: 0, pauseBeforeHangup: 1_500 } }).connect();
    call.send({ type: 'AGENT.CLOSING' }, { type: 'AGENT.CLOSING' });
    call.advance(1_400);
    expect(canHangUp(call.snapshot())).toBe(false);
    call.advance(100);
    expect(canHangUp(call.snapshot())).toBe(true);
  });

  it('C3: BYE during the lock records customer-first', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.CLOSING' }, { type: 'AGENT.CLOSING' }).advance(2_000).take();
    call.send({ type: 'ENGINE.ENDED', by: 'remote', cause: 'Terminated' });
    expect(call.phase()).toBe('ended');
    expect(call.take()).toEqual([{ type: 'record', kind: 'customer-first', at: 2_000 }]);
    expect(call.snapshot().output).toEqual({ records: [{ kind: 'customer-first', at: 2_000 }] });
  });

  it('reopens the conversation when the customer has one more question', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.CLOSING' }, { type: 'AGENT.CLOSING' }, { type: 'AGENT.CONTINUE' });
    expect(call.phase()).toBe('talking');
    expect(call.snapshot().context.lockEndsAt).toBeUndefined();
    call.send({ type: 'AGENT.CLOSING' }, { type: 'AGENT.CLOSING' }).advance(2_000);
    expect(canHangUp(call.snapshot())).toBe(false);
  });
});

describe('override', () => {
  it('override needs a reason and is recorded', () => {
    const call = startCall({ overrideAllowed: true }).connect();
    expect(canOverride(call.snapshot())).toBe(true);
    call.send({ type: 'AGENT.OVERRIDE_HANGUP', reason: '  ' });
    expect(call.take()).toEqual([{ type: 'alert.overrideRefused', why: 'no-reason' }]);
    expect(call.phase()).toBe('talking');
    call.advance(1_000).send({ type: 'AGENT.OVERRIDE_HANGUP', reason: 'caller abusive' });
    expect(call.take()).toEqual([
      { type: 'engine.hangup', reason: 'override' },
      { type: 'record', kind: 'override', reason: 'caller abusive', at: 1_000 },
    ]);
    expect(call.phase()).toBe('ended');
  });

  it('override works during the closing lock too', () => {
    const call = startCall({ overrideAllowed: true }).connect();
    call.send({ type: 'AGENT.CLOSING' }, { type: 'AGENT.CLOSING' }, { type: 'AGENT.OVERRIDE_HANGUP', reason: 'next call waiting' });
    expect(call.phase()).toBe('ended');
  });

  it('override is refused where policy does not allow it', () => {
    const call = startCall().connect();
    expect(canOverride(call.snapshot())).toBe(false);
    call.send({ type: 'AGENT.OVERRIDE_HANGUP', reason: 'because' });
    expect(call.take()).toEqual([{ type: 'alert.overrideRefused', why: 'not-allowed' }]);
    expect(call.phase()).toBe('talking');
  });
});

describe('other endings and the microphone', () => {
  it('C5/N5: a call dropped by the system is recorded as dropped and a call-back is promised at once, due in 5 min', () => {
    const call = startCall().connect();
    call.advance(1_000).send({ type: 'ENGINE.ENDED', by: 'system', cause: 'RTP Timeout' });
    expect(call.take()).toEqual([
      { type: 'record', kind: 'dropped', reason: 'RTP Timeout', at: 1_000 },
      { type: 'callback.promised', number: '13800138000', dueAt: 1_000 + 300_000 },
    ]);
    expect(call.snapshot().output).toMatchObject({ callback: { number: '13800138000', dueAt: 301_000 } });
  });

  it('C5: a failed confirmed call (connection lost) also promises the call-back', () => {
    const call = startCall().connect();
    call.send({ type: 'ENGINE.FAILED', cause: 'Connection Error' });
    expect(call.types()).toEqual(['record', 'callback.promised']);
  });

  it('C5: either party hanging up is not a dropped call: no call-back', () => {
    const call = startCall().connect();
    call.send({ type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' });
    expect(call.types()).toEqual(['record']);
  });

  it('C5: no packets from the far end for mediaTimeout while talking: the system hangs up, records the drop and promises the call-back', () => {
    const call = startCall().connect();
    call.send({ type: 'ENGINE.MEDIA', inboundPackets: 50, outboundPackets: 50 });
    for (let t = 0; t < 30_000; t += 500) call.advance(500).send({ type: 'ENGINE.MEDIA', inboundPackets: 51 + t, outboundPackets: 50 + t });
    expect(call.phase()).toBe('talking');
    call.take();
    call.advance(19_900);
    expect(call.phase()).toBe('talking');
    call.advance(100);
    expect(call.phase()).toBe('ended');
    expect(call.types()).toEqual(['engine.hangup', 'record', 'callback.promised']);
    expect(call.snapshot().context.records.at(-1)).toMatchObject({ kind: 'dropped', reason: 'media-timeout' });
  });

  it('the media counters reported by the engine are kept by the call (the Media status shows them)', () => {
    const call = startCall().connect();
    call.send({ type: 'ENGINE.MEDIA', inboundPackets: 5, outboundPackets: 6 });
    expect(call.snapshot().context.media).toEqual({ inboundPackets: 5, outboundPackets: 6 });
    call.send({ type: 'ENGINE.MEDIA', inboundPackets: 5, outboundPackets: 9 });
    expect(call.snapshot().context.media).toEqual({ inboundPackets: 5, outboundPackets: 9 });
  });

  it('C5: a held caller sends no media and that is not a drop', () => {
    const call = startCall().connect();
    call.send({ type: 'ENGINE.MEDIA', inboundPackets: 50, outboundPackets: 50 }).hold();
    call.advance(60_000);
    expect(call.matches({ connected: { call: 'onHold' } })).toBe(true);
  });

  it('C5: a failed confirmed call is recorded as dropped', () => {
    const call = startCall().connect();
    call.send({ type: 'ENGINE.FAILED', cause: 'Connection Error' });
    expect(call.phase()).toBe('ended');
    expect(call.snapshot().context.records[0]).toMatchObject({ kind: 'dropped', reason: 'Connection Error' });
  });

  it('mutes and unmutes through the engine', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.MUTE' });
    expect(call.snapshot().context.muted).toBe(true);
    call.send({ type: 'AGENT.UNMUTE' });
    expect(call.snapshot().context.muted).toBe(false);
    expect(call.types()).toEqual(['engine.mute', 'engine.unmute']);
  });

  it('ignores events after the call ended', () => {
    const call = startCall().connect();
    call.send({ type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' }).take();
    call.send({ type: 'AGENT.HANGUP' }, { type: 'ENGINE.ENDED', by: 'local', cause: 'BYE' });
    expect(call.types()).toEqual([]);
    expect(call.snapshot().context.records).toHaveLength(1);
  });
});
