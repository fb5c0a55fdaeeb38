// Linux (and any machine where IT prefers a file): /etc/seatmate/policy.json. Top-level keys are
// enforced; an optional "recommended" object holds defaults the agent may change.
import type { PolicyLayer } from './policyMerge.ts';

export const LINUX_POLICY_FILE = '/etc/seatmate/policy.json';

export function jsonLayer(source: string, text: string): PolicyLayer {
  const parsed = JSON.parse(text) as unknown;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
  const { recommended, $schema: _schema, ...enforced } = parsed as Record<string, unknown>;
  const rec = recommended && typeof recommended === 'object' && !Array.isArray(recommended) ? recommended as Record<string, unknown> : {};
  return { source, enforced, recommended: rec };
}

export async function readJsonPolicy(file: string, readFile: (p: string) => Promise<string>, log: (m: string) => void): Promise<PolicyLayer[]> {
  let text: string;
  try { text = await readFile(file); } catch { return []; }
  try {
    return [jsonLayer(file, text)];
  } catch (error) {
    log(`policy: ${file} ignored: ${(error as Error).message}`);
    return [];
  }
}
