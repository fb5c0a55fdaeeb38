// Which script to show (SERVICE-STANDARD §6): chosen by the X-Scenario header, the IVR path the
// caller came through, or a call event (hold past the limit → call-back, failed transfer →
// fallback, silence → silent-call script); or found by the agent typing a title, its pinyin
// initials (tsjl → 投诉处理) or a keyword. Search is plain string matching: the pinyin keys come
// with each scenario from the host (Scenario.searchKeys), not from a dictionary in the page.
import type { Tier } from '../config.ts';
import type { Pack, Scenario } from '../pack/load.ts';
import type { CallEvent, Phrase, PhraseRef, Source } from '../pack/schema.ts';
import { headerId } from '../untrusted.ts';
import { renderTemplate, sourceList, tierText } from './template.ts';
import type { TemplateVars } from './template.ts';

interface SearchEntry {
  scenario: Scenario;
  title: string;
  initials: string;
  full: string;
  keywords: string[];
  extra: string;
}

interface ScenarioIndex {
  byId: Map<string, Scenario>;
  byIvr: Map<string, Scenario>;
  byEvent: Map<CallEvent, Scenario>;
  search: SearchEntry[];
}

const indexes = new WeakMap<Pack, ScenarioIndex>();

const squash = (s: string) => s.toLowerCase().replace(/[\s\p{P}]+/gu, '');

function indexOf(pack: Pack): ScenarioIndex {
  let index = indexes.get(pack);
  if (index) return index;
  index = { byId: new Map(), byIvr: new Map(), byEvent: new Map(), search: [] };
  for (const s of pack.scenarios) {
    index.byId.set(s.id, s);
    for (const p of s.triggers?.ivrPaths ?? []) index.byIvr.set(p, s);
    for (const e of s.triggers?.events ?? []) index.byEvent.set(e, s);
    index.search.push({
      scenario: s,
      title: squash(s.title),
      initials: s.searchKeys?.initials ?? '',
      full: s.searchKeys?.full ?? '',
      keywords: s.keywords.map(squash),
      extra: squash(`${s.id} ${s.titleEn ?? ''}`),
    });
  }
  indexes.set(pack, index);
  return index;
}

export function scenarioById(pack: Pack, id: string): Scenario | undefined {
  return indexOf(pack).byId.get(id);
}

export interface ScenarioChoice {
  scenario: Scenario;
  reason: 'header' | 'ivr' | 'event';
}

/** At ringing: the X-Scenario header wins, then the IVR path (exact, then longest prefix). */
export function scenarioForCall(pack: Pack, headers: { scenario?: string; ivrPath?: string }): ScenarioChoice | undefined {
  const index = indexOf(pack);
  const id = headerId(headers.scenario);
  const named = id ? index.byId.get(id) : undefined;
  if (named) return { scenario: named, reason: 'header' };
  const path = headerId(headers.ivrPath, 16);
  for (let p = path; p; p = p.slice(0, -1)) {
    const s = index.byIvr.get(p);
    if (s) return { scenario: s, reason: 'ivr' };
  }
  return undefined;
}

/** During the call: the script for an event (hold-limit, transfer-failed, silence, harassment). */
export function scenarioForEvent(pack: Pack, event: CallEvent): ScenarioChoice | undefined {
  const s = indexOf(pack).byEvent.get(event);
  return s ? { scenario: s, reason: 'event' } : undefined;
}

function score(e: SearchEntry, q: string): number {
  if (e.title === q) return 100;
  if (e.title.startsWith(q)) return 90;
  if (e.keywords.includes(q)) return 80;
  if (e.title.includes(q)) return 70;
  if (e.initials.startsWith(q)) return 60;
  if (e.full.startsWith(q)) return 55;
  if (e.keywords.some((k) => k.includes(q))) return 50;
  if (e.initials.includes(q)) return 40;
  if (e.full.includes(q)) return 35;
  if (e.extra.includes(q)) return 30;
  return 0;
}

/** Scenarios matching the query, best first (an empty query lists all in pack order). */
export function searchScenarios(pack: Pack, query: string, limit = 20): Scenario[] {
  const q = squash(query);
  const entries = indexOf(pack).search;
  if (!q) return entries.slice(0, limit).map((e) => e.scenario);
  return entries
    .map((e, order) => ({ e, order, s: score(e, q) }))
    .filter((r) => r.s > 0)
    .sort((a, b) => b.s - a.s || a.order - b.order)
    .slice(0, limit)
    .map((r) => r.e.scenario);
}

export interface ScriptStep {
  index: number;
  title?: string;
  /** What the agent says, in the tier's wording. */
  text?: string;
  /** What the agent does (not said). */
  do?: string;
  ref?: PhraseRef;
  sources: Source[];
}

/**
 * A scenario's title in a language: packs keep the Chinese `title` (search, pinyin) and may add
 * `titleEn`, so an English pack's scenarios show `titleEn` (the Chinese one if a pack has none).
 */
export function scenarioTitle(s: { title: string; titleEn?: string | undefined }, lang: string): string {
  return lang === 'en' ? s.titleEn ?? s.title : s.title;
}

export interface Script {
  id: string;
  /** In the pack's language (scenarioTitle). */
  title: string;
  titleEn?: string;
  tier: Tier;
  steps: ScriptStep[];
  tips: string[];
  donts: string[];
  forbidden: Array<{ text: string; better: string }>;
  sources: Source[];
  /** N10: an emergency case (progress updates until closed). */
  emergency: boolean;
}

export function phraseByRef(pack: Pack, ref: PhraseRef): Phrase {
  const [group, key] = ref.split('.') as [string, string | undefined];
  const node = (pack as unknown as Record<string, unknown>)[group];
  return (key ? (node as Record<string, Phrase>)[key] : node) as Phrase;
}

/** The scenario's steps with the tier's phrases filled in. */
export function renderScript(pack: Pack, scenario: Scenario, tier: Tier, vars: TemplateVars = {}): Script {
  const v: TemplateVars = { hotline: pack.hotline, ...vars };
  const steps = scenario.steps.map((step, index): ScriptStep => {
    const out: ScriptStep = { index, sources: sourceList(step.source) };
    if (step.title !== undefined) out.title = step.title;
    if (step.do !== undefined) out.do = step.do;
    if (step.ref !== undefined) {
      const phrase = phraseByRef(pack, step.ref);
      out.ref = step.ref;
      out.text = renderTemplate(tierText(phrase, tier), v);
      if (!step.source) out.sources = sourceList(phrase.source);
    } else if (step.say !== undefined) {
      out.text = renderTemplate(tierText({ text: step.say, tiers: step.tiers }, tier), v);
    }
    return out;
  });
  // F1: the scenario's forbidden phrases (服务禁语), each shown with what to say instead.
  const forbidden = scenario.forbidden.flatMap((id) => pack.forbidden.filter((f) => f.id === id).map((f) => ({ text: f.text, better: f.better })));
  return {
    id: scenario.id,
    // In the pack's language: every view (script, overlay, tray) takes the title from here.
    title: scenarioTitle(scenario, pack.lang),
    ...(scenario.titleEn !== undefined ? { titleEn: scenario.titleEn } : {}),
    tier,
    steps,
    tips: scenario.tips.map((t) => t.text),
    donts: scenario.donts.map((d) => d.text),
    forbidden,
    sources: sourceList(scenario.source),
    emergency: scenario.emergency ?? false,
  };
}
