// The conformance table (issue 13): every rule of SERVICE-STANDARD §1–§5 and §7 and every
// scenario of §6, with its seeds, where the code enforces it and the tests that prove it. Pure:
// scripts/conformance.ts reads the files and writes docs/conformance.md; the unit test feeds it a
// fake standard and fake tests.
//   - Rules are parsed from the standard itself (its §1 table and its bold **G1** ids), so a rule
//     added there shows up here as a gap.
//   - Tests are found by their titles: an it/test/describe title naming the id ("H3", "N6"…,
//     word-bounded; one title may name several). A scenario is proved by a title naming one of its
//     pack scenario ids (hyphens may be spaces: "silent call") or its §6 name.
//   - "Enforced in" is found, not kept: source comments naming the id, and the statechart states
//     whose delays are the rule's timings (the timing → rule map of the IT policy keys).
import ts from 'typescript';

export interface Rule {
  id: string;
  /** "§3 Hold" */
  section: string;
  title: string;
  seeds: string[];
}

export interface CatalogueScenario {
  /** The §6 name, e.g. "silent call / one-way audio; caller can't hear us". */
  name: string;
  seeds: string[];
}

export interface Standard {
  rules: Rule[];
  scenarios: CatalogueScenario[];
}

export interface TestTitle {
  file: string;
  title: string;
}

export interface SourceFile {
  file: string;
  text: string;
}

/**
 * Rules no software can check without understanding speech: listed, with the reason, and left
 * out of the percentage — not silently dropped.
 */
export const GUIDANCE_ONLY: Readonly<Record<string, string>> = {
  // N11 (speaking rate) and F2 (talk-over) are measured on the call's audio by the speech coach (issue 12).
  F3: 'Whether personal data is revealed, or identity verified first, is in the conversation; the scripts carry the verification step, and logs and records never hold full numbers.',
};

/** §6 name → the packs' scenario ids for it. A §6 row missing here has no ids and shows as a gap. */
export const CATALOGUE_IDS: Readonly<Record<string, readonly string[]>> = {
  'consultation': ['consultation'],
  'complaint': ['complaint', 'hard-to-reach'],
  'emotional/angry caller': ['angry-caller'],
  'suggestion / criticism': ['suggestion'],
  'emergency': ['emergency'],
  'caller asks for supervisor / leader': ['supervisor-request'],
  'transfer to self-service refused by the caller': ['ivr-refused'],
  'business the agent doesn\'t know': ['unknown-business', 'callback-offer'],
  'international roaming': ['roaming'],
  'long-unrepaired fault; handset fault; fee dispute without itemized bill': ['long-fault', 'handset-fault', 'fee-dispute'],
  'silent call / one-way audio; caller can\'t hear us': ['silent-call', 'one-way-audio'],
  'speakerphone or low volume; noisy line; dialect': ['low-volume', 'noisy-line', 'dialect'],
  'wrong number / out of scope': ['wrong-number'],
  'harassment / chat call; unrelated sales call; media call': ['harassment', 'sales-call', 'media-call'],
  'complaint about an agent': ['agent-complaint'],
  'business acceptance': ['business-acceptance', 'not-available', 'go-to-store'],
  'cannot solve now': ['cannot-solve-now'],
  'caller apologizes / thanks': ['thanks-apology'],
  'agent self-care after a hard call': ['agent-self-care'],
};

/** Statechart delays that are a timing under another name. */
export const DELAY_TIMINGS: Readonly<Record<string, string>> = {
  chatCallWarnAfter: 'chatCallLimit',
  chatCallWarningLead: 'chatCallLimit',
};

/** Source files that name rule ids without enforcing them. */
export const NOT_ENFORCEMENT: Readonly<Record<string, string>> = {
  'src/node/policyKeys.ts': 'names the rule each IT policy key belongs to',
};

const SEED = /\b0\d\d\b/g;
const seedsIn = (text: string) => [...new Set(text.match(SEED) ?? [])].sort();
const idPattern = (id: string) => new RegExp(`(?<![A-Za-z0-9])${id}(?![0-9A-Za-z])`);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The short label of a rule: its text up to the first parenthesis or sentence break, markdown stripped. */
function titleOf(text: string, whole = false): string {
  const plain = text.replace(/\*\*/g, '').replace(/`/g, '').replace(/\s+/g, ' ').trim();
  const cut = whole ? plain : (plain.split(/ \(|\. |; /)[0] ?? plain).replace(/[.,:]$/, '');
  return cut.length > 90 ? `${cut.slice(0, 89)}…` : cut;
}

/** The §6 name: the first cell up to its explanation in parentheses or after a colon. */
export function catalogueName(cell: string): string {
  return cell.replace(/\s*\(.*$/, '').replace(/:.*$/, '').replace(/`/g, '').trim();
}

