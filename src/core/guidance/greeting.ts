// The greeting the agent says when the call connects (SERVICE-STANDARD §2): the tier's template
// (G1, G5) with a time-of-day salutation instead of 您好 where the pack's hotline does that (G2),
// and 周末快乐 / 节日快乐 / 新年好 on those days (G3) — all in the agent's time zone. Also the
// closing, which on a Friday wishes 周末愉快 (G4, 001).
import type { Lang, Tier } from '../config.ts';
import type { Calendar, Pack } from '../pack/load.ts';
import type { Period, Source } from '../pack/schema.ts';
import { calendarIndex, dayKey } from './calendarIndex.ts';
import type { CalendarIndex } from './calendarIndex.ts';
import { localTime, nextDay } from './localTime.ts';
import type { LocalTime } from './localTime.ts';
import { renderTemplate, requiredVariables, sourceList, tierText } from './template.ts';
import type { TemplateVars } from './template.ts';

export type Occasion = 'none' | 'weekend' | 'holiday' | 'newyear';

export interface Caller {
  surname: string;
  title: string;
}

export interface GreetingInput {
  tier: Tier;
  /** The moment the call connects: a Date or epoch ms. */
  instant: Date | number;
  /** The agent's IANA time zone, e.g. Asia/Shanghai. */
  timeZone: string;
  pack: Pack;
  /** Holiday calendars as loaded (pass the same array each call: its index is cached). */
  calendars: readonly Calendar[];
  agent: { id: string; name?: string };
  caller?: Caller;
  /** If given, must be the pack's language (pick the pack for a language with `packForLang`). */
  lang?: Lang;
}

export interface Greeting {
  text: string;
  tier: Tier;
  period: Period;
  occasion: Occasion;
  pack: string;
  lang: Lang;
  sources: Source[];
}

export function periodAt(pack: Pack, minute: number): Period {
  const s = pack.periodStart;
  if (minute < s.morning || minute >= s.evening) return 'evening';
  if (minute >= s.afternoon) return 'afternoon';
  if (minute >= s.noon) return 'noon';
  return 'morning';
}

/** An adjusted working day (调休上班) is never weekend, even on a Saturday. */
function isWorkday(index: CalendarIndex, y: number, m: number, d: number): boolean {
  return index.get(dayKey(y, m, d))?.kind === 'workday';
}

/** Friday from `fridayFrom` until Saturday 24:00 (002), unless that Saturday is worked. */
function inWeekendWindow(pack: Pack, index: CalendarIndex, t: LocalTime): boolean {
  if (t.weekday === 6) return !isWorkday(index, t.year, t.month, t.day);
  if (t.weekday === 5 && t.minute >= pack.fridayFromMinute) return !isWorkday(index, ...nextDay(t.year, t.month, t.day));
  return false;
}

export function occasionAt(pack: Pack, index: CalendarIndex, t: LocalTime): Occasion {
  const mmdd = `${t.month < 10 ? '0' : ''}${t.month}-${t.day < 10 ? '0' : ''}${t.day}`;
  const day = index.get(dayKey(t.year, t.month, t.day));
  if (pack.newYearDays.has(mmdd) || day?.kind === 'newyear') return 'newyear';
  if (day?.kind === 'holiday') return 'holiday';
  return inWeekendWindow(pack, index, t) ? 'weekend' : 'none';
}

function baseVars(pack: Pack, agent: GreetingInput['agent'], caller?: Caller): TemplateVars {
  return {
    hotline: pack.hotline,
    agentId: agent.id,
    agentName: agent.name ?? '',
    surname: caller?.surname ?? '',
    title: caller?.surname ? caller.title : '',
  };
}

function checkLang(pack: Pack, lang?: Lang): void {
  if (lang !== undefined && lang !== pack.lang) {
    throw new RangeError(`pack "${pack.id}" is ${pack.lang}, not ${lang}`);
  }
}

export function chooseGreeting(input: GreetingInput): Greeting {
  const { pack, tier } = input;
  checkLang(pack, input.lang);
  const t = localTime(+input.instant, input.timeZone);
  const period = periodAt(pack, t.minute);
  const occasion = occasionAt(pack, calendarIndex(input.calendars, pack.region), t);

  // G2: the period's salutation replaces 您好 only where the pack's hotline says so (10000: 001).
  const salutation = (pack.timeOfDaySalutation ? pack.salutations[period] : undefined) ?? pack.salutations.default;
  const vars = baseVars(pack, input.agent, input.caller);
  const sources: Source[] = [...sourceList(pack.greeting.source)];
  if (occasion !== 'none' && pack.occasions[occasion].replacesSalutation) {
    vars.salutation = pack.occasions[occasion].text;
    vars.occasion = '';
    sources.push(...sourceList(pack.occasions[occasion].source));
  } else {
    vars.salutation = salutation.text;
    vars.occasion = occasion === 'none' ? '' : pack.occasions[occasion].text;
    sources.push(...sourceList(salutation.source));
    if (occasion !== 'none') sources.push(...sourceList(pack.occasions[occasion].source));
  }
  return {
    text: renderTemplate(tierText(pack.greeting, tier), vars),
    tier,
    period,
    occasion,
    pack: pack.id,
    lang: pack.lang,
    sources: dedupe(sources),
  };
}

