// The adapter between a SIP call and the standard's statechart, in fake time: commands reach
// the call, engine events reach the rules, and the view follows.
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from 'xstate';
import { defaultTimings } from '../../core/timings.ts';
import { Emitter } from '../engine/emitter.ts';
import type { Call, CallEvents } from '../engine/call.ts';
import { CallRules, type RulesView } from './callRules.ts';
import type { CallNotice } from '../../core/call/index.ts';

class FakeCall extends Emitter<CallEvents> {
  readonly log: string[] = [];
  constructor(readonly id: string, readonly direction: 'incoming' | 'outgoing' = 'incoming') { super(); }
  readonly remote = { number: '13800138000', displayName: '' };
  readonly headers = {};
  fire<K extends keyof CallEvents>(type: K, payload: CallEvents[K]) { this.emit(type, payload); }
  answer() { this.log.push('answer'); }
  decline(code: number) { this.log.push(`decline ${code}`); }
  hangup(reason?: string) { this.log.push(`hangup ${reason ?? ''}`.trim()); }
  hold() { this.log.push('hold'); }
  unhold() { this.log.push('unhold'); }
  mute() { this.log.push('mute'); }
  unmute() { this.log.push('unmute'); }
  refer(target: string, replaces?: FakeCall, h?: { accepted?: () => void }) { this.log.push(`refer ${target}${replaces ? ' replaces' : ''}`); this.referDone = h?.accepted; }
  referDone: (() => void) | undefined;
}

function setup(direction: 'incoming' | 'outgoing' = 'incoming') {
  const clock = new SimulatedClock();
  const call = new FakeCall('c1', direction);
  const consults: FakeCall[] = [];
  const notices: CallNotice[] = [];
  let view: RulesView | undefined;
  const rules = new CallRules(call as unknown as Call, {
    timings: { ...defaultTimings },
    tier: 'vip',
    overrideAllowed: false,
    clock: { setTimeout: (fn, ms) => clock.setTimeout(fn, ms) as number, clearTimeout: (id) => clock.clearTimeout(id as number), now: () => clock.now() },
    consult: () => { const leg = new FakeCall(`consult${consults.length}`, 'outgoing'); consults.push(leg); return leg as unknown as Call; },
    uriFor: (t) => `sip:${t}@pbx`,
    onNotice: (n) => notices.push(n),
    onChange: (v) => { view = v; },
  });
  const advance = (ms: number) => { for (let left = ms; left > 0; left -= 100) clock.increment(Math.min(100, left)); };
  return { call, rules, consults, notices, view: () => view!, advance };
}

