// Issue 14 §3, short form: 50 consecutive calls in one agent page, no reload — nothing the page
// holds grows (heap after GC, peer connections, audio nodes, timers, workers, listeners) and the
// phone rings as fast at the end as at the start. The 500-call shift is `npm run bench -- --only soak`.
import { test, expect } from '@playwright/test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../harness/browser.ts';
import { startKamailio, type Proxy } from '../harness/kamailio.ts';
import { runSoak, soakLines, soakProblems } from '../harness/soak.ts';
import { reliabilityLog } from '../harness/reliabilityLog.ts';

const PASSWORD = 'soak-secret';
const CALLS = 50;
const log = reliabilityLog('soak', 'A shift of calls in one page');

let browser: Browser;
let proxy: Proxy;
test.beforeAll(async () => {
  browser = await launchBrowser();
  proxy = await startKamailio({ password: PASSWORD });
});
test.afterAll(async () => {
  await proxy?.stop();
  await browser?.close();
});

test(`${CALLS} calls in one page: no leak, no slowdown`, async () => {
  test.setTimeout(60_000 + CALLS * 4_000);
  const r = await runSoak({ browser, proxy, password: PASSWORD, calls: CALLS });
  const lines = soakLines(r);
  await test.info().attach('soak.txt', { body: lines.join('\n') });
  const problems = soakProblems(r, { heapMB: 5, ringRatio: 2 });
  expect(problems, lines.join('\n')).toEqual([]);
  log.record({
    fault: `${CALLS} calls in a row in one agent page (hold, resume, closing; declined, dropped and abandoned calls among them)`,
    userSaw: 'every call rang once and ended cleanly; no reload',
    lost: 'nothing',
    figures: {
      'heap growth after GC (MB)': r.heap.growthMB,
      'RTCPeerConnections leaked (closed > 40 s, still alive) / open at the end': `${r.end.peerConnections.leaked} / ${r.end.peerConnections.open}`,
      'audio nodes alive (after warm-up → end)': `${r.baseline.audioNodes.alive} → ${r.end.audioNodes.alive}`,
      'long timers + intervals pending (after warm-up → end)': `${r.baseline.longTimeouts + r.baseline.intervals} → ${r.end.longTimeouts + r.end.intervals}`,
      'window + document listeners (after warm-up → end)': `${r.baseline.listeners.window + r.baseline.listeners.document} → ${r.end.listeners.window + r.end.listeners.document}`,
      [`ring-to-UI p50, first ${r.ring.edge} → last ${r.ring.edge} calls (ms)`]: `${r.ring.firstP50} → ${r.ring.lastP50} (×${r.ring.ratio})`,
      'longest main-thread task (ms)': r.longTasks.maxMs,
    },
  });
});
