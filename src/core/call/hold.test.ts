// SERVICE-STANDARD §3: consent, check-in every 15 s, call-back offer at 2 min, thanks on return.
import { describe, expect, it } from 'vitest';
import { startCall } from './callTestKit.ts';
import { canHangUp, holdElapsed, isOnHold, ruleStatus } from './selectors.ts';

describe('hold consent (H1)', () => {
  it('H1: asks the customer first: the hold request only shows the consent phrase', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.HOLD_REQUEST' });
    expect(call.phase()).toBe('holdConsent');
    expect(call.take()).toEqual([{ type: 'guide.phrase', key: 'hold.consent' }]);
    expect(isOnHold(call.snapshot())).toBe(false);
  });

  it('H1: holds only after the customer agrees, and is on hold only once the far end accepts', () => {
    const call = startCall().connect();
    call.advance(1_000).send({ type: 'AGENT.HOLD_REQUEST' }, { type: 'AGENT.HOLD_CONFIRM' });
    expect(call.phase()).toBe('holding');
    expect(call.take()).toContainEqual({ type: 'engine.hold' });
    expect(isOnHold(call.snapshot())).toBe(false);
    call.advance(40).send({ type: 'ENGINE.HOLD_ACCEPTED' });
    expect(call.phase()).toBe('onHold');
    expect(isOnHold(call.snapshot())).toBe(true);
    expect(call.snapshot().context.holdStartedAt).toBe(1_040);
  });

  it('H1: goes back to talking when the customer does not agree', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.HOLD_REQUEST' }, { type: 'AGENT.HOLD_CANCEL' });
    expect(call.phase()).toBe('talking');
    expect(call.types()).not.toContain('engine.hold');
  });
});

describe('a hold the far end does not accept', () => {
  it('a rejected hold stays not held with an error', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.HOLD_REQUEST' }, { type: 'AGENT.HOLD_CONFIRM' }, { type: 'ENGINE.HOLD_FAILED', reason: '488' });
    expect(call.phase()).toBe('talking');
    expect(isOnHold(call.snapshot())).toBe(false);
    expect(call.snapshot().context.error).toMatchObject({ kind: 'hold-rejected', reason: '488' });
  });

  it('a hold that the far end never answers times out to not held', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.HOLD_REQUEST' }, { type: 'AGENT.HOLD_CONFIRM' });
    call.advance(7_900);
    expect(call.phase()).toBe('holding');
    call.advance(100);
    expect(call.phase()).toBe('talking');
    expect(call.snapshot().context.error?.kind).toBe('hold-timeout');
  });

  it('takes back a hold accepted after it timed out, so the call is as the UI shows it', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.HOLD_REQUEST' }, { type: 'AGENT.HOLD_CONFIRM' }).advance(8_000);
    call.take();
    call.send({ type: 'ENGINE.HOLD_ACCEPTED' });
    expect(call.phase()).toBe('talking');
    expect(call.take()).toEqual([{ type: 'engine.unhold' }]);
  });

  it('clears the error on the next hold request', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.HOLD_REQUEST' }, { type: 'AGENT.HOLD_CONFIRM' }, { type: 'ENGINE.HOLD_FAILED' });
    call.send({ type: 'AGENT.HOLD_REQUEST' });
    expect(call.snapshot().context.error).toBeUndefined();
  });
});

