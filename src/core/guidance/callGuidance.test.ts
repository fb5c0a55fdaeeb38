// Guidance from a call's own facts, with the shipped telecom-10000 pack and calendars: the
// greeting chosen for the moment the agent answered (not when it rang, not later), the closing for
// the moment the agent began it, the tier's wording, and the script from the INVITE or the agent.
// The facts come from a real call actor on a simulated clock (callView of its snapshot), so these
// tests prove which of the call's timestamps decides.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { loadHostContent } from '../../node/content.ts';
import { callMachine } from '../call/callMachine.ts';
import type { CallEvent, CallInput } from '../call/types.ts';
import { callView } from '../call/views.ts';
import type { Tier } from '../config.ts';
import { defaultTimings } from '../timings.ts';
import { guidanceFor, phraseContext, phraseFor, type GuidanceEnv } from './callGuidance.ts';
import { instantOfWallTime } from './localTime.ts';
import { renderTemplate, tierText } from './template.ts';

const SH = 'Asia/Shanghai';
const content = await loadHostContent({ resourcesDir: join(import.meta.dirname, '..', '..', '..', 'resources') });
const pack = content.packs.get('telecom-10000')!;
const env: GuidanceEnv = { pack, calendars: content.calendars, agent: { id: '8023' }, timeZone: SH };

const FRIDAY = '2026-11-27';
const THURSDAY = '2026-11-26';
const TUESDAY = '2026-11-24';

/** Shanghai wall time (minute of day + seconds) → epoch ms. */
function at(date: string, minute: number, second = 0): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return instantOfWallTime(y, m, d, minute, second, SH);
}
const hm = (h: number, m: number) => h * 60 + m;

/** A call actor whose clock starts at `instant`: it rings then. */
function ringAt(instant: number, input: Partial<CallInput> = {}) {
  const clock = new SimulatedClock();
  clock.set(instant);
  const actor = createActor(callMachine, {
    input: {
      timings: defaultTimings, direction: 'incoming', remote: { number: '13800138000' }, tier: 'ordinary',
      now: () => clock.now(), ...input,
    },
    clock,
  }).start();
  const call = {
    clock,
    facts: () => callView(actor.getSnapshot()),
    send(...events: CallEvent[]) { for (const e of events) actor.send(e); return call; },
    /** Let time pass until the wall-clock instant `to`. */
    until(to: number) {
      while (clock.now() < to) clock.increment(Math.min(100, to - clock.now()));
      return call;
    },
    answer() { return call.send({ type: 'AGENT.ANSWER' }, { type: 'ENGINE.CONFIRMED' }, { type: 'AGENT.GREETED' }); },
  };
  return call;
}

const closingText = (tier: Tier, friday: boolean) =>
  renderTemplate(tierText(friday ? pack.replies.fridayClosing : pack.replies.closing, tier), {});

