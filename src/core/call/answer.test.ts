// SERVICE-STANDARD §1: answer within 3 rings (ring cycle 5 s), greet within 3 s.
import { describe, expect, it } from 'vitest';
import { startCall } from './callTestKit.ts';
import { canHangUp, ruleStatus } from './selectors.ts';

describe('answering', () => {
  it('N1: counts rings of 5 s while ringing', () => {
    const call = startCall();
    expect(call.phase()).toBe('ringing');
    call.advance(10_000);
    expect(call.take()).toEqual([{ type: 'ring', count: 1 }, { type: 'ring', count: 2 }]);
    expect(ruleStatus(call.snapshot())[0]).toEqual({ rule: 'answerWithinRings', state: 'running', count: 2, of: 3 });
  });

  it('N1: answer-within-3-rings rule shows breached after 15 s ringing', () => {
    const call = startCall();
    call.advance(14_900);
    expect(ruleStatus(call.snapshot())[0]?.state).toBe('running');
    call.advance(100);
    expect(call.take()).toContainEqual({ type: 'rule.breached', rule: 'answerWithinRings' });
    expect(ruleStatus(call.snapshot())[0]).toEqual({ rule: 'answerWithinRings', state: 'breached', count: 3, of: 3 });
    call.send({ type: 'AGENT.ANSWER' }, { type: 'ENGINE.CONFIRMED' });
    expect(ruleStatus(call.snapshot())[0]?.state).toBe('breached');
  });

  it('N1: answered within 3 rings, the rule is met', () => {
    const call = startCall();
    call.advance(6_000).send({ type: 'AGENT.ANSWER' });
    expect(call.phase()).toBe('answering');
    expect(call.take()).toContainEqual({ type: 'engine.answer' });
    call.advance(20_000);
    expect(call.types()).not.toContain('ring');
    call.send({ type: 'ENGINE.CONFIRMED' });
    expect(call.phase()).toBe('talking');
    expect(ruleStatus(call.snapshot())[0]?.state).toBe('met');
  });

  it('declining sends busy and is recorded', () => {
    const call = startCall();
    call.send({ type: 'AGENT.DECLINE' });
    expect(call.take()).toEqual([{ type: 'engine.decline', code: 486 }, { type: 'record', kind: 'declined', at: 0 }]);
    expect(call.phase()).toBe('ended');
  });

  it('a caller who gives up while ringing is recorded as missed', () => {
    const call = startCall();
    call.advance(9_000).send({ type: 'ENGINE.ENDED', by: 'remote', cause: 'Canceled' });
    expect(call.snapshot().context.records).toEqual([{ kind: 'missed', reason: 'Canceled', at: 9_000 }]);
  });

  it('an answer that fails ends the call as missed', () => {
    const call = startCall();
    call.send({ type: 'AGENT.ANSWER' }, { type: 'ENGINE.FAILED', cause: 'User Denied Media Access' });
    expect(call.phase()).toBe('ended');
    expect(call.snapshot().context.records[0]?.kind).toBe('missed');
  });
});

describe('greeting', () => {
  it('N2: greet within 3 s: met when the agent greets in time', () => {
    const call = startCall();
    call.send({ type: 'AGENT.ANSWER' }, { type: 'ENGINE.CONFIRMED' });
    expect(ruleStatus(call.snapshot())).toContainEqual({ rule: 'greetWithin', state: 'running', deadline: 3_000 });
    call.advance(2_000).send({ type: 'AGENT.GREETED' });
    expect(ruleStatus(call.snapshot())).toContainEqual({ rule: 'greetWithin', state: 'met' });
  });

  it('N2: greet within 3 s: breached after 3 s without a greeting', () => {
    const call = startCall();
    call.send({ type: 'AGENT.ANSWER' }, { type: 'ENGINE.CONFIRMED' }).take();
    call.advance(3_000);
    expect(call.take()).toEqual([{ type: 'rule.breached', rule: 'greetWithin' }]);
    expect(ruleStatus(call.snapshot())).toContainEqual({ rule: 'greetWithin', state: 'breached' });
  });
});

describe('outgoing calls (call-backs)', () => {
  it('dials, rings back, connects; no ring or greeting rules apply', () => {
    const call = startCall({ direction: 'outgoing' });
    expect(call.phase()).toBe('dialing');
    call.send({ type: 'ENGINE.PROGRESS' });
    expect(call.matches({ dialing: 'ringback' })).toBe(true);
    call.advance(30_000);
    expect(call.types()).toEqual([]);
    call.send({ type: 'ENGINE.CONFIRMED' }).advance(10_000);
    expect(call.phase()).toBe('talking');
    expect(call.types()).toEqual([]);
    expect(ruleStatus(call.snapshot()).map((r) => r.rule)).not.toContain('greetWithin');
    expect(ruleStatus(call.snapshot()).map((r) => r.rule)).not.toContain('answerWithinRings');
  });

  it('the agent may cancel an outgoing call before it is answered', () => {
    const call = startCall({ direction: 'outgoing' });
    expect(canHangUp(call.snapshot())).toBe(true);
    call.send({ type: 'AGENT.HANGUP' });
    expect(call.take()).toEqual([{ type: 'engine.hangup', reason: 'agent' }, { type: 'record', kind: 'agent-hangup', at: 0 }]);
  });

  it('a busy callee is recorded as failed', () => {
    const call = startCall({ direction: 'outgoing' });
    call.send({ type: 'ENGINE.FAILED', cause: 'Busy', status: 486 });
    expect(call.snapshot().context.records).toEqual([{ kind: 'failed', reason: 'Busy', at: 0 }]);
  });
});
