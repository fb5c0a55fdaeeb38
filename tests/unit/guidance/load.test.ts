// Malformed content gives line-numbered errors and loads nothing half-way; random mutations of a
// valid pack never crash the validator.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { loadContent } from '../../../src/core/pack/load.ts';
import type { ContentFile } from '../../../src/core/pack/load.ts';
import { FIXTURE } from './content.ts';

const DIR = 'packs/demo-10000';
const packText = await readFile(join(FIXTURE, DIR, 'pack.yaml'), 'utf8');
const scenarioText = await readFile(join(FIXTURE, DIR, 'scenarios', 'complaint.yaml'), 'utf8');

const lineOfText = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

function load(pack: string, scenarios: Record<string, string> = { complaint: scenarioText }) {
  const files: ContentFile[] = [
    { path: `${DIR}/pack.yaml`, text: pack },
    ...Object.entries(scenarios).map(([id, text]) => ({ path: `${DIR}/scenarios/${id}.yaml`, text })),
  ];
  return loadContent({ packs: files, calendars: [] });
}

describe('loading a pack', () => {
  it('the fixture pack loads with no errors', () => {
    const r = load(packText);
    expect(r.errors).toEqual([]);
    expect(r.packs.get('demo-10000')?.scenarios.map((s) => s.id)).toEqual(['complaint']);
  });

  it('bad YAML: error at the line of the syntax error, nothing loaded', () => {
    const text = packText.replace('hold:\n', 'hold:\n  consent: [unclosed\n');
    const r = load(text);
    expect(r.packs.size).toBe(0);
    expect(r.errors[0]).toMatchObject({ file: `${DIR}/pack.yaml` });
    expect(r.errors[0]!.message).toMatch(/^YAML:/);
    expect(r.errors[0]!.line).toBeGreaterThanOrEqual(lineOfText(text, 'consent: [unclosed'));
  });

  it('unknown key: error at the key\'s own line', () => {
    const text = packText.replace('  checkIn:', '  chekIn: { text: x, source: { seed: "001", heading: h } }\n  checkIn:');
    const r = load(text);
    expect(r.packs.size).toBe(0);
    expect(r.errors).toContainEqual({ file: `${DIR}/pack.yaml`, line: lineOfText(text, 'chekIn:'), message: 'hold: unknown key "chekIn"' });
  });

  it('missing phrase: error at the section that lacks it', () => {
    const text = packText.replace(/^ {2}checkIn:.*\n/m, '');
    const r = load(text);
    expect(r.packs.size).toBe(0);
    expect(r.errors).toContainEqual({ file: `${DIR}/pack.yaml`, line: lineOfText(text, 'hold:'), message: 'hold.checkIn: missing (required object)' });
  });

  it('wrong type: error at the value\'s line', () => {
    const text = packText.replace('  checkInEvery: 15000', '  checkInEvery: soon');
    const r = load(text);
    expect(r.packs.size).toBe(0);
    expect(r.errors).toContainEqual({ file: `${DIR}/pack.yaml`, line: lineOfText(text, 'checkInEvery: soon'), message: 'timings.checkInEvery: expected number, received string' });
  });

  it('a phrase without its source is an error', () => {
    const text = packText.replace('anythingElse: { text: "请问还有什么可以帮您?", source: { seed: "001", heading: (一)常用服务应答语 } }', 'anythingElse: { text: "请问还有什么可以帮您?" }');
    const r = load(text);
    expect(r.errors).toContainEqual(expect.objectContaining({ line: lineOfText(text, 'anythingElse:'), message: expect.stringContaining('replies.anythingElse.source: missing') }));
  });

  it('an unknown template variable is an error at its line', () => {
    const text = packText.replace('感谢您的耐心等待。', '感谢{name}的耐心等待。');
    const r = load(text);
    expect(r.errors).toContainEqual(expect.objectContaining({ line: lineOfText(text, '{name}'), message: expect.stringContaining('unknown variable {name}') }));
  });

  it('a broken scenario keeps the whole pack out, with the scenario file and line', () => {
    const bad = scenarioText.replace('forbidden: [ask-who]', 'forbidden: [no-such]');
    const r = load(packText, { complaint: bad });
    expect(r.packs.size).toBe(0);
    expect(r.errors).toEqual([{ file: `${DIR}/scenarios/complaint.yaml`, line: lineOfText(bad, 'forbidden:'), message: 'forbidden: no forbidden phrase "no-such" in pack.yaml' }]);
  });

  it('a scenario id must match its file name, and triggers may not be claimed twice', () => {
    const r = load(packText, { complaint: scenarioText, other: scenarioText });
    expect(r.errors.map((e) => e.message)).toEqual(expect.arrayContaining([
      'id: "complaint" must equal the file name "other"',
      'triggers: IVR path 3 already triggers scenario "complaint"',
    ]));
  });

  it('calendars: an adjusted working day must fall on a weekend; names must match the file', () => {
    const text = 'region: cn\nyear: 2025\nsource: s\nholidays: []\nworkdays:\n  - { date: "2025-02-07", name: x }\n';
    const r = loadContent({ packs: [], calendars: [{ path: 'calendars/cn-2026.yaml', text }] });
    expect(r.calendars).toEqual([]);
    expect(r.errors.map((e) => `${e.line}: ${e.message}`)).toEqual([
      '1: region/year (cn, 2025) do not match the file name cn-2026.yaml',
      '6: workdays.0.date: 2025-02-07 is not a Saturday or Sunday (调休 days are weekend days worked)',
    ]);
  });
});