/** The agent's details an opening line may say (G1: 工号 or name). */
export type AgentField = 'agentId' | 'agentName';
const AGENT_FIELDS: readonly AgentField[] = ['agentId', 'agentName'];

/**
 * The agent details the pack's opening line cannot do without: a {agentId} or {agentName}
 * outside `[ ]` in any tier's greeting (002: "全球通VIP客户代表**(名字)为您服务"). Inside `[ ]` the
 * pack author made it optional. The app refuses to take calls, and `seatmate greet` to print,
 * while one of these is empty — a greeting with a gap where the name goes is never said.
 */
export function greetingNeeds(pack: Pick<Pack, 'greeting'>): AgentField[] {
  const templates = [pack.greeting.text, ...Object.values(pack.greeting.tiers ?? {})];
  const used = new Set(templates.flatMap((t) => [...requiredVariables(t)]));
  return AGENT_FIELDS.filter((f) => used.has(f));
}

/** What greetingNeeds asks for that the agent's settings leave empty (blank counts as empty). */
export function greetingMissing(pack: Pick<Pack, 'greeting'>, agent: { id?: string | undefined; name?: string | undefined }): AgentField[] {
  const value: Record<AgentField, string | undefined> = { agentId: agent.id, agentName: agent.name };
  return greetingNeeds(pack).filter((f) => !value[f]?.trim());
}

export interface Closing {
  text: string;
  tier: Tier;
  /** True when the Friday wish (周末愉快) was chosen. */
  friday: boolean;
  /** Why the wish, if any: the weekend ahead (Friday) or a holiday tomorrow (G4). */
  wish: 'none' | 'weekend' | 'holiday';
  sources: Source[];
}

/** A holiday (or New Year) tomorrow, and today is not one yet: 节日前预祝节日快乐 (001). */
function holidayEve(index: CalendarIndex, t: LocalTime): boolean {
  const today = index.get(dayKey(t.year, t.month, t.day))?.kind;
  if (today === 'holiday' || today === 'newyear') return false;
  const tomorrow = index.get(dayKey(...nextDay(t.year, t.month, t.day)))?.kind;
  return tomorrow === 'holiday' || tomorrow === 'newyear';
}

/**
 * The closing phrase (G4): on the day before a holiday the pack's holidayEveClosing (001:
 * 节日前预祝节日快乐); else on a Friday before a weekend its fridayClosing (001: 周五时提醒周末愉快).
 */
export function chooseClosing(input: Omit<GreetingInput, 'agent'> & { agent?: GreetingInput['agent'] }): Closing {
  const { pack, tier } = input;
  checkLang(pack, input.lang);
  const t = localTime(+input.instant, input.timeZone);
  const index = calendarIndex(input.calendars, pack.region);
  const eve = pack.replies.holidayEveClosing !== undefined && holidayEve(index, t);
  const friday = !eve && t.weekday === 5 && !isWorkday(index, ...nextDay(t.year, t.month, t.day));
  const phrase = eve ? pack.replies.holidayEveClosing! : friday ? pack.replies.fridayClosing : pack.replies.closing;
  return {
    text: renderTemplate(tierText(phrase, tier), baseVars(pack, input.agent ?? { id: '' }, input.caller)),
    tier,
    friday,
    wish: eve ? 'holiday' : friday ? 'weekend' : 'none',
    sources: sourceList(phrase.source),
  };
}

/** The pack to use for a language: the pack itself, or a loaded translation of it. */
export function packForLang(packs: ReadonlyMap<string, Pack>, id: string, lang?: Lang): Pack | undefined {
  const pack = packs.get(id);
  if (!pack || lang === undefined || pack.lang === lang) return pack;
  for (const p of packs.values()) {
    if (p.lang === lang && (p.translationOf === id || (pack.translationOf !== undefined && (p.id === pack.translationOf || p.translationOf === pack.translationOf)))) return p;
  }
  return undefined;
}

function dedupe(sources: Source[]): Source[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const k = `${s.seed}\u0000${s.heading}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
