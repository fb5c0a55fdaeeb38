// The remaining transitions: each path the engine or the agent can take, and what the overlay reads.
import { describe, expect, it } from 'vitest';
import { startCall } from './callTestKit.ts';
import { callPhase, checkInAlertLevel, currentPhraseKey, isOnHold, ruleStatus } from './selectors.ts';

describe('before the call is up', () => {
  it('connects straight from ringing when the engine answered (auto-answer)', () => {
    const call = startCall().send({ type: 'ENGINE.CONFIRMED' });
    expect(call.phase()).toBe('talking');
  });

  it('a ringing call that fails is missed', () => {
    const call = startCall().send({ type: 'ENGINE.FAILED', cause: 'Request Timeout', status: 408 });
    expect(call.snapshot().context.records).toEqual([{ kind: 'missed', reason: 'Request Timeout', at: 0 }]);
  });

  it('a caller who hangs up while the answer is on its way is missed', () => {
    const call = startCall().send({ type: 'AGENT.ANSWER' }, { type: 'ENGINE.ENDED', by: 'remote', cause: 'Canceled' });
    expect(call.snapshot().context.records[0]?.kind).toBe('missed');
  });

  it('an outgoing call ended before answer is failed', () => {
    const call = startCall({ direction: 'outgoing' }).send({ type: 'ENGINE.ENDED', by: 'system', cause: 'No Answer' });
    expect(call.snapshot().context.records[0]).toMatchObject({ kind: 'failed', reason: 'No Answer' });
  });

  it('names the phase before answering', () => {
    expect(callPhase(startCall().snapshot())).toBe('ringing');
    expect(callPhase(startCall().send({ type: 'AGENT.ANSWER' }).snapshot())).toBe('answering');
  });
});

describe('H3: check-in acknowledgements at every alert level', () => {
  for (const [after, level] of [[0, 0], [15_000, 1], [20_000, 2], [25_000, 3]] as const) {
    it(`acknowledging at level ${level} resets the alert and counts the check-in`, () => {
      const call = startCall().connect().hold();
      call.advance(after);
      expect(checkInAlertLevel(call.snapshot())).toBe(level);
      call.send({ type: 'AGENT.CHECKED_IN' });
      expect(call.matches({ connected: { call: { onHold: { reminder: 'waiting' } } } })).toBe(true);
      expect(call.snapshot().context).toMatchObject({ checkIns: 1, escalation: 0 });
    });
  }
});

describe('what the overlay reads on hold', () => {
  it('H3/H4: shows the check-in and hold-limit deadlines as absolute times', () => {
    const call = startCall().connect();
    call.advance(5_000).hold();
    expect(ruleStatus(call.snapshot())).toEqual(expect.arrayContaining([
      { rule: 'checkInEvery', state: 'running', count: 0, level: 0, deadline: 20_000 },
      { rule: 'holdLimit', state: 'running', deadline: 125_000 },
    ]));
    expect(currentPhraseKey(call.snapshot())).toBeUndefined();
    call.advance(15_000);
    expect(currentPhraseKey(call.snapshot())).toBe('hold.checkIn');
  });

  it('is not on hold and shows idle hold rules while talking', () => {
    const call = startCall().connect();
    expect(isOnHold(call.snapshot())).toBe(false);
    expect(checkInAlertLevel(call.snapshot())).toBe(0);
    expect(ruleStatus(call.snapshot())).toEqual(expect.arrayContaining([
      { rule: 'checkInEvery', state: 'idle' }, { rule: 'holdLimit', state: 'idle' }, { rule: 'hangupLock', state: 'idle' },
    ]));
  });

  it('H4: a promised call-back shows the hold-limit rule as met', () => {
    const call = startCall().connect().hold();
    call.advance(120_000).send({ type: 'AGENT.OFFER_CALLBACK' });
    expect(ruleStatus(call.snapshot())).toContainEqual({ rule: 'holdLimit', state: 'met' });
  });
});

describe('special calls, remaining paths', () => {
  it('C4/N9: harassment may follow a silent-call prompt', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.SILENT_CALL' }, { type: 'AGENT.HARASSMENT' });
    expect(call.phase()).toBe('harassmentWarning');
  });

  it('a consult call that ends before it is answered falls back to the caller', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.TRANSFER_START' }, { type: 'AGENT.CONSULT', target: 'sip:group2@seatmate.test' }, { type: 'ENGINE.HOLD_ACCEPTED' });
    call.send({ type: 'ENGINE.CONSULT_ENDED' });
    expect(call.matches({ connected: { call: { transfer: 'returning' } } })).toBe(true);
    expect(call.snapshot().context.transfer?.leg).toBe('none');
  });

  it('an override during a consult also drops the consult call', () => {
    const call = startCall({ overrideAllowed: true }).connect();
    call.send({ type: 'AGENT.TRANSFER_START' }, { type: 'AGENT.CONSULT', target: 'sip:group2@seatmate.test' }, { type: 'ENGINE.HOLD_ACCEPTED' }).take();
    call.send({ type: 'AGENT.OVERRIDE_HANGUP', reason: 'system fault' });
    expect(call.types()).toEqual(['engine.hangup', 'record', 'engine.cancelConsult']);
  });
});
