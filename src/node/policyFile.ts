// IT policy for a host without a platform policy store: the web host, on any OS. It reads the
// same policy.json as Electron on Linux (SEATMATE_POLICY names another file, for tests and
// portable installs) and resolves it with the same code, so both hosts lock the same keys.
import { readFile } from 'node:fs/promises';
import { LINUX_POLICY_FILE, readJsonPolicy } from './linuxPolicy.ts';
import { resolvePolicy, type ResolvedPolicy } from './policyMerge.ts';

export function policyFilePath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.SEATMATE_POLICY || LINUX_POLICY_FILE;
}

/** A missing file is no policy; a broken one is logged and ignored, like a broken value. */
export async function loadPolicyFile(file: string, log: (m: string) => void): Promise<ResolvedPolicy> {
  const policy = resolvePolicy(await readJsonPolicy(file, (p) => readFile(p, 'utf8'), log));
  for (const problem of policy.problems) log(`policy: ${problem}`);
  if (policy.sources.length) log(`policy: applied from ${policy.sources.join(', ')}`);
  return policy;
}
