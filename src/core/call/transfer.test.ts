// SERVICE-STANDARD §4: consent, attended transfer with briefing, fallback when the target fails.
import { describe, expect, it } from 'vitest';
import { startCall, type CallKit } from './callTestKit.ts';
import { currentPhraseKey, isOnHold } from './selectors.ts';

const EXPERT = 'sip:expert@seatmate.test';

/** Consent given, caller held, target dialled. */
function consult(call: CallKit): CallKit {
  call.send({ type: 'AGENT.TRANSFER_START' }, { type: 'AGENT.CONSULT', target: EXPERT }, { type: 'ENGINE.HOLD_ACCEPTED' });
  return call;
}

describe('attended transfer', () => {
  it('asks the caller first, holds them, then calls the target', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.TRANSFER_START' });
    expect(call.take()).toEqual([{ type: 'guide.phrase', key: 'transfer.consent' }]);
    expect(currentPhraseKey(call.snapshot())).toBe('transfer.consent');
    call.send({ type: 'AGENT.CONSULT', target: EXPERT });
    expect(call.take()).toEqual([{ type: 'engine.hold' }]);
    expect(isOnHold(call.snapshot())).toBe(false);
    call.send({ type: 'ENGINE.HOLD_ACCEPTED' });
    expect(call.take()).toEqual([{ type: 'engine.consult', target: EXPERT }]);
    expect(call.matches({ connected: { call: { transfer: 'consulting' } } })).toBe(true);
    expect(isOnHold(call.snapshot())).toBe(true);
  });

  it('briefs the target with the caller\'s details, then completes with Replaces', () => {
    const call = consult(startCall({ tier: 'vip' }).connect());
    call.send({ type: 'ENGINE.CONSULT_PROGRESS' });
    expect(call.snapshot().context.transfer?.leg).toBe('ringing');
    call.send({ type: 'ENGINE.CONSULT_CONFIRMED' });
    expect(call.matches({ connected: { call: { transfer: 'briefing' } } })).toBe(true);
    expect(call.snapshot().context.transfer).toMatchObject({
      target: EXPERT, mode: 'attended', leg: 'up', briefing: { number: '13800138000', displayName: '张先生', tier: 'vip' },
    });
    call.take();
    call.advance(30_000).send({ type: 'AGENT.COMPLETE_TRANSFER' });
    expect(call.take()).toEqual([{ type: 'engine.refer', target: EXPERT, replaces: true }]);
    expect(isOnHold(call.snapshot())).toBe(true);
    call.send({ type: 'ENGINE.TRANSFER_DONE' });
    expect(call.phase()).toBe('ended');
    expect(call.take()).toEqual([{ type: 'record', kind: 'transferred', at: 30_000 }]);
  });

  it('the caller leg ending as the transfer completes counts as transferred', () => {
    const call = consult(startCall().connect());
    call.send({ type: 'ENGINE.CONSULT_CONFIRMED' }, { type: 'AGENT.COMPLETE_TRANSFER' }).take();
    call.send({ type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' });
    expect(call.take()).toEqual([{ type: 'record', kind: 'transferred', at: 0 }]);
  });

  it('busy transfer target returns to the caller with the fallback phrase', () => {
    const call = consult(startCall().connect()).advance(3_000);
    call.take();
    call.send({ type: 'ENGINE.CONSULT_FAILED', status: 486 });
    expect(call.take()).toEqual([{ type: 'engine.unhold' }]);
    expect(call.snapshot().context.error).toMatchObject({ kind: 'transfer-busy', reason: '486' });
    call.send({ type: 'ENGINE.UNHOLD_ACCEPTED' });
    expect(call.phase()).toBe('talking');
    expect(call.take()).toEqual([
      { type: 'guide.phrase', key: 'transfer.failed' },
      { type: 'guide.phrase', key: 'transfer.fallback' },
    ]);
    expect(currentPhraseKey(call.snapshot())).toBe('transfer.fallback');
  });

  it('a target that does not answer in 20 s is given up, and the caller taken back', () => {
    const call = consult(startCall().connect());
    call.send({ type: 'ENGINE.CONSULT_PROGRESS' }).take();
    call.advance(19_900);
    expect(call.types()).toEqual([]);
    call.advance(100);
    expect(call.take()).toEqual([{ type: 'engine.cancelConsult' }, { type: 'engine.unhold' }]);
    expect(call.snapshot().context.error?.kind).toBe('transfer-no-answer');
  });

  it('other consult failures also fall back to the caller', () => {
    const call = consult(startCall().connect());
    call.send({ type: 'ENGINE.CONSULT_FAILED', status: 404 }, { type: 'ENGINE.UNHOLD_ACCEPTED' });
    expect(call.phase()).toBe('talking');
    expect(call.snapshot().context.error?.kind).toBe('transfer-failed');
  });

  it('the target hanging up during the briefing falls back to the caller', () => {
    const call = consult(startCall().connect());
    call.send({ type: 'ENGINE.CONSULT_CONFIRMED' }).take();
    call.send({ type: 'ENGINE.CONSULT_ENDED' });
    expect(call.take()).toEqual([{ type: 'engine.unhold' }]);
    expect(call.snapshot().context.error?.kind).toBe('transfer-target-left');
  });

  it('a refused REFER falls back to the caller, releasing the consult call', () => {
    const call = consult(startCall().connect());
    call.send({ type: 'ENGINE.CONSULT_CONFIRMED' }, { type: 'AGENT.COMPLETE_TRANSFER' }).take();
    call.send({ type: 'ENGINE.TRANSFER_FAILED', status: 603 });
    expect(call.take()).toEqual([{ type: 'engine.cancelConsult' }, { type: 'engine.unhold' }]);
  });

  it('a transfer that never completes times out back to the caller', () => {
    const call = consult(startCall().connect());
    call.send({ type: 'ENGINE.CONSULT_CONFIRMED' }, { type: 'AGENT.COMPLETE_TRANSFER' }).advance(20_000);
    expect(call.snapshot().context.error?.kind).toBe('transfer-failed');
    expect(call.matches({ connected: { call: { transfer: 'returning' } } })).toBe(true);
  });

  it('the agent may cancel: the consult call is dropped and the caller thanked for waiting', () => {
    const call = consult(startCall().connect());
    call.send({ type: 'ENGINE.CONSULT_CONFIRMED' }).take();
    call.send({ type: 'AGENT.CANCEL_TRANSFER' });
    expect(call.take()).toEqual([{ type: 'engine.cancelConsult' }, { type: 'engine.unhold' }]);
    call.send({ type: 'ENGINE.UNHOLD_ACCEPTED' });
    expect(call.take()).toEqual([{ type: 'guide.phrase', key: 'hold.return' }]);
  });

  it('cancelling while the target still rings drops the consult call too', () => {
    const call = consult(startCall().connect());
    call.take();
    call.send({ type: 'AGENT.CANCEL_TRANSFER' });
    expect(call.take()).toEqual([{ type: 'engine.cancelConsult' }, { type: 'engine.unhold' }]);
  });

  it('far end hangs up during consult: the call ends customer-first and the consult call is dropped', () => {
    const call = consult(startCall().connect());
    call.send({ type: 'ENGINE.CONSULT_CONFIRMED' }).take();
    call.send({ type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' });
    expect(call.phase()).toBe('ended');
    expect(call.take()).toEqual([{ type: 'record', kind: 'customer-first', at: 0 }, { type: 'engine.cancelConsult' }]);
  });

  it('a caller who cannot be taken off hold stays held with an error until Resume works', () => {
    const call = consult(startCall().connect());
    call.send({ type: 'ENGINE.CONSULT_FAILED', status: 486 }, { type: 'ENGINE.UNHOLD_FAILED', reason: '500' });
    expect(call.matches({ connected: { call: { transfer: 'callerHeld' } } })).toBe(true);
    expect(isOnHold(call.snapshot())).toBe(true);
    expect(call.snapshot().context.error?.kind).toBe('unhold-rejected');
    call.take();
    call.send({ type: 'AGENT.RESUME' });
    expect(call.take()).toEqual([{ type: 'engine.unhold' }]);
    call.advance(8_000);
    expect(call.snapshot().context.error?.kind).toBe('unhold-timeout');
    call.send({ type: 'ENGINE.UNHOLD_ACCEPTED' });
    expect(call.phase()).toBe('talking');
    expect(call.take()).toContainEqual({ type: 'guide.phrase', key: 'transfer.fallback' });
  });

  it('a caller hold that fails before the consult stays with the caller', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.TRANSFER_START' }, { type: 'AGENT.CONSULT', target: EXPERT }, { type: 'ENGINE.HOLD_FAILED' });
    expect(call.phase()).toBe('talking');
    expect(call.snapshot().context.error?.kind).toBe('hold-rejected');
    expect(call.types()).not.toContain('engine.consult');
  });

  it('a caller hold never answered before the consult times out to talking', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.TRANSFER_START' }, { type: 'AGENT.CONSULT', target: EXPERT }).advance(8_000);
    expect(call.phase()).toBe('talking');
    expect(call.snapshot().context.error?.kind).toBe('hold-timeout');
  });

  it('the caller declining the transfer goes back to talking', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.TRANSFER_START' }, { type: 'AGENT.CANCEL_TRANSFER' });
    expect(call.phase()).toBe('talking');
  });
});

describe('blind transfer', () => {
  it('refers the caller without Replaces and ends when done', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.TRANSFER_START' }).take();
    call.send({ type: 'AGENT.BLIND_TRANSFER', target: 'sip:ivr@seatmate.test' });
    expect(call.take()).toEqual([{ type: 'engine.refer', target: 'sip:ivr@seatmate.test', replaces: false }]);
    expect(isOnHold(call.snapshot())).toBe(false);
    call.send({ type: 'ENGINE.TRANSFER_DONE' });
    expect(call.snapshot().context.records).toEqual([{ kind: 'transferred', at: 0 }]);
  });

  it('a failed blind transfer is back with the caller at once, with the fallback phrase', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.TRANSFER_START' }, { type: 'AGENT.BLIND_TRANSFER', target: 'sip:ivr@seatmate.test' }).take();
    call.send({ type: 'ENGINE.TRANSFER_FAILED', status: 480 });
    expect(call.phase()).toBe('talking');
    expect(call.take()).toEqual([
      { type: 'guide.phrase', key: 'transfer.failed' },
      { type: 'guide.phrase', key: 'transfer.fallback' },
    ]);
  });
});
