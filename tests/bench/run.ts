// Benchmark entry (run by scripts/bench.mjs inside the private network namespace):
//   tsx tests/bench/run.ts [--calls N] [--only NAME[,NAME]] [--out FILE]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../harness/browser.ts';
import { startKamailio } from '../harness/kamailio.ts';
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
const chosen = subjects.filter((s) => !only || only.includes(s.name));
if (chosen.length === 0) throw new Error(`no subject named ${values.only}; have: ${subjects.map((s) => s.name).join(', ')}`);

const browser = await launchBrowser();
const proxy = await startKamailio().catch(async (err) => {
  await browser.close();
  throw err;
});
const results: SubjectResult[] = [];
try {
  for (const subject of chosen) {
    const started = Date.now();
    console.log(`[bench] ${subject.name}: ${calls} calls per series…`);
    results.push(toResult(subject.name, await subject.run({ browser, proxy, calls })));
    console.log(`[bench] ${subject.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
} finally {
  await proxy.stop();
  await browser.close();
}

console.log(`\n${formatTable(results)}\n`);
writeResults(values.out, results, { calls });
console.log(`[bench] wrote ${values.out}`);
const failures = budgetFailures(results);
for (const f of failures) console.error(`[bench] over budget: ${f}`);
process.exitCode = failures.length ? 1 : 0;
