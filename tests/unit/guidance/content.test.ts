// The shipped content: every pack validates, every scenario has steps and sources, the JSON
// Schemas committed for editors match the zod schemas, and scenario selection works.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentJsonSchemas, serializeJsonSchema } from '../../../src/core/pack/jsonSchema.ts';
import { renderScript, scenarioForCall, scenarioForEvent, searchScenarios } from '../../../src/core/guidance/scenarios.ts';
import { TIERS } from '../../../src/core/pack/schema.ts';
import { readContentBundle } from '../../../src/node/content.ts';
import { allPacks, FIXTURE, loadFrom, RESOURCES } from './content.ts';

const packs = await allPacks();

describe('shipped content', () => {
  it('every pack, calendar and the directory under resources/ validates', async () => {
    const bundle = await readContentBundle({ resourcesDir: RESOURCES });
    const r = await loadFrom(RESOURCES);
    expect(r.errors).toEqual([]);
    expect(r.packs.size).toBe(new Set(bundle.packs.filter((f) => f.path.endsWith('/pack.yaml')).map((f) => f.path)).size);
    expect(r.calendars.length).toBe(bundle.calendars.length);
  });

  it('the fixture validates', async () => {
    expect((await loadFrom(FIXTURE)).errors).toEqual([]);
  });

  it.each(Object.keys(contentJsonSchemas()))('resources/%s is up to date (run: npx tsx scripts/export-schema.ts)', async (rel) => {
    const committed = await readFile(join(RESOURCES, rel), 'utf8');
    expect(committed).toBe(serializeJsonSchema(contentJsonSchemas()[rel]));
  });
});

describe.each(packs)('scenarios of $name', ({ pack }) => {
  it('every scenario has steps and sources, and renders for every tier without leftover placeholders', () => {
    for (const s of pack.scenarios) {
      expect(s.steps.length, s.id).toBeGreaterThan(0);
      for (const tier of TIERS) {
        const script = renderScript(pack, s, tier, { agentId: '1001' });
        expect(script.sources.length, s.id).toBeGreaterThan(0);
        for (const step of script.steps) {
          expect(step.sources.length, `${s.id} step ${step.index}`).toBeGreaterThan(0);
          expect(step.text ?? step.do, `${s.id} step ${step.index}`).toBeTruthy();
          expect(step.text ?? '', `${s.id} step ${step.index}`).not.toMatch(/\{[A-Za-z]+\}/);
        }
      }
    }
  });

  it('search finds every scenario by its own title, first', () => {
    for (const s of pack.scenarios) expect(searchScenarios(pack, s.title)[0]?.id).toBe(s.id);
  });
});

describe('scenario selection (fixture)', async () => {
  const pack = (await loadFrom(FIXTURE)).packs.get('demo-10000')!;
  it('X-Scenario header wins over the IVR path', () => {
    expect(scenarioForCall(pack, { scenario: 'callback', ivrPath: '3' })).toMatchObject({ reason: 'header', scenario: { id: 'callback' } });
  });
  it('IVR path: exact, then the longest prefix; unknown header ignored', () => {
    expect(scenarioForCall(pack, { scenario: 'nope', ivrPath: '3' })?.scenario.id).toBe('complaint');
    expect(scenarioForCall(pack, { ivrPath: '317' })?.scenario.id).toBe('complaint');
    expect(scenarioForCall(pack, { ivrPath: '9' })).toBeUndefined();
  });
  it('H4/T3/N9: call events: hold-limit → call-back, transfer-failed → fallback, silence → silent call', () => {
    expect(scenarioForEvent(pack, 'hold-limit')?.scenario.id).toBe('callback');
    expect(scenarioForEvent(pack, 'transfer-failed')?.scenario.id).toBe('transfer-failed');
    expect(scenarioForEvent(pack, 'silence')?.scenario.id).toBe('silent-call');
  });
  it('search by Chinese title, pinyin initials, full pinyin and keyword, ranked', () => {
    expect(searchScenarios(pack, '投诉')[0]?.id).toBe('complaint');
    expect(searchScenarios(pack, 'tscl')[0]?.id).toBe('complaint');
    expect(searchScenarios(pack, 'wusheng')[0]?.id).toBe('silent-call');
    expect(searchScenarios(pack, '单通')[0]?.id).toBe('silent-call');
    expect(searchScenarios(pack, 'zzzz')).toEqual([]);
    expect(searchScenarios(pack, '').length).toBe(pack.scenarios.length);
  });
  it('G5/F1: script steps carry the tier\'s phrase for ref steps, and the forbidden phrases with what to say instead', () => {
    const s = pack.scenarios.find((x) => x.id === 'complaint')!;
    const vip = renderScript(pack, s, 'vip');
    const ordinary = renderScript(pack, s, 'ordinary');
    expect(vip.steps.at(-1)?.text).toBe('感谢您使用大客户专线,再见。');
    expect(ordinary.steps.at(-1)?.text).toBe(`感谢您使用${pack.hotline},再见。`);
    expect(vip.forbidden).toEqual([{ text: '你问我,我问谁?', better: '对不起,这个问题我帮您查询一下,请稍等。' }]);
  });
});
