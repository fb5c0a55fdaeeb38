// `npm test`: lint, type-check, unit tests, the conformance table (docs/conformance.md), web
// build, then the real-SIP end-to-end tests, in
// that order, stopping at the first failure. `--unit` or `--e2e` runs one half; after `--`,
// arguments go to Playwright (e.g. `npm test -- --e2e -- tests/e2e/phone.spec.ts`).
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureSystemParts } from './system-deps.mjs';
import { enterPrivateNetwork } from './netns.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const all = process.argv.slice(2);
const dashes = all.indexOf('--');
const args = dashes < 0 ? all : all.slice(0, dashes);
const playwrightArgs = dashes < 0 ? [] : all.slice(dashes + 1);
const unknown = args.filter((a) => a !== '--unit' && a !== '--e2e');
if (unknown.length > 0) {
  console.error(`usage: node scripts/test.mjs [--unit] [--e2e] [-- playwright args]   (unknown: ${unknown.join(' ')})`);
  process.exit(2);
}
const both = !args.includes('--unit') && !args.includes('--e2e');
const unit = both || args.includes('--unit');
const e2e = both || args.includes('--e2e');

// Outside the namespace: apt needs the network.
if (e2e) ensureSystemParts();
enterPrivateNetwork(fileURLToPath(import.meta.url), all);

const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const steps = [];
if (unit) {
  steps.push(['eslint', bin('eslint'), ['.']]);
  steps.push(['tsc (core)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.core.json']]);
  steps.push(['tsc', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']]);
  // The unit suite also checks what the built agent page carries (tests/unit/web/agentBundle.test.ts).
  steps.push(['build:web', 'npm', ['run', '--silent', 'build:web']]);
  steps.push(['vitest', bin('vitest'), ['run']]);
  // Prints the conformance summary; fails only when docs/conformance.md is stale (npm run conformance).
  steps.push(['conformance', bin('tsx'), ['scripts/conformance.ts', '--check']]);
}
if (e2e) {
  if (!unit) steps.push(['build:web', 'npm', ['run', '--silent', 'build:web']]);
  steps.push(['playwright', bin('playwright'), ['test', ...playwrightArgs]]);
  // docs/reliability.md from the reliability specs' measurements (bench-results/reliability/):
  // only after the whole suite, so a run of a few specs never rewrites it with part of a run.
  if (playwrightArgs.length === 0) steps.push(['reliability doc', bin('tsx'), ['scripts/reliabilityDoc.ts']]);
}

for (const [label, command, stepArgs] of steps) {
  console.log(`\n[test] ▶ ${label}`);
  const started = Date.now();
  const r = spawnSync(command, stepArgs, { cwd: root, stdio: 'inherit' });
  const took = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`[test] ✗ ${label} failed (exit ${r.status ?? r.signal ?? r.error?.message}) after ${took}s`);
    process.exit(r.status || 1);
  }
  console.log(`[test] ✓ ${label} (${took}s)`);
}
console.log(`\n[test] all ${steps.length} steps passed`);