describe('check-in every 15 s (H3, N3)', () => {
  it('H3/N3: reminds the agent after 15 s on hold', () => {
    const call = startCall().connect().hold();
    call.advance(14_900);
    expect(call.types()).not.toContain('alert.checkIn');
    call.advance(100);
    expect(call.take()).toEqual([{ type: 'alert.checkIn', count: 1, level: 1 }]);
    expect(ruleStatus(call.snapshot())).toContainEqual({ rule: 'checkInEvery', state: 'due', count: 0, level: 1 });
  });

  it('H3: escalates an unacknowledged check-in: visual, then sound, then louder and repeated', () => {
    const call = startCall().connect().hold();
    call.advance(15_000);
    expect(call.take()).toEqual([{ type: 'alert.checkIn', count: 1, level: 1 }]);
    call.advance(5_000);
    expect(call.take()).toEqual([{ type: 'alert.checkIn', count: 1, level: 2 }]);
    call.advance(5_000);
    expect(call.take()).toEqual([{ type: 'alert.checkIn', count: 1, level: 3 }]);
    call.advance(5_000);
    expect(call.take()).toEqual([{ type: 'alert.checkIn', count: 1, level: 3 }]);
    expect(call.snapshot().context.escalation).toBe(3);
  });

  it('H3/N3: counts an acknowledged check-in and restarts the 15 s from it', () => {
    const call = startCall().connect().hold();
    call.advance(16_000).send({ type: 'AGENT.CHECKED_IN' });
    expect(call.snapshot().context.checkIns).toBe(1);
    expect(call.snapshot().context.escalation).toBe(0);
    expect(call.snapshot().context.nextCheckInAt).toBe(31_000);
    call.take();
    call.advance(14_900);
    expect(call.types()).toEqual([]);
    call.advance(100);
    expect(call.take()).toEqual([{ type: 'alert.checkIn', count: 2, level: 1 }]);
  });

  it('H3: checks in with one key: resume, say the check-in phrase, hold again', () => {
    const call = startCall().connect().hold();
    call.advance(15_000).take();
    call.send({ type: 'AGENT.CHECK_IN_AND_RETURN' });
    expect(call.take()).toEqual([{ type: 'engine.unhold' }]);
    call.send({ type: 'ENGINE.UNHOLD_ACCEPTED' });
    expect(call.matches({ connected: { call: { onHold: { line: { checkIn: 'speaking' } } } } })).toBe(true);
    expect(isOnHold(call.snapshot())).toBe(false);
    expect(call.take()).toEqual([{ type: 'guide.phrase', key: 'hold.checkIn' }]);
    call.advance(2_000).send({ type: 'AGENT.CHECK_IN_AND_RETURN' });
    expect(call.take()).toEqual([{ type: 'engine.hold' }]);
    call.send({ type: 'ENGINE.HOLD_ACCEPTED' });
    expect(isOnHold(call.snapshot())).toBe(true);
    expect(call.snapshot().context).toMatchObject({ checkIns: 1, holdStartedAt: 0, escalation: 0 });
    call.advance(14_900);
    expect(call.types()).not.toContain('alert.checkIn');
    call.advance(100);
    expect(call.take()).toEqual([{ type: 'alert.checkIn', count: 2, level: 1 }]);
  });

  it('a check-in whose unhold is rejected stays held, with an error, and keeps reminding', () => {
    const call = startCall().connect().hold();
    call.advance(15_000).send({ type: 'AGENT.CHECK_IN_AND_RETURN' }, { type: 'ENGINE.UNHOLD_FAILED', reason: '491' });
    expect(isOnHold(call.snapshot())).toBe(true);
    expect(call.snapshot().context.error).toMatchObject({ kind: 'unhold-rejected', reason: '491' });
    expect(call.matches({ connected: { call: { onHold: { reminder: 'due' } } } })).toBe(true);
  });

  it('a check-in whose unhold is never answered stays held with an error', () => {
    const call = startCall().connect().hold();
    call.send({ type: 'AGENT.CHECK_IN_AND_RETURN' }).advance(8_000);
    expect(call.matches({ connected: { call: { onHold: { line: 'held' } } } })).toBe(true);
    expect(call.snapshot().context.error?.kind).toBe('unhold-timeout');
  });

  it('a check-in whose re-hold is rejected is back to talking with an error', () => {
    const call = startCall().connect().hold();
    call.send({ type: 'AGENT.CHECK_IN_AND_RETURN' }, { type: 'ENGINE.UNHOLD_ACCEPTED' }, { type: 'AGENT.CHECKED_IN' });
    expect(call.types()).toContain('engine.hold');
    call.send({ type: 'ENGINE.HOLD_FAILED' });
    expect(call.phase()).toBe('talking');
    expect(call.snapshot().context.error?.kind).toBe('hold-rejected');
    expect(call.snapshot().context.holdStartedAt).toBeUndefined();
  });

  it('a check-in whose re-hold is never answered is back to talking with an error', () => {
    const call = startCall().connect().hold();
    call.send({ type: 'AGENT.CHECK_IN_AND_RETURN' }, { type: 'ENGINE.UNHOLD_ACCEPTED' }, { type: 'AGENT.CHECKED_IN' });
    call.advance(8_000);
    expect(call.phase()).toBe('talking');
    expect(call.snapshot().context.error?.kind).toBe('hold-timeout');
  });

  it('the agent may stay with the customer after a check-in', () => {
    const call = startCall().connect().hold();
    call.send({ type: 'AGENT.CHECK_IN_AND_RETURN' }, { type: 'ENGINE.UNHOLD_ACCEPTED' }).take();
    call.send({ type: 'AGENT.RESUME' });
    expect(call.phase()).toBe('talking');
    expect(call.types()).toEqual([]);
    expect(isOnHold(call.snapshot())).toBe(false);
  });
});