describe('the greeting is chosen for the moment the call was answered (G3)', () => {
  it('G3: a call that rings Friday 17:59:58 and is answered 18:00:05 gets the weekend greeting (周末快乐)', () => {
    const ringsAt = at(FRIDAY, hm(17, 59), 58);
    const call = ringAt(ringsAt);
    expect(guidanceFor(call.facts(), env, call.clock.now()).greeting).toMatchObject({ occasion: 'none', period: 'afternoon' });
    call.until(at(FRIDAY, hm(18, 0), 5)).answer();
    expect(call.facts().answeredAt).toBe(at(FRIDAY, hm(18, 0), 5));
    // Read back at the ringing instant: answeredAt, not `now`, decides.
    const greeting = guidanceFor(call.facts(), env, ringsAt).greeting;
    expect(greeting).toMatchObject({ occasion: 'weekend', period: 'evening', tier: 'ordinary' });
    expect(greeting?.text).toContain('周末快乐');
    expect(greeting?.text).toContain('8023');
  });

  it('G3: answered at 17:59:59 and connected after 18:00, the greeting stays the one for when the agent answered', () => {
    const call = ringAt(at(FRIDAY, hm(17, 59), 50));
    call.until(at(FRIDAY, hm(17, 59), 59)).send({ type: 'AGENT.ANSWER' });
    call.until(at(FRIDAY, hm(18, 0), 2)).send({ type: 'ENGINE.CONFIRMED' });
    const facts = call.facts();
    expect(facts.connectedAt).toBe(at(FRIDAY, hm(18, 0), 2));
    const greeting = guidanceFor(facts, env, at(FRIDAY, hm(18, 30))).greeting;
    expect(greeting).toMatchObject({ occasion: 'none', period: 'afternoon' });
    expect(greeting?.text).not.toContain('周末快乐');
  });

  it('G2: across a period start (the pack\'s noon), the salutation is the one for the answer', () => {
    const noon = pack.periodStart.noon;
    const call = ringAt(at(TUESDAY, noon - 1, 58));
    call.until(at(TUESDAY, noon, 3)).answer();
    const greeting = guidanceFor(call.facts(), env, at(TUESDAY, noon - 1, 58)).greeting;
    expect(greeting).toMatchObject({ period: 'noon', occasion: 'none' });
    expect(greeting?.text.startsWith(pack.salutations.noon!.text)).toBe(true);
  });

  it('G2: while the call rings, the greeting is a preview for now', () => {
    const noon = pack.periodStart.noon;
    const call = ringAt(at(TUESDAY, noon - 1, 58));
    expect(call.facts().answeredAt).toBeUndefined();
    const before = guidanceFor(call.facts(), env, call.clock.now()).greeting;
    expect(before?.period).toBe('morning');
    expect(before?.text.startsWith(pack.salutations.morning!.text)).toBe(true);
    call.until(at(TUESDAY, noon, 1));
    const after = guidanceFor(call.facts(), env, call.clock.now()).greeting;
    expect(after?.period).toBe('noon');
    expect(after?.text.startsWith(pack.salutations.noon!.text)).toBe(true);
  });

  it('G7: a better tier from the CRM changes the greeting of the call', () => {
    const call = ringAt(at(TUESDAY, hm(15, 0)));
    const ordinary = guidanceFor(call.facts(), env, call.clock.now()).greeting;
    call.send({ type: 'CALLER.IDENTIFIED', tier: 'vip', from: 'crm' });
    const vip = guidanceFor(call.facts(), env, call.clock.now()).greeting;
    expect(vip?.tier).toBe('vip');
    expect(vip?.text).not.toBe(ordinary?.text);
  });
});

