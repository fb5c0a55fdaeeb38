// The `soak` subject (issue 14 §3): a shift of 500 consecutive calls in one agent page, no reload
// (tests/harness/soak.ts; the 50-call form runs in `npm test`). Fails the bench when the page keeps
// what it should let go — heap growth after GC ≥ 5 MB, leaked peer connections, growing timers,
// workers, listeners or audio nodes — or rings slower at the end than at the start.
//   npm run bench -- --only soak        (SEATMATE_SOAK_CALLS=N for another length)
import fs from 'node:fs';
import path from 'node:path';
import { ensureWebBuild } from '../../scripts/webBuild.ts';
import { runSoak, soakLines, soakProblems } from '../harness/soak.ts';
import type { BenchEnv, Samples, Subject } from './measure.ts';

const CALLS = 500;
export const SOAK_BUDGETS = { heapMB: 5, ringRatio: 1.5 } as const;

export const soak: Subject = {
  name: 'soak',
  async run(env: BenchEnv): Promise<Samples> {
    await ensureWebBuild();
    const calls = Number(process.env.SEATMATE_SOAK_CALLS ?? CALLS);
    const r = await runSoak({ browser: env.browser, proxy: env.proxy, calls, log: (line) => console.log(line) });
    const problems = soakProblems(r, SOAK_BUDGETS);
    const dir = path.join(import.meta.dirname, '..', '..', 'bench-results', 'reliability');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'soak-bench.json'), `${JSON.stringify({ at: new Date().toISOString(), budgets: SOAK_BUDGETS, problems, ...r }, null, 2)}\n`);
    const notes = [...soakLines(r), ...problems.map((p) => `OVER BUDGET: ${p}`)];
    if (problems.length) {
      for (const n of notes) console.log(`[bench] note, soak: ${n}`);
      throw new Error(`soak: ${problems.join('; ')}`);
    }
    // Ring-to-UI of every call, under the same metric (and budget) as the seatmate subject's.
    return { ring: r.ringToUi, notes };
  },
};
