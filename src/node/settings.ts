// The settings service both hosts call: the agent's own settings with IT policy laid over them
// (policyMerge.ts), and the one rule for saving: "apply this patch to these user settings under
// this policy → the new settings, or the errors". Electron keeps the result in its safeStorage
// file (src/main/settingsStore.ts); the web host keeps it in memory over its config file.
import { settingsPatchSchema, type Credentials, type ResolvedSettings, type SettingsPatch } from '../core/bridge.ts';
import { appConfigSchema, describeIssues } from '../core/config.ts';
import { layerConfig, type ResolvedPolicy } from './policyMerge.ts';
import { policyKeyNames, policyKeys, type PolicyKey } from './policyKeys.ts';

/** The agent's own layer (before policy and defaults): the settings file, or a config file as written. */
export type UserSettings = Record<string, unknown>;

export type SettingsChange =
  | { ok: true; user: UserSettings; settings: ResolvedSettings }
  | { ok: false; errors: string[] };

/**
 * What a page sees: the settings in force and the keys IT policy locks — never the SIP password,
 * only whether one is set (docs/security.md §1).
 */
export function resolveSettings(user: UserSettings, policy: ResolvedPolicy): ResolvedSettings {
  const { config, locked } = layerConfig(user, policy);
  if (!config.sip) return { config, locked, passwordSet: false };
  const { password, ...sip } = config.sip;
  return { config: { ...config, sip }, locked, passwordSet: Boolean(password) };
}

/** The SIP password in force: for the agent page's engine alone (bridge.getCredentials). */
export function resolveCredentials(user: UserSettings, policy: ResolvedPolicy): Credentials {
  const password = layerConfig(user, policy).config.sip?.password;
  return password ? { password } : {};
}

/** The SIP fields the settings screen edits; others (ICE servers, register…) are kept as they are. */
const SIP_FORM_KEYS: readonly string[] = Object.keys(settingsPatchSchema.shape.sip.unwrap().shape);

/**
 * A patch's `sip` is the settings screen's whole SIP form: a field it leaves out is cleared,
 * except the password, which is kept when absent and forgotten when "".
 */
function merge(user: UserSettings, patch: SettingsPatch): UserSettings {
  const { sip, ...rest } = patch;
  const next: UserSettings = { ...user, ...rest };
  if (sip) {
    const current = (user.sip ?? {}) as Record<string, unknown>;
    const kept = Object.fromEntries(Object.entries(current).filter(([k]) => !SIP_FORM_KEYS.includes(k)));
    const { password, ...fields } = sip;
    const secret = password === undefined ? current.password : password || undefined;
    next.sip = { ...kept, ...fields, ...(secret !== undefined ? { password: secret } : {}) };
  }
  return next;
}

const SIP_DOMAIN = /^sips?:[^@\s]+@([^;\s]+)/;

/** A patch may repeat what IT policy enforces (the settings screen sends every field), never change it. */
function lockedChanges(patch: SettingsPatch, policy: ResolvedPolicy): string[] {
  const errors: string[] = [];
  for (const name of policyKeyNames as PolicyKey[]) {
    const enforced = policy.enforced[name];
    const path = (policyKeys[name] as { config?: string }).config;
    if (enforced === undefined || !path) continue;
    if (path === 'sip.domain') {
      const domain = patch.sip ? SIP_DOMAIN.exec(patch.sip.uri)?.[1] : undefined;
      if (domain !== undefined && domain !== enforced) errors.push(`sip.uri: the domain is set by IT policy (${String(enforced)})`);
      continue;
    }
    const attempted = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], patch);
    if (attempted !== undefined && JSON.stringify(attempted) !== JSON.stringify(enforced)) errors.push(`${path}: set by IT policy`);
  }
  return errors;
}

/** Validates a patch from the page and applies it; the agent's layer must stay valid on its own. */
export function applySettingsPatch(user: UserSettings, patch: unknown, policy: ResolvedPolicy): SettingsChange {
  const parsed = settingsPatchSchema.safeParse(patch);
  if (!parsed.success) return { ok: false, errors: describeIssues(parsed.error) };
  const locked = lockedChanges(parsed.data, policy);
  if (locked.length) return { ok: false, errors: locked };
  const next = merge(user, parsed.data);
  const own = appConfigSchema.safeParse(next);
  if (!own.success) return { ok: false, errors: describeIssues(own.error) };
  return { ok: true, user: next, settings: resolveSettings(next, policy) };
}
