// Writes docs/reliability.md from the last run's measurements (issue 14): the reliability specs
// (tests/e2e/reliability-*.spec.ts, in `npm test`) and the long benches (`npm run bench -- --only
// soak` / `--only hidden-long`) leave JSON in bench-results/reliability/; this renders it as the
// table a PBX vendor publishes — each fault injected, what the agent saw, what was lost, recovery
// times. Run after those (scripts/test.mjs and scripts/bench.mjs do), or by hand:
//   npx tsx scripts/reliabilityDoc.ts
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AreaFile, FaultRecord } from '../tests/harness/reliabilityLog.ts';
import type { SoakResult } from '../tests/harness/soak.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.join(ROOT, 'bench-results', 'reliability');
const DOC = path.join(ROOT, 'docs', 'reliability.md');

/** The areas in the issue's order, with the spec or bench that measures each. */
const AREAS: Array<{ area: string; item: string; source: string }> = [
  { area: 'failover', item: '1. Two proxies: failover and failback', source: 'tests/e2e/reliability-failover.spec.ts' },
  { area: 'faults', item: '2. Faults in the middle of a call', source: 'tests/e2e/reliability-faults.spec.ts' },
  { area: 'soak', item: '3. A shift of calls in one page (short form, 50 calls)', source: 'tests/e2e/reliability-soak.spec.ts' },
  { area: 'hostile', item: '4. Hostile peers', source: 'tests/e2e/reliability-hostile.spec.ts' },
  { area: 'files', item: '6–7. Bad files, and kill -9 of the host', source: 'tests/e2e/reliability-files.spec.ts' },
];

const read = <T>(file: string): T | undefined => {
  try { return JSON.parse(fs.readFileSync(path.join(DATA, file), 'utf8')) as T; } catch { return undefined; }
};
/** Table cells: one line, pipes escaped. */
// eslint-disable-next-line no-control-regex
const cell = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '').replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;');
const day = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function faultTable(records: FaultRecord[]): string[] {
  const rows = ['| fault injected | what the agent saw | what was lost | measured | result |', '| --- | --- | --- | --- | --- |'];
  for (const r of records) {
    const figures = Object.entries(r.figures).map(([k, v]) => `${cell(k)}: **${cell(String(v))}**`).join('<br>');
    const result = r.passed ? 'pass' : `**FAIL**: ${r.error ?? ''}`;
    rows.push(`| ${cell(r.fault)} | ${cell(r.userSaw)} | ${cell(r.lost)} | ${figures} | ${cell(result)} |`);
  }
  return rows;
}

interface SoakBench extends SoakResult { at: string; budgets: { heapMB: number; ringRatio: number }; problems: string[] }
interface HiddenLong {
  at: string;
  hiddenMs: number;
  intensiveAfterMs: number;
  samples: { checkInError?: number[]; lockError?: number[]; checkInErrorMain?: number[]; lockErrorMain?: number[] };
  takenAt: Record<'checkIn' | 'lock', number[]>;
}

/** Nearest-rank p95 of |x| (an observed value). */
function p95abs(xs: number[]): number {
  const sorted = xs.map(Math.abs).sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)] ?? Number.NaN;
}

function soakSection(s: SoakBench | undefined): string[] {
  const out = ['## 3. A shift of calls in one page (long form)', '', 'Source: `npm run bench -- --only soak` (tests/bench/soak.ts, tests/harness/soak.ts).', ''];
  if (!s) return [...out, '_Not run yet on this machine._', ''];
  const c = (x: SoakResult['end']) => `PCs ${x.peerConnections.alive} alive / ${x.peerConnections.open} open / ${x.peerConnections.leaked} leaked; audio nodes ${x.audioNodes.alive}; audio contexts ${x.audioContexts.running}; workers ${x.workers.running}; long timers ${x.longTimeouts} + intervals ${x.intervals}; listeners ${x.listeners.window} (window) + ${x.listeners.document} (document); live mic tracks ${x.liveTracks}`;
  return [
    ...out,
    `Run ${day(s.at)}: ${s.calls} calls in ${Math.round(s.seconds / 60)} min in one page, no reload — ${s.kinds.full} complete (ring, answer, hold with consent, resume, closing, hang-up), ${s.kinds.declined} declined, ${s.kinds.dropped} dropped by the caller, ${s.kinds.abandoned} abandoned while ringing.`,
    '',
    '| measure | budget | result |',
    '| --- | --- | --- |',
    `| heap after GC, after 10 calls → end | growth < ${s.budgets.heapMB} MB | ${s.heap.baselineMB} → ${s.heap.endMB} MB (**${s.heap.growthMB} MB**) |`,
    `| heap after GC along the shift (call: MB) | — | ${s.heap.samples.map((x) => `${x.call}: ${x.mb}`).join(', ')} |`,
    `| RTCPeerConnections leaked (closed > 40 s ago, still alive after GC) | 0 | **${s.end.peerConnections.leaked}** (open with no call: ${s.end.peerConnections.open}) |`,
    `| what the page holds after warm-up | — | ${c(s.baseline)} |`,
    `| what the page holds at the end | no growth | ${c(s.end)} |`,
    `| ring-to-UI p50, first ${s.ring.edge} → last ${s.ring.edge} calls | ratio ≤ ${s.budgets.ringRatio} | ${s.ring.firstP50} → ${s.ring.lastP50} ms (**×${s.ring.ratio}**) |`,
    `| main-thread long tasks | — | ${s.longTasks.count}, longest ${s.longTasks.maxMs} ms |`,
    `| result | | ${s.problems.length ? `**FAIL**: ${cell(s.problems.join('; '))}` : 'pass'} |`,
    '',
  ];
}

