// SERVICE-STANDARD §4: consent, attended transfer with briefing, fallback when the target fails.
import { describe, expect, it } from 'vitest';
import { startCall, type CallKit } from './callTestKit.ts';
import { currentPhraseKey, isOnHold } from './selectors.ts';
import { transferConsentKey } from './types.ts';
import { rulesView } from './views.ts';

const EXPERT = 'sip:expert@seatmate.test';

/** What the call did, leaving out the check-in alerts that run while the caller is held (H3, tested below). */
function moves(call: CallKit) {
  return call.take().filter((e) => e.type !== 'alert.checkIn');
}

/** Consent given, caller held, target dialled. */
function consult(call: CallKit): CallKit {
  call.send({ type: 'AGENT.TRANSFER_START' }, { type: 'AGENT.CONSULT', target: EXPERT }, { type: 'ENGINE.HOLD_ACCEPTED' });
  return call;
}

describe('attended transfer', () => {
  it('T1: asks the caller first, holds them, then calls the target', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.TRANSFER_START' });
    expect(moves(call)).toEqual([{ type: 'guide.phrase', key: 'transfer.consent' }]);
    expect(currentPhraseKey(call.snapshot())).toBe('transfer.consent');
    call.send({ type: 'AGENT.CONSULT', target: EXPERT });
    expect(moves(call)).toEqual([{ type: 'engine.hold' }]);
    expect(isOnHold(call.snapshot())).toBe(false);
    call.send({ type: 'ENGINE.HOLD_ACCEPTED' });
    expect(moves(call)).toEqual([{ type: 'engine.consult', target: EXPERT }]);
    expect(call.matches({ connected: { call: { transfer: 'consulting' } } })).toBe(true);
    expect(isOnHold(call.snapshot())).toBe(true);
  });

  it('T2: briefs the target with the caller\'s details, then completes with Replaces', () => {
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
    expect(moves(call)).toEqual([{ type: 'engine.refer', target: EXPERT, replaces: true }]);
    expect(isOnHold(call.snapshot())).toBe(true);
    call.send({ type: 'ENGINE.TRANSFER_DONE' });
    expect(call.phase()).toBe('ended');
    expect(moves(call)).toEqual([{ type: 'record', kind: 'transferred', at: 30_000 }]);
  });

  it('the caller leg ending as the transfer completes counts as transferred', () => {
    const call = consult(startCall().connect());
    call.send({ type: 'ENGINE.CONSULT_CONFIRMED' }, { type: 'AGENT.COMPLETE_TRANSFER' }).take();
    call.send({ type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' });
    expect(moves(call)).toEqual([{ type: 'record', kind: 'transferred', at: 0 }]);
  });

  it('T3: busy transfer target returns to the caller with the fallback phrase', () => {
    const call = consult(startCall().connect()).advance(3_000);
    call.take();
    call.send({ type: 'ENGINE.CONSULT_FAILED', status: 486 });
    expect(moves(call)).toEqual([{ type: 'engine.unhold' }]);
    expect(call.snapshot().context.error).toMatchObject({ kind: 'transfer-busy', reason: '486' });
    call.send({ type: 'ENGINE.UNHOLD_ACCEPTED' });
    expect(call.phase()).toBe('talking');
    expect(moves(call)).toEqual([
      { type: 'guide.phrase', key: 'transfer.failed' },
      { type: 'guide.phrase', key: 'transfer.fallback' },
    ]);
    expect(currentPhraseKey(call.snapshot())).toBe('transfer.fallback');
  });

  it('T3: a target that does not answer in 20 s is given up, and the caller taken back', () => {
    const call = consult(startCall().connect());
    call.send({ type: 'ENGINE.CONSULT_PROGRESS' }).take();
    call.advance(19_900);
    expect(moves(call).map((e) => e.type)).toEqual([]);
    call.advance(100);
    expect(moves(call)).toEqual([{ type: 'engine.cancelConsult' }, { type: 'engine.unhold' }]);
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
    expect(moves(call)).toEqual([{ type: 'engine.unhold' }]);
    expect(call.snapshot().context.error?.kind).toBe('transfer-target-left');
  });

  it('a refused REFER falls back to the caller, releasing the consult call', () => {
    const call = consult(startCall().connect());
    call.send({ type: 'ENGINE.CONSULT_CONFIRMED' }, { type: 'AGENT.COMPLETE_TRANSFER' }).take();
    call.send({ type: 'ENGINE.TRANSFER_FAILED', status: 603 });
    expect(moves(call)).toEqual([{ type: 'engine.cancelConsult' }, { type: 'engine.unhold' }]);
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
    expect(moves(call)).toEqual([{ type: 'engine.cancelConsult' }, { type: 'engine.unhold' }]);
    call.send({ type: 'ENGINE.UNHOLD_ACCEPTED' });
    expect(moves(call)).toEqual([{ type: 'guide.phrase', key: 'hold.return' }]);
  });

  it('cancelling while the target still rings drops the consult call too', () => {
    const call = consult(startCall().connect());
    call.take();
    call.send({ type: 'AGENT.CANCEL_TRANSFER' });
    expect(moves(call)).toEqual([{ type: 'engine.cancelConsult' }, { type: 'engine.unhold' }]);
  });

  it('far end hangs up during consult: the call ends customer-first and the consult call is dropped', () => {
    const call = consult(startCall().connect());
    call.send({ type: 'ENGINE.CONSULT_CONFIRMED' }).take();
    call.send({ type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' });
    expect(call.phase()).toBe('ended');
    expect(moves(call)).toEqual([{ type: 'record', kind: 'customer-first', at: 0 }, { type: 'engine.cancelConsult' }]);
  });

  it('a caller who cannot be taken off hold stays held with an error until Resume works', () => {
    const call = consult(startCall().connect());
    call.send({ type: 'ENGINE.CONSULT_FAILED', status: 486 }, { type: 'ENGINE.UNHOLD_FAILED', reason: '500' });
    expect(call.matches({ connected: { call: { transfer: 'callerHeld' } } })).toBe(true);
    expect(isOnHold(call.snapshot())).toBe(true);
    expect(call.snapshot().context.error?.kind).toBe('unhold-rejected');
    call.take();
    call.send({ type: 'AGENT.RESUME' });
    expect(moves(call)).toEqual([{ type: 'engine.unhold' }]);
    call.advance(8_000);
    expect(call.snapshot().context.error?.kind).toBe('unhold-timeout');
    call.send({ type: 'ENGINE.UNHOLD_ACCEPTED' });
    expect(call.phase()).toBe('talking');
    expect(moves(call)).toContainEqual({ type: 'guide.phrase', key: 'transfer.fallback' });
  });

  it('a caller hold that fails before the consult stays with the caller', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.TRANSFER_START' }, { type: 'AGENT.CONSULT', target: EXPERT }, { type: 'ENGINE.HOLD_FAILED' });
    expect(call.phase()).toBe('talking');
    expect(call.snapshot().context.error?.kind).toBe('hold-rejected');
    expect(moves(call).map((e) => e.type)).not.toContain('engine.consult');
  });

  it('a caller hold never answered before the consult times out to talking', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.TRANSFER_START' }, { type: 'AGENT.CONSULT', target: EXPERT }).advance(8_000);
    expect(call.phase()).toBe('talking');
    expect(call.snapshot().context.error?.kind).toBe('hold-timeout');
  });

  it('T1: the caller declining the transfer goes back to talking', () => {
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
    expect(moves(call)).toEqual([{ type: 'engine.refer', target: 'sip:ivr@seatmate.test', replaces: false }]);
    expect(isOnHold(call.snapshot())).toBe(false);
    call.send({ type: 'ENGINE.TRANSFER_DONE' });
    expect(call.snapshot().context.records).toEqual([{ kind: 'transferred', at: 0 }]);
  });

  it('T3: a failed blind transfer is back with the caller at once, with the fallback phrase', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.TRANSFER_START' }, { type: 'AGENT.BLIND_TRANSFER', target: 'sip:ivr@seatmate.test' }).take();
    call.send({ type: 'ENGINE.TRANSFER_FAILED', status: 480 });
    expect(call.phase()).toBe('talking');
    expect(moves(call)).toEqual([{ type: 'guide.phrase', key: 'transfer.fallback' }]);
  });
});

