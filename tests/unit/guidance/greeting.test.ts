// Greeting selection at every boundary, for every tier of every pack found (the shipped packs
// and the fixture), so a newly transcribed pack is covered without touching this file.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseClosing, chooseGreeting, greetingMissing, greetingNeeds } from '../../../src/core/guidance/greeting.ts';
import type { Occasion } from '../../../src/core/guidance/greeting.ts';
import { instantOfWallTime } from '../../../src/core/guidance/localTime.ts';
import { loadContent } from '../../../src/core/pack/load.ts';
import { TIERS } from '../../../src/core/pack/schema.ts';
import type { Period } from '../../../src/core/pack/schema.ts';
import { allPacks, loadFrom, RESOURCES } from './content.ts';

const packs = await allPacks();
const SH = 'Asia/Shanghai';

/** Wall time in Shanghai → epoch ms. */
const at = (date: string, hhmm: string, tz = SH) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = hhmm.split(':').map(Number) as [number, number];
  return instantOfWallTime(y, m, d, h * 60 + mi, 0, tz);
};
const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

interface Case { what: string; instant: number; tz?: string; period?: Period; occasion: Occasion }

function casesFor(pack: (typeof packs)[number]['pack']): Case[] {
  const s = pack.periodStart;
  const tue = '2025-05-13';
  const edges: Case[] = [
    { what: 'last minute of the night', instant: at(tue, hhmm(s.morning - 1)), period: 'evening', occasion: 'none' },
    { what: 'morning starts', instant: at(tue, hhmm(s.morning)), period: 'morning', occasion: 'none' },
    { what: 'last minute of morning', instant: at(tue, hhmm(s.noon - 1)), period: 'morning', occasion: 'none' },
    { what: 'noon starts', instant: at(tue, hhmm(s.noon)), period: 'noon', occasion: 'none' },
    { what: 'last minute of noon', instant: at(tue, hhmm(s.afternoon - 1)), period: 'noon', occasion: 'none' },
    { what: 'afternoon starts', instant: at(tue, hhmm(s.afternoon)), period: 'afternoon', occasion: 'none' },
    { what: 'last minute of afternoon', instant: at(tue, hhmm(s.evening - 1)), period: 'afternoon', occasion: 'none' },
    { what: 'evening starts', instant: at(tue, hhmm(s.evening)), period: 'evening', occasion: 'none' },
    { what: 'midnight is evening', instant: at(tue, '00:00'), period: 'evening', occasion: 'none' },
  ];
  const friFrom = hhmm(pack.fridayFromMinute);
  return [
    ...edges,
    { what: `Friday ${hhmm(pack.fridayFromMinute - 1)}: not yet weekend`, instant: at('2025-05-16', hhmm(pack.fridayFromMinute - 1)), occasion: 'none' },
    { what: `Friday ${friFrom}: weekend starts`, instant: at('2025-05-16', friFrom), occasion: 'weekend' },
    { what: 'Saturday 23:59: still weekend', instant: at('2025-05-17', '23:59'), occasion: 'weekend' },
    { what: 'Sunday 00:00: weekend wish over', instant: at('2025-05-18', '00:00'), period: 'evening', occasion: 'none' },
    { what: 'Saturday noon', instant: at('2025-05-17', '12:00'), occasion: 'weekend' },
    { what: 'National Day holiday', instant: at('2025-10-03', '10:00'), occasion: 'holiday' },
    { what: 'Labour Day holiday on a Saturday (holiday beats weekend)', instant: at('2025-05-03', '10:00'), occasion: 'holiday' },
    { what: 'adjusted working Saturday (调休) is not weekend', instant: at('2025-02-08', '12:00'), occasion: 'none' },
    { what: 'Friday evening before a working Saturday is not weekend', instant: at('2025-10-10', '19:00'), occasion: 'none' },
    { what: 'New Year\'s Day', instant: at('2025-01-01', '09:00'), occasion: 'newyear' },
    { what: 'Shanghai Friday 18:00 = New York Friday 06:00', instant: at('2025-05-16', '18:00'), tz: 'America/New_York', period: 'morning', occasion: 'none' },
    { what: 'New York Friday 18:00', instant: at('2025-05-16', '18:00', 'America/New_York'), tz: 'America/New_York', period: 'evening', occasion: 'weekend' },
  ];
}

