// `seatmate validate [PATH…]`: check content packs, holiday calendars, the caller directory and IT
// policy files, printing `FILE:LINE: message` per problem. Exit 0 valid, 1 invalid, 2 usage.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadContent } from '../core/pack/load.ts';
import type { ContentBundle, LoadError } from '../core/pack/load.ts';
import { lineOf, parseYaml } from '../core/pack/yamlFile.ts';
import { defaultResourcesDir, displayPath, readContentFile, yamlFilesUnder } from '../node/content.ts';
import { parsePolicyValue, policyKeyNames } from '../node/policyKeys.ts';
import type { PolicyKey } from '../node/policyKeys.ts';
import { UsageError } from './usage.ts';

async function kindOf(p: string): Promise<'dir' | 'file' | undefined> {
  try { return (await stat(p)).isDirectory() ? 'dir' : 'file'; } catch { return undefined; }
}

async function filesUnder(p: string): Promise<string[]> {
  if (await kindOf(p) === 'file') return [p];
  const out: string[] = [];
  for (const e of (await readdir(p, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    out.push(...(e.isDirectory() ? await filesUnder(join(p, e.name)) : [join(p, e.name)]));
  }
  return out;
}

/** The pack folder a file belongs to, if any (pack.yaml beside it, or above its scenarios/). */
async function packDirOf(file: string): Promise<string | undefined> {
  if (basename(file) === 'pack.yaml') return dirname(file);
  if (basename(dirname(file)) === 'scenarios' && await kindOf(join(dirname(dirname(file)), 'pack.yaml')) === 'file') return dirname(dirname(file));
  return undefined;
}

export async function runValidate(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: {} });
  const roots = positionals.length ? positionals : [defaultResourcesDir()];
  const files: string[] = [];
  for (const root of roots) {
    if (!await kindOf(root)) throw new UsageError(`no such file or directory: ${root}`);
    files.push(...await filesUnder(root));
  }

  const bundle: ContentBundle = { packs: [], calendars: [] };
  const policies: string[] = [];
  const packDirs = new Set<string>();
  const errors: LoadError[] = [];
  for (const f of [...new Set(files)]) {
    const name = basename(f);
    const packDir = /\.ya?ml$/i.test(name) ? await packDirOf(f) : undefined;
    if (packDir) packDirs.add(packDir);
    else if (/\.ya?ml$/i.test(name) && basename(dirname(f)) === 'calendars') bundle.calendars.push(await readContentFile(f));
    else if (name === 'directory.yaml') bundle.directory = await readContentFile(f);
    else if (name.endsWith('.schema.json')) continue; // generated from the zod schemas; a unit test keeps them current
    else if (name.endsWith('.json')) policies.push(f);
    else if (/\.ya?ml$/i.test(name)) errors.push({ file: displayPath(f), line: 1, message: 'not a known content file (pack, scenario, calendars/<region>-<year>.yaml, directory.yaml)' });
  }
  // A pack is validated whole even when one of its files was named: scenarios refer to pack.yaml.
  for (const dir of [...packDirs].sort()) {
    for (const f of await yamlFilesUnder(dir)) bundle.packs.push(await readContentFile(f));
  }
  const loaded = loadContent(bundle);
  errors.push(...loaded.errors);
  for (const p of policies) errors.push(...validatePolicy(displayPath(p), await readFile(p, 'utf8')));

  for (const e of errors) process.stdout.write(`${e.file}:${e.line}: ${e.message}\n`);
  const checked = `${loaded.packs.size} pack(s), ${loaded.calendars.length} calendar(s)${loaded.directory ? ', directory' : ''}${policies.length ? `, ${policies.length} policy file(s)` : ''}`;
  if (errors.length) {
    process.stderr.write(`${errors.length} error(s); valid: ${checked}\n`);
    return 1;
  }
  process.stdout.write(`ok: ${checked}\n`);
  return 0;
}

/** An IT policy.json (src/node/policyKeys.ts): known keys with valid values, "recommended" likewise. */
export function validatePolicy(file: string, text: string): LoadError[] {
  try {
    JSON.parse(text);
  } catch (err) {
    const pos = /position (\d+)/.exec((err as Error).message);
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : 1;
    return [{ file, line, message: `JSON: ${(err as Error).message}` }];
  }
  const res = parseYaml(file, text);
  if (!res.ok) return res.errors;
  const value = res.parsed.value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [{ file, line: 1, message: 'a policy file is a JSON object' }];
  const errors: LoadError[] = [];
  const check = (obj: Record<string, unknown>, prefix: string[]) => {
    for (const [k, v] of Object.entries(obj)) {
      if (k === '$schema' || (k === 'recommended' && prefix.length === 0)) continue;
      const line = lineOf(res.parsed, [...prefix, k]);
      if (!(policyKeyNames as string[]).includes(k)) { errors.push({ file, line, message: `${[...prefix, k].join('.')}: unknown policy key` }); continue; }
      const parsed = parsePolicyValue(k as PolicyKey, v);
      if (parsed.ok === false) errors.push({ file, line, message: `${[...prefix, k].join('.')}: ${parsed.error}` });
    }
  };
  const obj = value as Record<string, unknown>;
  check(obj, []);
  if (obj.recommended && typeof obj.recommended === 'object' && !Array.isArray(obj.recommended)) check(obj.recommended as Record<string, unknown>, ['recommended']);
  return errors;
}
