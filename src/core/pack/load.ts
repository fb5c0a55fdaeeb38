// Load the content bundle (texts read by the host) into validated packs, calendars and the
// caller directory. Pure: the host reads files, this only parses. A pack with any error is left
// out entirely, so the app never runs on half a pack; the errors say where to look.
// Runs in the hosts and the CLI only: the renderer receives the result as data (contentData.ts).
import { resolveTimings } from '../timings.ts';
import type { Timings } from '../timings.ts';
import {
  calendarFileSchema, directoryFileSchema, packFileSchema, PERIODS, scenarioFileSchema,
} from './schema.ts';
import type { CalendarFile, DirectoryFile, PackFile, Period, ScenarioFile } from './schema.ts';
import { loadYamlFile } from './yamlFile.ts';
import type { LineAt, LoadError } from './yamlFile.ts';

export type { LoadError } from './yamlFile.ts';

/** A text file from resources/ (content pack, calendar, directory), as the host read it. */
export interface ContentFile {
  path: string;
  text: string;
}

/** Every content file the host read, before parsing. */
export interface ContentBundle {
  packs: ContentFile[];
  calendars: ContentFile[];
  directory?: ContentFile;
}

/**
 * A scenario title as an agent types it on a Latin keyboard: pinyin initials (tsjl for 投诉处理)
 * and full pinyin. The host builds them (src/node/scenarioSearch.ts) so the pinyin dictionary
 * never reaches the renderer; without them, search matches titles, keywords and ids only.
 */
export interface SearchKeys {
  initials: string;
  full: string;
}

export interface Scenario extends ScenarioFile {
  file: string;
  searchKeys?: SearchKeys;
}

export interface Pack extends PackFile {
  file: string;
  scenarios: Scenario[];
  /** Resolved timings: the standard's defaults with this pack's overrides. */
  resolvedTimings: Timings;
  /** Minutes after midnight each period starts, for fast greeting selection. */
  periodStart: Record<Period, number>;
  fridayFromMinute: number;
  newYearDays: ReadonlySet<string>;
}

export interface Calendar extends CalendarFile {
  file: string;
}

export interface DirectoryEntry {
  tier: DirectoryFile['numbers'][number]['tier'];
  surname?: string;
  title?: string;
}

export interface Directory {
  file: string;
  numbers: ReadonlyMap<string, DirectoryEntry>;
  /** Longest prefix first, so the first match wins. */
  prefixes: ReadonlyArray<{ prefix: string; tier: DirectoryEntry['tier'] }>;
}

export interface LoadedContent {
  packs: Map<string, Pack>;
  calendars: Calendar[];
  directory?: Directory;
  errors: LoadError[];
}