function hiddenSection(h: HiddenLong | undefined): string[] {
  const out = ['## 5. Timers over a long hidden stretch', '', 'Source: `npm run bench -- --only hidden-long` (tests/bench/rulesHidden.ts): the agent page hidden and throttled by Chromium (no anti-throttling switches), one call, check-in (15 s on hold) and hang-up lock (5 s) alternating; error = the UI change − the rule\'s deadline.', ''];
  if (!h) return [...out, '_Not run yet on this machine._', ''];
  const rows = ['| rule | budget (p95 of \\|error\\|) | samples | whole stretch | first 5 min | after 5 min (intensive throttling) | main-thread timer, same moments (control) |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const [name, key, control, budget, taken] of [
    ['check-in (15 s)', 'checkInError', 'checkInErrorMain', 100, h.takenAt.checkIn],
    ['hang-up lock (5 s)', 'lockError', 'lockErrorMain', 50, h.takenAt.lock],
  ] as const) {
    const xs = h.samples[key] ?? [];
    const early = xs.filter((_, i) => (taken[i] ?? 0) < h.intensiveAfterMs);
    const late = xs.filter((_, i) => (taken[i] ?? 0) >= h.intensiveAfterMs);
    const ok = p95abs(xs) <= budget;
    rows.push(`| ${name} | ≤ ${budget} ms | n = ${xs.length} | **${p95abs(xs)} ms** ${ok ? '(pass)' : '(**FAIL**)'} | n = ${early.length}: ${p95abs(early)} ms | n = ${late.length}: ${p95abs(late)} ms | p95 ${p95abs(h.samples[control] ?? [])} ms |`);
  }
  return [...out, `Run ${day(h.at)}: page hidden for ${(h.hiddenMs / 60_000).toFixed(1)} min.`, '', ...rows, ''];
}

/** What the faults above leave open, by design or not measured yet. */
const KNOWN_LIMITS = [
  '## Known limits',
  '',
  '- A hang-up while the agent\'s connection is down ends the call on screen at once and sends the BYE',
  '  as soon as the connection is back (item 2). If it stays down longer than 32 s (SIP timer F), the',
  '  BYE is given up and the host log says so: the caller stays on the line until their side gives up',
  '  (not measured). The call record, written at the hang-up, still says "ended by agent".',
  '- That BYE follows the dialog\'s route, through the proxy that carried the call: if the agent comes',
  '  back on the backup proxy because the first one died, the BYE is sent at once through the backup',
  '  and lost while the first is still down (not measured).',
  '',
];

export function renderReliabilityDoc(): string {
  const lines = [
    '# Reliability: what breaks, what the agent sees, what is lost',
    '',
    '<!-- generated by scripts/reliabilityDoc.ts from bench-results/reliability/*.json: do not edit by hand -->',
    '',
    'Every fault below is injected into real parts — Kamailio, rtpengine, SIPp, the SeatMate page in',
    'Chromium (JsSIP), the `seatmate web` process — inside a private network namespace with only',
    'loopback. The short forms run in `npm test`; the long forms (items 3 and 5) in the bench.',
    'The figures are those of the last run on the machine that wrote this file.',
    'Files changed while a host runs (items 6–7) are measured on `seatmate web`; the Electron app follows',
    'them with the same code (`src/node/followFiles.ts`, unit-tested in `tests/unit/main/followFiles.test.ts`).',
    '',
  ];
  for (const { area, item, source } of AREAS) {
    const file = read<AreaFile>(`${area}.json`);
    lines.push(`## ${item}`, '', `Source: \`${source}\`${file ? `, run ${day(file.at)}` : ''}.`, '');
    if (!file) { lines.push('_Not run yet on this machine._', ''); continue; }
    lines.push(...faultTable(file.records), '');
    if (area === 'soak') lines.push(...soakSection(read<SoakBench>('soak-bench.json')));
    if (area === 'hostile') lines.push(...hiddenSection(read<HiddenLong>('hidden-long.json')));
  }
  lines.push(...KNOWN_LIMITS);
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.writeFileSync(DOC, renderReliabilityDoc());
  console.log(`[reliability] wrote ${path.relative(ROOT, DOC)}`);
}
