// `seatmate scenarios` and `seatmate script ID`: the scenario catalogue and one script, as the
// overlay would show it for a tier.
import { parseArgs } from 'node:util';
import { tierSchema } from '../core/config.ts';
import type { Source } from '../core/pack/schema.ts';
import { renderScript, scenarioById } from '../core/guidance/scenarios.ts';
import { sourceList } from '../core/guidance/template.ts';
import { callerOption } from './greet.ts';
import { loadPackChoice } from './packChoice.ts';
import { UsageError } from './usage.ts';

const cite = (sources: Source[]) => sources.map((s) => `${s.seed} ${s.heading}`).join('; ');

export async function runScenarios(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, strict: true, allowPositionals: true,
    options: { pack: { type: 'string' }, lang: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const { pack } = await loadPackChoice({ ...(values.pack ? { pack: values.pack } : {}), ...(values.lang ? { lang: values.lang } : {}) });
  const list = pack.scenarios.map((s) => ({
    id: s.id, title: s.title, ...(s.titleEn ? { titleEn: s.titleEn } : {}),
    keywords: s.keywords, triggers: s.triggers ?? {}, steps: s.steps.length, sources: sourceList(s.source),
  }));
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ pack: pack.id, lang: pack.lang, scenarios: list })}\n`);
  } else {
    for (const s of list) process.stdout.write(`${s.id}\t${s.title}${s.titleEn ? ` (${s.titleEn})` : ''}\t[${cite(s.sources)}]\n`);
  }
  return 0;
}

export async function runScript(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, strict: true, allowPositionals: true,
    options: {
      tier: { type: 'string' }, pack: { type: 'string' }, lang: { type: 'string' }, json: { type: 'boolean' },
      'agent-id': { type: 'string' }, surname: { type: 'string' }, title: { type: 'string' },
    },
  });
  const [id, ...rest] = positionals;
  if (id === undefined) throw new UsageError('script needs a scenario ID (see "seatmate scenarios")');
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  if (values.tier === undefined) throw new UsageError('--tier is required (vip, brand or ordinary)');
  const tier = tierSchema.safeParse(values.tier);
  if (!tier.success) throw new UsageError(`--tier must be vip, brand or ordinary, not "${values.tier}"`);
  const caller = callerOption(values.surname, values.title);
  const { pack } = await loadPackChoice({ ...(values.pack ? { pack: values.pack } : {}), ...(values.lang ? { lang: values.lang } : {}) });
  const scenario = scenarioById(pack, id);
  if (!scenario) {
    process.stderr.write(`seatmate script: no scenario "${id}" in pack ${pack.id}; see "seatmate scenarios --pack ${pack.id}"\n`);
    return 1;
  }
  const script = renderScript(pack, scenario, tier.data, {
    agentId: values['agent-id'] ?? '1001',
    ...(caller ? { surname: caller.surname, title: caller.title } : {}),
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ pack: pack.id, lang: pack.lang, ...script })}\n`);
    return 0;
  }
  const out = [`${script.title}${script.titleEn && script.titleEn !== script.title ? ` (${script.titleEn})` : ''} — ${script.tier}  [${cite(script.sources)}]`];
  for (const s of script.steps) {
    const head = `${s.index + 1}. ${s.title ? `${s.title}: ` : ''}`;
    if (s.do) out.push(`${head}(${s.do})${s.text ? ` ${s.text}` : ''}`);
    else out.push(`${head}${s.text ?? ''}`);
  }
  for (const t of script.tips) out.push(`+ ${t}`);
  for (const d of script.donts) out.push(`- ${d}`);
  for (const f of script.forbidden) out.push(`✗ ${f.text} → ${f.better}`);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
