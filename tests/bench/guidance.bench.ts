// Guidance performance, called by scripts/bench.mjs: loading and validating every pack must stay
// well under a frame budget at start-up, and choosing a greeting must be negligible at ringing.
import { join } from 'node:path';
import { readContentBundle } from '../../src/node/content.ts';
import { chooseGreeting } from '../../src/core/guidance/greeting.ts';
import { loadContent } from '../../src/core/pack/load.ts';

export interface BenchResult { name: string; value: number; unit: string; target: number }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runGuidanceBench(resourcesDir = join(import.meta.dirname, '..', '..', 'resources')): Promise<BenchResult[]> {
  const bundle = await readContentBundle({ resourcesDir });
  const loads: number[] = [];
  let content = loadContent(bundle); // warm-up: module JIT, zod schema compilation
  for (let i = 0; i < 9; i += 1) {
    const t0 = performance.now();
    content = loadContent(bundle);
    loads.push(performance.now() - t0);
  }
  const pack = content.packs.get('telecom-10000') ?? [...content.packs.values()][0];
  const results: BenchResult[] = [{ name: 'guidance: load+validate all packs', value: +median(loads).toFixed(2), unit: 'ms', target: 50 }];
  if (!pack) return results;

  const base = Date.UTC(2025, 4, 16, 2, 0);
  const input = { tier: 'vip' as const, instant: base, timeZone: 'Asia/Shanghai', pack, calendars: content.calendars, agent: { id: '1001' } };
  let sink = 0;
  for (let i = 0; i < 20_000; i += 1) sink += chooseGreeting({ ...input, instant: base + i * 61_000 }).text.length;
  const N = 100_000;
  const t0 = performance.now();
  for (let i = 0; i < N; i += 1) sink += chooseGreeting({ ...input, instant: base + i * 61_000 }).text.length;
  const perCall = ((performance.now() - t0) * 1000) / N;
  if (sink === 0) throw new Error('greeting bench produced nothing');
  results.push({ name: 'guidance: chooseGreeting per call', value: +perCall.toFixed(2), unit: 'µs', target: 20 });
  return results;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  for (const r of await runGuidanceBench()) console.log(`${r.name}: ${r.value} ${r.unit} (target < ${r.target} ${r.unit})`);
}
