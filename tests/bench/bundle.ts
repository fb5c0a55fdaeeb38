// The agent page's weight: the JavaScript index.html makes the browser fetch before the phone can
// ring — its module script, its modulepreloads and whatever those import statically — gzip-
// compressed as served. Lazy chunks (dynamic import) do not count. Budget: 250 KB (issue 9 §4).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUNDLE_BUDGET_KB = 250;
const ROOT = resolve(import.meta.dirname, '..', '..');

export interface BundleResult {
  name: string;
  valueKB: number;
  budgetKB: number;
  ratio: number;
  files: Array<{ file: string; gzipKB: number }>;
}

/** kB as Vite reports sizes (1000 bytes), so the figure reads against `npm run build:web`'s output. */
const kb = (bytes: number) => +(bytes / 1000).toFixed(1);

/** Paths (relative to webDir) of the JS the agent page loads up front. */
export function initialScripts(webDir: string, page = 'index.html'): string[] {
  const html = readFileSync(join(webDir, page), 'utf8');
  const queue = [
    ...[...html.matchAll(/<script\b[^>]*type="module"[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!),
    ...[...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]!),
  ].map((p) => join(webDir, p));
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    // Static imports between chunks (`import{a}from"./x.js"`, `import"./x.js"`); import("…") is lazy.
    for (const m of readFileSync(file, 'utf8').matchAll(/\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      queue.push(resolve(file, '..', m[1]!));
    }
  }
  return [...seen].map((f) => f.slice(webDir.length + 1));
}

export function agentPageWeight(webDir: string): BundleResult {
  const files = initialScripts(webDir).map((file) => ({ file, gzipKB: kb(gzipSync(readFileSync(join(webDir, file))).length) }));
  const total = +files.reduce((sum, f) => sum + f.gzipKB, 0).toFixed(1);
  return { name: 'agent page initial JS', valueKB: total, budgetKB: BUNDLE_BUDGET_KB, ratio: +(total / BUNDLE_BUDGET_KB).toFixed(2), files };
}

/** Builds the renderer as `npm run build:web` does, into a scratch folder, and weighs it. */
export async function runBundleBench(): Promise<BundleResult> {
  const outDir = mkdtempSync(join(tmpdir(), 'seatmate-bundle-'));
  try {
    const { build } = await import('vite');
    await build({ configFile: join(ROOT, 'vite.web.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    return agentPageWeight(outDir);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export function formatBundle(r: BundleResult): string {
  return `${r.name}: ${r.valueKB} KB gzip (budget ${r.budgetKB} KB) ratio ${r.ratio}x${r.valueKB <= r.budgetKB ? '' : '  OVER'}`;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const r = await runBundleBench();
  for (const f of r.files) console.log(`  ${f.file}: ${f.gzipKB} KB gzip`);
  console.log(formatBundle(r));
  process.exitCode = r.valueKB <= r.budgetKB ? 0 : 1;
}
