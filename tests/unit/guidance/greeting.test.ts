// Greeting selection at every boundary, for every tier of every pack found (the shipped packs
// and the fixture), so a newly transcribed pack is covered without touching this file.
import { describe, expect, it } from 'vitest';
import { chooseClosing, chooseGreeting } from '../../../src/core/guidance/greeting.ts';
import type { Occasion } from '../../../src/core/guidance/greeting.ts';
import { instantOfWallTime } from '../../../src/core/guidance/localTime.ts';
import { TIERS } from '../../../src/core/pack/schema.ts';
import type { Period } from '../../../src/core/pack/schema.ts';
import { allPacks } from './content.ts';

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

describe.each(packs)('greeting, $name', ({ pack, content }) => {
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
        const salutation = (pack.salutations[g.period] ?? pack.salutations.default).text;
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
    it(`closing on a Friday wishes a good weekend, other days not (${tier})`, () => {
      const fri = chooseClosing({ tier, instant: at('2025-05-16', '10:00'), timeZone: SH, pack, calendars: content.calendars });
      const thu = chooseClosing({ tier, instant: at('2025-05-15', '10:00'), timeZone: SH, pack, calendars: content.calendars });
      expect(fri.friday).toBe(true);
      expect(thu.friday).toBe(false);
      expect(fri.text).toBe(chooseClosing({ tier, instant: at('2025-05-16', '23:59'), timeZone: SH, pack, calendars: content.calendars }).text);
      expect(fri.text).not.toBe(thu.text);
    });
  }
});
