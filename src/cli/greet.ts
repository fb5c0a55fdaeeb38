// `seatmate greet`: the greeting the overlay would show, for checking packs and calendars.
import { parseArgs } from 'node:util';
import { tierSchema } from '../core/config.ts';
import { chooseGreeting, greetingMissing } from '../core/guidance/greeting.ts';
import { instantOfWallTime, isTimeZone } from '../core/guidance/localTime.ts';
import { loadPackChoice } from './packChoice.ts';
import { UsageError } from './usage.ts';

const OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/** --at: an ISO 8601 instant; without an offset, a wall time in the given zone. */
export function parseAt(at: string, timeZone: string): number {
  const s = at.trim();
  if (OFFSET.test(s) && /T|\s/.test(s)) {
    const t = Date.parse(s);
    if (Number.isNaN(t)) throw new UsageError(`--at "${at}" is not an ISO 8601 time`);
    return t;
  }
  const m = LOCAL.exec(s);
  if (!m) throw new UsageError(`--at "${at}" is not an ISO 8601 time such as 2025-05-09T18:00 or 2025-05-09T18:00+08:00`);
  const [y, mo, d, h, mi, se] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || se > 59) {
    throw new UsageError(`--at "${at}" is not a real date and time`);
  }
  return instantOfWallTime(y, mo, d, h * 60 + mi, se, timeZone);
}

export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}

export function callerOption(surname?: string, title?: string): { surname: string; title: string } | undefined {
  if (title !== undefined && surname === undefined) throw new UsageError('--title needs --surname');
  if (surname === undefined) return undefined;
  if (!/^\S{1,8}$/u.test(surname)) throw new UsageError('--surname must be 1–8 characters without spaces');
  const t = title ?? '';
  if (t !== '' && !/^\S{1,8}$/u.test(t)) throw new UsageError('--title must be 1–8 characters, e.g. 先生 or 女士');
  return { surname, title: t };
}

export async function runGreet(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      tier: { type: 'string' }, at: { type: 'string' }, tz: { type: 'string' }, pack: { type: 'string' },
      lang: { type: 'string' }, 'agent-id': { type: 'string' }, 'agent-name': { type: 'string' },
      surname: { type: 'string' }, title: { type: 'string' }, json: { type: 'boolean' },
    },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.tier === undefined) throw new UsageError('--tier is required (vip, brand or ordinary)');
  const tier = tierSchema.safeParse(values.tier);
  if (!tier.success) throw new UsageError(`--tier must be vip, brand or ordinary, not "${values.tier}"`);
  const timeZone = values.tz ?? machineTimeZone();
  if (!isTimeZone(timeZone)) throw new UsageError(`--tz "${timeZone}" is not an IANA time zone such as Asia/Shanghai`);
  const instant = values.at !== undefined ? parseAt(values.at, timeZone) : Date.now();
  if (values['agent-id'] !== undefined && !/^[0-9A-Za-z-]{1,32}$/.test(values['agent-id'])) throw new UsageError('--agent-id: up to 32 letters and digits');
  const caller = callerOption(values.surname, values.title);
  const { content, pack } = await loadPackChoice({ ...(values.pack ? { pack: values.pack } : {}), ...(values.lang ? { lang: values.lang } : {}) });
  // The app refuses to take calls without the details the pack's opening line says; so does this.
  const missing = greetingMissing(pack, { id: values['agent-id'], name: values['agent-name'] });
  if (missing.length > 0) {
    const flags = missing.map((f) => (f === 'agentId' ? '--agent-id' : '--agent-name'));
    throw new UsageError(`pack "${pack.id}" greets with the agent's ${missing.map((f) => (f === 'agentId' ? 'ID (工号)' : 'name')).join(' and ')}: give ${flags.join(' and ')}`);
  }
  const agentId = values['agent-id'] ?? '1001';

  const g = chooseGreeting({
    tier: tier.data, instant, timeZone, pack, calendars: content.calendars,
    agent: { id: agentId, ...(values['agent-name'] ? { name: values['agent-name'] } : {}) },
    ...(caller ? { caller } : {}),
  });
  if (values.json) {
    const { text, period, occasion, lang, sources } = g;
    process.stdout.write(`${JSON.stringify({ text, tier: g.tier, period, occasion, pack: g.pack, lang, sources })}\n`);
  } else {
    process.stdout.write(`${g.text}\n`);
  }
  return 0;
}