describe.each(packs)('greeting at every boundary (G2, G3), $name', ({ pack, content }) => {
  const texts = { weekend: pack.occasions.weekend.text, holiday: pack.occasions.holiday.text, newyear: pack.occasions.newyear.text };
  for (const c of casesFor(pack)) {
    for (const tier of TIERS) {
      it(`${c.what} (${tier})`, () => {
        const g = chooseGreeting({ tier, instant: c.instant, timeZone: c.tz ?? SH, pack, calendars: content.calendars, agent: { id: '1001' } });
        expect(g.occasion).toBe(c.occasion);
        if (c.period) expect(g.period).toBe(c.period);
        expect(g.tier).toBe(tier);
        expect(g.pack).toBe(pack.id);
        expect(g.lang).toBe(pack.lang);
        expect(g.sources.length).toBeGreaterThan(0);
        expect(g.text).not.toMatch(/[{}[\]]/);
        for (const [occ, text] of Object.entries(texts)) {
          if (occ === c.occasion) expect(g.text).toContain(text);
          else if (!text.includes(texts[c.occasion as keyof typeof texts] ?? '\u0000')) expect(g.text).not.toContain(text);
        }
        const salutation = ((pack.timeOfDaySalutation ? pack.salutations[g.period] : undefined) ?? pack.salutations.default).text;
        if (!(c.occasion !== 'none' && pack.occasions[c.occasion].replacesSalutation)) expect(g.text).toContain(salutation);
      });
    }
  }

  it('takes a Date as well as epoch ms', () => {
    const ms = at('2025-05-16', '18:00');
    const a = chooseGreeting({ tier: 'vip', instant: ms, timeZone: SH, pack, calendars: content.calendars, agent: { id: '7' } });
    const b = chooseGreeting({ tier: 'vip', instant: new Date(ms), timeZone: SH, pack, calendars: content.calendars, agent: { id: '7' } });
    expect(b).toEqual(a);
  });

  it('rejects an unknown time zone and an invalid instant', () => {
    expect(() => chooseGreeting({ tier: 'vip', instant: 0, timeZone: 'Mars/Olympus', pack, calendars: content.calendars, agent: { id: '1' } })).toThrow(RangeError);
    expect(() => chooseGreeting({ tier: 'vip', instant: Number.NaN, timeZone: SH, pack, calendars: content.calendars, agent: { id: '1' } })).toThrow(RangeError);
  });

  for (const tier of TIERS) {
    it(`G4: closing on a Friday wishes a good weekend, other days not (${tier})`, () => {
      const fri = chooseClosing({ tier, instant: at('2025-05-16', '10:00'), timeZone: SH, pack, calendars: content.calendars });
      const thu = chooseClosing({ tier, instant: at('2025-05-15', '10:00'), timeZone: SH, pack, calendars: content.calendars });
      expect(fri.friday).toBe(true);
      expect(thu.friday).toBe(false);
      expect(fri.text).toBe(chooseClosing({ tier, instant: at('2025-05-16', '23:59'), timeZone: SH, pack, calendars: content.calendars }).text);
      expect(fri.text).not.toBe(thu.text);
    });
  }
});

