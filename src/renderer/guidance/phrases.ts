// The text of a phrase the call controls ask for (by key), from the pack, in the tier's wording.
import type { Tier } from '../../core/config.ts';
import type { Pack } from '../../core/pack/load.ts';
import type { PhraseKey } from '../../core/call/index.ts';
import { phraseByRef } from '../../core/guidance/scenarios.ts';
import { renderTemplate, tierText, type TemplateVars } from '../../core/guidance/template.ts';

export function phraseText(pack: Pack | undefined, key: PhraseKey | undefined, tier: Tier, vars: TemplateVars, step = 0): string {
  if (!pack || !key) return '';
  const phrase = key === 'silent.prompt' || key === 'silent.closing'
    ? pack.silentCall.steps[Math.min(step, pack.silentCall.steps.length - 1)]
    : phraseByRef(pack, key);
  return phrase ? renderTemplate(tierText(phrase, tier), { hotline: pack.hotline, ...vars }) : '';
}