const norm = (p: string) => p.replace(/\\/g, '/');
const dirOf = (p: string) => norm(p).replace(/\/[^/]*$/, '');
const baseOf = (p: string) => norm(p).replace(/^.*\//, '');
const stem = (p: string) => baseOf(p).replace(/\.ya?ml$/i, '');
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function loadContent(bundle: ContentBundle): LoadedContent {
  const errors: LoadError[] = [];
  const packs = loadPacks(bundle.packs, errors);
  const calendars = bundle.calendars.flatMap((f) => loadCalendar(f, errors) ?? []);
  const directory = bundle.directory ? loadDirectory(bundle.directory, errors) : undefined;
  return { packs, calendars, ...(directory ? { directory } : {}), errors };
}

function loadPacks(files: readonly ContentFile[], errors: LoadError[]): Map<string, Pack> {
  const packDirs = new Map<string, ContentFile>();
  const scenarioFiles = new Map<string, ContentFile[]>();
  for (const f of files) {
    if (baseOf(f.path) === 'pack.yaml') packDirs.set(dirOf(f.path), f);
  }
  for (const f of files) {
    if (baseOf(f.path) === 'pack.yaml') continue;
    const dir = dirOf(f.path);
    if (/\.ya?ml$/i.test(f.path) && dir.endsWith('/scenarios') && packDirs.has(dirOf(dir))) {
      scenarioFiles.set(dirOf(dir), [...(scenarioFiles.get(dirOf(dir)) ?? []), f]);
    } else {
      errors.push({ file: f.path, line: 1, message: 'not part of a pack: expected <pack>/pack.yaml or <pack>/scenarios/<id>.yaml' });
    }
  }
  const packs = new Map<string, Pack>();
  const lines = new Map<string, LineAt>();
  for (const [dir, file] of [...packDirs].sort(([a], [b]) => a.localeCompare(b))) {
    const packErrors: LoadError[] = [];
    const pack = loadPack(dir, file, scenarioFiles.get(dir) ?? [], packErrors);
    if (pack && packs.has(pack.id)) {
      packErrors.push({ file: file.path, line: 1, message: `pack id "${pack.id}" is also used by ${packs.get(pack.id)!.file}` });
    }
    if (pack && packErrors.length === 0) {
      packs.set(pack.id, pack.pack);
      lines.set(pack.id, pack.at);
    }
    errors.push(...packErrors);
  }
  // A translation must name a loaded pack, else the language switch would find nothing.
  for (const [id, pack] of packs) {
    if (pack.translationOf !== undefined && !packs.has(pack.translationOf)) {
      errors.push({ file: pack.file, line: lines.get(id)!(['translationOf']), message: `translationOf: no pack "${pack.translationOf}"` });
      packs.delete(id);
    }
  }
  return packs;
}

function loadPack(dir: string, file: ContentFile, scenarioFiles: ContentFile[], errors: LoadError[]): { id: string; pack: Pack; at: LineAt } | undefined {
  const res = loadYamlFile(file.path, file.text, packFileSchema);
  if (!res.ok) {
    errors.push(...res.errors);
  } else if (res.data.id !== baseOf(dir)) {
    errors.push({ file: file.path, line: res.at(['id']), message: `id: "${res.data.id}" must equal the folder name "${baseOf(dir)}"` });
  }
  const scenarios: Scenario[] = [];
  const triggerOwner = new Map<string, string>();
  for (const sf of [...scenarioFiles].sort((a, b) => a.path.localeCompare(b.path))) {
    const s = loadYamlFile(sf.path, sf.text, scenarioFileSchema);
    if (!s.ok) { errors.push(...s.errors); continue; }
    const at = s.at;
    if (s.data.id !== stem(sf.path)) {
      errors.push({ file: sf.path, line: at(['id']), message: `id: "${s.data.id}" must equal the file name "${stem(sf.path)}"` });
    }
    if (res.ok) {
      const known = new Set(res.data.forbidden.map((f) => f.id));
      s.data.forbidden.forEach((id, i) => {
        if (!known.has(id)) errors.push({ file: sf.path, line: at(['forbidden', i]), message: `forbidden: no forbidden phrase "${id}" in pack.yaml` });
      });
    }
    const claims = [
      ...(s.data.triggers?.ivrPaths ?? []).map((p, i) => ({ key: `IVR path ${p}`, path: ['triggers', 'ivrPaths', i] })),
      ...(s.data.triggers?.events ?? []).map((e, i) => ({ key: `event ${e}`, path: ['triggers', 'events', i] })),
    ];
    for (const c of claims) {
      const owner = triggerOwner.get(c.key);
      if (owner) errors.push({ file: sf.path, line: at(c.path), message: `triggers: ${c.key} already triggers scenario "${owner}"` });
      else triggerOwner.set(c.key, s.data.id);
    }
    scenarios.push({ ...s.data, file: sf.path });
  }
  // A salutation that can never be said is a mistake, like an unknown key (002's 首问句 always says 您好).
  if (res.ok && !res.data.timeOfDaySalutation) {
    for (const p of PERIODS) {
      if (res.data.salutations[p]) errors.push({ file: file.path, line: res.at(['salutations', p]), message: `salutations.${p}: never said, because timeOfDaySalutation is false (the greeting always says salutations.default)` });
    }
  }
  if (!res.ok || errors.length > 0) return undefined;

  const data = res.data;
  const { timings, rejected } = resolveTimings(data.timings);
  for (const r of rejected) errors.push({ file: file.path, line: res.at(['timings']), message: `timings: ${r}` });
  const periodStart = Object.fromEntries(PERIODS.map((p) => [p, minutes(data.periods[p])])) as Record<Period, number>;
  return {
    id: data.id,
    at: res.at,
    pack: {
      ...data,
      file: file.path,
      scenarios,
      resolvedTimings: timings,
      periodStart,
      fridayFromMinute: minutes(data.occasions.weekend.fridayFrom),
      newYearDays: new Set(data.occasions.newyear.dates),
    },
  };
}

const CALENDAR_NAME = /^([a-z]{2,8})-(\d{4})\.ya?ml$/;

function loadCalendar(file: ContentFile, errors: LoadError[]): Calendar | undefined {
  const res = loadYamlFile(file.path, file.text, calendarFileSchema);
  if (!res.ok) { errors.push(...res.errors); return undefined; }
  const cal = res.data;
  const own: LoadError[] = [];
  const at = res.at;
  const name = CALENDAR_NAME.exec(baseOf(file.path));
  if (!name) {
    own.push({ file: file.path, line: 1, message: 'calendar file name must be <region>-<year>.yaml, e.g. cn-2025.yaml' });
  } else if (name[1] !== cal.region || Number(name[2]) !== cal.year) {
    own.push({ file: file.path, line: at(['region']), message: `region/year (${cal.region}, ${cal.year}) do not match the file name ${baseOf(file.path)}` });
  }
  cal.holidays.forEach((h, i) => {
    if (!h.from.startsWith(`${cal.year}-`)) own.push({ file: file.path, line: at(['holidays', i, 'from']), message: `holidays.${i}.from: ${h.from} is not in ${cal.year}` });
  });
  cal.workdays.forEach((w, i) => {
    const [y, m, d] = w.date.split('-').map(Number) as [number, number, number];
    const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) {
      own.push({ file: file.path, line: at(['workdays', i, 'date']), message: `workdays.${i}.date: ${w.date} is not a Saturday or Sunday (调休 days are weekend days worked)` });
    }
  });
  errors.push(...own);
  return own.length ? undefined : { ...cal, file: file.path };
}

function loadDirectory(file: ContentFile, errors: LoadError[]): Directory | undefined {
  const res = loadYamlFile(file.path, file.text, directoryFileSchema);
  if (!res.ok) { errors.push(...res.errors); return undefined; }
  const numbers = new Map<string, DirectoryEntry>();
  const own: LoadError[] = [];
  res.data.numbers.forEach((n, i) => {
    if (numbers.has(n.number)) own.push({ file: file.path, line: res.at(['numbers', i, 'number']), message: `numbers.${i}: ${n.number} is listed twice` });
    numbers.set(n.number, {
      tier: n.tier,
      ...(n.surname !== undefined ? { surname: n.surname } : {}),
      ...(n.title !== undefined ? { title: n.title } : {}),
    });
  });
  errors.push(...own);
  if (own.length) return undefined;
  const prefixes = [...res.data.prefixes].sort((a, b) => b.prefix.length - a.prefix.length).map((p) => ({ prefix: p.prefix, tier: p.tier }));
  return { file: file.path, numbers, prefixes };
}