describe('call rules adapter', () => {
  it('answers through the statechart and follows the call up', () => {
    const t = setup();
    t.rules.send({ type: 'AGENT.ANSWER' });
    expect(t.call.log).toEqual(['answer']);
    t.call.fire('confirmed', undefined);
    expect(t.view().phase).toBe('talking');
    expect(t.view().canHangUp).toBe(false);
  });

  it('holds only after consent and the far end accepting, then reminds after 15 s on hold', () => {
    const t = setup();
    t.rules.send({ type: 'AGENT.ANSWER' });
    t.call.fire('confirmed', undefined);
    t.rules.send({ type: 'AGENT.HOLD_REQUEST' });
    expect(t.call.log).not.toContain('hold');
    t.rules.send({ type: 'AGENT.HOLD_CONFIRM' });
    expect(t.call.log).toContain('hold');
    expect(t.view().onHold).toBe(false);
    t.call.fire('holdAccepted', undefined);
    expect(t.view().onHold).toBe(true);
    t.advance(14_900);
    expect(t.notices.some((n) => n.type === 'alert.checkIn')).toBe(false);
    t.advance(200);
    expect(t.notices.filter((n) => n.type === 'alert.checkIn')).toHaveLength(1);
  });

  it('a rejected hold leaves the call not held, with an error', () => {
    const t = setup();
    t.rules.send({ type: 'AGENT.ANSWER' });
    t.call.fire('confirmed', undefined);
    t.rules.send({ type: 'AGENT.HOLD_REQUEST' });
    t.rules.send({ type: 'AGENT.HOLD_CONFIRM' });
    t.call.fire('holdFailed', { reason: 'not-ready' });
    expect(t.view().onHold).toBe(false);
    expect(t.view().error?.kind).toBe('hold-rejected');
  });

  it('keeps Hang up locked until 5 s after Closing, then hangs up', () => {
    const t = setup();
    t.rules.send({ type: 'AGENT.ANSWER' });
    t.call.fire('confirmed', undefined);
    t.rules.send({ type: 'AGENT.CLOSING' });
    t.rules.send({ type: 'AGENT.HANGUP' });
    expect(t.call.log).not.toContain('hangup agent');
    t.advance(4_900);
    expect(t.view().canHangUp).toBe(false);
    t.advance(200);
    expect(t.view().canHangUp).toBe(true);
    t.rules.send({ type: 'AGENT.HANGUP' });
    expect(t.call.log).toContain('hangup agent');
  });

  it('records customer-first when the caller hangs up during the lock', () => {
    const t = setup();
    t.rules.send({ type: 'AGENT.ANSWER' });
    t.call.fire('confirmed', undefined);
    t.rules.send({ type: 'AGENT.CLOSING' });
    t.call.fire('ended', { by: 'remote', cause: 'Terminated' });
    expect(t.view().records.map((r) => r.kind)).toEqual(['customer-first']);
    expect(t.rules.ended).toBe(true);
  });

  it('a far end that fails with a status is a failure, not a hang-up', () => {
    const t = setup('outgoing');
    t.call.fire('ended', { by: 'remote', cause: 'Busy', status: 486 });
    expect(t.view().records.map((r) => r.kind)).toEqual(['failed']);
  });

  it('attended transfer: holds the caller, consults, and REFERs with Replaces; done releases both legs', () => {
    const t = setup();
    t.rules.send({ type: 'AGENT.ANSWER' });
    t.call.fire('confirmed', undefined);
    t.rules.send({ type: 'AGENT.TRANSFER_START' });
    t.rules.send({ type: 'AGENT.CONSULT', target: '1403' });
    expect(t.call.log).toContain('hold');
    expect(t.consults).toHaveLength(0);
    t.call.fire('holdAccepted', undefined);
    expect(t.consults).toHaveLength(1);
    t.consults[0]!.fire('confirmed', undefined);
    expect(t.view().transfer?.leg).toBe('up');
    t.rules.send({ type: 'AGENT.COMPLETE_TRANSFER' });
    expect(t.call.log).toContain('refer sip:1403@pbx replaces');
    t.call.referDone?.();
    expect(t.rules.ended).toBe(true);
    expect(t.call.log).toContain('hangup');
    expect(t.consults[0]!.log).toContain('hangup');
  });

  it('a busy consult target brings the agent back to the caller, off hold', () => {
    const t = setup();
    t.rules.send({ type: 'AGENT.ANSWER' });
    t.call.fire('confirmed', undefined);
    t.rules.send({ type: 'AGENT.TRANSFER_START' });
    t.rules.send({ type: 'AGENT.CONSULT', target: '1405' });
    t.call.fire('holdAccepted', undefined);
    t.consults[0]!.fire('ended', { by: 'remote', cause: 'Busy', status: 486 });
    expect(t.call.log.at(-1)).toBe('unhold');
    t.call.fire('unholdAccepted', undefined);
    expect(t.view().phase).toBe('talking');
    expect(t.view().error?.kind).toBe('transfer-busy');
  });

  it('reports remote silence to the rules once per change', () => {
    const t = setup();
    t.rules.send({ type: 'AGENT.ANSWER' });
    t.call.fire('confirmed', undefined);
    t.rules.remoteAudio(0);
    t.rules.remoteAudio(0.001);
    t.advance(defaultTimings.silenceDetect + 200);
    expect(t.notices.filter((n) => n.type === 'alert.silence')).toHaveLength(1);
  });
});
