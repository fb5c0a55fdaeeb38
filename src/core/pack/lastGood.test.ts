import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent, type ContentBundle } from './load.ts';
import { keepLastGood } from './lastGood.ts';

const FIXTURE = join(import.meta.dirname, '..', '..', '..', 'tests', 'fixtures', 'resources');
const read = (rel: string) => readFile(join(FIXTURE, rel), 'utf8');
const good: ContentBundle = {
  packs: [
    { path: 'packs/demo-10000/pack.yaml', text: await read('packs/demo-10000/pack.yaml') },
    { path: 'packs/demo-10000/scenarios/complaint.yaml', text: await read('packs/demo-10000/scenarios/complaint.yaml') },
  ],
  calendars: [{ path: 'calendars/cn-2025.yaml', text: await read('calendars/cn-2025.yaml') }],
  directory: { path: 'directory.yaml', text: await read('directory.yaml') },
};
const first = loadContent(good);

describe('content changed while running: the last good version stays', () => {
  it('loads cleanly to begin with', () => {
    expect(first.errors).toEqual([]);
    expect(first.packs.has('demo-10000')).toBe(true);
    expect(first.calendars).toHaveLength(1);
    expect(first.directory).toBeDefined();
  });

  it('a pack file broken mid-shift: the pack stays, with its error and a note that the old version is in use', () => {
    const broken = loadContent({ ...good, packs: [{ path: 'packs/demo-10000/pack.yaml', text: 'id: [unclosed' }, good.packs[1]!] });
    expect(broken.packs.size).toBe(0);
    const merged = keepLastGood(first, broken);
    expect(merged.packs.get('demo-10000')).toBe(first.packs.get('demo-10000'));
    expect(merged.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^YAML:/),
      'pack "demo-10000" has errors: the last good version stays in use until they are fixed',
    ]);
  });

  it('a broken scenario file counts for its pack too', () => {
    const broken = loadContent({ ...good, packs: [good.packs[0]!, { path: 'packs/demo-10000/scenarios/complaint.yaml', text: 'id: complaint\nsteps: 3' }] });
    expect(keepLastGood(first, broken).packs.has('demo-10000')).toBe(true);
  });

  it('a broken calendar or directory keeps its last good version', () => {
    const broken = loadContent({ ...good, calendars: [{ path: 'calendars/cn-2025.yaml', text: 'region: cn\nyear: banana' }], directory: { path: 'directory.yaml', text: 'numbers: 7' } });
    const merged = keepLastGood(first, broken);
    expect(merged.calendars).toEqual(first.calendars);
    expect(merged.directory).toBe(first.directory);
    expect(merged.errors.filter((e) => /last good version/.test(e.message))).toHaveLength(2);
  });

  it('a file that was removed is gone (no error, nothing kept); a fixed file replaces the old version', () => {
    const removed = loadContent({ packs: [], calendars: [] });
    expect(keepLastGood(first, removed)).toEqual({ packs: new Map(), calendars: [], errors: [] });
    const fixed = loadContent(good);
    expect(keepLastGood(first, fixed).packs.get('demo-10000')).toBe(fixed.packs.get('demo-10000'));
  });

  it('at start there is nothing to keep: a broken pack is left out with its error', () => {
    const broken = loadContent({ ...good, packs: [{ path: 'packs/demo-10000/pack.yaml', text: 'id: [unclosed' }] });
    expect(keepLastGood(undefined, broken).packs.size).toBe(0);
  });
});
