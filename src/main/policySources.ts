// Picks the policy readers for this platform and wires them to the real OS (child processes,
// files). Kept apart from the readers so those stay testable with sample data.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { resolvePolicy, type PolicyLayer, type ResolvedPolicy } from '../node/policyMerge.ts';
import { readRegistryPolicy } from './registryPolicy.ts';
import { readMacPolicy } from './macPolicy.ts';
import { LINUX_POLICY_FILE, readJsonPolicy } from '../node/linuxPolicy.ts';

function run(file: string, args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { windowsHide: true, timeout: 10_000, maxBuffer: 1024 * 1024 }, (error, stdout) => {
      if (error && typeof error.code !== 'number') { reject(error); return; }
      resolve({ code: error ? Number(error.code) : 0, stdout });
    });
  });
}

export async function loadPolicy(appId: string, log: (m: string) => void, platform: NodeJS.Platform = process.platform): Promise<ResolvedPolicy> {
  let layers: PolicyLayer[];
  if (platform === 'win32') {
    // Full path: never pick up a reg.exe planted in the working directory or PATH.
    const reg = join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'reg.exe');
    layers = await readRegistryPolicy((args) => run(reg, args), log);
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