describe('the closing (G4, C2)', () => {
  it('G4: on a Friday the closing the controls ask for is the pack\'s fridayClosing (周末愉快)', () => {
    const call = ringAt(at(FRIDAY, hm(10, 0))).answer();
    call.until(at(FRIDAY, hm(10, 5))).send({ type: 'AGENT.CLOSING' }, { type: 'AGENT.CLOSING' });
    const text = phraseFor('replies.closing', phraseContext(call.facts(), env, call.clock.now()));
    expect(text).toBe(closingText('ordinary', true));
    expect(text).toContain('周末愉快');
    expect(guidanceFor(call.facts(), env, call.clock.now()).closing).toMatchObject({ friday: true, text });
  });

  it('G4: on a Thursday it is the ordinary closing', () => {
    const call = ringAt(at(THURSDAY, hm(10, 0))).answer();
    call.until(at(THURSDAY, hm(10, 5))).send({ type: 'AGENT.CLOSING' }, { type: 'AGENT.CLOSING' });
    const text = phraseFor('replies.closing', phraseContext(call.facts(), env, call.clock.now()));
    expect(text).toBe(closingText('ordinary', false));
    expect(text).not.toContain('周末愉快');
  });

  it('G4: the closing is the one for when the agent pressed Closing, not for later', () => {
    const thursday = ringAt(at(THURSDAY, hm(23, 50))).answer();
    thursday.until(at(THURSDAY, hm(23, 59), 58)).send({ type: 'AGENT.CLOSING' }, { type: 'AGENT.CLOSING' });
    const friday = at(FRIDAY, hm(0, 0), 3);
    thursday.until(friday);
    expect(thursday.facts().closingAt).toBe(at(THURSDAY, hm(23, 59), 58));
    expect(phraseFor('replies.closing', phraseContext(thursday.facts(), env, friday))).toBe(closingText('ordinary', false));
    expect(guidanceFor(thursday.facts(), env, friday).closing?.friday).toBe(false);

    const lateFriday = ringAt(at(FRIDAY, hm(23, 50))).answer();
    lateFriday.until(at(FRIDAY, hm(23, 59), 58)).send({ type: 'AGENT.CLOSING' }, { type: 'AGENT.CLOSING' });
    const saturday = at('2026-11-28', hm(0, 0), 3);
    lateFriday.until(saturday);
    expect(phraseFor('replies.closing', phraseContext(lateFriday.facts(), env, saturday))).toBe(closingText('ordinary', true));
  });

  it('G4: before Closing is pressed, the closing shown is a preview for now', () => {
    const call = ringAt(at(THURSDAY, hm(23, 59))).answer();
    expect(phraseFor('replies.closing', phraseContext(call.facts(), env, call.clock.now()))).toBe(closingText('ordinary', false));
    expect(phraseFor('replies.closing', phraseContext(call.facts(), env, at(FRIDAY, hm(9, 0))))).toBe(closingText('ordinary', true));
  });

  it('G5/C2: a VIP caller hears the VIP closing, which differs from the ordinary one', () => {
    const vip = ringAt(at(THURSDAY, hm(10, 0)), { tier: 'vip' }).answer().send({ type: 'AGENT.CLOSING' }, { type: 'AGENT.CLOSING' });
    const ordinary = ringAt(at(THURSDAY, hm(10, 0))).answer().send({ type: 'AGENT.CLOSING' }, { type: 'AGENT.CLOSING' });
    const vipText = phraseFor('replies.closing', phraseContext(vip.facts(), env, vip.clock.now()));
    const ordinaryText = phraseFor('replies.closing', phraseContext(ordinary.facts(), env, ordinary.clock.now()));
    expect(vipText).toBe(closingText('vip', false));
    expect(vipText).not.toBe(ordinaryText);
    expect(guidanceFor(vip.facts(), env, vip.clock.now()).greeting?.text).not.toBe(guidanceFor(ordinary.facts(), env, ordinary.clock.now()).greeting?.text);
  });

  it('G5: the other phrases the controls ask for come from the pack in the call\'s tier', () => {
    const call = ringAt(at(THURSDAY, hm(10, 0))).answer();
    const ctx = phraseContext(call.facts(), env, call.clock.now());
    expect(phraseFor('hold.consent', ctx)).toBe(pack.hold.consent.text);
    expect(phraseFor('silent.closing', phraseContext(call.facts(), env, call.clock.now(), 2))).toBe(pack.silentCall.steps[2]!.text);
    expect(phraseFor('hold.consent', { ...ctx, pack: undefined })).toBe('');
  });
});

