// One test per rule of SERVICE-STANDARD §1–2, named after the rule, run against every pack.
import { describe, expect, it } from 'vitest';
import { defaultTimings } from '../../../src/core/timings.ts';
import { chooseClosing, chooseGreeting } from '../../../src/core/guidance/greeting.ts';
import { instantOfWallTime } from '../../../src/core/guidance/localTime.ts';
import { resolveTier } from '../../../src/core/guidance/tier.ts';
import { headerToken } from '../../../src/core/untrusted.ts';
import { PHRASE_REFS, TIERS } from '../../../src/core/pack/schema.ts';
import { allPacks, FIXTURE, loadFrom } from './content.ts';
import { phraseFor } from '../../../src/core/guidance/callGuidance.ts';
import { transferConsentKey, type PhraseKey } from '../../../src/core/call/types.ts';
import { phraseByRef } from '../../../src/core/guidance/scenarios.ts';

const packs = await allPacks();
const SH = 'Asia/Shanghai';
const at = (y: number, m: number, d: number, h: number, mi = 0) => instantOfWallTime(y, m, d, h * 60 + mi, 0, SH);
const noTimers = { setTimeout: () => 0, clearTimeout: () => undefined };

describe('SERVICE-STANDARD §1: numbers (defaults, overridable)', () => {
  it('N1: answer within 3 rings of a 5 s ring cycle', () => {
    expect(defaultTimings.answerWithinRings).toBe(3);
    expect(defaultTimings.ringCycle).toBe(5_000);
  });
  it('N2: greet within 2–3 s of the call connecting', () => expect(defaultTimings.greetWithin).toBeLessThanOrEqual(3_000));
  it('N3: hold check-in every 15 s', () => expect(defaultTimings.checkInEvery).toBe(15_000));
  it('N4: offer a call-back past 2 min on hold', () => expect(defaultTimings.holdLimit).toBe(120_000));
  it('N5: call back within 5 min after seeking support', () => expect(defaultTimings.callbackDue).toBe(300_000));
  it('N6: wait 5 s after the closing phrase for the customer to hang up first', () => expect(defaultTimings.hangupWait).toBe(5_000));
  it('N7: harassment: warning 3 s before the system hangs up', () => expect(defaultTimings.harassmentWarning).toBe(3_000));
  it('N8: harassment: longest talk 10 min', () => expect(defaultTimings.chatCallLimit).toBe(600_000));
  it('N9: silent call: 5 s between prompts', () => expect(defaultTimings.silentWait).toBe(5_000));
  it('N10: emergency: progress update every 30 min', () => expect(defaultTimings.emergencyUpdateEvery).toBe(1_800_000));
  it('N12: pause 1–2 s before hanging up', () => {
    expect(defaultTimings.pauseBeforeHangup).toBeGreaterThanOrEqual(1_000);
    expect(defaultTimings.pauseBeforeHangup).toBeLessThanOrEqual(2_000);
  });
  it.each(packs)('N5/H4: a call-back the pack promises in minutes comes due when promised: callbackDue agrees ($name)', ({ pack }) => {
    const promise = /(\d+)\s*分钟内给您回电/.exec(pack.hold.callbackOffer.text);
    if (promise) expect(pack.resolvedTimings.callbackDue).toBe(Number(promise[1]) * 60_000);
  });
  it.each(packs)('N10: an emergency script\'s "every N minutes" agrees with emergencyUpdateEvery ($name)', ({ pack }) => {
    for (const scenario of pack.scenarios.filter((s) => s.emergency)) {
      const every = scenario.steps.map((st) => /每(\d+)分钟/.exec(`${st.title ?? ''}${st.do ?? ''}${st.say ?? ''}`)).find(Boolean);
      expect(every, `${scenario.id} names its update interval`).toBeTruthy();
      expect(pack.resolvedTimings.emergencyUpdateEvery).toBe(Number(every![1]) * 60_000);
    }
  });
  it.each(packs)('a pack may override the numbers, and only with valid timings ($name)', ({ pack }) => {
    for (const [k, v] of Object.entries(pack.timings ?? {})) expect(pack.resolvedTimings[k as keyof typeof defaultTimings]).toBe(v);
  });
});

