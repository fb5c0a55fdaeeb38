// Speech coaching (issue 12) on real calls: the agent's microphone is Chromium's fake capture
// playing a labelled WAV (one browser process per file), the customer a JsSIP bot whose fake
// microphone plays another; JsSIP, Kamailio and the web host's real UI in between.
//  - `coaching`: what it costs. The same 30 s call with coaching off and on (twice each,
//    alternating): CPU of every process of the agent's browser (/proc: the page, the audio worklet's
//    thread, the audio service) and the page's main thread (CDP Performance: TaskDuration,
//    ScriptDuration). Budget: ≤ 2 % of one core.
//  - `coaching-accuracy` (only when named; ~9 min): one call per rate, 80–260 characters a minute,
//    Mandarin and English, two levels and line noise, and the 004 pack's band; the table of true vs
//    measured rate (the call's average, as the call actor keeps it, and the gauge), and a scripted
//    two-voice conversation for talk-over precision and recall. Targets: median |error| ≤ 10 %
//    in 100–220; precision and recall ≥ 0.9; no hint on speech inside the band.
import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium, type Browser, type Locator } from 'playwright-core';
import type { AppConfig } from '../../src/core/config.ts';
import { FRAME_MS } from '../../src/core/coaching/envelope.ts';
import { ensureWebBuild } from '../../scripts/webBuild.ts';
import { chromiumLaunchOptions } from '../harness/browser.ts';
import { Bot } from '../harness/bot.ts';
import { startAgent, type Agent } from '../harness/agent.ts';
import {
  conversation, REAL_CALL_SCRIPT, speech, toolsAvailable, type Conversation, type Lang, type Party, type Speech, type TalkOverTruth,
} from '../fixtures/speech/labelledSet.ts';
import { framesOf, median, runCoach, scoreTalkOvers, table } from '../fixtures/speech/evaluate.ts';
import type { BenchEnv, Samples, Subject } from './measure.ts';

// --- the agent's browser, the call, what the page heard ------------------------------------------

/** Logs every envelope batch the worklet posts (a string: tsx's __name helper does not exist in the page). */
const TAP_LOG = `(() => {
  const log = window.coachTapLog = { agent: [], customer: [] };
  const Base = window.AudioWorkletNode;
  if (!Base) return;
  window.AudioWorkletNode = class extends Base {
    constructor(...args) {
      super(...args);
      this.port.addEventListener('message', (e) => {
        for (const v of e.data.agent) log.agent.push(v);
        for (const v of e.data.customer) log.customer.push(v);
      });
    }
  };
})()`;

interface Voiced { browser: Browser; pid: number; close(): Promise<void> }

/** A browser process whose fake microphone plays `file` (Chromium applies it to every page of the process). */
async function voicedBrowser(file: string): Promise<Voiced> {
  const server = await chromium.launchServer(chromiumLaunchOptions([`--use-file-for-fake-audio-capture=${file}`]));
  const browser = await chromium.connect(server.wsEndpoint());
  const pid = server.process().pid;
  if (pid === undefined) throw new Error('no browser pid');
  return { browser, pid, async close() { await browser.close().catch(() => {}); await server.close().catch(() => {}); } };
}

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

const statFields = (stat: string) => stat.slice(stat.lastIndexOf(')') + 2).split(' ');

/** A process and all its descendants, from /proc. */
function processTree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try { parent.set(Number(d), Number(statFields(readFileSync(`/proc/${d}/stat`, 'utf8'))[1])); } catch { /* gone meanwhile */ }
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    if (out.includes(pid)) continue;
    out.push(pid);
    for (const [child, p] of parent) if (p === pid) queue.push(child);
  }
  return out;
}

/**
 * CPU seconds (user + system) of every thread of a browser's processes, by "process-type thread-name"
 * (e.g. "renderer Realtime AudioW" — the AudioWorklet's thread, "renderer chromium" — the page's main thread).
 */
function threadCpuSeconds(root: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of processTree(root)) {
    let kind = 'browser';
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const type = /--type=([a-z-]+)/.exec(cmd)?.[1];
      const sub = /--utility-sub-type=([\w.]+)/.exec(cmd)?.[1]?.split('.').pop();
      if (type) kind = sub ? `${type}:${sub}` : type;
    } catch { continue; }
    let tids: string[];
    try { tids = readdirSync(`/proc/${pid}/task`); } catch { continue; }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = `${kind} ${stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))}`;
        const f = statFields(stat);
        out.set(name, (out.get(name) ?? 0) + (Number(f[11]) + Number(f[12])) / CLK_TCK);
      } catch { /* gone meanwhile */ }
    }
  }
  return out;
}

