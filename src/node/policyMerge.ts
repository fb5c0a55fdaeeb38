// The IT policy service: merges what the platform readers found (highest priority first) into
// enforced and recommended values, and lays them over the agent's own settings:
//   built-in default  <  recommended policy  <  agent's setting  <  enforced policy.
// A malformed value is logged and ignored — the key falls back as if unset — and every other
// key is kept: one typo in a GPO must not take the phone down.
import { appConfigSchema, type AppConfig } from '../core/config.ts';
import { parsePolicyValue, policyDefaults, policyKeyNames, policyKeys, type PolicyKey, type PolicyValues } from './policyKeys.ts';

/** One source's raw values, e.g. HKLM\Software\Policies\SeatMate and its Recommended subkey. */
export interface PolicyLayer {
  source: string;
  enforced: Record<string, unknown>;
  recommended: Record<string, unknown>;
}

export interface ResolvedPolicy {
  enforced: Partial<PolicyValues>;
  recommended: Partial<PolicyValues>;
  /** Human-readable problems (malformed or unknown values), for the log. */
  problems: string[];
  sources: string[];
}

export const emptyPolicy: ResolvedPolicy = { enforced: {}, recommended: {}, problems: [], sources: [] };

function findKey(name: string): PolicyKey | undefined {
  // Registry value names are case-insensitive; accept any casing everywhere for the same reason.
  return policyKeyNames.find((k) => k.toLowerCase() === name.toLowerCase());
}

/** Layers come highest priority first (machine before user). */
export function resolvePolicy(layers: readonly PolicyLayer[]): ResolvedPolicy {
  const out: ResolvedPolicy = { enforced: {}, recommended: {}, problems: [], sources: [] };
  for (const layer of layers) {
    const seen = Object.keys(layer.enforced).length + Object.keys(layer.recommended).length;
    if (seen > 0) out.sources.push(layer.source);
    for (const level of ['enforced', 'recommended'] as const) {
      for (const [rawName, raw] of Object.entries(layer[level])) {
        // Profile bookkeeping (PayloadUUID…) can show up beside the settings on macOS.
        if (rawName.startsWith('Payload')) continue;
        const name = findKey(rawName);
        if (!name) { out.problems.push(`${layer.source}: unknown policy "${rawName}" ignored`); continue; }
        const parsed = parsePolicyValue(name, raw);
        if (parsed.ok === 'unset') continue;
        if (!parsed.ok) {
          out.problems.push(`${layer.source}: ${level} policy ${name} ignored (${parsed.error}); using ${JSON.stringify(policyDefaults[name])} unless another source sets it`);
          continue;
        }
        const target = out[level] as Record<string, unknown>;
        if (!(name in target)) target[name] = parsed.value;
      }
    }
  }
  return out;
}

/** The value main itself acts on (updates, start on login, overlay…): enforced, else the user's, else recommended, else default. */
export function policyValue<K extends PolicyKey>(policy: ResolvedPolicy, name: K, userValue?: PolicyValues[K]): PolicyValues[K] {
  return (policy.enforced[name] ?? userValue ?? policy.recommended[name] ?? policyDefaults[name]) as PolicyValues[K];
}

export function isEnforced(policy: ResolvedPolicy, name: PolicyKey): boolean {
  return policy.enforced[name] !== undefined;
}

type Raw = Record<string, unknown>;

function setPath(config: Raw, path: string, value: unknown): void {
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (!tail) { config[head] = value; return; }
  const inner = { ...((config[head] as Raw | undefined) ?? {}) };
  inner[tail] = value;
  config[head] = inner;
}

function apply(config: Raw, values: Partial<PolicyValues>): void {
  for (const name of Object.keys(values) as PolicyKey[]) {
    const meta = policyKeys[name] as { config?: string };
    const value = values[name];
    if (!meta.config || value === undefined) continue;
    if (meta.config === 'sip.domain') continue; // applied below, it rewrites the URI
    if (meta.config.startsWith('sip.') && !config.sip) continue; // needs a SIP account first
    setPath(config, meta.config, value);
  }
  const domain = values.sipDomain;
  const sip = config.sip as Raw | undefined;
  if (domain && sip && typeof sip.uri === 'string') {
    sip.uri = sip.uri.replace(/^(sips?:[^@\s]+@)[^;\s]+/, `$1${domain}`);
  }
}

/**
 * When IT gives the servers and domain, the agent only needs an id: build sip:<id>@<domain> so a
 * fresh install registers once the password is entered.
 */
function seedSipAccount(config: Raw, policy: ResolvedPolicy): void {
  if (config.sip) return;
  const servers = policy.enforced.sipServers ?? policy.recommended.sipServers;
  const domain = policy.enforced.sipDomain ?? policy.recommended.sipDomain;
  const agent = (config.agent as { id?: string } | undefined)?.id;
  if (servers && domain && agent) config.sip = { uri: `sip:${agent}@${domain}`, ws: servers };
}

/** A look-up time limit without a CRM to ask (e.g. only crmTimeoutMs set) means no look-up. */
function dropCrmWithoutUrl(config: Raw): void {
  const crm = config.crm as Raw | undefined;
  if (crm && typeof crm.url !== 'string') delete config.crm;
}

export interface Layered { config: AppConfig; locked: string[]; problems: string[] }

/** user: the agent's stored settings (already schema-valid on their own, password included). */
export function layerConfig(user: Raw, policy: ResolvedPolicy): Layered {
  const problems: string[] = [];
  const raw: Raw = structuredClone(user);
  seedSipAccount(raw, policy);
  // Recommended values fill only what the agent has not chosen.
  const recommended: Partial<PolicyValues> = {};
  for (const name of Object.keys(policy.recommended) as PolicyKey[]) {
    const path = (policyKeys[name] as { config?: string }).config;
    // A recommended domain only seeds a new account (above); it never rewrites the agent's URI.
    if (!path || path === 'sip.domain') continue;
    const [head, tail] = path.split('.') as [string, string | undefined];
    const current = tail ? (raw[head] as Raw | undefined)?.[tail] : raw[head];
    if (current === undefined) (recommended as Raw)[name] = policy.recommended[name];
  }
  apply(raw, recommended);
  apply(raw, policy.enforced);
  dropCrmWithoutUrl(raw);
  if (raw.mode === 'live' && !raw.sip) {
    problems.push('live mode needs a SIP account: staying in training mode until one is entered');
    raw.mode = 'training';
  }
  let parsed = appConfigSchema.safeParse(raw);
  if (!parsed.success) {
    problems.push(`settings with policy applied are invalid (${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}); using policy over defaults`);
    const fallback: Raw = { agent: user.agent };
    apply(fallback, policy.enforced);
    dropCrmWithoutUrl(fallback);
    parsed = appConfigSchema.safeParse(fallback);
    if (!parsed.success) parsed = appConfigSchema.safeParse({});
  }
  const locked = policyKeyNames
    .filter((n) => isEnforced(policy, n))
    .map((n) => (policyKeys[n] as { config?: string }).config ?? n);
  return { config: parsed.data as AppConfig, locked, problems };
}
