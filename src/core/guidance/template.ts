// Render pack templates: `{variable}` is replaced, and a `[…]` part is dropped when a variable in
// it is empty — so "[{surname}{title},]" vanishes for an unknown caller without leaving a stray
// comma. Templates are parsed once and cached: greetings are rendered on every ringing call.
import type { Phrase, Source, TEMPLATE_VARIABLES } from '../pack/schema.ts';
import type { Tier } from '../config.ts';

export type TemplateVars = Partial<Record<(typeof TEMPLATE_VARIABLES)[number], string>>;

type Piece = string | { v: keyof TemplateVars };
type Part = Piece | { optional: Piece[] };

const cache = new Map<string, Part[]>();

function parsePieces(text: string): Piece[] {
  const out: Piece[] = [];
  const re = /\{([A-Za-z]+)\}/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push({ v: m[1] as keyof TemplateVars });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function parse(template: string): Part[] {
  let parts = cache.get(template);
  if (parts) return parts;
  parts = [];
  const re = /\[([^[\]]*)\]/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    parts.push(...parsePieces(template.slice(last, m.index)));
    parts.push({ optional: parsePieces(m[1] ?? '') });
    last = m.index + m[0].length;
  }
  parts.push(...parsePieces(template.slice(last)));
  if (cache.size > 5000) cache.clear();
  cache.set(template, parts);
  return parts;
}

const piece = (p: Piece, vars: TemplateVars) => (typeof p === 'string' ? p : (vars[p.v] ?? ''));

export function renderTemplate(template: string, vars: TemplateVars): string {
  let out = '';
  for (const part of parse(template)) {
    if (typeof part === 'string' || 'v' in part) { out += piece(part, vars); continue; }
    let seg = '';
    let complete = true;
    for (const p of part.optional) {
      const s = piece(p, vars);
      if (typeof p !== 'string' && s === '') { complete = false; break; }
      seg += s;
    }
    if (complete) out += seg;
  }
  return out;
}

/** Variables the template always says: those outside `[ ]` (an empty one would leave a gap, not drop a part). */
export function requiredVariables(template: string): Set<keyof TemplateVars> {
  const out = new Set<keyof TemplateVars>();
  for (const part of parse(template)) if (typeof part !== 'string' && 'v' in part) out.add(part.v);
  return out;
}

/** The phrase's wording for a tier (its `tiers` override, else `text`). */
export function tierText(phrase: Pick<Phrase, 'text' | 'tiers'>, tier: Tier): string {
  return phrase.tiers?.[tier] ?? phrase.text;
}

export function renderPhrase(phrase: Phrase, tier: Tier, vars: TemplateVars): { text: string; sources: Source[] } {
  return { text: renderTemplate(tierText(phrase, tier), vars), sources: sourceList(phrase.source) };
}

export function sourceList(source: Source | Source[] | undefined): Source[] {
  if (!source) return [];
  return Array.isArray(source) ? source : [source];
}
