// Benchmark bookkeeping shared by every subject: the metric names, percentile summaries, the
// ratio-to-baseline table and the JSON record. A subject only produces samples in milliseconds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { Proxy } from '../harness/kamailio.ts';

/** What every subject measures, from the agent's side of the call. */
export const METRICS = {
  ring: 'INVITE sent by the caller → agent sees the incoming call',
  overlay: 'INVITE sent by the caller → guidance overlay (greeting) rendered',
  answer: "agent answers → caller's call confirmed",
  setupStun: 'agent dials with an unreachable STUN server configured → far end rings',
  hold: "hold requested ('Customer agreed' click / bot.hold()) → far end got the re-INVITE and the holder shows it accepted",
  checkInError: "page hidden, on hold: check-in alert shown − ('Hold time' shown + 15 s); rule clock in a Web Worker",
  checkInErrorMain: 'control: a main-thread setTimeout(15 s) armed at the same moment in the same hidden page',
  lockError: 'page hidden, caller silent: Hang up enabled − (Closing click + 5 s)',
  lockErrorMain: 'control: a main-thread setTimeout(5 s) armed at the Closing click in the same hidden page',
  hangup: "agent's Hang up click → caller's call ended (BYE received)",
  answerBare: "control for answer: a bare JsSIP callee (the baseline's bot) answering the same caller, its calls interleaved with the agent's",
  answerNoRecords: 'control for records: answer as above, call records off (recordsRetentionDays 0), calls interleaved',
  hangupNoRecords: 'control for records: hang-up as above, call records off, calls interleaved',
  scorecard: 'Records clicked → the scorecard over 10,000 stored records rendered (view chunk already loaded once)',
} as const;
export type MetricName = keyof typeof METRICS;

/** Budgets on p95 (ms) that fail the run when exceeded (for ERROR_METRICS: p95 of |error| ≤ budget). */
export const BUDGETS: Partial<Record<MetricName, number>> = { ring: 50, overlay: 50, setupStun: 1000, checkInError: 100, lockError: 50, scorecard: 200 };

/** Signed timing errors (late > 0): early counts as much as late, so their budget is on |error|. */
export const ERROR_METRICS: ReadonlySet<MetricName> = new Set(['checkInError', 'lockError']);

/** Budgets on p50 as a multiple of the baseline's p50. */
export const RATIO_BUDGETS: Partial<Record<MetricName, number>> = { answer: 1.15 };

/**
 * A subject's own control for a ratio: measured in the same run with its calls interleaved, so
 * the machine's drift between two series (a few ms on a ~25 ms answer) does not decide the ratio.
 * Where a subject has it, the ratio is taken against it instead of the baseline subject's series.
 */
export const RATIO_CONTROLS: Partial<Record<MetricName, MetricName>> = { answer: 'answerBare' };

/** The p50 a subject's metric is compared with: its interleaved control, else the baseline's. */
function referenceP50(r: SubjectResult, base: SubjectResult | undefined, metric: MetricName): number | undefined {
  const control = RATIO_CONTROLS[metric];
  const own = control ? r.metrics[control] : undefined;
  if (own) return own.p50;
  if (!base || base === r) return undefined;
  return base.metrics[metric]?.p50;
}

export type Samples = Partial<Record<MetricName, number[]>> & {
  /** Conditions a reader needs (page hidden? audible?), printed and kept in the JSON. */
  notes?: string[];
  /** Targets a subject checks itself (e.g. the speech coach's accuracy), as sentences: they fail the run. */
  failures?: string[];
  /** A subject's own figures for the JSON record (e.g. an accuracy table). */
  data?: unknown;
};

export interface BenchEnv {
  browser: Browser;
  proxy: Proxy;
  /** Calls per metric series. */
  calls: number;
}

export interface Subject {
  name: string;
  /** Subjects this one is compared with: run too (first) when --only names this one. */
  requires?: string[];
  /** Runs only when named with --only (a long run, e.g. the speech coach's accuracy over real calls). */
  optIn?: boolean;
  run(env: BenchEnv): Promise<Samples>;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile: an observed value, never an interpolation. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function summarize(values: number[]): Summary {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    min: values.length ? Math.min(...values) : Number.NaN,
    max: values.length ? Math.max(...values) : Number.NaN,
  };
}

/** Milliseconds between two page-clock timestamps (BotEvent.at), rounded to 0.1 ms. */
export const gapMs = (from: { at: number }, to: { at: number }): number => Math.round((to.at - from.at) * 10) / 10;

