// The measurements behind docs/reliability.md (issue 14): each reliability spec records, per
// fault it injects, what the agent saw, what was lost and how long recovery took; the file is
// written when the spec file ends (bench-results/reliability/<area>.json, one per area, replaced
// by each run) and scripts/reliabilityDoc.ts renders the doc from all of them.
import fs from 'node:fs';
import path from 'node:path';
import { test } from '@playwright/test';

export const RELIABILITY_DIR = path.resolve(import.meta.dirname, '..', '..', 'bench-results', 'reliability');

export interface FaultRecord {
  /** The test that injected it. */
  test: string;
  /** The fault, as a PBX vendor's table names it. */
  fault: string;
  /** What the agent saw on screen. */
  userSaw: string;
  /** What was lost ("nothing", or what). */
  lost: string;
  /** Named figures: recovery times in ms, packet counts, ratios. */
  figures: Record<string, number | string>;
  passed: boolean;
  error?: string;
}

export interface AreaFile {
  area: string;
  title: string;
  at: string;
  records: FaultRecord[];
}

export interface ReliabilityLog {
  /** Records this test's fault (call once per test, at its end). */
  record(entry: Omit<FaultRecord, 'test' | 'passed'>): void;
}

/**
 * One per spec file: registers the hooks that mark a failed test and write the file. A test that
 * fails before it records still appears, as failed, with its error.
 */
export function reliabilityLog(area: string, title: string): ReliabilityLog {
  const records: FaultRecord[] = [];
  test.afterEach(() => {
    const info = test.info();
    const mine = records.find((r) => r.test === info.title);
    const passed = info.status === info.expectedStatus;
    if (mine) { mine.passed = passed; if (!passed) mine.error = info.error?.message?.slice(0, 300); return; }
    if (!passed) {
      records.push({ test: info.title, fault: info.title, userSaw: '', lost: '', figures: {}, passed: false, error: info.error?.message?.slice(0, 300) });
    }
  });
  test.afterAll(() => {
    if (records.length === 0) return;
    fs.mkdirSync(RELIABILITY_DIR, { recursive: true });
    const file: AreaFile = { area, title, at: new Date().toISOString(), records };
    fs.writeFileSync(path.join(RELIABILITY_DIR, `${area}.json`), `${JSON.stringify(file, null, 2)}\n`);
  });
  return {
    record(entry) {
      records.push({ ...entry, test: test.info().title, passed: true });
    },
  };
}

/** Milliseconds, rounded to 1 ms. */
export const ms = (x: number): number => Math.round(x);