describe('H3: a caller held for a transfer is still checked on', () => {
  it('H3/N3: check-in alerts every 15 s while the target is consulted and briefed, acknowledged like any hold', () => {
    const call = consult(startCall().connect());
    call.take();
    call.advance(14_900);
    expect(call.types()).toEqual([]);
    call.advance(100);
    expect(call.take()).toEqual([{ type: 'alert.checkIn', count: 1, level: 1 }]);
    expect(currentPhraseKey(call.snapshot())).toBe('hold.checkIn');
    call.send({ type: 'AGENT.CHECKED_IN' });
    expect(call.snapshot().context.checkIns).toBe(1);
    call.send({ type: 'ENGINE.CONSULT_CONFIRMED' }).take();
    expect(call.matches({ connected: { call: { transfer: 'briefing' } } })).toBe(true);
    call.advance(15_000);
    expect(call.take()).toEqual([{ type: 'alert.checkIn', count: 2, level: 1 }]);
  });

  it('H4/N4: past 2 min held for a transfer, the call-back offer comes as on an ordinary hold', () => {
    const call = consult(startCall().connect());
    call.send({ type: 'ENGINE.CONSULT_CONFIRMED' });
    for (let t = 0; t < 120_000; t += 15_000) { call.advance(15_000); call.send({ type: 'AGENT.CHECKED_IN' }); }
    expect(call.types()).toContain('alert.callbackOffer');
    expect(currentPhraseKey(call.snapshot())).toBe('hold.callbackOffer');
    call.send({ type: 'AGENT.OFFER_CALLBACK' });
    expect(call.snapshot().context.callback?.number).toBe('13800138000');
  });

  it('H3: the check-ins stop once the caller is back (transfer failed) or transferred', () => {
    const call = consult(startCall().connect());
    call.send({ type: 'ENGINE.CONSULT_FAILED', status: 486 }, { type: 'ENGINE.UNHOLD_ACCEPTED' }).take();
    expect(call.phase()).toBe('talking');
    expect(call.snapshot().context.holdStartedAt).toBeUndefined();
    call.advance(60_000);
    expect(call.types().filter((t) => t === 'alert.checkIn')).toEqual([]);
  });

  it('H3: no check-ins before the caller is actually held (consent, hold not yet accepted)', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.TRANSFER_START' }, { type: 'AGENT.CONSULT', target: EXPERT }).take();
    call.advance(7_000);
    expect(call.types()).toEqual([]);
  });
});

