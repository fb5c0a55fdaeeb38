// The host's content while it runs (issue 14 §6): every load reads the files again, so a fix or an
// update is picked up; a file that breaks keeps its last good version, with the error saying so.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { liveContent } from './liveContent.ts';

const FIXTURE = path.resolve(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'resources');

describe('the content a running host serves', () => {
  it('keeps the last good pack while its file is broken, and picks up the fixed file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatmate-live-'));
    fs.cpSync(FIXTURE, dir, { recursive: true });
    const packFile = path.join(dir, 'packs', 'demo-10000', 'pack.yaml');
    const good = fs.readFileSync(packFile, 'utf8');
    const content = liveContent(() => ({ resourcesDir: dir }));

    const first = await content.load();
    expect(first.errors).toEqual([]);
    const hotline = first.packs.find((p) => p.id === 'demo-10000')?.hotline;

    fs.writeFileSync(packFile, `${good}\nhold: [unclosed\n`);
    const broken = await content.load();
    expect(broken.packs.find((p) => p.id === 'demo-10000')?.hotline).toBe(hotline);
    expect(broken.errors.map((e) => e.message)).toContain('pack "demo-10000" has errors: the last good version stays in use until they are fixed');

    fs.writeFileSync(packFile, good.replace(/^hotline: .*$/m, 'hotline: "Demo line 2"'));
    const fixed = await content.load();
    expect(fixed.errors).toEqual([]);
    expect(fixed.packs.find((p) => p.id === 'demo-10000')?.hotline).toBe('Demo line 2');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers loads one at a time, each on the last', async () => {
    const content = liveContent(() => ({ resourcesDir: FIXTURE }));
    const all = await Promise.all([content.load(), content.load(), content.load()]);
    expect(all.every((c) => c.errors.length === 0 && c.packs.length === all[0]!.packs.length)).toBe(true);
  });
});
