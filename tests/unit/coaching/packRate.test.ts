// N11 per pack: the speech coach's band is content (the pack's `speakingRate`, with its seed),
// and the low-volume script is what a quiet caller switches to.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHostContent } from '../../../src/node/content.ts';
import { scenarioForEvent } from '../../../src/core/guidance/scenarios.ts';
import { packFileSchema } from '../../../src/core/pack/schema.ts';

const resourcesDir = join(import.meta.dirname, '..', '..', '..', 'resources');

describe('N11: the speaking-rate band comes from the pack', () => {
  it('N11: 120–150 for the telecom and mobile hotlines, 180–220 for the enterprise pack (004), each citing its seed', async () => {
    const content = await loadHostContent({ resourcesDir });
    expect(content.errors).toEqual([]);
    const band = (id: string) => {
      const r = content.packs.get(id)?.speakingRate;
      return r && { min: r.min, max: r.max, seeds: (Array.isArray(r.source) ? r.source : [r.source]).map((s) => s.seed) };
    };
    expect(band('telecom-10000')).toEqual({ min: 120, max: 150, seeds: ['001', '003'] });
    expect(band('mobile-10086')).toMatchObject({ min: 120, max: 150 });
    expect(band('enterprise')).toEqual({ min: 180, max: 220, seeds: ['004', '004'] });
  });

  it('N11: refuses a band whose min is not below its max', async () => {
    const content = await loadHostContent({ resourcesDir });
    const { file: _file, scenarios: _s, resolvedTimings: _t, periodStart: _p, fridayFromMinute: _f, newYearDays: _n, ...pack } = content.packs.get('telecom-10000')!;
    const withBand = (min: number, max: number) => packFileSchema.safeParse({ ...pack, speakingRate: { min, max, source: { seed: '001', heading: 'x' } } });
    expect(withBand(120, 150).success).toBe(true);
    expect(withBand(150, 120).success).toBe(false);
  });

  it('a quiet caller (the coach\'s low-volume event) switches to the speakerphone / low-volume script', async () => {
    const content = await loadHostContent({ resourcesDir });
    for (const id of ['telecom-10000', 'telecom-10000-en']) {
      expect(scenarioForEvent(content.packs.get(id)!, 'low-volume')?.scenario.id).toBe('low-volume');
    }
  });
});
