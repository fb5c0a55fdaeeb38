// SERVICE-STANDARD §6: each scenario of the catalogue is a script in the packs — steps, and the
// seeds the catalogue names among its sources. One test per catalogue row, named by its scenario
// ids, so docs/conformance.md finds them. Scenario files are read on their own (not through the
// pack loader) so a problem elsewhere in a pack does not hide these.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioFileSchema } from '../../../src/core/pack/schema.ts';
import type { ScenarioFile, Source } from '../../../src/core/pack/schema.ts';
import { loadYamlFile } from '../../../src/core/pack/yamlFile.ts';
import { CATALOGUE_IDS, parseStandard } from '../../../scripts/conformanceTable.ts';
import { RESOURCES, ROOT } from './content.ts';

const STANDARD = process.env.SEATMATE_STANDARD ?? join(ROOT, '..', 'shared', 'SERVICE-STANDARD.md');
const catalogueSeeds = new Map(existsSync(STANDARD)
  ? parseStandard(readFileSync(STANDARD, 'utf8')).scenarios.map((s) => [s.name, s.seeds] as const)
  : []);

const PACKS = join(RESOURCES, 'packs');
const scripts: Array<{ pack: string; scenario: ScenarioFile }> = readdirSync(PACKS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(PACKS, d.name, 'scenarios')))
  .flatMap((d) => readdirSync(join(PACKS, d.name, 'scenarios')).map((f) => {
    const file = join(PACKS, d.name, 'scenarios', f);
    const r = loadYamlFile(file, readFileSync(file, 'utf8'), scenarioFileSchema);
    if (!r.ok) throw new Error(`${file}: ${r.errors.map((e) => e.message).join('; ')}`);
    return { pack: d.name, scenario: r.data };
  }));

const sources = (s: Source | Source[] | undefined): Source[] => (s === undefined ? [] : Array.isArray(s) ? s : [s]);

/** The catalogue row has a script for each of its ids; each has steps and cites a seed the catalogue names. */
function scripted(name: string): void {
  const ids = CATALOGUE_IDS[name];
  expect(ids, `no scenario ids for the §6 row "${name}"`).toBeDefined();
  for (const id of ids!) {
    const found = scripts.filter((s) => s.scenario.id === id);
    expect(found.length, `no pack has a script "${id}"`).toBeGreaterThan(0);
    for (const { pack, scenario } of found) {
      expect(scenario.steps.length, `${pack}/${id}: steps`).toBeGreaterThanOrEqual(2);
      const seeds = catalogueSeeds.get(name);
      if (seeds === undefined || pack.endsWith('-en')) continue;
      const cited = new Set([scenario.source, ...scenario.steps.map((s) => s.source), ...scenario.tips.map((t) => t.source), ...scenario.donts.map((d) => d.source)]
        .flatMap(sources).map((s) => s.seed));
      expect(seeds.filter((s) => cited.has(s)), `${pack}/${id} cites none of ${seeds.join(', ')}`).not.toEqual([]);
    }
  }
}

describe('SERVICE-STANDARD §6: every scenario of the catalogue is a script citing its seeds', () => {
  it('consultation: greet, confirm the need, answer, confirm satisfaction, close', () => scripted('consultation'));
  it('complaint (and hard-to-reach): calm, record, verify, solve, follow up', () => scripted('complaint'));
  it('angry-caller: the emotional or angry caller', () => scripted('emotional/angry caller'));
  it('suggestion: suggestions and criticism', () => scripted('suggestion / criticism'));
  it('emergency: priority, verify, temporary measure, 30-min updates', () => scripted('emergency'));
  it('supervisor-request: the caller asks for a supervisor or leader', () => scripted('caller asks for supervisor / leader'));
  it('ivr-refused: the caller refuses the transfer to self-service', () => scripted('transfer to self-service refused by the caller'));
  it('unknown-business and callback-offer: business the agent does not know — knowledge base, hold, call-back', () => scripted('business the agent doesn\'t know'));
  it('roaming: international roaming, expert seat or a call-back when busy', () => scripted('international roaming'));
  it('long-fault, handset-fault, fee-dispute: faults and a fee dispute without an itemized bill', () => scripted('long-unrepaired fault; handset fault; fee dispute without itemized bill'));
  it('silent-call and one-way-audio: the caller is silent or cannot hear us', () => scripted('silent call / one-way audio; caller can\'t hear us'));
  it('low-volume, noisy-line, dialect: speakerphone or low volume, a noisy line, dialect', () => scripted('speakerphone or low volume; noisy line; dialect'));
  it('wrong-number: wrong number or out of scope', () => scripted('wrong number / out of scope'));
  it('harassment, sales-call, media-call: chat and harassment calls, unrelated sales and media calls', () => scripted('harassment / chat call; unrelated sales call; media call'));
  it('agent-complaint: a complaint about an agent', () => scripted('complaint about an agent'));
  it('business-acceptance, not-available, go-to-store: one question at a time; not available; go to a store', () => scripted('business acceptance'));
  it('cannot-solve-now: record, promise a time, call back', () => scripted('cannot solve now'));
  it('thanks-apology: the caller apologizes or thanks (tiered replies)', () => scripted('caller apologizes / thanks'));
  it('agent-self-care: after a hard call', () => scripted('agent self-care after a hard call'));

  it('the English pack translates every telecom-10000 script', () => {
    const ids = (pack: string) => scripts.filter((s) => s.pack === pack).map((s) => s.scenario.id).sort();
    expect(ids('telecom-10000-en')).toEqual(ids('telecom-10000'));
  });
});