/** The threads speech coaching runs on or adds work to: the page's main thread, the worklet's, the audio output's. */
const COACHING_THREADS = [/^renderer chromium$/, /^renderer Realtime Audio/, /^renderer AudioOutputDevi/, /^utility:AudioService AudioWorkerThre/];

interface Gauge { rate?: number; mean?: number; talkOvers: number; hint: boolean; band?: [number, number] }

async function readGauge(gauge: Locator): Promise<Gauge | undefined> {
  if (!(await gauge.count())) return undefined;
  const text = (await gauge.textContent()) ?? '';
  const num = (re: RegExp) => { const m = re.exec(text); return m ? Number(m[1]) : undefined; };
  const band = /aim (\d+)–(\d+)/.exec(text);
  return {
    rate: num(/(\d+) chars\/min/), mean: num(/call average (\d+)/), talkOvers: num(/Talk-overs: (\d+)/) ?? 0,
    hint: (await gauge.getByRole('status').count()) > 0,
    ...(band ? { band: [Number(band[1]), Number(band[2])] as [number, number] } : {}),
  };
}

interface CallRun {
  readings: Gauge[];
  last?: Gauge;
  heard: { agent: number[]; customer: number[] };
  cpu?: { wallS: number; processS: number; taskS: number; scriptS: number; threads: Record<string, number> };
}

let nextUser = 3600;

/**
 * One call: the agent's browser speaks `agentFile`, a bot in a second browser speaks `customerFile`
 * (or sends silence), the agent answers in the UI; `seconds` after the caller is confirmed it hangs up.
 */
async function coachedCall(env: BenchEnv, o: {
  agentFile: string; customerFile?: string; seconds: number; extra?: Partial<AppConfig>; readFrom?: number; measureCpu?: boolean;
}): Promise<CallRun> {
  const agentUser = String(nextUser++);
  const botUser = String(nextUser++);
  const voiced = await voicedBrowser(o.agentFile);
  const far = o.customerFile ? await voicedBrowser(o.customerFile) : undefined;
  let agent: Agent | undefined;
  let bot: Bot | undefined;
  try {
    agent = await startAgent(voiced.browser, { user: agentUser, wsUrl: env.proxy.wsUrl, lang: 'en', initScripts: [TAP_LOG], ...(o.extra ? { extra: o.extra } : {}) });
    await agent.page.getByRole('status', { name: 'Registration' }).filter({ hasText: 'Registered' }).waitFor({ timeout: 10_000 });
    bot = await Bot.launch(far?.browser ?? env.browser, { uri: `sip:${botUser}@127.0.0.1`, wsUrl: env.proxy.wsUrl, muted: !o.customerFile });
    await bot.register();
    await bot.call(`sip:${agentUser}@127.0.0.1`);
    await agent.page.getByRole('button', { name: 'Answer' }).click();
    await bot.waitFor('confirmed');
    const gauge = agent.page.getByRole('region', { name: 'Call in progress' }).getByRole('region', { name: 'Speech coaching' });
    const run: CallRun = { readings: [], heard: { agent: [], customer: [] } };
    const cdp = o.measureCpu ? await agent.context.newCDPSession(agent.page) : undefined;
    const metrics = async () => {
      if (!cdp) return { TaskDuration: 0, ScriptDuration: 0 };
      const { metrics: m } = await cdp.send('Performance.getMetrics');
      return Object.fromEntries(m.map((x: { name: string; value: number }) => [x.name, x.value])) as Record<string, number>;
    };
    if (cdp) await cdp.send('Performance.enable');
    await agent.page.waitForTimeout(2_000); // settle: the tap starts, the first batches arrive
    const t0 = { wall: Date.now(), threads: threadCpuSeconds(voiced.pid), page: await metrics() };
    const end = Date.now() + o.seconds * 1_000;
    while (Date.now() < end) {
      await agent.page.waitForTimeout(1_000);
      if (o.measureCpu) continue; // reading the DOM would add to what we measure
      const g = await readGauge(gauge);
      if (g && Date.now() >= t0.wall + (o.readFrom ?? 0) * 1_000) run.readings.push(g);
      if (g) run.last = g;
    }
    if (cdp) {
      const t1 = { wall: Date.now(), threads: threadCpuSeconds(voiced.pid), page: await metrics() };
      const threads = Object.fromEntries([...t1.threads].map(([k, v]) => [k, v - (t0.threads.get(k) ?? 0)]));
      run.cpu = {
        wallS: (t1.wall - t0.wall) / 1_000, processS: Object.values(threads).reduce((a, b) => a + b, 0), threads,
        taskS: (t1.page.TaskDuration ?? 0) - (t0.page.TaskDuration ?? 0), scriptS: (t1.page.ScriptDuration ?? 0) - (t0.page.ScriptDuration ?? 0),
      };
      run.last = await readGauge(gauge);
    }
    run.heard = (await agent.page.evaluate('window.coachTapLog')) as CallRun['heard'];
    await bot.hangup();
    await bot.waitFor('ended').catch(() => undefined);
    return run;
  } finally {
    await bot?.close();
    await agent?.close();
    await far?.close();
    await voiced.close();
  }
}