describe.each(packs)('SERVICE-STANDARD §2: greeting ($name)', ({ pack, content }) => {
  const greet = (tier: (typeof TIERS)[number], instant: number, caller?: { surname: string; title: string }) =>
    chooseGreeting({ tier, instant, timeZone: SH, pack, calendars: content.calendars, agent: { id: '4711' }, ...(caller ? { caller } : {}) });

  it('G1: structure: salutation, hotline or tier name, agent ID or name (where the pack\'s wording has them)', () => {
    for (const tier of TIERS) {
      const g = chooseGreeting({ tier, instant: at(2025, 5, 13, 9), timeZone: SH, pack, calendars: content.calendars, agent: { id: '4711', name: '小王' } });
      expect(g.text.startsWith(pack.salutations.morning?.text ?? pack.salutations.default.text)).toBe(true);
      const template = pack.greeting.tiers?.[tier] ?? pack.greeting.text;
      if (template.includes('{agentId}')) expect(g.text).toContain('4711');
      if (template.includes('{agentName}')) expect(g.text).toContain('小王');
    }
    const ordinary = pack.greeting.tiers?.ordinary ?? pack.greeting.text;
    if (ordinary.includes('{hotline}')) expect(greet('ordinary', at(2025, 5, 13, 9)).text).toContain(pack.hotline);
  });

  it('G2: time of day replaces 您好 where the pack\'s hotline says so (morning, noon, afternoon, evening)', () => {
    const periods = [[9, 'morning'], [12, 'noon'], [15, 'afternoon'], [20, 'evening']] as const;
    for (const [h, period] of periods) {
      const g = greet('ordinary', at(2025, 5, 13, h));
      expect(g.period).toBe(period);
      const s = (pack.timeOfDaySalutation ? pack.salutations[period] : undefined) ?? pack.salutations.default;
      expect(g.text.startsWith(s.text)).toBe(true);
    }
  });

  it('G2: 新年好 at New Year', () => {
    const g = greet('ordinary', at(2025, 1, 1, 10));
    expect(g.occasion).toBe('newyear');
    expect(g.text).toContain(pack.occasions.newyear.text);
  });

  it('G3: weekend window: Friday 18:00 to Saturday 24:00 wishes a happy weekend', () => {
    expect(greet('vip', at(2025, 5, 16, 17, 59)).occasion).toBe('none');
    expect(greet('vip', at(2025, 5, 16, 18)).occasion).toBe('weekend');
    expect(greet('vip', at(2025, 5, 17, 23, 59)).occasion).toBe('weekend');
    expect(greet('vip', at(2025, 5, 18, 0)).occasion).toBe('none');
    expect(greet('vip', at(2025, 5, 16, 18)).text).toContain(pack.occasions.weekend.text);
  });

  it('G3: public holidays wish 节日快乐, placed after the salutation and before the opening line', () => {
    const g = greet('ordinary', at(2025, 10, 2, 15));
    expect(g.occasion).toBe('holiday');
    const s = (pack.salutations.afternoon ?? pack.salutations.default).text;
    expect(g.text.indexOf(s)).toBeLessThan(g.text.indexOf(pack.occasions.holiday.text));
  });

  it('G3: holidays come from the calendar file, not code: without calendars no holiday', () => {
    expect(chooseGreeting({ tier: 'ordinary', instant: at(2025, 10, 2, 15), timeZone: SH, pack, calendars: [], agent: { id: '1' } }).occasion).toBe('none');
  });

  it('G4: on Fridays the closing may wish 周末愉快', () => {
    const fri = chooseClosing({ tier: 'ordinary', instant: at(2025, 5, 16, 10), timeZone: SH, pack, calendars: content.calendars });
    expect(fri.friday).toBe(true);
    expect(fri.text).toBe(pack.replies.fridayClosing.tiers?.ordinary ?? pack.replies.fridayClosing.text.replace('{hotline}', pack.hotline));
  });

  it('G4: on the working day before a holiday the closing wishes 节日快乐 in advance (001: 节日前预祝节日快乐)', () => {
    const eve = pack.replies.holidayEveClosing;
    // 2026-09-30 (Wednesday, a working day) is the eve of 国庆节 (10-01…10-07); 2026-09-24 (Thursday) of 中秋节.
    for (const day of [at(2026, 9, 30, 16), at(2026, 9, 24, 10)]) {
      const c = chooseClosing({ tier: 'ordinary', instant: day, timeZone: SH, pack, calendars: content.calendars });
      if (!eve || content.calendars.length === 0) { expect(c.wish).not.toBe('holiday'); continue; }
      expect(c.wish).toBe('holiday');
      expect(c.text).toBe((eve.tiers?.ordinary ?? eve.text).replace('{hotline}', pack.hotline));
    }
    // The holiday itself, and the day after it, are not its eve.
    for (const day of [at(2026, 10, 1, 10), at(2026, 10, 8, 10)]) {
      expect(chooseClosing({ tier: 'ordinary', instant: day, timeZone: SH, pack, calendars: content.calendars }).wish).not.toBe('holiday');
    }
  });

  it('G5/C2: each tier has its own greeting, thanks, accepted and closing wording (or the shared text)', () => {
    for (const key of ['thanks', 'accepted', 'closing'] as const) {
      for (const tier of TIERS) expect((pack.replies[key].tiers?.[tier] ?? pack.replies[key].text).length).toBeGreaterThan(0);
    }
    // 001: the VIP closing names the 大客户专线, unlike ordinary and brand.
    const close = (tier: (typeof TIERS)[number]) => chooseClosing({ tier, instant: at(2025, 5, 13, 10), timeZone: SH, pack, calendars: content.calendars }).text;
    if (pack.replies.closing.tiers?.vip !== undefined) expect(close('vip')).not.toBe(close('ordinary'));
  });

  it('G6: where the surname is known, the caller is addressed as X先生/X女士; unknown, the address drops out cleanly', () => {
    // Every phrase the controls say that has a place for the caller's name.
    // (The greeting's own address is chosen with it: chooseGreeting, above.)
    const keys = PHRASE_REFS.filter((ref) => ref !== 'greeting' && ref !== 'transferIn').filter((key) => {
      const phrase = phraseByRef(pack, key);
      return [phrase.text, ...Object.values(phrase.tiers ?? {})].some((text) => text?.includes('{surname}'));
    });
    // 001 writes "*先生(小姐)" in its replies: every shipped pack has a place for it somewhere.
    if (pack.lang === 'zh-CN') expect(keys.length).toBeGreaterThan(0);
    const ctx = { pack, calendars: content.calendars, timeZone: SH, agent: { id: '1001', name: '李' }, tier: 'ordinary' as const, instant: at(2025, 5, 13, 10) };
    const title = pack.lang === 'zh-CN' ? '先生' : 'Mr.';
    for (const key of keys) {
      const known = phraseFor(key as PhraseKey, { ...ctx, caller: { surname: '王', title } });
      expect(known, key).toContain(pack.lang === 'zh-CN' ? '王先生' : 'Mr.');
      const unknown = phraseFor(key as PhraseKey, ctx);
      expect(unknown, key).not.toMatch(/[{}[\]]|先生|女士|^[,,、]|[,,]{2}/);
      expect(unknown.length, key).toBeGreaterThan(0);
    }
  });
});

