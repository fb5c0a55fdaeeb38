// Picks the policy readers for this platform and wires them to the real OS (child processes,
// files). Kept apart from the readers so those stay testable with sample data.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { readPolicyFiles } from '../node/followFiles.ts';
import { resolvePolicy, type PolicyLayer, type ResolvedPolicy } from '../node/policyMerge.ts';
import { readRegistryPolicy, type RunReg } from './registryPolicy.ts';
import { macPolicyFiles, plistLayer, readMacPolicy } from './macPolicy.ts';
import { LINUX_POLICY_FILE, readJsonPolicy } from '../node/linuxPolicy.ts';

/** The registry has no file to watch: while the app runs it is read again this often. */
export const REGISTRY_POLL_MS = 60_000;

/**
 * The policy in force, for services built before it may change (followFiles.ts): a getter, so each
 * answer uses the policy of the moment. A plain value stays fixed (tests).
 */
export type LivePolicy = ResolvedPolicy | (() => ResolvedPolicy);
export const policyNow = (policy: LivePolicy): ResolvedPolicy => (typeof policy === 'function' ? policy() : policy);

function run(file: string, args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { windowsHide: true, timeout: 10_000, maxBuffer: 1024 * 1024 }, (error, stdout) => {
      if (error && typeof error.code !== 'number') { reject(error); return; }
      resolve({ code: error ? Number(error.code) : 0, stdout });
    });
  });
}

// Full path: never pick up a reg.exe planted in the working directory or PATH.
const regExe: RunReg = (args) => run(join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'reg.exe'), args);

export async function loadPolicy(appId: string, log: (m: string) => void, platform: NodeJS.Platform = process.platform): Promise<ResolvedPolicy> {
  let layers: PolicyLayer[];
  if (platform === 'win32') {
    layers = await readRegistryPolicy(regExe, log);
  } else if (platform === 'darwin') {
    layers = await readMacPolicy(appId, {
      readFile: (p) => readFile(p),
      userName: userInfo().username,
    }, log);
  } else {
    layers = await readJsonPolicy(LINUX_POLICY_FILE, (p) => readFile(p, 'utf8'), log);
  }
  const policy = resolvePolicy(layers);
  for (const problem of policy.problems) log(`policy: ${problem}`);
  if (policy.sources.length) log(`policy: applied from ${policy.sources.join(', ')}`);
  return policy;
}

/**
 * The same sources as loadPolicy, as followFiles.ts reads them while the app runs. At start a
 * broken source is skipped (there is nothing better to keep); here it throws, so the change is
 * refused and the policy in force is kept.
 */
export interface PolicySources {
  files: string[];
  pollMs?: number;
  read(): Promise<PolicyLayer[]>;
}

export function policySources(appId: string, platform: NodeJS.Platform = process.platform, runReg: RunReg = regExe): PolicySources {
  if (platform === 'win32') {
    return {
      files: [],
      pollMs: REGISTRY_POLL_MS,
      async read() {
        const problems: string[] = [];
        const layers = await readRegistryPolicy(runReg, (m) => problems.push(m.replace(/^policy: /, '')));
        if (problems.length) throw new Error(problems.join('; '));
        return layers;
      },
    };
  }
  if (platform === 'darwin') {
    const files = macPolicyFiles(appId, userInfo().username);
    return { files, read: () => readPolicyFiles(files, plistLayer) };
  }
  return { files: [LINUX_POLICY_FILE], read: () => readPolicyFiles([LINUX_POLICY_FILE]) };
}
