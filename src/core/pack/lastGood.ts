// Content changed while the app runs (issue 14 §6): a file that now fails to load must not take
// its pack, calendar or directory away from an agent mid-shift. The last good version stays in
// force, and the error says so; a file that was removed (no error about it) is gone for real.
import type { LoadedContent, LoadError } from './load.ts';

const norm = (p: string) => p.replace(/\\/g, '/');
const folderOf = (file: string) => norm(file).replace(/\/[^/]*$/, '');

/** `next`, with the last good version of every pack, calendar or directory that now fails to load. */
export function keepLastGood(previous: LoadedContent | undefined, next: LoadedContent): LoadedContent {
  if (!previous) return next;
  const failing = (inside: (file: string) => boolean) => next.errors.some((e) => inside(norm(e.file)));
  const kept: LoadError[] = [];
  const packs = new Map(next.packs);
  for (const [id, pack] of previous.packs) {
    if (packs.has(id)) continue;
    const folder = `${folderOf(pack.file)}/`;
    if (!failing((f) => f.startsWith(folder))) continue;
    packs.set(id, pack);
    kept.push({ file: pack.file, line: 1, message: `pack "${id}" has errors: the last good version stays in use until they are fixed` });
  }
  const calendars = [...next.calendars];
  for (const calendar of previous.calendars) {
    if (calendars.some((c) => norm(c.file) === norm(calendar.file)) || !failing((f) => f === norm(calendar.file))) continue;
    calendars.push(calendar);
    kept.push({ file: calendar.file, line: 1, message: `calendar ${calendar.region}-${calendar.year} has errors: the last good version stays in use until they are fixed` });
  }
  let directory = next.directory;
  if (!directory && previous.directory && failing((f) => f === norm(previous.directory!.file))) {
    directory = previous.directory;
    kept.push({ file: previous.directory.file, line: 1, message: 'the caller directory has errors: the last good version stays in use until they are fixed' });
  }
  return { packs, calendars, ...(directory ? { directory } : {}), errors: [...next.errors, ...kept] };
}