describe('China Mobile 10086: the 首问句 exactly as 002 writes it', async () => {
  const shipped = await loadFrom(RESOURCES);
  const mobile = shipped.packs.get('mobile-10086')!;
  const telecom = shipped.packs.get('telecom-10000')!;
  const greet = (pack: typeof mobile, tier: (typeof TIERS)[number], instant: number, name?: string) =>
    chooseGreeting({ tier, instant, timeZone: SH, pack, calendars: shipped.calendars, agent: { id: '1001', ...(name ? { name } : {}) } }).text;

  it('G1 G5: each tier says 002\'s wording word for word (VIP with the agent\'s name)', () => {
    const tue = at('2025-05-13', '09:00');
    expect(greet(mobile, 'vip', tue, '王芳')).toBe('您好!全球通VIP客户代表王芳为您服务!');
    expect(greet(mobile, 'brand', tue)).toBe('您好!全球通客户代表为您服务!');
    expect(greet(mobile, 'ordinary', tue)).toBe('您好!中国移动,很高兴为您服务!');
  });

  it('G2: 10086 keeps 您好 at every hour; the time of day replacing 您好 is the 10000 pack\'s custom (001)', () => {
    expect(mobile.timeOfDaySalutation).toBe(false);
    expect(telecom.timeOfDaySalutation).toBe(true);
    for (const hhmm of ['06:00', '09:00', '12:00', '15:00', '20:00', '00:30']) {
      expect(greet(mobile, 'ordinary', at('2025-05-13', hhmm))).toBe('您好!中国移动,很高兴为您服务!');
    }
    expect(greet(telecom, 'ordinary', at('2025-05-13', '09:00'))).toMatch(/^早上好!/);
    expect(greet(telecom, 'ordinary', at('2025-05-13', '20:00'))).toMatch(/^晚上好!/);
  });

  it('G3: the weekend and holiday wishes come after 您好, before the opening line (002 备注1)', () => {
    expect(greet(mobile, 'vip', at('2025-05-16', '18:00'), '王芳')).toBe('您好!周末快乐!全球通VIP客户代表王芳为您服务!');
    expect(greet(mobile, 'ordinary', at('2025-05-17', '23:59'))).toBe('您好!周末快乐!中国移动,很高兴为您服务!');
    expect(greet(mobile, 'ordinary', at('2025-10-02', '15:00'))).toBe('您好!节日快乐!中国移动,很高兴为您服务!');
    expect(greet(mobile, 'brand', at('2025-01-01', '09:00'))).toBe('您好!节日快乐!全球通客户代表为您服务!');
  });

  it('G1: a greeting that says the agent\'s name needs one (greetingNeeds); optional [ ] parts need nothing', () => {
    expect(greetingNeeds(mobile)).toEqual(['agentName']);
    expect(greetingNeeds(telecom)).toEqual([]); // [{agentId}号] is optional in 10000's wording
    expect(greetingMissing(mobile, { id: '1001' })).toEqual(['agentName']);
    expect(greetingMissing(mobile, { id: '1001', name: '  ' })).toEqual(['agentName']);
    expect(greetingMissing(mobile, { id: '1001', name: '王芳' })).toEqual([]);
    const needsBoth = { greeting: { text: '{salutation}!{agentId}号{agentName}为您服务', source: { seed: '001', heading: 'x' } } };
    expect(greetingNeeds(needsBoth)).toEqual(['agentId', 'agentName']);
    expect(greetingMissing(needsBoth, { id: '', name: '王芳' })).toEqual(['agentId']);
  });

  it('G2: a pack without time-of-day salutations may not list them (they would never be said)', async () => {
    const dir = join(RESOURCES, 'packs', 'mobile-10086');
    const text = (await readFile(join(dir, 'pack.yaml'), 'utf8'))
      .replace('salutations:\n  default:', 'salutations:\n  morning: { text: 早上好, source: { seed: "001", heading: 问候语 } }\n  default:');
    const { packs, errors } = loadContent({ packs: [{ path: join(dir, 'pack.yaml'), text }], calendars: [] });
    expect(packs.has('mobile-10086')).toBe(false);
    expect(errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/^salutations\.morning: never said, because timeOfDaySalutation is false/));
  });
});
