import { describe, expect, it } from 'vitest';
import { instantOfWallTime, localTime } from './localTime.ts';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

describe('localTime', () => {
  it.each(['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham'])(
    'agrees with Intl across a year of DST transitions in %s (the offset cache is exact)', (tz) => {
      const f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
      for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2026, 0, 1); t += 37 * 60_000 + 11_000) {
        const l = localTime(t, tz);
        const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, x.value]));
        expect([l.year, l.month, l.day, l.minute, WEEKDAYS[l.weekday]]).toEqual([+p.year!, +p.month!, +p.day!, +p.hour! * 60 + +p.minute!, p.weekday]);
      }
    });

  it('instantOfWallTime inverts localTime', () => {
    const t = instantOfWallTime(2025, 5, 16, 18 * 60, 0, 'Asia/Shanghai');
    expect(new Date(t).toISOString()).toBe('2025-05-16T10:00:00.000Z');
    expect(localTime(instantOfWallTime(2025, 7, 4, 9 * 60 + 30, 0, 'America/New_York'), 'America/New_York')).toMatchObject({ month: 7, day: 4, minute: 570 });
  });
});
