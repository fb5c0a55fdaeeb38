// The conformance generator (scripts/conformanceTable.ts): a fake standard and fake tests in,
// table rows, gaps and guidance-only rules out.
import { describe, expect, it } from 'vitest';
import {
  buildConformance, commentIds, gapsOf, parseStandard, renderMarkdown, renderSummary, summaryLine, testTitles,
} from '../../../scripts/conformanceTable.ts';

const STANDARD = `# The standard

Intro mentions **X1** outside any numbered section: not a rule.

## 1. Numbers (defaults)

| id | rule | default | seed |
| --- | --- | --- | --- |
| N1 | answer within N rings | 3 rings | 002, 003 |
| N2 | speaking rate | 120–150 a minute | 004 |

## 3. Hold

1. **H1** Explain why and ask consent before holding (001, 003). **H2** Music on hold where the
   system has it (001).

## 6. Scenario catalogue

| scenario | seeds |
| --- | --- |
| consultation (问候→确认需求) | 004, 002 |
| wrong number / out of scope | 001 |

## 7. Forbidden phrases

**F9** A rule added to the standard yesterday (003).
`;

const TESTS = `
import { describe, expect, it } from 'vitest';
describe('hold consent (H1)', () => {
  it('N1: counts rings', () => {});
  it.each([[1], [2]])('H1 and N1 together, case %s', () => {});
  it(\`\${'dynamic'} N1 in a template\`, () => {});
  it('xN1, N12 and N1x are not N1', () => {});
  it('wrong number: the caller is referred elsewhere', () => {});
  expect(/N2/.test('N2')).toBe(true);
});
test.describe('playwright style', () => { test('H1: consent in the browser', async () => {}); });
`;

const SOURCES = [
  { file: 'src/core/call/holdRules.ts', text: `// H1: hold only after the customer agrees.\nconst rule = 'H2';\n` },
  { file: 'src/node/policyKeys.ts', text: '/** the rule of each key (N1, N2, H2) */\n' },
];

function build() {
  return buildConformance({
    standard: parseStandard(STANDARD),
    tests: testTitles('tests/unit/fake.test.ts', TESTS),
    sources: SOURCES,
    states: [{ machine: 'callMachine', state: 'ringing.bell.ring', delay: 'ringCycle' }],
    timingRules: { ringCycle: 'N1' },
    packScenarios: { 'telecom-10000': ['consultation', 'wrong-number', 'ivr-handoff'] },
    guidanceOnly: { N2: 'needs speech recognition' },
    catalogueIds: { 'consultation': ['consultation'], 'wrong number / out of scope': ['wrong-number'] },
  });
}

describe('conformance table', () => {
  it('reads the rules from the standard\'s §1 table and its bold ids, with their sections and seeds', () => {
    const { rules, scenarios } = parseStandard(STANDARD);
    expect(rules.map((r) => [r.id, r.section, r.seeds.join(' ')])).toEqual([
      ['N1', '§1 Numbers', '002 003'],
      ['N2', '§1 Numbers', '004'],
      ['H1', '§3 Hold', '001 003'],
      ['H2', '§3 Hold', '001'],
      ['F9', '§7 Forbidden phrases', '003'],
    ]);
    expect(rules.find((r) => r.id === 'H1')?.title).toBe('Explain why and ask consent before holding');
    expect(scenarios).toEqual([{ name: 'consultation', seeds: ['002', '004'] }, { name: 'wrong number / out of scope', seeds: ['001'] }]);
  });

  it('finds it/test/describe titles, it.each(…)(title) and template titles; not other calls', () => {
    expect(testTitles('f.ts', TESTS).map((t) => t.title)).toEqual([
      'hold consent (H1)', 'N1: counts rings', 'H1 and N1 together, case %s', '${…} N1 in a template',
      'xN1, N12 and N1x are not N1', 'wrong number: the caller is referred elsewhere', 'playwright style', 'H1: consent in the browser',
    ]);
  });

  it('a title proves every rule id it names, word-bounded (N1 is not N12)', () => {
    const n1 = build().rules.find((r) => r.rule.id === 'N1')!;
    expect(n1.tests.map((t) => t.title)).toEqual(['N1: counts rings', 'H1 and N1 together, case %s', '${…} N1 in a template', 'xN1, N12 and N1x are not N1']);
  });

  it('enforced in: source comments naming the id and the states whose delay is the rule\'s timing; string literals and the policy key list do not count', () => {
    expect([...commentIds(SOURCES[0]!.text, ['H1', 'H2'])]).toEqual(['H1']);
    const rows = Object.fromEntries(build().rules.map((r) => [r.rule.id, r]));
    expect(rows.N1!.enforcedIn).toEqual(['callMachine `ringing.bell.ring` (after ringCycle)']);
    expect(rows.H1!.enforcedIn).toEqual(['src/core/call/holdRules.ts']);
    expect(rows.H2!.enforcedIn).toEqual([]);
  });

  it('statuses: tested, a gap without a test, guidance only with its reason; a new rule in the standard is a gap', () => {
    const c = build();
    expect(Object.fromEntries(c.rules.map((r) => [r.rule.id, r.status]))).toEqual({
      N1: 'tested', N2: 'guidance only', H1: 'tested', H2: 'untested', F9: 'untested',
    });
    expect(c.rules.find((r) => r.rule.id === 'N2')?.guidance).toBe('needs speech recognition');
    expect([c.withTests, c.enforceable]).toEqual([2, 4]);
    expect(summaryLine(c)).toContain('Enforceable rules with a test naming them: 2/4 (50 %); guidance only: 1; §6 scenarios with a test: 1/2 (50 %).');
  });

  it('a scenario is proved by a title naming its scenario id (hyphens may be spaces) or its §6 name; unclaimed pack scenarios are listed', () => {
    const c = build();
    expect(c.scenarios.map((s) => [s.scenario.name, s.status, s.packs.join()])).toEqual([
      ['consultation', 'untested', 'telecom-10000'],
      ['wrong number / out of scope', 'tested', 'telecom-10000'],
    ]);
    expect(c.outside).toEqual(['ivr-handoff']);
  });

  it('tests that name a rule nothing enforces are a gap too', () => {
    const c = buildConformance({
      standard: parseStandard(STANDARD), tests: [{ file: 't.ts', title: 'H2: music' }], sources: [], states: [], timingRules: {}, packScenarios: {},
    });
    expect(c.rules.find((r) => r.rule.id === 'H2')?.status).toBe('not enforced');
    expect(gapsOf(c)).toContain('H2 Music on hold where the system has it: no enforcing code names it');
  });

  it('renders the table, the guidance-only reasons and the gaps', () => {
    const c = build();
    const md = renderMarkdown(c);
    expect(md).toContain('| N1 | answer within N rings | 002, 003 | callMachine `ringing.bell.ring` (after ringCycle) | `tests/unit/fake.test.ts` › N1: counts rings<br>');
    expect(md).toContain('| F9 | A rule added to the standard yesterday | 003 | — | — | **gap: no test names it** |');
    expect(md).toContain('| N2 | speaking rate | needs speech recognition |');
    expect(md).toContain('- F9 A rule added to the standard yesterday: no test names it');
    expect(md).toContain('- §6 consultation: no test names it (consultation)');
    expect(md).toContain('Pack scenarios outside the §6 catalogue: `ivr-handoff`.');
    expect(renderSummary(c)).toMatch(/^ {2}F9 +0 test\(s\) {2}untested$/m);
  });
});