export function parseStandard(markdown: string): Standard {
  const rules: Rule[] = [];
  const scenarios: CatalogueScenario[] = [];
  let section = '';
  let number = 0;
  for (const line of joinWrapped(markdown)) {
    const heading = /^##\s+(\d+)\.\s+(.*)$/.exec(line);
    if (heading) { number = Number(heading[1]); section = `§${number} ${heading[2]!.replace(/\s*\(.*$/, '').trim()}`; continue; }
    if (/^#/.test(line)) { number = 0; continue; }
    if (!number) continue;
    const cells = line.startsWith('|') ? line.split('|').slice(1, -1).map((c) => c.trim()) : undefined;
    if (cells && (cells.every((c) => /^-+$/.test(c)) || /^(id|scenario)$/.test(cells[0] ?? ''))) continue;
    if (cells && /^[A-Z]\d{1,2}$/.test(cells[0] ?? '')) {
      rules.push({ id: cells[0]!, section, title: titleOf(cells[1] ?? '', true), seeds: seedsIn(cells.at(-1) ?? '') });
      continue;
    }
    if (cells && number === 6 && cells.length >= 2) {
      scenarios.push({ name: catalogueName(cells[0]!), seeds: seedsIn(cells.at(-1) ?? '') });
      continue;
    }
    // Bold ids in prose: "**G3** Weekend window … (002). **G4** On Fridays … (001)."
    const parts = line.split(/\*\*([A-Z]\d{1,2})\*\*/);
    for (let i = 1; i < parts.length; i += 2) {
      const text = parts[i + 1] ?? '';
      rules.push({ id: parts[i]!, section, title: titleOf(text), seeds: seedsIn(text) });
    }
  }
  return { rules, scenarios };
}

/** Markdown lines with wrapped prose joined: a list item or paragraph continued on the next line. */
function joinWrapped(markdown: string): string[] {
  const out: string[] = [];
  for (const line of markdown.split('\n')) {
    const prev = out.at(-1);
    const starts = /^\s*$|^\s*(\||#|[-*] |\d+\. )/.test(line);
    if (prev !== undefined && !starts && prev.trim() !== '' && !/^\s*(\||#)/.test(prev)) out[out.length - 1] = `${prev} ${line.trim()}`;
    else out.push(line);
  }
  return out;
}

const TEST_FUNCTIONS = new Set(['it', 'test', 'describe']);

function rootName(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr) || ts.isCallExpression(expr)) return rootName(expr.expression);
  return undefined;
}

function literalText(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => `\${…}${s.literal.text}`).join('');
  return undefined;
}

/** Every it/test/describe title in a test file (it.each(…)('title') too), in source order. */
export function testTitles(file: string, text: string): TestTitle[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: TestTitle[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && TEST_FUNCTIONS.has(rootName(node.expression) ?? '')) {
      const title = literalText(node.arguments[0]);
      if (title !== undefined) out.push({ file, title });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Rule ids named in a source file's comments (every comment, found through the syntax tree). */
export function commentIds(text: string, ids: readonly string[], file = 'source.tsx'): Set<string> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.TSX);
  const seen = new Set<number>();
  const comments: string[] = [];
  const take = (ranges: ts.CommentRange[] | undefined) => {
    for (const r of ranges ?? []) if (!seen.has(r.pos)) { seen.add(r.pos); comments.push(text.slice(r.pos, r.end)); }
  };
  const visit = (node: ts.Node): void => {
    take(ts.getLeadingCommentRanges(text, node.pos));
    take(ts.getTrailingCommentRanges(text, node.end));
    for (const child of node.getChildren(source)) visit(child);
  };
  visit(source);
  const all = comments.join('\n');
  return new Set(ids.filter((id) => idPattern(id).test(all)));
}

export function namesRule(title: string, id: string): boolean {
  return idPattern(id).test(title);
}

export function namesScenario(title: string, scenario: CatalogueScenario, ids: readonly string[]): boolean {
  const lower = title.toLowerCase();
  if (lower.includes(scenario.name.toLowerCase())) return true;
  return ids.some((id) => new RegExp(`(?<![a-z0-9-])${id.split('-').map(escapeRe).join('[- ]')}(?![a-z0-9-])`).test(lower));
}

/** A state whose delay is a timing: "callMachine connected.call.onHold.reminder.waiting" after "checkInEvery". */
export interface DelayedState {
  machine: string;
  state: string;
  delay: string;
}

export interface RuleRow {
  rule: Rule;
  enforcedIn: string[];
  tests: TestTitle[];
  status: 'tested' | 'untested' | 'not enforced' | 'guidance only';
  guidance?: string;
}

export interface ScenarioRow {
  scenario: CatalogueScenario;
  ids: string[];
  /** Which packs have a script for it. */
  packs: string[];
  tests: TestTitle[];
  status: 'tested' | 'untested' | 'no script';
}

export interface Conformance {
  rules: RuleRow[];
  scenarios: ScenarioRow[];
  /** Pack scenario ids no §6 row claims. */
  outside: string[];
  enforceable: number;
  withTests: number;
}

export interface ConformanceInput {
  standard: Standard;
  tests: readonly TestTitle[];
  sources: readonly SourceFile[];
  states: readonly DelayedState[];
  /** Timing name → rule id (src/node/policyKeys.ts timingPolicyRules). */
  timingRules: Readonly<Record<string, string>>;
  /** Pack id → its scenario ids. */
  packScenarios: Readonly<Record<string, readonly string[]>>;
  guidanceOnly?: Readonly<Record<string, string>>;
  catalogueIds?: Readonly<Record<string, readonly string[]>>;
}

export function buildConformance(input: ConformanceInput): Conformance {
  const guidance = input.guidanceOnly ?? GUIDANCE_ONLY;
  const catalogue = input.catalogueIds ?? CATALOGUE_IDS;
  const ids = input.standard.rules.map((r) => r.id);
  const mentions = input.sources
    .filter((s) => !(s.file in NOT_ENFORCEMENT))
    .map((s) => ({ file: s.file, ids: commentIds(s.text, ids, s.file) }));

  const rules = input.standard.rules.map((rule): RuleRow => {
    const states = input.states
      .filter((s) => input.timingRules[DELAY_TIMINGS[s.delay] ?? s.delay] === rule.id)
      .map((s) => `${s.machine} \`${s.state}\` (after ${s.delay})`);
    const files = mentions.filter((m) => m.ids.has(rule.id)).map((m) => m.file);
    const enforcedIn = [...new Set([...states, ...files])];
    const tests = input.tests.filter((t) => namesRule(t.title, rule.id));
    const reason = guidance[rule.id];
    if (reason !== undefined) return { rule, enforcedIn, tests, status: 'guidance only', guidance: reason };
    const status = tests.length === 0 ? 'untested' : enforcedIn.length === 0 ? 'not enforced' : 'tested';
    return { rule, enforcedIn, tests, status };
  });

  const claimed = new Set<string>();
  const scenarios = input.standard.scenarios.map((scenario): ScenarioRow => {
    const sids = [...(catalogue[scenario.name] ?? [])];
    sids.forEach((id) => claimed.add(id));
    const packs = Object.entries(input.packScenarios).filter(([, list]) => sids.some((id) => list.includes(id))).map(([p]) => p).sort();
    const tests = input.tests.filter((t) => namesScenario(t.title, scenario, sids));
    const status = packs.length === 0 ? 'no script' : tests.length === 0 ? 'untested' : 'tested';
    return { scenario, ids: sids, packs, tests, status };
  });
  const outside = [...new Set(Object.values(input.packScenarios).flat())].filter((id) => !claimed.has(id)).sort();

  const enforceable = rules.filter((r) => r.status !== 'guidance only');
  return { rules, scenarios, outside, enforceable: enforceable.length, withTests: enforceable.filter((r) => r.tests.length > 0).length };
}

// --- rendering -------------------------------------------------------------------------------

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const percent = (n: number, of: number) => (of === 0 ? 100 : Math.floor((n / of) * 1000) / 10);
const MAX_LISTED = 4;

function list(items: readonly string[]): string {
  if (items.length === 0) return '—';
  const shown = items.slice(0, MAX_LISTED).map(cell).join('<br>');
  return items.length > MAX_LISTED ? `${shown}<br>… and ${items.length - MAX_LISTED} more` : shown;
}

const testLabel = (t: TestTitle) => `\`${t.file}\` › ${t.title}`;

const STATUS: Record<RuleRow['status'] | ScenarioRow['status'], string> = {
  'tested': '✓ tested',
  'untested': '**gap: no test names it**',
  'not enforced': '**gap: tests, but no enforcing code names it**',
  'guidance only': 'guidance only',
  'no script': '**gap: no pack has a script**',
};

export function gapsOf(c: Conformance): string[] {
  return [
    ...c.rules.filter((r) => r.status === 'untested' || r.status === 'not enforced').map((r) => `${r.rule.id} ${r.rule.title}: ${r.status === 'untested' ? 'no test names it' : 'no enforcing code names it'}`),
    ...c.scenarios.filter((s) => s.status !== 'tested').map((s) => `§6 ${s.scenario.name}: ${s.status === 'no script' ? 'no pack has a script' : `no test names it (${s.ids.join(', ') || 'no scenario id'})`}`),
  ];
}

export function summaryLine(c: Conformance): string {
  const scen = c.scenarios.filter((s) => s.status === 'tested').length;
  return `Enforceable rules with a test naming them: ${c.withTests}/${c.enforceable} (${percent(c.withTests, c.enforceable)} %); ` +
    `guidance only: ${c.rules.length - c.enforceable}; §6 scenarios with a test: ${scen}/${c.scenarios.length} (${percent(scen, c.scenarios.length)} %).`;
}

export function renderMarkdown(c: Conformance): string {
  const out: string[] = [
    '# Conformance: the service standard, rule by rule',
    '',
    '<!-- generated by `npm run conformance` (scripts/conformance.ts): do not edit by hand -->',
    '',
    'Every rule of [SERVICE-STANDARD](../../shared/SERVICE-STANDARD.md) §1–§5 and §7 and every scenario of §6: the seeds it',
    'comes from, where the code enforces it (source comments naming the rule id, and the statechart',
    'states whose delays are its numbers) and the tests whose titles name it. `npm test` fails when this',
    'file is out of date: run `npm run conformance`.',
    '',
    `**${summaryLine(c)}**`,
    '',
    '## Rules',
    '',
    '| id | rule | seeds | enforced in | tests | status |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  let section = '';
  for (const r of c.rules) {
    if (r.rule.section !== section) {
      section = r.rule.section;
      out.push(`| | **${cell(section)}** | | | | |`);
    }
    out.push(`| ${r.rule.id} | ${cell(r.rule.title)} | ${r.rule.seeds.join(', ') || '—'} | ${list(r.enforcedIn)} | ${list(r.tests.map(testLabel))} | ${STATUS[r.status]} |`);
  }
  out.push('', '## Scenarios (§6)', '', '| scenario | seeds | scenario ids (packs) | tests | status |', '| --- | --- | --- | --- | --- |');
  for (const s of c.scenarios) {
    const ids = s.ids.length ? `${s.ids.map((i) => `\`${i}\``).join(', ')}${s.packs.length ? ` (${s.packs.join(', ')})` : ''}` : '—';
    out.push(`| ${cell(s.scenario.name)} | ${s.scenario.seeds.join(', ') || '—'} | ${cell(ids)} | ${list(s.tests.map(testLabel))} | ${STATUS[s.status]} |`);
  }
  if (c.outside.length) out.push('', `Pack scenarios outside the §6 catalogue: ${c.outside.map((i) => `\`${i}\``).join(', ')}.`);
  out.push('', '## Guidance only', '', 'Shown to the agent (phrases, tips, don\'ts), not checked by the software, and not counted above:', '', '| id | rule | why |', '| --- | --- | --- |');
  for (const r of c.rules.filter((x) => x.status === 'guidance only')) out.push(`| ${r.rule.id} | ${cell(r.rule.title)} | ${cell(r.guidance ?? '')} |`);
  const gaps = gapsOf(c);
  out.push('', '## Gaps', '', ...(gaps.length ? gaps.map((g) => `- ${g}`) : ['None.']), '');
  return out.join('\n');
}

/** The compact table `npm test` prints. */
export function renderSummary(c: Conformance): string {
  const w = Math.max(...c.rules.map((r) => r.rule.id.length), 2);
  const lines = c.rules.map((r) => `  ${r.rule.id.padEnd(w)}  ${String(r.tests.length).padStart(3)} test(s)  ${r.status}`);
  const gaps = gapsOf(c);
  return [
    'conformance (docs/conformance.md):',
    ...lines,
    `  ${summaryLine(c)}`,
    ...(gaps.length ? ['  gaps:', ...gaps.map((g) => `    - ${g}`)] : []),
  ].join('\n');
}
