// Hostile content (docs/security.md §4): a pack or directory file written to break the loader —
// an alias bomb, a huge file, nesting deep enough to exhaust a parser — is that file's reported
// error, like any broken pack; the others load, and the host never fails to start.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/core/pack/load.ts';
import { MAX_CONTENT_FILE_BYTES } from '../../../src/core/pack/yamlFile.ts';
import { loadContentData, readContentFile } from '../../../src/node/content.ts';
import { FIXTURE, ROOT } from './content.ts';

const HOSTILE = join(ROOT, 'tests', 'fixtures', 'hostile');
const BOMB_PACK = join(HOSTILE, 'packs', 'alias-bomb');
const BOMB_DIRECTORY = join(HOSTILE, 'directory-alias-bomb.yaml');

/** The fixture resources with the alias-bomb pack beside the good one. */
function resourcesWithBomb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seatmate-hostile-'));
  cpSync(FIXTURE, dir, { recursive: true });
  cpSync(BOMB_PACK, join(dir, 'packs', 'alias-bomb'), { recursive: true });
  return dir;
}

describe('hostile content files', () => {
  it('an alias-bomb pack is reported and skipped; the other packs load', async () => {
    const started = performance.now();
    const data = await loadContentData({ resourcesDir: resourcesWithBomb() });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(data.packs.map((p) => p.id)).toEqual(['demo-10000']);
    expect(data.errors).toHaveLength(1);
    expect(data.errors[0]).toMatchObject({ line: 10 }); // the first alias, in the pack's own file
    expect(data.errors[0]!.file).toMatch(/packs\/alias-bomb\/pack\.yaml$/);
    expect(data.errors[0]!.message).toMatch(/^YAML: aliases expand too far/);
  });

  it('an alias-bomb directory file (IT\'s directoryFile) is reported; the packs still load', async () => {
    const data = await loadContentData({ resourcesDir: FIXTURE, directoryFile: BOMB_DIRECTORY });
    expect(data.packs.map((p) => p.id)).toEqual(['demo-10000']);
    expect(data.directory).toBeUndefined();
    expect(data.errors).toEqual([expect.objectContaining({ file: BOMB_DIRECTORY, message: expect.stringMatching(/alias/) })]);
  });

  it('a bomb the fast parser would expand is caught too: anchors send a file to the capped parser', () => {
    // Valid for the directory schema at every level js-yaml would hand to zod.
    const levels = ['v: &v0 { number: "1", tier: vip }'];
    for (let i = 1; i <= 12; i++) levels.push(`l${i}: &v${i} [${Array(10).fill(`*v${i - 1}`).join(', ')}]`);
    const text = `${levels.join('\n')}\nnumbers: *v12\nprefixes: []\n`;
    const r = loadContent({ packs: [], calendars: [], directory: { path: 'directory.yaml', text } });
    expect(r.directory).toBeUndefined();
    expect(r.errors[0]?.message).toMatch(/alias/);
  });

  it('anchors and a few aliases, within the cap, still load', () => {
    const text = 'numbers:\n  - { number: "95588", tier: &t vip }\n  - { number: "95599", tier: *t }\nprefixes: []\n';
    const r = loadContent({ packs: [], calendars: [], directory: { path: 'directory.yaml', text } });
    expect(r.errors).toEqual([]);
    expect(r.directory?.numbers.get('95599')?.tier).toBe('vip');
  });

  it('a file over 2 MB is refused, read no further than the cap, as that file\'s error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seatmate-large-'));
    cpSync(FIXTURE, dir, { recursive: true });
    const huge = join(dir, 'directory.yaml');
    writeFileSync(huge, `numbers:\n${'  - { number: "13800138000", tier: vip }\n'.repeat(80_000)}prefixes: []\n`);
    expect((await readContentFile(huge)).text.length).toBe(MAX_CONTENT_FILE_BYTES + 1);
    const data = await loadContentData({ resourcesDir: dir });
    expect(data.packs.map((p) => p.id)).toEqual(['demo-10000']);
    expect(data.errors).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/^larger than 2 MB/) })]);
  });

  it('nesting deep enough to exhaust a parser is that file\'s error', () => {
    const text = `numbers: ${'['.repeat(200_000)}${']'.repeat(200_000)}\nprefixes: []\n`;
    const r = loadContent({ packs: [], calendars: [], directory: { path: 'directory.yaml', text } });
    expect(r.directory).toBeUndefined();
    expect(r.errors.length).toBeGreaterThan(0);
  });
});
