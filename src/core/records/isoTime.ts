// An instant as ISO 8601 with the zone's offset (2025-05-16T10:00:00.000+08:00): what the
// records export writes, so a spreadsheet shows the agent's local time and the instant is exact.
import { localTime } from '../guidance/localTime.ts';

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

export function isoWithOffset(instant: number, timeZone: string): string {
  // The rule clock has sub-millisecond precision; ISO 8601 here has milliseconds.
  instant = Math.floor(instant);
  const l = localTime(instant, timeZone);
  const offsetMin = Math.round((Date.UTC(l.year, l.month - 1, l.day, 0, l.minute) - Math.floor(instant / 60_000) * 60_000) / 60_000);
  const within = ((instant % 60_000) + 60_000) % 60_000;
  const sign = offsetMin < 0 ? '-' : '+';
  return `${pad(l.year, 4)}-${pad(l.month)}-${pad(l.day)}T${pad(Math.floor(l.minute / 60))}:${pad(l.minute % 60)}:${pad(Math.floor(within / 1000))}.${pad(within % 1000, 3)}`
    + `${sign}${pad(Math.floor(Math.abs(offsetMin) / 60))}:${pad(Math.abs(offsetMin) % 60)}`;
}

/** The local calendar day of an instant, as YYYY-MM-DD: the scorecard's day buckets. */
export function localDay(instant: number, timeZone: string): string {
  const l = localTime(instant, timeZone);
  return `${pad(l.year, 4)}-${pad(l.month)}-${pad(l.day)}`;
}