// --- coaching: the cost ----------------------------------------------------------------------------

const pct = (s: number, wall: number) => (100 * s) / wall;

export const coachingCost: Subject = {
  name: 'coaching',
  async run(env: BenchEnv): Promise<Samples> {
    if (!toolsAvailable()) return { notes: ['espeak-ng or sox missing: not run'], failures: ['espeak-ng and sox are needed'] };
    await ensureWebBuild();
    const agentVoice = speech({ lang: 'zh', cpm: 135 });
    const customerVoice = speech({ lang: 'zh', cpm: 160, voice: 'cmn-latn-pinyin+m3' });
    const seconds = 30;
    const runs: Array<{ on: boolean; cpu: NonNullable<CallRun['cpu']>; gauge?: Gauge }> = [];
    for (const on of [false, true, false, true, false, true]) {
      console.log(`[bench] coaching: ${seconds} s call, coaching ${on ? 'on' : 'off'}…`);
      const r = await coachedCall(env, { agentFile: agentVoice.file, customerFile: customerVoice.file, seconds, extra: { coaching: on }, measureCpu: true });
      runs.push({ on, cpu: r.cpu!, ...(r.last ? { gauge: r.last } : {}) });
    }
    /** Mean over the runs of one mode, as % of one core. */
    const mean = (on: boolean, f: (c: NonNullable<CallRun['cpu']>) => number) => {
      const xs = runs.filter((r) => r.on === on).map((r) => pct(f(r.cpu), r.cpu.wallS));
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    const names = [...new Set(runs.flatMap((r) => Object.keys(r.cpu.threads)))];
    const byThread = names.map((name) => ({ name, off: mean(false, (c) => c.threads[name] ?? 0), on: mean(true, (c) => c.threads[name] ?? 0) }))
      .filter((t) => t.on > 0.2 || t.off > 0.2 || COACHING_THREADS.some((re) => re.test(t.name))).sort((x, y) => (y.on - y.off) - (x.on - x.off));
    const coachingThreads = byThread.filter((t) => COACHING_THREADS.some((re) => re.test(t.name)));
    const cost = coachingThreads.reduce((sum, t) => sum + t.on - t.off, 0);
    const proc = { off: mean(false, (c) => c.processS), on: mean(true, (c) => c.processS) };
    const task = { off: mean(false, (c) => c.taskS), on: mean(true, (c) => c.taskS) };
    const script = { off: mean(false, (c) => c.scriptS), on: mean(true, (c) => c.scriptS) };
    const f2 = (x: number) => x.toFixed(2);
    const rows = [['% of one core', 'coaching off', 'coaching on', 'on − off'],
      ...coachingThreads.map((t) => [`thread: ${t.name}`, f2(t.off), f2(t.on), f2(t.on - t.off)]),
      ['= coaching (the threads above)', '', '', f2(cost)],
      ['page main thread, CDP TaskDuration', f2(task.off), f2(task.on), f2(task.on - task.off)],
      ['page main thread, CDP ScriptDuration', f2(script.off), f2(script.on), f2(script.on - script.off)],
      ['agent browser, every thread (noisy: other load)', f2(proc.off), f2(proc.on), f2(proc.on - proc.off)]];
    console.log(`\n[bench] coaching cost during a ${seconds} s call, both sides speaking (mean of ${runs.length / 2} calls each way):\n${table(rows)}\n`);
    const shown = runs.filter((r) => r.on).map((r) => r.gauge?.rate);
    const failures: string[] = [];
    if (cost > 2) failures.push(`coaching costs ${f2(cost)} % of one core > 2 %`);
    if (shown.some((r) => r === undefined)) failures.push('a coached call showed no rate');
    if (runs.some((r) => !r.on && r.gauge)) failures.push('the gauge showed with coaching off');
    return {
      notes: [
        `cost: ${f2(cost)} % of one core (${coachingThreads.map((t) => `${t.name.replace(/^\S+ /, '')} ${t.on - t.off >= 0 ? '+' : ''}${f2(t.on - t.off)}`).join(', ')}); page main thread CDP TaskDuration ${f2(task.off)} → ${f2(task.on)} % (${f2(task.on / task.off)}×), ScriptDuration ${f2(script.off)} → ${f2(script.on)} %; budget ≤ 2 %`,
        `gauge during the coached calls: ${shown.join(', ')} chars/min (spoken: ${agentVoice.truthCpm.toFixed(0)})`,
      ],
      failures,
      data: { seconds, runs, byThread, cost, proc, task, script },
    };
  },
};

// --- coaching-accuracy: rate and talk-overs through real calls -------------------------------------

interface RateCase { lang: Lang; cpm: number; levelDb?: number; noiseDb?: number; pack?: string }

const RATE_CASES: RateCase[] = [
  ...[80, 100, 120, 135, 150, 170, 200, 220, 240, 260].map((cpm) => ({ lang: 'zh' as const, cpm })),
  { lang: 'zh', cpm: 135, levelDb: -26, noiseDb: -55 },
  { lang: 'zh', cpm: 200, levelDb: -26, noiseDb: -55 },
  { lang: 'en', cpm: 110 }, { lang: 'en', cpm: 160 }, { lang: 'en', cpm: 220 },
  // 004's band (180–220): 200 a minute is in range for the enterprise pack.
  { lang: 'zh', cpm: 205, pack: 'enterprise' },
];

/** Offset k (frames) that best lines `heard[i]` up with `clean[(i + k) mod N]` (the file loops). */
function alignment(heard: readonly number[], clean: readonly number[]): number {
  const norm = (xs: readonly number[]) => {
    const c = xs.map((x) => Math.max(-70, Math.min(0, x)));
    const m = c.reduce((a, b) => a + b, 0) / c.length;
    const sd = Math.sqrt(c.reduce((a, b) => a + (b - m) ** 2, 0) / c.length) || 1;
    return c.map((x) => (x - m) / sd);
  };
  const h = norm(heard);
  const c = norm(clean);
  const n = c.length;
  let best = 0;
  let bestScore = -Infinity;
  for (let k = 0; k < n; k++) {
    let score = 0;
    for (let i = 0; i < h.length; i += 2) score += h[i]! * c[(i + k) % n]!;
    if (score > bestScore) { bestScore = score; best = k; }
  }
  return best;
}

/** The conversation's true overlaps on the heard timeline, both loops placed where they were heard. */
function heardOverlaps(c: Conversation, agentOffset: number, customerOffset: number, heardMs: number): TalkOverTruth[] {
  const period = c.durationMs;
  const place = (segments: Conversation['agentSegments'], offsetFrames: number, by: Party) => {
    const out: Array<{ by: Party; start: number; end: number }> = [];
    for (let n = -1; n <= Math.ceil(heardMs / period) + 1; n++) {
      for (const s of segments) {
        const start = s.startMs - offsetFrames * FRAME_MS + n * period;
        out.push({ by, start, end: start + s.endMs - s.startMs });
      }
    }
    return out;
  };
  const all = [...place(c.agentSegments, agentOffset, 'agent'), ...place(c.customerSegments, customerOffset, 'customer')];
  const overlaps: TalkOverTruth[] = [];
  for (const p of all) {
    if (p.start < 1_000 || p.start > heardMs - 1_500) continue; // whole events inside what was heard
    for (const q of all) {
      if (q.by === p.by || !(q.start < p.start && p.start < q.end)) continue;
      overlaps.push({ by: p.by, atMs: p.start, overlapMs: Math.min(p.end, q.end) - p.start });
    }
  }
  return overlaps;
}

/**
 * F2 through real calls: a scripted two-voice conversation (REAL_CALL_SCRIPT), `calls` times. What
 * the page heard is lined up with the two files (their loops start apart), the true overlaps are
 * computed on that timeline, and the coach's talk-overs (the same core code, on the frames the call
 * actor got) are scored against them.
 */
export async function talkOverAccuracy(env: BenchEnv, calls = 2): Promise<{ lines: string[]; summary: string; failures: string[]; data: unknown[] }> {
  const conv = conversation({ script: REAL_CALL_SCRIPT });
  const lines: string[] = [];
  const data: unknown[] = [];
  const total = { truth: 0, detected: 0, matched: 0 };
  for (let i = 0; i < calls; i++) {
    console.log(`[bench] coaching-accuracy: two voices, ${(conv.durationMs / 1000).toFixed(0)} s conversation (${i + 1}/${calls})…`);
    const run = await coachedCall(env, { agentFile: conv.agent, customerFile: conv.customer, seconds: Math.ceil(conv.durationMs / 1000) + 4 });
    const heardMs = run.heard.agent.length * FRAME_MS;
    const kA = alignment(run.heard.agent, framesOf(conv.agent));
    const kC = alignment(run.heard.customer, framesOf(conv.customer));
    const truth = heardOverlaps(conv, kA, kC, heardMs);
    const { events, figures } = runCoach(run.heard.agent, run.heard.customer);
    const detected = events.flatMap((e) => (e.type === 'talkOver' ? [{ by: e.by, atMs: e.frame * FRAME_MS }] : []));
    // Overlaps within 100 ms of the 300 ms line are left out of the score: the alignment is good to a few frames, not better.
    const ambiguous = truth.filter((t) => t.overlapMs >= 200 && t.overlapMs < 400);
    const clear = truth.filter((t) => !ambiguous.includes(t));
    const scored = detected.filter((d) => !ambiguous.some((t) => t.by === d.by && d.atMs >= t.atMs - 300 && d.atMs <= t.atMs + 1_000));
    const score = scoreTalkOvers(scored, clear);
    total.truth += score.truth; total.detected += score.detected; total.matched += score.matched;
    const real = (by: Party) => clear.filter((t) => t.by === by && t.overlapMs >= 300).length;
    lines.push(`talk-overs, call ${i + 1}: ${(heardMs / 1000).toFixed(0)} s heard, loops ${((kC - kA) * FRAME_MS).toFixed(0)} ms apart; true ${score.truth} (agent ${real('agent')}, customer ${real('customer')})`
      + `, detected ${score.detected}, matched ${score.matched}; the gauge showed ${run.last?.talkOvers ?? 0} by the agent (replay: agent ${figures.talkOvers.agent}, customer ${figures.talkOvers.customer})`
      + `${ambiguous.length ? `; ${ambiguous.length} within 100 ms of the line left out` : ''}`);
    data.push({ loopsApartMs: (kC - kA) * FRAME_MS, truth: clear, ambiguous, detected, score });
  }
  const precision = total.detected ? total.matched / total.detected : 1;
  const recall = total.truth ? total.matched / total.truth : 1;
  const summary = `talk-overs over ${calls} two-voice calls: true ${total.truth}, detected ${total.detected}, matched ${total.matched}: precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)} (target ≥ 0.9)`;
  const failures = precision < 0.9 || recall < 0.9 ? [`talk-over precision ${precision.toFixed(2)} / recall ${recall.toFixed(2)} < 0.9`] : [];
  return { lines, summary, failures, data };
}

export const coachingAccuracy: Subject = {
  name: 'coaching-accuracy',
  optIn: true,
  async run(env: BenchEnv): Promise<Samples> {
    if (!toolsAvailable()) return { notes: ['espeak-ng or sox missing: not run'], failures: ['espeak-ng and sox are needed'] };
    await ensureWebBuild();
    const rows: Array<{ c: RateCase; s: Speech; band: [number, number]; gauge?: number; mean?: number; replay?: number; hint: boolean }> = [];
    for (const c of RATE_CASES) {
      const s = speech({ lang: c.lang, cpm: c.cpm, ...(c.levelDb === undefined ? {} : { levelDb: c.levelDb }), ...(c.noiseDb === undefined ? {} : { noiseDb: c.noiseDb }) });
      console.log(`[bench] coaching-accuracy: ${c.lang} ${s.truthCpm.toFixed(0)} a minute${c.noiseDb === undefined ? '' : ', quiet and noisy'}${c.pack ? `, pack ${c.pack}` : ''}…`);
      const extra: Partial<AppConfig> = c.pack ? { pack: c.pack, agent: { id: '3600', name: '小王' } } : {};
      let run = await coachedCall(env, { agentFile: s.file, seconds: 26, readFrom: 12, extra });
      if (run.heard.agent.length === 0) {
        // Nothing reached the coach (seen once: out/web rebuilt by a concurrent test run while the page loaded).
        console.log('[bench] coaching-accuracy: the tap heard nothing; once more');
        run = await coachedCall(env, { agentFile: s.file, seconds: 26, readFrom: 12, extra });
      }
      const rates = run.readings.flatMap((g) => (g.rate === undefined ? [] : [g.rate]));
      const replay = runCoach(run.heard.agent, run.heard.customer).figures.meanRate;
      rows.push({
        c, s, band: run.last?.band ?? [0, 0],
        ...(rates.length ? { gauge: median(rates) } : {}),
        ...(run.last?.mean === undefined ? {} : { mean: run.last.mean }),
        ...(replay === undefined ? {} : { replay }),
        hint: run.readings.some((g) => g.hint),
      });
    }
    const err = (x: number | undefined, truth: number) => (x === undefined ? Number.NaN : (x - truth) / truth);
    const fmt = (e: number) => (Number.isNaN(e) ? '—' : `${e >= 0 ? '+' : ''}${(e * 100).toFixed(1)} %`);
    const inBand = (r: (typeof rows)[number]) => r.s.truthCpm >= r.band[0] && r.s.truthCpm <= r.band[1];
    const rateTable = table([
      ['lang', 'level', 'band', 'true /min', 'call avg', 'error', 'gauge (median)', 'error', 'hint shown'],
      ...rows.map((r) => [
        r.c.lang, `${r.c.levelDb ?? -6} dB${r.c.noiseDb === undefined ? '' : ` + noise ${r.c.noiseDb}`}`, `${r.band[0]}–${r.band[1]}`,
        r.s.truthCpm.toFixed(0), r.mean ?? '—', fmt(err(r.mean, r.s.truthCpm)), r.gauge ?? '—', fmt(err(r.gauge, r.s.truthCpm)),
        `${r.hint ? 'yes' : 'no'}${inBand(r) ? ' (in band)' : ''}`,
      ]),
    ]);
    const scoped = rows.filter((r) => r.s.truthCpm >= 100 && r.s.truthCpm <= 220);
    const medianErr = median(scoped.map((r) => Math.abs(err(r.mean, r.s.truthCpm))));
    const medianGaugeErr = median(scoped.map((r) => Math.abs(err(r.gauge, r.s.truthCpm))));

    const talk = await talkOverAccuracy(env);

    console.log(`\n[bench] speech coaching accuracy through real calls (JsSIP ↔ Kamailio, fake microphones playing the labelled WAVs):\n${rateTable}\n`);
    console.log(`[bench] median |error| for 100–220 a minute: call average ${(medianErr * 100).toFixed(1)} %, gauge ${(medianGaugeErr * 100).toFixed(1)} % (target ≤ 10 %)`);
    for (const line of talk.lines) console.log(`[bench] ${line}`);
    console.log(`[bench] ${talk.summary}\n`);
    const failures: string[] = [];
    if (!(medianErr <= 0.1)) failures.push(`median |error| of the call average ${(medianErr * 100).toFixed(1)} % > 10 %`);
    failures.push(...talk.failures);
    for (const r of rows.filter((x) => inBand(x) && x.hint)) failures.push(`a rate hint showed for ${r.s.truthCpm.toFixed(0)} a minute, inside ${r.band.join('–')}`);
    return {
      notes: [`median |error| 100–220/min: call average ${(medianErr * 100).toFixed(1)} %, gauge ${(medianGaugeErr * 100).toFixed(1)} %`, talk.summary],
      failures,
      data: {
        rates: rows.map((r) => ({ ...r.c, truth: +r.s.truthCpm.toFixed(1), band: r.band, callAverage: r.mean, gauge: r.gauge, replay: r.replay, hint: r.hint })),
        talkOvers: talk.data,
      },
    };
  },
};

