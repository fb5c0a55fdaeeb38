// Day lookup over the holiday calendars: is a local date a holiday (and which greeting), or an
// adjusted working day (调休上班)? Built once per calendars array and region, then O(1) per call.
import type { Calendar } from '../pack/load.ts';

export type DayKind = { kind: 'holiday' | 'newyear'; name: string } | { kind: 'workday'; name: string };
export type CalendarIndex = ReadonlyMap<string, DayKind>;

const built = new WeakMap<readonly Calendar[], Map<string, CalendarIndex>>();

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
export const dayKey = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function buildIndex(calendars: readonly Calendar[], region: string): CalendarIndex {
  const index = new Map<string, DayKind>();
  for (const cal of calendars) {
    if (cal.region !== region) continue;
    for (const h of cal.holidays) {
      const [y, m, d] = h.from.split('-').map(Number) as [number, number, number];
      for (let t = Date.UTC(y, m - 1, d), i = 0; i < 60; t += 86_400_000, i += 1) {
        const day = new Date(t);
        const key = dayKey(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
        if (key > h.to) break;
        index.set(key, { kind: h.occasion, name: h.name });
      }
    }
    for (const w of cal.workdays) index.set(w.date, { kind: 'workday', name: w.name });
  }
  return index;
}

/** The index for a region; cached per calendars array, so pass the same array each call. */
export function calendarIndex(calendars: readonly Calendar[], region: string): CalendarIndex {
  let byRegion = built.get(calendars);
  if (!byRegion) { byRegion = new Map(); built.set(calendars, byRegion); }
  let index = byRegion.get(region);
  if (!index) { index = buildIndex(calendars, region); byRegion.set(region, index); }
  return index;
}