describe('T3/T4: the failure is told by its cause, for the kind of target', () => {
  const failWith = (kind: 'agent' | 'expert', event: Parameters<CallKit['send']>[0]) => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.TRANSFER_START' }, { type: 'AGENT.CONSULT', target: '1408', kind, label: kind === 'expert' ? '国际漫游专家坐席' : '1408' });
    call.send({ type: 'ENGINE.HOLD_ACCEPTED' }, event, { type: 'ENGINE.UNHOLD_ACCEPTED' });
    return call;
  };

  it('T4: the transfer keeps the target\'s kind and the label the caller hears', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.TRANSFER_START' }, { type: 'AGENT.CONSULT', target: '1408', kind: 'expert', label: ' 国际漫游专家坐席 ' });
    expect(call.snapshot().context.transfer).toMatchObject({ target: '1408', kind: 'expert', label: '国际漫游专家坐席' });
    call.send({ type: 'ENGINE.HOLD_ACCEPTED' }, { type: 'AGENT.CANCEL_TRANSFER' }, { type: 'ENGINE.UNHOLD_ACCEPTED' });
    expect(call.phase()).toBe('talking');
    call.send({ type: 'AGENT.TRANSFER_START' }, { type: 'AGENT.BLIND_TRANSFER', target: '1409' });
    expect(call.snapshot().context.transfer).toMatchObject({ kind: 'agent', label: '1409' });
  });

  it('T3: a busy expert seat: "…正在通话中,请您留下联系电话…" (transfer.busy), then the fallback', () => {
    const call = failWith('expert', { type: 'ENGINE.CONSULT_FAILED', status: 486 });
    expect(rulesView(call.snapshot()).phraseKeys).toEqual(['transfer.busy', 'transfer.fallback']);
  });

  it('T3: the requested operator busy: 001\'s "您要找的话务员正在通话中" (transfer.failed), then the fallback', () => {
    const call = failWith('agent', { type: 'ENGINE.CONSULT_FAILED', status: 486 });
    expect(rulesView(call.snapshot()).phraseKeys).toEqual(['transfer.failed', 'transfer.fallback']);
  });

  it('T3: a target that never answers: straight to the fallback (give a number or take one)', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.TRANSFER_START' }, { type: 'AGENT.CONSULT', target: '1408', kind: 'group', label: '投诉组' }, { type: 'ENGINE.HOLD_ACCEPTED' });
    call.advance(20_000).send({ type: 'ENGINE.UNHOLD_ACCEPTED' });
    expect(call.snapshot().context.error?.kind).toBe('transfer-no-answer');
    expect(rulesView(call.snapshot()).phraseKeys).toEqual(['transfer.fallback']);
  });

  it('T2/T3: a blind transfer the target refuses (busy) is back with the caller, told the cause', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.TRANSFER_START' }, { type: 'AGENT.BLIND_TRANSFER', target: '1409', kind: 'group', label: '投诉组' });
    call.send({ type: 'ENGINE.TRANSFER_FAILED', status: 486 });
    expect(call.phase()).toBe('talking');
    expect(rulesView(call.snapshot()).phraseKeys.at(-1)).toBe('transfer.fallback');
  });

  it('T1/T4: each kind of target has its consent phrase', () => {
    expect(['agent', 'group', 'shiftLeader', 'ivr', 'expert'].map((k) => transferConsentKey(k as never)))
      .toEqual(['transfer.consent', 'transfer.group', 'transfer.shiftLeader', 'transfer.ivr', 'transfer.expert']);
  });
});
