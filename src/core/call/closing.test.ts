// SERVICE-STANDARD §5: the customer hangs up first; the agent's Hang up waits 5 s after the closing phrase.
import { describe, expect, it } from 'vitest';
import { startCall } from './callTestKit.ts';
import { canHangUp, canOverride, currentPhraseKey, lockRemaining, ruleStatus } from './selectors.ts';

describe('closing lock', () => {
  it('keeps Hang up disabled while talking: the closing phrase comes first', () => {
    const call = startCall().connect();
    expect(canHangUp(call.snapshot())).toBe(false);
    call.send({ type: 'AGENT.HANGUP' });
    expect(call.phase()).toBe('talking');
    expect(call.take()).toEqual([{ type: 'alert.hangupLocked' }]);
  });

  it('keeps Hang up disabled until 5 s after the closing phrase', () => {
    const call = startCall().connect();
    call.advance(60_000).send({ type: 'AGENT.CLOSING' });
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

  it('BYE during the lock records customer-first', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.CLOSING' }).advance(2_000).take();
    call.send({ type: 'ENGINE.ENDED', by: 'remote', cause: 'Terminated' });
    expect(call.phase()).toBe('ended');
    expect(call.take()).toEqual([{ type: 'record', kind: 'customer-first', at: 2_000 }]);
    expect(call.snapshot().output).toEqual({ records: [{ kind: 'customer-first', at: 2_000 }] });
  });

  it('reopens the conversation when the customer has one more question', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.CLOSING' }, { type: 'AGENT.CONTINUE' });
    expect(call.phase()).toBe('talking');
    expect(call.snapshot().context.lockEndsAt).toBeUndefined();
    call.send({ type: 'AGENT.CLOSING' }).advance(2_000);
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
    call.send({ type: 'AGENT.CLOSING' }, { type: 'AGENT.OVERRIDE_HANGUP', reason: 'next call waiting' });
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
  it('a call dropped by the system is recorded as dropped', () => {
    const call = startCall().connect();
    call.send({ type: 'ENGINE.ENDED', by: 'system', cause: 'RTP Timeout' });
    expect(call.take()).toEqual([{ type: 'record', kind: 'dropped', reason: 'RTP Timeout', at: 0 }]);
  });

  it('a failed confirmed call is recorded as dropped', () => {
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
