// A shift of calls in one agent page, no reload (issue 14 §3): ring, answer, hold with consent,
// resume, closing, hang-up — with some calls declined, some dropped by the caller while talking and
// some given up while ringing. Measures what the page keeps (heap after GC, peer connections,
// audio nodes, timers, workers, listeners) after a warm-up and at the end, and how fast the phone
// rings (INVITE sent → Incoming call shown) early and late in the shift. Shared by the 50-call
// E2E spec and the 500-call bench (`npm run bench -- --only soak`).
import type { Browser } from 'playwright-core';
import { Bot } from './bot.ts';
import { startAgent } from './agent.ts';
import type { Proxy } from './kamailio.ts';
import { PageProbe, PROBE_SCRIPT, type PageCounts } from './pageProbe.ts';
import { closeAndHangUp, holdWithConsent, idle, press, registered, resume } from './agentFlow.ts';

export type CallKind = 'full' | 'declined' | 'dropped' | 'abandoned';
/** Ten calls: seven complete, two declined by the agent, one dropped by the caller; every fifth cycle one is abandoned while ringing instead. */
const CYCLE: CallKind[] = ['full', 'full', 'declined', 'full', 'dropped', 'full', 'full', 'declined', 'full', 'full'];
export const kindOf = (i: number): CallKind => (i % 50 === 47 ? 'abandoned' : CYCLE[i % CYCLE.length]!);

/** Calls before the baseline is taken: first-use costs (JIT, codec set-up, lazy chunks) are not leaks. */
const WARM_UP = 10;
/** A fresh caller page every so many calls, so the caller's own page stays small. */
const BOT_CALLS = 100;

export interface SoakOptions {
  browser: Browser;
  proxy: Proxy;
  password?: string;
  calls: number;
  agentUser?: string;
  callerUser?: string;
  /** Progress lines (every 50 calls). */
  log?: (line: string) => void;
}

export interface SoakResult {
  calls: number;
  kinds: Record<CallKind, number>;
  /** INVITE sent → Incoming call shown, ms, per call in order. */
  ringToUi: number[];
  /** p50 of the first and the last `edge` calls, and their ratio (last / first). */
  ring: { edge: number; firstP50: number; lastP50: number; ratio: number };
  heap: { baselineMB: number; endMB: number; growthMB: number; samples: Array<{ call: number; mb: number }> };
  baseline: PageCounts;
  end: PageCounts;
  longTasks: { count: number; maxMs: number };
  pageErrors: string[];
  seconds: number;
}