/** Small deterministic PRNG: failures reproduce from the printed seed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

const JUNK: unknown[] = [null, 0, -1, 1e12, '', 'x', '{nope}', '[', true, [], {}, [1, 2], { text: 1 }, '25:00', '01-32'];

describe('validator robustness', () => {
  it('random mutations of a valid pack never crash it and always report a line', () => {
    for (let seed = 1; seed <= 150; seed += 1) {
      const rand = rng(seed);
      const doc = parseDocument(packText);
      // Collect every node path, then mutate a few: delete, replace with junk, rename a key.
      const paths: Array<Array<string | number>> = [];
      const walk = (node: unknown, path: Array<string | number>) => {
        if (isMap(node)) for (const p of node.items) { const k = String((p.key as { value?: unknown })?.value); paths.push([...path, k]); walk(p.value, [...path, k]); }
        else if (isSeq(node)) node.items.forEach((n, i) => { paths.push([...path, i]); walk(n, [...path, i]); });
      };
      walk(doc.contents, []);
      for (let n = 0; n < 1 + Math.floor(rand() * 3); n += 1) {
        const path = paths[Math.floor(rand() * paths.length)]!;
        const op = rand();
        try {
          if (op < 0.4) doc.deleteIn(path);
          else if (op < 0.8) doc.setIn(path, JUNK[Math.floor(rand() * JUNK.length)]);
          else if (typeof path.at(-1) === 'string') {
            const value = doc.getIn(path, true) as YamlNode | undefined;
            doc.deleteIn(path);
            doc.setIn([...path.slice(0, -1), `${String(path.at(-1))}x`], value ?? null);
          }
        } catch { /* a path invalidated by an earlier mutation: skip */ }
      }
      let text = doc.toString();
      if (rand() < 0.2) { const cut = Math.floor(rand() * text.length); text = text.slice(0, cut) + ':\t[' + text.slice(cut); }
      const r = load(text);
      for (const e of r.errors) {
        expect(Number.isInteger(e.line) && e.line >= 1, `seed ${seed}: ${JSON.stringify(e)}`).toBe(true);
        expect(e.message.length).toBeGreaterThan(0);
      }
      if (r.errors.length) expect(r.packs.size, `seed ${seed}`).toBe(0);
    }
  });
});
