// Who is calling (SERVICE-STANDARD §2, G7): the tier comes from the INVITE header the PBX/IVR sets,
// else the directory IT provides, else a CRM look-up with a short time limit, else ordinary.
// Ringing is never delayed: the answer known now is returned at once, and a CRM answer that
// arrives in time comes later as an update.
import { tierSchema } from '../config.ts';
import type { Tier } from '../config.ts';
import { untrustedText } from '../untrusted.ts';
import type { Directory } from '../pack/load.ts';

export type TierSource = 'header' | 'directory' | 'crm' | 'default';

/** Who is calling: the tier, where it came from, and the caller's name when known. */
export interface TierResult {
  tier: Tier;
  from: TierSource;
  surname?: string;
  title?: string;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Minimal cancellation signal (core has no DOM AbortSignal); hosts bridge it to fetch's. */
export interface LookupSignal {
  readonly aborted: boolean;
  onAbort(listener: () => void): void;
}

export type CrmLookup = (number: string, signal: LookupSignal) => Promise<{ tier?: unknown; surname?: unknown; title?: unknown } | undefined | null>;

export interface ResolveTierInput {
  /** The tier the INVITE's header named, already reduced to a tier at the engine's boundary. */
  headerTier?: Tier;
  /** The caller's number (From user part). */
  number?: string;
  directory?: Directory;
  crmLookup?: CrmLookup;
  timeoutMs?: number;
  timers: Timers;
}

export interface TierResolution {
  /** Known now: use it for the ringing panel and greeting. */
  now: TierResult;
  /** Resolves with a better answer from the CRM, or null (no look-up, timeout, failure). */
  late: Promise<TierResult | null>;
}

/** Exact number first, then the longest matching prefix. */
export function lookupDirectory(directory: Directory | undefined, number: string | undefined): TierResult | undefined {
  if (!directory || !number) return undefined;
  const exact = directory.numbers.get(number);
  if (exact) return { from: 'directory', ...exact };
  const prefix = directory.prefixes.find((p) => number.startsWith(p.prefix));
  return prefix ? { tier: prefix.tier, from: 'directory' } : undefined;
}

export function resolveTier(input: ResolveTierInput): TierResolution {
  const fromHeader = input.headerTier;
  if (fromHeader) return { now: { tier: fromHeader, from: 'header' }, late: Promise.resolve(null) };
  const number = input.number?.replace(/[^0-9+]/g, '');
  const fromDirectory = lookupDirectory(input.directory, number);
  if (fromDirectory) return { now: fromDirectory, late: Promise.resolve(null) };
  const now: TierResult = { tier: 'ordinary', from: 'default' };
  if (!input.crmLookup || !number) return { now, late: Promise.resolve(null) };
  return { now, late: crmWithin(input.crmLookup, number, input.timeoutMs ?? 300, input.timers) };
}

function crmWithin(lookup: CrmLookup, number: string, timeoutMs: number, timers: Timers): Promise<TierResult | null> {
  const listeners: Array<() => void> = [];
  const signal = { aborted: false, onAbort: (l: () => void) => { listeners.push(l); } };
  return new Promise<TierResult | null>((resolve) => {
    let settled = false;
    const finish = (r: TierResult | null) => {
      if (settled) return;
      settled = true;
      timers.clearTimeout(handle);
      resolve(r);
    };
    const handle = timers.setTimeout(() => {
      signal.aborted = true;
      for (const l of listeners) { try { l(); } catch { /* a listener's failure must not keep the call waiting */ } }
      finish(null);
    }, timeoutMs);
    let pending: ReturnType<CrmLookup>;
    try { pending = lookup(number, signal); } catch { finish(null); return; }
    Promise.resolve(pending).then((r) => {
      const tier = tierSchema.safeParse(r?.tier);
      if (!tier.success) { finish(null); return; }
      const surname = untrustedText(r?.surname, 8);
      const title = untrustedText(r?.title, 8);
      finish({ tier: tier.data, from: 'crm', ...(surname ? { surname } : {}), ...(title ? { title } : {}) });
    }, () => finish(null));
  });
}
