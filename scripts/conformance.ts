// `npm run conformance`: writes docs/conformance.md — every rule and scenario of the service
// standard, where it is enforced and which tests prove it (scripts/conformanceTable.ts) — and
// prints the summary.
//   npx tsx scripts/conformance.ts           write docs/conformance.md
//   npx tsx scripts/conformance.ts --check   exit 1 if docs/conformance.md is out of date (npm test)
// The standard is read from ../shared/SERVICE-STANDARD.md (or $SEATMATE_STANDARD) every time, so
// a rule added there shows up as a gap.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { AnyStateMachine } from 'xstate';
import * as calls from '../src/core/call/index.ts';
import { timingPolicyRules } from '../src/node/policyKeys.ts';
import {
  buildConformance, parseStandard, renderMarkdown, renderSummary, testTitles, type DelayedState, type SourceFile,
} from './conformanceTable.ts';

const root = join(import.meta.dirname, '..');
const check = process.argv.includes('--check');
const DOC = join(root, 'docs', 'conformance.md');
const STANDARD = process.env.SEATMATE_STANDARD ?? join(root, '..', 'shared', 'SERVICE-STANDARD.md');

const rel = (file: string) => relative(root, file).split(sep).join('/');

function walk(dir: string, keep: (file: string) => boolean, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = join(dir, entry.name);
    if (entry.isDirectory()) { if (entry.name !== 'node_modules' && entry.name !== 'fixtures') walk(file, keep, out); } else if (keep(file)) out.push(file);
  }
  return out;
}

const isTest = (f: string) => /\.test\.tsx?$/.test(f);
const testFiles = [...walk(join(root, 'tests'), (f) => /\.tsx?$/.test(f)), ...walk(join(root, 'src'), isTest)];
const sourceFiles = walk(join(root, 'src'), (f) => /\.tsx?$/.test(f) && !isTest(f));

interface NodeLike { key: string; on?: Record<string, unknown>; states?: Record<string, NodeLike> }

/** Every state of every machine core/call exports whose `after` delay is named. */
function delayedStates(): DelayedState[] {
  const out: DelayedState[] = [];
  for (const [name, value] of Object.entries(calls).sort(([a], [b]) => a.localeCompare(b))) {
    const machine = value as Partial<AnyStateMachine>;
    if (!name.endsWith('Machine') || !machine.root) continue;
    const visit = (node: NodeLike, path: string[]) => {
      for (const type of Object.keys(node.on ?? {})) {
        const m = /^xstate\.after\.([^.]+)\./.exec(type);
        if (m) out.push({ machine: name, state: path.join('.') || `(${node.key})`, delay: m[1]! });
      }
      for (const [key, child] of Object.entries(node.states ?? {})) visit(child, [...path, key]);
    };
    visit(machine.root as unknown as NodeLike, []);
  }
  return out;
}

function packScenarios(): Record<string, string[]> {
  const packs = join(root, 'resources', 'packs');
  const out: Record<string, string[]> = {};
  for (const dir of readdirSync(packs, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const scen = join(packs, dir, 'scenarios');
    out[dir] = existsSync(scen) ? readdirSync(scen).filter((f) => /\.ya?ml$/.test(f)).map((f) => f.replace(/\.ya?ml$/, '')).sort() : [];
  }
  return out;
}

if (!existsSync(STANDARD)) {
  console.warn(`conformance: ${STANDARD} not found (set SEATMATE_STANDARD): table not checked`);
  process.exit(check ? 0 : 1);
}

const read = (f: string): SourceFile => ({ file: rel(f), text: readFileSync(f, 'utf8') });
const conformance = buildConformance({
  standard: parseStandard(readFileSync(STANDARD, 'utf8')),
  tests: testFiles.map(read).flatMap((f) => testTitles(f.file, f.text)),
  sources: sourceFiles.map(read),
  states: delayedStates(),
  timingRules: timingPolicyRules,
  packScenarios: packScenarios(),
});
const markdown = renderMarkdown(conformance);
console.log(renderSummary(conformance));

const current = existsSync(DOC) ? readFileSync(DOC, 'utf8') : undefined;
if (current === markdown) process.exit(0);
if (check) {
  console.error('docs/conformance.md is out of date: run npm run conformance');
  process.exit(1);
}
writeFileSync(DOC, markdown);
console.log('wrote docs/conformance.md');
