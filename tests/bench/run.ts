// Benchmark entry (run by scripts/bench.mjs inside the private network namespace):
//   tsx tests/bench/run.ts [--calls N] [--only NAME[,NAME]] [--out FILE]
// NAME is a subject (baseline, seatmate, rules-hidden, records, coaching, coaching-accuracy — the
// last only when named), 'guidance' (the pack-loading bench) or 'bundle' (the agent page's initial
// JS against its budget); the last two run in every full run and need neither Kamailio nor a browser.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../harness/browser.ts';
import { startKamailio } from '../harness/kamailio.ts';
import { formatBundle, runBundleBench } from './bundle.ts';
import { runGuidanceBench } from './guidance.bench.ts';
import { budgetFailures, formatTable, toResult, writeResults, type SubjectResult } from './measure.ts';
import { subjects } from './subjects.ts';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '30' },
    only: { type: 'string' },
    out: { type: 'string', default: path.join('bench-results', 'bench.json') },
  },
});
const calls = Number(values.calls);
if (!Number.isInteger(calls) || calls < 1 || calls > 1000) throw new Error(`--calls must be 1..1000, got ${values.calls}`);
const only = values.only?.split(',');
const named = subjects.filter((s) => (only ? only.includes(s.name) : !s.optIn));
// A subject compared with another (rules-hidden's hold vs the baseline) brings it along.
const chosen = subjects.filter((s) => named.includes(s) || named.some((n) => n.requires?.includes(s.name)));
for (const s of chosen) if (!named.includes(s)) console.log(`[bench] also running ${s.name}: ${named.filter((n) => n.requires?.includes(s.name)).map((n) => n.name).join(', ')} is compared with it`);
const withGuidance = !only || only.includes('guidance');
const withBundle = !only || only.includes('bundle');
if (chosen.length === 0 && !withGuidance && !withBundle) throw new Error(`no subject named ${values.only}; have: ${[...subjects.map((s) => s.name), 'guidance', 'bundle'].join(', ')}`);

const guidance = withGuidance ? await runGuidanceBench() : [];
const bundle = withBundle ? await runBundleBench() : undefined;

const browser = chosen.length ? await launchBrowser() : undefined;
const proxy = browser ? await startKamailio().catch(async (err) => {
  await browser.close();
  throw err;
}) : undefined;
const results: SubjectResult[] = [];
try {
  if (browser && proxy) for (const subject of chosen) {
    const started = Date.now();
    console.log(`[bench] ${subject.name}: ${calls} calls per series…`);
    results.push(toResult(subject.name, await subject.run({ browser, proxy, calls })));
    console.log(`[bench] ${subject.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
} finally {
  await proxy?.stop();
  await browser?.close();
}

if (results.length) console.log(`\n${formatTable(results)}\n`);
for (const g of guidance) console.log(`[bench] ${g.name}: ${g.value} ${g.unit} (target < ${g.target} ${g.unit})${g.value < g.target ? '' : '  OVER'}`);
if (bundle) console.log(`[bench] ${formatBundle(bundle)}`);
for (const r of results) for (const note of r.notes ?? []) console.log(`[bench] note, ${r.name}: ${note}`);
writeResults(values.out, results, { calls, guidance, ...(bundle ? { bundle } : {}) });
console.log(`[bench] wrote ${values.out}`);
const failures = [
  ...budgetFailures(results),
  ...results.flatMap((r) => (r.failures ?? []).map((f) => `${r.name}: ${f}`)),
  ...guidance.filter((g) => !(g.value < g.target)).map((g) => `${g.name}: ${g.value} ${g.unit} ≥ target ${g.target} ${g.unit}`),
  ...(bundle && bundle.valueKB > bundle.budgetKB ? [`${bundle.name}: ${bundle.valueKB} KB gzip > budget ${bundle.budgetKB} KB`] : []),
];
for (const f of failures) console.error(`[bench] over budget: ${f}`);
process.exitCode = failures.length ? 1 : 0;
