// Generates the state tables in docs/phone.md from the machines themselves, so the document
// cannot drift from the code: `npx tsx scripts/statechartDoc.ts --write` rewrites the generated
// part; tests/unit/docs/statechartDoc.test.ts fails when it is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyStateMachine } from 'xstate';
import { callMachine } from '../src/core/call/callMachine.ts';
import { phoneMachine } from '../src/core/call/phoneMachine.ts';

interface NodeLike {
  key: string;
  type: string;
  on?: Record<string, unknown>;
  always?: Array<{ target?: Array<{ key: string }> }>;
  states?: Record<string, NodeLike>;
}

const START = '<!-- generated from the machines: do not edit by hand -->';
const END = '<!-- end of generated part -->';

/** "xstate.after.checkInEvery.call.connected…" → "after checkInEvery". */
function eventName(type: string): string {
  const m = /^xstate\.after\.([^.]+)\./.exec(type);
  if (m) return `after ${m[1]}`;
  if (type.startsWith('xstate.done.actor.')) return 'a child actor ended';
  return type;
}

function rows(node: NodeLike, path: string[], out: string[]): void {
  const events = [...new Set(Object.keys(node.on ?? {}).map(eventName))].map((e) => `\`${e}\``);
  const eventless = [...new Set((node.always ?? []).flatMap((t) => (t.target ?? []).map((x) => x.key)))];
  if (eventless.length) events.push(`→ ${eventless.join(' / ')} (eventless, when the facts say so)`);
  const name = path.length ? path.join('.') : `(${node.key})`;
  const kind = node.type === 'parallel' ? 'parallel' : node.type === 'final' ? 'final' : node.states && Object.keys(node.states).length ? 'compound' : '';
  out.push(`| \`${name}\` | ${kind} | ${events.join(', ')} |`);
  for (const [key, child] of Object.entries(node.states ?? {})) rows(child, [...path, key], out);
}

function table(title: string, machine: AnyStateMachine): string {
  const out = [`### ${title}`, '', '| state | kind | events it handles |', '| --- | --- | --- |'];
  rows(machine.root as unknown as NodeLike, [], out);
  return out.join('\n');
}

export function renderStatecharts(): string {
  return [
    START, '',
    table('phoneMachine (`src/core/call/phoneMachine.ts`)', phoneMachine), '',
    table('callMachine (`src/core/call/callMachine.ts`)', callMachine), '',
    END,
  ].join('\n');
}

export const PHONE_DOC = join(import.meta.dirname, '..', 'docs', 'phone.md');

/** The document with its generated part replaced by the current one. */
export function withCurrentTables(doc: string): string {
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${PHONE_DOC} lacks the generated-part markers`);
  return doc.slice(0, a) + renderStatecharts() + doc.slice(b + END.length);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const doc = readFileSync(PHONE_DOC, 'utf8');
  const next = withCurrentTables(doc);
  if (process.argv.includes('--write')) writeFileSync(PHONE_DOC, next);
  else if (next !== doc) { console.error('docs/phone.md is out of date: run npx tsx scripts/statechartDoc.ts --write'); process.exit(1); }
}
