// The summary the overlay and the tray follow: the focused call's phase reduced to
// idle/ringing/connected/held/locked/closing/ended, and every text capped to the bridge's limits.
import { describe, expect, it } from 'vitest';
import { callSummarySchema } from '../bridge.ts';
import type { GuidanceView } from '../guidance/callGuidance.ts';
import type { Script } from '../guidance/scenarios.ts';
import { startCall, type CallKit } from './callTestKit.ts';
import { summaryOf } from './summary.ts';
import { callView, type CallView, type PhoneView } from './views.ts';

const NO_GUIDANCE: GuidanceView = { step: 0 };

function phone(calls: { incoming?: CallKit; active?: CallKit } = {}): PhoneView {
  const view = (kit?: CallKit): CallView | undefined => (kit ? callView(kit.snapshot()) : undefined);
  return {
    mode: 'live',
    registration: { state: 'registered' },
    incoming: view(calls.incoming),
    active: view(calls.active),
    tasks: [],
  };
}

const stateOf = (calls: { incoming?: CallKit; active?: CallKit }) => summaryOf(phone(calls), NO_GUIDANCE).call;

describe('the summary\'s call state', () => {
  it('is idle with no call, and carries the registration', () => {
    const summary = summaryOf({ mode: 'live', registration: { state: 'failed', reason: 'auth' }, tasks: [] }, NO_GUIDANCE);
    expect(summary).toEqual({ registration: 'failed', call: 'idle' });
  });

  it('is ringing while a call rings or is being answered', () => {
    const call = startCall();
    expect(stateOf({ incoming: call })).toBe('ringing');
    call.send({ type: 'AGENT.ANSWER' });
    expect(call.phase()).toBe('answering');
    expect(stateOf({ incoming: call })).toBe('ringing');
  });

  it('shows the ringing call before the current one (call waiting)', () => {
    const current = startCall().connect();
    const waiting = startCall({ remote: { number: '13900139000' } });
    const summary = summaryOf(phone({ incoming: waiting, active: current }), NO_GUIDANCE);
    expect(summary).toMatchObject({ call: 'ringing', remote: '13900139000' });
  });

  it('is connected while talking, asking consent, or transferring', () => {
    const call = startCall().connect();
    expect(summaryOf(phone({ active: call }), NO_GUIDANCE)).toEqual({ registration: 'registered', call: 'connected', remote: '13800138000', tier: 'ordinary' });
    call.send({ type: 'AGENT.HOLD_REQUEST' });
    expect(stateOf({ active: call })).toBe('connected');
    call.send({ type: 'AGENT.HOLD_CANCEL' }, { type: 'AGENT.TRANSFER_START' });
    expect(call.phase()).toBe('transfer');
    expect(stateOf({ active: call })).toBe('connected');
  });

  it('H3: is held once the far end accepted the hold', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.HOLD_REQUEST' }, { type: 'AGENT.HOLD_CONFIRM' });
    expect(stateOf({ active: call })).toBe('connected');
    call.send({ type: 'ENGINE.HOLD_ACCEPTED' });
    expect(stateOf({ active: call })).toBe('held');
  });

  it('C3: is locked for 5 s after Closing, then closing (the agent may hang up)', () => {
    const call = startCall().connect();
    call.send({ type: 'AGENT.CLOSING' }, { type: 'AGENT.CLOSING' });
    expect(stateOf({ active: call })).toBe('locked');
    call.advance(4_900);
    expect(stateOf({ active: call })).toBe('locked');
    call.advance(100);
    expect(stateOf({ active: call })).toBe('closing');
  });

  it('is ended for a call that has ended', () => {
    const call = startCall().connect();
    call.send({ type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' });
    expect(stateOf({ active: call })).toBe('ended');
  });

  it('carries the caller\'s tier', () => {
    const call = startCall({ tier: 'vip' }).connect();
    expect(summaryOf(phone({ active: call }), NO_GUIDANCE).tier).toBe('vip');
  });
});

describe('the summary\'s texts', () => {
  const long = (n: number) => '话'.repeat(n);
  const script: Script = {
    id: 'complaint', title: long(100), tier: 'ordinary', tips: [], donts: [], forbidden: [], sources: [], emergency: false,
    steps: [
      { index: 0, title: long(60), text: long(700), sources: [] },
      { index: 1, do: long(600), sources: [] },
    ],
  };
  const guidance: GuidanceView = {
    callId: 'call', step: 0, script,
    greeting: { text: long(800), tier: 'ordinary', period: 'morning', occasion: 'none', pack: 'telecom-10000', lang: 'zh-CN', sources: [] },
  };

  it('caps every text to the bridge schema\'s limits', () => {
    const call = startCall({ remote: { number: '1'.repeat(300) } }).connect();
    const summary = summaryOf(phone({ active: call }), guidance, () => long(900));
    expect(summary.remote).toHaveLength(128);
    expect(summary.greeting).toHaveLength(500);
    expect(summary.scenario).toBe('complaint');
    expect(summary.scenarioTitle).toHaveLength(80);
    expect(summary.step).toEqual({ index: 0, of: 2, title: long(40), text: long(500) });
    expect(summary.sayNow).toHaveLength(500);
    expect(() => callSummarySchema.parse(summary)).not.toThrow();
  });

  it('shows what the agent does when a step has nothing to say, and omits empty texts', () => {
    const call = startCall().connect();
    const summary = summaryOf(phone({ active: call }), { ...guidance, step: 1 }, () => '');
    expect(summary.step).toEqual({ index: 1, of: 2, text: long(500) });
    expect(summary).not.toHaveProperty('sayNow');
    expect(() => callSummarySchema.parse(summary)).not.toThrow();
  });

  it('asks sayNow about the focused call only', () => {
    const seen: string[] = [];
    const call = startCall({ id: 'c7' }).connect();
    summaryOf(phone({ active: call }), NO_GUIDANCE, (c) => { seen.push(c.id); return 'x'; });
    summaryOf(phone(), NO_GUIDANCE, (c) => { seen.push(c.id); return 'x'; });
    expect(seen).toEqual(['c7']);
  });
});