describe('the 2-minute hold limit (H4, N4)', () => {
  it('H4/N4: offers a call-back at 2 min on hold', () => {
    const call = startCall().connect().hold();
    for (let i = 0; i < 7; i++) call.advance(15_000).send({ type: 'AGENT.CHECKED_IN' });
    call.advance(14_900);
    call.take();
    call.advance(100);
    const events = call.take();
    expect(events).toHaveLength(3);
    expect(events).toEqual(expect.arrayContaining([
      { type: 'alert.checkIn', count: 8, level: 1 },
      { type: 'alert.callbackOffer', heldSince: 0 },
      { type: 'guide.phrase', key: 'hold.callbackOffer' },
    ]));
    expect(ruleStatus(call.snapshot())).toContainEqual({ rule: 'holdLimit', state: 'due' });
  });

  it('N4: counts the 2 min from the first hold, across one-key check-ins', () => {
    const call = startCall().connect().hold();
    for (let i = 0; i < 7; i++) {
      call.advance(14_000).send({ type: 'AGENT.CHECK_IN_AND_RETURN' }, { type: 'ENGINE.UNHOLD_ACCEPTED' });
      call.advance(1_000).send({ type: 'AGENT.CHECKED_IN' }, { type: 'ENGINE.HOLD_ACCEPTED' });
    }
    expect(call.snapshot().context.checkIns).toBe(7);
    call.take();
    call.advance(15_000);
    expect(call.types()).toContain('alert.callbackOffer');
  });

  it('N4: does not offer a call-back when the customer chose to wait', () => {
    const call = startCall().connect().hold();
    call.advance(60_000).send({ type: 'AGENT.CUSTOMER_CHOSE_WAIT' }).advance(90_000);
    expect(call.types()).not.toContain('alert.callbackOffer');
    expect(ruleStatus(call.snapshot())).toContainEqual({ rule: 'holdLimit', state: 'waived' });
  });

  it('the customer may choose to wait when offered', () => {
    const call = startCall().connect().hold();
    call.advance(120_000).send({ type: 'AGENT.CUSTOMER_CHOSE_WAIT' });
    expect(call.matches({ connected: { call: { onHold: { limit: 'customerWaits' } } } })).toBe(true);
  });

  it('H4/N5: promises a call-back within 5 min, to the number given', () => {
    const call = startCall().connect().hold();
    call.advance(120_000).take();
    call.send({ type: 'AGENT.OFFER_CALLBACK', number: '13900139000' });
    expect(call.take()).toEqual([{ type: 'callback.promised', number: '13900139000', dueAt: 420_000 }]);
    expect(call.snapshot().context.callback).toEqual({ number: '13900139000', promisedAt: 120_000, dueAt: 420_000 });
    expect(call.matches({ connected: { call: { onHold: { limit: 'callbackPromised' } } } })).toBe(true);
  });

  it('a call-back promised while talking defaults to the caller\'s number and a custom due time', () => {
    const call = startCall().connect();
    call.advance(1_000).send({ type: 'AGENT.OFFER_CALLBACK', dueMs: 60_000 });
    expect(call.take()).toEqual([{ type: 'callback.promised', number: '13800138000', dueAt: 61_000 }]);
  });
});