export interface SubjectResult {
  name: string;
  metrics: Partial<Record<MetricName, Summary & { samples: number[] }>>;
  notes?: string[];
  failures?: string[];
  data?: unknown;
}

export function toResult(name: string, samples: Samples): SubjectResult {
  const metrics: SubjectResult['metrics'] = {};
  for (const metric of Object.keys(METRICS) as MetricName[]) {
    const values = samples[metric];
    if (values?.length) metrics[metric] = { ...summarize(values), samples: values };
  }
  return {
    name, metrics,
    ...(samples.notes?.length ? { notes: samples.notes } : {}),
    ...(samples.failures?.length ? { failures: samples.failures } : {}),
    ...(samples.data === undefined ? {} : { data: samples.data }),
  };
}

/** The p95 a budget is checked against: of |error| for ERROR_METRICS. */
function budgetedP95(metric: MetricName, s: Summary & { samples: number[] }): number {
  return ERROR_METRICS.has(metric) ? percentile(s.samples.map(Math.abs), 95) : s.p95;
}

function budgetLabel(metric: MetricName): string {
  const limit = BUDGETS[metric];
  if (limit !== undefined) return ERROR_METRICS.has(metric) ? `|p95| ≤ ${limit}` : `p95 < ${limit}`;
  const ratio = RATIO_BUDGETS[metric];
  return ratio !== undefined ? `p50 ≤ ${ratio}× baseline` : '';
}

/** p50 / p95 per metric and subject; other subjects also as a ratio of the baseline's p50. */
export function formatTable(results: SubjectResult[], baseline = 'baseline'): string {
  const base = results.find((r) => r.name === baseline);
  const rows: string[][] = [['metric', 'subject', 'n', 'p50 ms', 'p95 ms', 'max ms', '× baseline p50', 'budget']];
  for (const metric of Object.keys(METRICS) as MetricName[]) {
    for (const r of results) {
      const s = r.metrics[metric];
      if (!s) continue;
      const ref = referenceP50(r, base, metric);
      const ratio = ref !== undefined && ref > 0 ? `${(s.p50 / ref).toFixed(2)}×${RATIO_CONTROLS[metric] && r.metrics[RATIO_CONTROLS[metric]!] ? ' (interleaved)' : ''}` : '';
      rows.push([metric, r.name, String(s.n), s.p50.toFixed(1), s.p95.toFixed(1), s.max.toFixed(1), ratio, budgetLabel(metric)]);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')).join('\n');
}

/** Budget violations, as sentences; empty when all held. */
export function budgetFailures(results: SubjectResult[], baseline = 'baseline'): string[] {
  const failures: string[] = [];
  for (const r of results) {
    for (const [metric, limit] of Object.entries(BUDGETS) as [MetricName, number][]) {
      const s = r.metrics[metric];
      if (!s) continue;
      const p95 = budgetedP95(metric, s);
      if (ERROR_METRICS.has(metric) ? !(p95 <= limit) : !(p95 < limit)) {
        failures.push(`${r.name}: ${metric} ${ERROR_METRICS.has(metric) ? '|p95|' : 'p95'} ${p95.toFixed(1)} ms over budget ${limit} ms`);
      }
    }
    const base = results.find((b) => b.name === baseline);
    for (const [metric, ratio] of Object.entries(RATIO_BUDGETS) as [MetricName, number][]) {
      const s = r.metrics[metric];
      const ref = referenceP50(r, base, metric);
      if (s && ref !== undefined && ref > 0 && s.p50 / ref > ratio) {
        failures.push(`${r.name}: ${metric} p50 ${(s.p50 / ref).toFixed(2)}× ${r.metrics[RATIO_CONTROLS[metric] ?? metric] && RATIO_CONTROLS[metric] ? 'its interleaved bare-JsSIP control' : 'baseline'} > budget ${ratio}×`);
      }
    }
  }
  return failures;
}

export function writeResults(file: string, results: SubjectResult[], extra: Record<string, unknown> = {}): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const record = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, privateNetns: process.env.SEATMATE_NETNS === '1' },
    metrics: METRICS,
    budgets: BUDGETS,
    errorMetrics: [...ERROR_METRICS],
    ratioBudgets: RATIO_BUDGETS,
    ...extra,
    subjects: results,
  };
  fs.writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
}
