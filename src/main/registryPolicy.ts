// Windows: Group Policy writes HKLM (computer) and HKCU (user) under Software\Policies\SeatMate;
// values under its Recommended subkey are defaults the agent may change. Read with reg.exe — no
// native module to build and sign — and parse its text output.
import type { PolicyLayer } from '../node/policyMerge.ts';

export const POLICY_KEY = 'Software\\Policies\\SeatMate';

export type RegValue = string | number | string[];
/** Key path (as printed by reg.exe) → value name → value. */
export type RegTree = Map<string, Record<string, RegValue>>;

// "    name    REG_TYPE    data" — reg.exe separates columns with four spaces; names may
// contain single spaces, and data may be empty.
const VALUE_LINE = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/;

export function parseRegQuery(output: string): RegTree {
  const tree: RegTree = new Map();
  let current: Record<string, RegValue> | undefined;
  for (const line of output.split(/\r?\n/)) {
    if (/^HKEY_[A-Z_]+\\/.test(line) || /^HK(LM|CU)\\/.test(line)) {
      current = {};
      tree.set(line.trim(), current);
      continue;
    }
    const m = VALUE_LINE.exec(line);
    if (!m || !current) continue;
    const [, name, type, data = ''] = m as unknown as [string, string, string, string | undefined];
    current[name] = decodeRegValue(type, data.replace(/\s+$/, ''));
  }
  return tree;
}

function decodeRegValue(type: string, data: string): RegValue {
  switch (type) {
    case 'REG_DWORD':
    case 'REG_QWORD':
      return data.startsWith('0x') ? parseInt(data, 16) : Number(data);
    case 'REG_MULTI_SZ':
      // reg.exe prints the NUL separators as a literal "\0".
      return data === '' ? [] : data.split('\\0').filter((s) => s !== '');
    default:
      return data;
  }
}

/** Turns one hive's tree into a layer: the key's own values are enforced, Recommended's are not. */
export function registryLayer(hive: 'HKLM' | 'HKCU', tree: RegTree): PolicyLayer {
  const layer: PolicyLayer = { source: `${hive}\\${POLICY_KEY}`, enforced: {}, recommended: {} };
  for (const [path, values] of tree) {
    const rest = path.toLowerCase().split(POLICY_KEY.toLowerCase())[1];
    if (rest === undefined) continue;
    const target = rest === '' ? layer.enforced : rest === '\\recommended' ? layer.recommended : undefined;
    if (!target) continue;
    for (const [name, value] of Object.entries(values)) if (name !== '(Default)') target[name] = value;
  }
  return layer;
}

export type RunReg = (args: string[]) => Promise<{ code: number; stdout: string }>;

/** HKLM first: a computer policy beats a user policy, as in Chrome and Edge. */
export async function readRegistryPolicy(runReg: RunReg, log: (m: string) => void): Promise<PolicyLayer[]> {
  const layers: PolicyLayer[] = [];
  for (const hive of ['HKLM', 'HKCU'] as const) {
    try {
      // /reg:64: read the 64-bit view even if some day we ship a 32-bit build.
      const { code, stdout } = await runReg(['query', `${hive}\\${POLICY_KEY}`, '/s', '/reg:64']);
      // Exit code 1 with no output = the key does not exist: no policy, not an error.
      if (code === 0) layers.push(registryLayer(hive, parseRegQuery(stdout)));
    } catch (error) {
      log(`policy: cannot read ${hive}\\${POLICY_KEY}: ${(error as Error).message}`);
    }
  }
  return layers;
}