describe('return from hold (H5)', () => {
  it('H5: thanks the customer for waiting on a short hold', () => {
    const call = startCall().connect().hold();
    call.advance(10_000).send({ type: 'AGENT.RESUME' });
    expect(call.take()).toEqual([{ type: 'engine.unhold' }]);
    expect(isOnHold(call.snapshot())).toBe(true);
    call.send({ type: 'ENGINE.UNHOLD_ACCEPTED' });
    expect(call.phase()).toBe('talking');
    expect(call.take()).toEqual([{ type: 'guide.phrase', key: 'hold.return' }]);
    expect(call.snapshot().context.holdStartedAt).toBeUndefined();
  });

  it('H5: apologises for the long wait after a check-in came due', () => {
    const call = startCall().connect().hold();
    call.advance(15_000).send({ type: 'AGENT.RESUME' }, { type: 'ENGINE.UNHOLD_ACCEPTED' });
    expect(call.take()).toContainEqual({ type: 'guide.phrase', key: 'hold.returnLong' });
  });

  it('a rejected resume stays on hold with an error', () => {
    const call = startCall().connect().hold();
    call.send({ type: 'AGENT.RESUME' }, { type: 'ENGINE.UNHOLD_FAILED', reason: '500' });
    expect(call.phase()).toBe('onHold');
    expect(isOnHold(call.snapshot())).toBe(true);
    expect(call.snapshot().context.error).toMatchObject({ kind: 'unhold-rejected', reason: '500' });
  });

  it('a resume never answered stays on hold, and a late acceptance brings the call back to talking', () => {
    const call = startCall().connect().hold();
    call.send({ type: 'AGENT.RESUME' }).advance(8_000);
    expect(call.matches({ connected: { call: { onHold: { line: 'held' } } } })).toBe(true);
    expect(call.snapshot().context.error?.kind).toBe('unhold-timeout');
    call.send({ type: 'ENGINE.UNHOLD_ACCEPTED' });
    expect(call.phase()).toBe('talking');
  });

  it('a far-end re-INVITE or REFER during hold leaves the call on hold and resumable', () => {
    const call = startCall().connect().hold();
    call.send({ type: 'ENGINE.REMOTE_REINVITE' }, { type: 'ENGINE.REFER_RECEIVED' });
    expect(isOnHold(call.snapshot())).toBe(true);
    call.advance(15_000);
    expect(call.types()).toContain('alert.checkIn');
    call.send({ type: 'AGENT.RESUME' }, { type: 'ENGINE.REMOTE_REINVITE' }, { type: 'ENGINE.UNHOLD_ACCEPTED' });
    expect(call.phase()).toBe('talking');
  });

  it('hold elapsed is read from the absolute start; Hang up stays disabled on hold', () => {
    const call = startCall().connect();
    call.advance(3_000).hold();
    call.advance(42_000);
    expect(holdElapsed(call.snapshot(), call.clock.now())).toBe(42_000);
    expect(canHangUp(call.snapshot())).toBe(false);
  });

  it('the far end hanging up on hold ends the call, customer first', () => {
    const call = startCall().connect().hold();
    call.send({ type: 'ENGINE.ENDED', by: 'remote', cause: 'Terminated' });
    expect(call.phase()).toBe('ended');
    expect(call.snapshot().status).toBe('done');
    expect(call.snapshot().context.records).toEqual([{ kind: 'customer-first', at: 0 }]);
  });
});
