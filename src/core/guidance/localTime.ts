// Wall-clock parts of an instant in an IANA time zone, via Intl (no Date.now: the instant is an
// input). Formatters are expensive to build, so one is cached per zone; and Intl formatting is the
// slow part of a greeting, so the zone's UTC offset is cached per 15-minute slot (every real
// zone changes offset on such a boundary; a slot whose two ends disagree is never cached).
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Minutes after local midnight. */
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone: callers report it as bad input.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** UTC offset (ms) of the zone at an instant, straight from Intl. */
function offsetAt(instant: number, timeZone: string): number {
  let year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  for (const p of formatter(timeZone).formatToParts(instant)) {
    switch (p.type) {
      case 'year': year = Number(p.value); break;
      case 'month': month = Number(p.value); break;
      case 'day': day = Number(p.value); break;
      case 'hour': hour = Number(p.value); break;
      case 'minute': minute = Number(p.value); break;
      case 'second': second = Number(p.value); break;
      default: break;
    }
  }
  return Date.UTC(year, month - 1, day, hour, minute, second) - Math.floor(instant / 1000) * 1000;
}

const SLOT = 15 * 60_000;
const slots = new Map<string, Map<number, number>>();

function cachedOffset(instant: number, timeZone: string): number {
  let zone = slots.get(timeZone);
  if (!zone) { zone = new Map(); slots.set(timeZone, zone); }
  const slot = Math.floor(instant / SLOT);
  const hit = zone.get(slot);
  if (hit !== undefined) return hit;
  const start = offsetAt(slot * SLOT, timeZone);
  if (start !== offsetAt(slot * SLOT + SLOT - 1, timeZone)) return offsetAt(instant, timeZone);
  if (zone.size >= 4096) zone.clear();
  zone.set(slot, start);
  return start;
}

export function localTime(instant: number, timeZone: string): LocalTime {
  if (!Number.isFinite(instant)) throw new RangeError('instant is not a valid time');
  const local = new Date(instant + cachedOffset(instant, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    weekday: local.getUTCDay(),
    minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

/** The calendar date after (y, m, d). */
export function nextDay(y: number, m: number, d: number): [number, number, number] {
  const t = new Date(Date.UTC(y, m - 1, d + 1));
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}

/** Check a zone name without throwing. */
export function isTimeZone(timeZone: string): boolean {
  try { formatter(timeZone); return true; } catch { return false; }
}

/**
 * The instant at which the wall clock in `timeZone` shows the given local time. In a DST gap the
 * result is shifted forward; in an overlap the earlier instant wins.
 */
export function instantOfWallTime(y: number, m: number, d: number, minuteOfDay: number, second: number, timeZone: string): number {
  const wall = Date.UTC(y, m - 1, d, 0, minuteOfDay, second);
  const offsetAt = (t: number) => {
    const l = localTime(t, timeZone);
    return Date.UTC(l.year, l.month - 1, l.day, 0, l.minute) - Math.floor(t / 60_000) * 60_000;
  };
  const first = wall - offsetAt(wall);
  const second2 = wall - offsetAt(first);
  return Math.min(first, second2);
}