describe('the script', () => {
  it('G5: the script named by the INVITE\'s X-Scenario, for the reason "header"', () => {
    const call = ringAt(at(TUESDAY, hm(15, 0)), { invite: { scenario: 'complaint' } });
    const guidance = guidanceFor(call.facts(), env, call.clock.now());
    expect(guidance.script?.id).toBe('complaint');
    expect(guidance.scenarioReason).toBe('header');
    expect(guidance.step).toBe(0);
  });

  it('the agent\'s choice overrides the INVITE\'s, and the step stays within the script', () => {
    const call = ringAt(at(TUESDAY, hm(15, 0)), { invite: { scenario: 'complaint' } }).answer();
    call.send({ type: 'AGENT.CHOOSE_SCENARIO', id: 'consultation' });
    let guidance = guidanceFor(call.facts(), env, call.clock.now());
    expect(guidance).toMatchObject({ scenarioReason: 'agent', step: 0 });
    expect(guidance.script?.id).toBe('consultation');
    const of = guidance.script!.steps.length;
    expect(of).toBeGreaterThan(1);

    call.send({ type: 'AGENT.STEP', delta: 1, of });
    expect(guidanceFor(call.facts(), env, call.clock.now()).step).toBe(1);
    call.send({ type: 'AGENT.STEP', delta: 99, of });
    expect(call.facts().step).toBe(of - 1);
    expect(guidanceFor(call.facts(), env, call.clock.now()).step).toBe(of - 1);
    call.send({ type: 'AGENT.STEP', delta: -99, of });
    guidance = guidanceFor(call.facts(), env, call.clock.now());
    expect(guidance.step).toBe(0);
  });

  it('an unknown scenario id gives no script, from the INVITE or from the agent', () => {
    const call = ringAt(at(TUESDAY, hm(15, 0)), { invite: { scenario: 'no-such-thing' } });
    let guidance = guidanceFor(call.facts(), env, call.clock.now());
    expect(guidance.script).toBeUndefined();
    expect(guidance.scenarioReason).toBeUndefined();
    expect(guidance.greeting).toBeDefined();
    call.send({ type: 'AGENT.CHOOSE_SCENARIO', id: 'also-not-there' });
    guidance = guidanceFor(call.facts(), env, call.clock.now());
    expect(guidance.script).toBeUndefined();
    expect(guidance.scenarioReason).toBeUndefined();
  });

  it('no call or no pack: no guidance', () => {
    expect(guidanceFor(undefined, env, 0)).toEqual({ step: 0 });
    const call = ringAt(at(TUESDAY, hm(15, 0)));
    expect(guidanceFor(call.facts(), { ...env, pack: undefined }, call.clock.now())).toEqual({ step: 0 });
  });
});

describe('transfer to us (T5)', () => {
  it('T5: a transferred-in call is greeted with the pack\'s receiving-agent phrase', () => {
    const call = ringAt(at(FRIDAY, hm(19, 0)), { invite: { transferredIn: true } }).answer();
    const greeting = guidanceFor(call.facts(), env, call.clock.now()).greeting;
    expect(greeting?.text).toBe(renderTemplate(pack.transferIn.text, { agentId: '8023' }));
    expect(greeting?.text).toContain('8023号为您服务');
    expect(greeting?.text).not.toContain(pack.hotline);
    expect(greeting?.sources).toEqual([pack.transferIn.source]);
  });
});

describe('G1/G4: script steps that say the greeting or the closing', () => {
  it('G1: a step with ref greeting says the chosen greeting (salutation included), and ref replies.closing the chosen closing', () => {
    const pack = content.packs.get('telecom-10000')!;
    const withGreeting = pack.scenarios.find((sc) => sc.steps.some((st) => st.ref === 'greeting'));
    expect(withGreeting, 'a telecom-10000 scenario greets').toBeDefined();
    const env = { pack, calendars: content.calendars, agent: { id: '8023' }, timeZone: 'Asia/Shanghai' };
    const facts = { id: 'c1', tier: 'vip' as const, invite: { scenario: withGreeting!.id }, step: 0 };
    const g = guidanceFor(facts, env, Date.UTC(2026, 10, 26, 1, 0));
    const step = g.script!.steps.find((st) => st.ref === 'greeting')!;
    expect(step.text).toBe(g.greeting!.text);
    expect(step.text!.startsWith('!')).toBe(false);
    const closing = g.script!.steps.find((st) => st.ref === 'replies.closing');
    if (closing) expect(closing.text).toBe(g.closing!.text);
  });
});