describe('SERVICE-STANDARD §2, G7: the tier comes from the call, the directory or the CRM; unknown means ordinary', async () => {
  const { directory } = await loadFrom(FIXTURE);
  // The engine reduces the header to a tier at the boundary (headerToken); resolveTier takes that.
  const fromHeader = (text: string) => headerToken(text, TIERS);
  it('the INVITE header X-Caller-Tier wins', () => {
    expect(resolveTier({ headerTier: fromHeader('VIP'), number: '13900139000', directory, timers: noTimers }).now).toEqual({ tier: 'vip', from: 'header' });
  });
  it('then the directory IT provides (exact number, then longest prefix)', () => {
    expect(resolveTier({ number: '13800138000', directory, timers: noTimers }).now).toMatchObject({ tier: 'vip', from: 'directory', surname: '王' });
    expect(resolveTier({ number: '08518812345', directory, timers: noTimers }).now).toEqual({ tier: 'vip', from: 'directory' });
    expect(resolveTier({ number: '08510000000', directory, timers: noTimers }).now).toEqual({ tier: 'brand', from: 'directory' });
  });
  it('unknown means ordinary', async () => {
    const r = resolveTier({ headerTier: fromHeader('gold'), number: '10086', directory, timers: noTimers });
    expect(r.now).toEqual({ tier: 'ordinary', from: 'default' });
    expect(await r.late).toBeNull();
  });
});

describe.each(packs.filter((p) => p.where === 'resources'))('SERVICE-STANDARD §4: transfer phrases ($name)', ({ pack, content }) => {
  const ctx = { pack, calendars: content.calendars, timeZone: SH, agent: { id: '8023' }, tier: 'ordinary' as const, instant: 0,
    transfer: { label: 'TARGET-LABEL', number: '1408' }, issue: 'ISSUE' };
  it('T1: the consent phrase names where the caller is going, never a placeholder such as xxxx', () => {
    const text = phraseFor('transfer.consent', ctx);
    expect(text).toContain('TARGET-LABEL');
    expect(text).not.toMatch(/x{2,}|\*/i);
  });
  it('T4: the phrase for each kind of target (group, shift leader, IVR, expert) has no placeholder left', () => {
    for (const kind of ['group', 'shiftLeader', 'ivr', 'expert'] as const) {
      const text = phraseFor(transferConsentKey(kind), ctx);
      expect(text.length).toBeGreaterThan(4);
      if (kind !== 'ivr') expect(text, `${kind}: ${text}`).not.toMatch(/x{2,}|\*/i);
    }
    expect(phraseFor('transfer.group', ctx)).toMatch(/TARGET-LABEL|1408/);
  });
  it('T3: the busy and failed phrases name no placeholder', () => {
    for (const key of ['transfer.busy', 'transfer.failed'] as const) expect(phraseFor(key, ctx)).not.toMatch(/x{2,}|\*/i);
  });
});
