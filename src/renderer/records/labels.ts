// How the records views say things: a timeline event, a rule's verdict line, a time of day in the
// agent's zone. The words are in the i18n files (records.event.*, records.why.*, records.rule.*).
import type { TFunction } from 'i18next';
import type { RuleVerdict, TimelineEvent } from '../../core/records/index.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "2025-05-16 10:00:05" in the agent's time zone. */
export function localDateTime(instant: number, timeZone: string, lang: string): string {
  const key = `${lang}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-CA' : 'zh-CN', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    formatters.set(key, f);
  }
  return f.format(instant);
}

/** "+12.3 s" from the call's start. */
export function offset(at: number, start: number): string {
  return `+${((at - start) / 1000).toFixed(1)} s`;
}

export function eventLine(t: TFunction, e: TimelineEvent): string {
  const values = { ...e } as Record<string, unknown>;
  if (e.type === 'started') values.direction = t(`records.dir.${e.direction}`);
  if (e.type === 'started' || e.type === 'identified') values.tier = t(`tier.${e.tier}`);
  if (e.type === 'ended') values.kind = t(`call.record.${e.kind}`, { defaultValue: e.kind });
  if (e.type === 'coaching') {
    Object.assign(values, { rate: e.meanRate ?? '—', agent: e.talkOvers.agent, customer: e.talkOvers.customer, deadAir: e.deadAir.count });
  }
  // Who talked over whom, and which way the rate was off, change the sentence, not a word in it.
  if (e.type === 'talkOver') return t(`records.event.talkOver.${e.by}`);
  if (e.type === 'rateHint') return t(`records.event.rateHint.${e.side}`, { rate: e.rate });
  if (e.type === 'case.update') return t(`records.event.case.update.${e.late ? 'late' : 'onTime'}`, { count: e.count });
  return t(`records.event.${e.type}`, { ...values, defaultValue: e.type });
}

export function ruleName(t: TFunction, rule: string): string {
  return t(`records.rule.${rule}`, { defaultValue: rule });
}

export function verdictLine(t: TFunction, v: RuleVerdict): string {
  return t(`records.why.${v.why}`, { ...v.facts, defaultValue: v.why });
}