const mb = (bytes: number) => Math.round((bytes / 1_048_576) * 100) / 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const started = Date.now();
  const agentUser = o.agentUser ?? '3601';
  const callerUser = o.callerUser ?? '3602';
  const agent = await startAgent(o.browser, {
    user: agentUser, wsUrl: o.proxy.wsUrl, password: o.password, lang: 'en', initScripts: [PROBE_SCRIPT],
    extra: { timings: { hangupWait: 300, pauseBeforeHangup: 300 } },
  });
  const page = agent.page;
  const consoleLines: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') consoleLines.push(`${m.type()}: ${m.text().slice(0, 200)}`); });
  let bot: Bot | undefined;
  const probe = await PageProbe.attach(page);
  const newBot = async () => {
    await bot?.close();
    bot = await Bot.launch(o.browser, { uri: `sip:${callerUser}@127.0.0.1`, wsUrl: o.proxy.wsUrl, password: o.password, muted: true });
    await bot.register();
    return bot;
  };
  try {
    await registered(page);
    const kinds: Record<CallKind, number> = { full: 0, declined: 0, dropped: 0, abandoned: 0 };
    const ringToUi: number[] = [];
    const samples: Array<{ call: number; mb: number }> = [];
    let baseline: PageCounts | undefined;
    let baselineHeap = 0;
    for (let i = 0; i < o.calls; i++) {
      if (i % BOT_CALLS === 0) await newBot();
      const caller = bot!;
      if (i === WARM_UP) {
        baseline = await probe.counts();
        baselineHeap = await probe.heapAfterGc();
        samples.push({ call: i, mb: mb(baselineHeap) });
      } else if (i > WARM_UP && i % 50 === 0) {
        samples.push({ call: i, mb: mb(await probe.heapAfterGc()) });
      }
      const kind = kindOf(i);
      kinds[kind]++;
      const shown = (await probe.incomingMarks()).length;
      await caller.call(`sip:${agentUser}@127.0.0.1`);
      const sent = await caller.waitFor('sending');
      await page.getByRole('region', { name: 'Incoming call' }).waitFor();
      const marks = await probe.incomingMarks();
      if (marks.length !== shown + 1) throw new Error(`call ${i}: the phone rang ${marks.length - shown} times`);
      ringToUi.push(Math.round((marks.at(-1)! - sent.at) * 10) / 10);
      try {
        await oneCall(kind);
      } catch (error) {
        const shown = await page.locator('body').innerText().catch(() => '(page gone)');
        const heard = (await bot!.events().catch(() => [])).slice(-8).map((e) => e.type).join(', ');
        throw new Error(`call ${i} (${kind}) failed: ${(error as Error).message}\n--- the caller's last events: ${heard}\n--- page console: ${consoleLines.slice(-10).join(' | ')}\n--- the agent page showed ---\n${shown.slice(0, 2_000)}`, { cause: error });
      }
      await idle(page);
      if ((i + 1) % 50 === 0) o.log?.(`[soak] ${i + 1}/${o.calls} calls, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    async function oneCall(kind: CallKind): Promise<void> {
      const caller = bot!;
      switch (kind) {
        case 'declined':
          await press(page.getByRole('button', { name: 'Decline' }));
          await caller.waitFor('failed');
          break;
        case 'abandoned':
          await caller.hangup();
          await caller.waitFor('failed');
          break;
        case 'dropped':
          await press(page.getByRole('button', { name: 'Answer' }));
          await caller.waitFor('confirmed');
          await caller.hangup();
          await caller.waitFor('ended');
          break;
        case 'full':
          await press(page.getByRole('button', { name: 'Answer' }));
          await caller.waitFor('confirmed');
          await holdWithConsent(page);
          await caller.waitFor('reinvite');
          await resume(page);
          await caller.waitFor('reinvite');
          await closeAndHangUp(page);
          await caller.waitFor('ended');
          break;
      }
    }
    // Let the last call's teardown (records written, mic released) finish before measuring.
    await page.waitForTimeout(1_000);
    const end = await probe.counts();
    const endHeap = await probe.heapAfterGc();
    samples.push({ call: o.calls, mb: mb(endHeap) });
    const longTasks = await probe.longTasks();
    const edge = Math.min(50, Math.floor((o.calls - WARM_UP) / 2));
    const first = ringToUi.slice(WARM_UP, WARM_UP + edge);
    const last = ringToUi.slice(-edge);
    const firstP50 = median(first);
    const lastP50 = median(last);
    return {
      calls: o.calls,
      kinds,
      ringToUi,
      ring: { edge, firstP50, lastP50, ratio: Math.round((lastP50 / firstP50) * 100) / 100 },
      heap: { baselineMB: mb(baselineHeap), endMB: mb(endHeap), growthMB: Math.round((mb(endHeap) - mb(baselineHeap)) * 100) / 100, samples },
      baseline: baseline ?? end,
      end,
      longTasks: { count: longTasks.length, maxMs: Math.max(0, ...longTasks.map((t) => t.ms)) },
      pageErrors: agent.pageErrors,
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await probe.detach();
    await bot?.close();
    await agent.close();
  }
}

/** What must not grow over a shift, as sentences; empty when all held. */
export function soakProblems(r: SoakResult, budgets: { heapMB: number; ringRatio: number }): string[] {
  const problems: string[] = [];
  const b = r.baseline;
  const e = r.end;
  if (r.heap.growthMB >= budgets.heapMB) problems.push(`heap grew ${r.heap.growthMB} MB after GC (budget < ${budgets.heapMB} MB)`);
  if (e.peerConnections.open > 0) problems.push(`${e.peerConnections.open} RTCPeerConnection(s) not closed with no call up`);
  if (e.peerConnections.leaked > 0) problems.push(`${e.peerConnections.leaked} RTCPeerConnection(s) closed over 40 s ago still alive after GC (leaked)`);
  if (e.liveTracks > 0) problems.push(`${e.liveTracks} microphone track(s) still live with no call up`);
  const grew = (name: string, from: number, to: number, slack = 0) => { if (to > from + slack) problems.push(`${name} grew: ${from} → ${to}`); };
  grew('audio nodes alive', b.audioNodes.alive, e.audioNodes.alive, 2);
  grew('audio contexts running', b.audioContexts.running, e.audioContexts.running);
  grew('media elements alive', b.mediaElements.alive, e.mediaElements.alive, 1);
  grew('workers running', b.workers.running, e.workers.running);
  // Short timers (SIP transactions linger 32 s after each request) follow the call rate, not the
  // shift's length: only timers longer than that would show a leak.
  grew('long timeouts (> 64 s) pending', b.longTimeouts, e.longTimeouts);
  grew('intervals', b.intervals, e.intervals);
  grew('window listeners', b.listeners.window, e.listeners.window);
  grew('document listeners', b.listeners.document, e.listeners.document);
  if (!(r.ring.ratio <= budgets.ringRatio)) problems.push(`ring-to-UI slowed down: p50 ${r.ring.firstP50} → ${r.ring.lastP50} ms (×${r.ring.ratio}, budget ×${budgets.ringRatio})`);
  if (r.pageErrors.length) problems.push(`page errors: ${r.pageErrors.slice(0, 3).join(' | ')}`);
  return problems;
}

/** One line per figure, for logs and the bench's notes. */
export function soakLines(r: SoakResult): string[] {
  const c = (x: PageCounts) => `PCs alive ${x.peerConnections.alive} (open ${x.peerConnections.open}, leaked ${x.peerConnections.leaked}), audio nodes alive ${x.audioNodes.alive}, contexts running ${x.audioContexts.running}, media elements ${x.mediaElements.alive}, workers ${x.workers.running}, timeouts ${x.pendingTimeouts} (> 64 s: ${x.longTimeouts}), intervals ${x.intervals}, listeners window ${x.listeners.window} / document ${x.listeners.document}, live mic tracks ${x.liveTracks}`;
  return [
    `${r.calls} calls in ${r.seconds} s (${r.kinds.full} full, ${r.kinds.declined} declined, ${r.kinds.dropped} dropped by the caller, ${r.kinds.abandoned} abandoned while ringing), one page, no reload`,
    `heap after GC: ${r.heap.baselineMB} MB after ${WARM_UP} calls → ${r.heap.endMB} MB at the end (growth ${r.heap.growthMB} MB); samples ${r.heap.samples.map((s) => `${s.call}:${s.mb}`).join(' ')}`,
    `ring-to-UI p50: first ${r.ring.edge} calls ${r.ring.firstP50} ms, last ${r.ring.edge} calls ${r.ring.lastP50} ms, ratio ×${r.ring.ratio}`,
    `after warm-up: ${c(r.baseline)}`,
    `at the end:    ${c(r.end)}`,
    `main-thread long tasks: ${r.longTasks.count}, longest ${r.longTasks.maxMs} ms`,
  ];
}
