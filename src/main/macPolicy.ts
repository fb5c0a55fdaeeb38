// macOS: an MDM configuration profile (see resources/policy/com.seatmate.app.mobileconfig) lands
// in /Library/Managed Preferences/<appId>.plist (computer) and …/<user>/<appId>.plist (user).
// Managed preferences are enforced; a "Recommended" dictionary inside holds changeable defaults.
// MDM usually writes binary plists: both forms are parsed in-process (no plutil child process).
import { join } from 'node:path';
import { parse, parseBinary } from 'plist';
import type { PolicyLayer } from '../node/policyMerge.ts';

export interface MacPolicyIo {
  readFile(path: string): Promise<Buffer>;
  userName: string;
}

export function plistLayer(source: string, bytes: Uint8Array | string): PolicyLayer {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
  const parsed: unknown = buf.subarray(0, 8).toString('latin1') === 'bplist00' ? parseBinary(buf) : parse(buf.toString('utf8'));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || parsed instanceof Date || parsed instanceof Uint8Array) {
    throw new Error('not a dictionary');
  }
  const { Recommended, recommended, ...enforced } = parsed as Record<string, unknown>;
  const rec = Recommended ?? recommended;
  return { source, enforced, recommended: rec && typeof rec === 'object' && !Array.isArray(rec) ? rec as Record<string, unknown> : {} };
}

/** Computer file first: it beats the per-user file, as HKLM beats HKCU on Windows. */
export function macPolicyFiles(appId: string, userName: string): string[] {
  const base = '/Library/Managed Preferences';
  return [join(base, `${appId}.plist`), join(base, userName, `${appId}.plist`)];
}

export async function readMacPolicy(appId: string, io: MacPolicyIo, log: (m: string) => void): Promise<PolicyLayer[]> {
  const layers: PolicyLayer[] = [];
  for (const file of macPolicyFiles(appId, io.userName)) {
    let bytes: Buffer;
    try { bytes = await io.readFile(file); } catch { continue; }
    try {
      layers.push(plistLayer(file, bytes));
    } catch (error) {
      log(`policy: ${file} ignored: ${(error as Error).message}`);
    }
  }
  return layers;
}
