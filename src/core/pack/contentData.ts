// Validated content as plain data: what the host sends the renderer through the bridge
// (`bridge.loadContent()`). The host reads, parses and validates the YAML (load.ts) and builds the
// scenario search keys; the renderer only revives Maps and Sets here. So the page carries no YAML
// parser, no pack schemas and no pinyin dictionary: everything from load.ts is a type import.
import { z } from 'zod';
import { tierSchema } from '../config.ts';
import type { Calendar, Directory, DirectoryEntry, LoadedContent, LoadError, Pack } from './load.ts';

/** A Pack with its Set as an array, so it survives JSON and structured clone alike. */
export type PackData = Omit<Pack, 'newYearDays'> & { newYearDays: string[] };

export interface DirectoryData {
  file: string;
  numbers: Array<[string, DirectoryEntry]>;
  prefixes: Directory['prefixes'];
}

export interface ContentData {
  packs: PackData[];
  calendars: Calendar[];
  directory?: DirectoryData;
  errors: LoadError[];
}

/** Host side: LoadedContent → ContentData. */
export function toContentData(loaded: LoadedContent): ContentData {
  return {
    packs: [...loaded.packs.values()].map((p) => ({ ...p, newYearDays: [...p.newYearDays] })),
    calendars: loaded.calendars,
    ...(loaded.directory ? {
      directory: { file: loaded.directory.file, numbers: [...loaded.directory.numbers], prefixes: [...loaded.directory.prefixes] },
    } : {}),
    errors: loaded.errors,
  };
}

/** Renderer side: ContentData → LoadedContent, the shape the guidance engine works on. */
export function fromContentData(data: ContentData): LoadedContent {
  return {
    packs: new Map(data.packs.map((p) => [p.id, { ...p, newYearDays: new Set(p.newYearDays) }])),
    calendars: data.calendars,
    ...(data.directory ? {
      directory: { file: data.directory.file, numbers: new Map(data.directory.numbers), prefixes: data.directory.prefixes },
    } : {}),
    errors: data.errors,
  };
}

// The door check for the bridges: the host validated every field already, so this checks only
// the frame the renderer relies on (a host answering with another shape fails here, by name,
// instead of deep inside the UI). Unchecked fields pass through as the host sent them.
const loadErrorSchema = z.object({ file: z.string(), line: z.number(), message: z.string() });
const scenarioDataSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  steps: z.array(z.unknown()),
  searchKeys: z.object({ initials: z.string(), full: z.string() }),
});
const packDataSchema = z.looseObject({
  id: z.string(),
  lang: z.string(),
  scenarios: z.array(scenarioDataSchema),
  newYearDays: z.array(z.string()),
  periodStart: z.record(z.string(), z.number()),
  resolvedTimings: z.record(z.string(), z.number()),
});
export const contentDataSchema = z.object({
  packs: z.array(packDataSchema).max(500),
  calendars: z.array(z.looseObject({ region: z.string(), year: z.number(), holidays: z.array(z.unknown()) })).max(200),
  directory: z.object({
    file: z.string(),
    numbers: z.array(z.tuple([z.string(), z.looseObject({ tier: tierSchema })])),
    prefixes: z.array(z.object({ prefix: z.string(), tier: tierSchema })),
  }).optional(),
  errors: z.array(loadErrorSchema).max(10_000),
});

/** Parses a bridge answer; throws a ZodError naming the field when the frame is wrong. */
export function parseContentData(value: unknown): ContentData {
  return contentDataSchema.parse(value) as unknown as ContentData;
}
