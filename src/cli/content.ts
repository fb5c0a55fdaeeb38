// Read resources/ into the ContentBundle core parses (the web host and Electron main reuse this).
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContentBundle, ContentFile } from '../core/bridge.ts';

/** The repository's resources/ folder, or SEATMATE_RESOURCES when set (tests, IT deployments). */
export function defaultResourcesDir(): string {
  return process.env.SEATMATE_RESOURCES ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources');
}

/** A path as the user should see it: relative to the working directory when inside it. */
export function displayPath(p: string): string {
  const rel = relative(process.cwd(), resolve(p));
  return rel && !rel.startsWith('..') && !rel.startsWith(sep) ? rel.split(sep).join('/') : p.split(sep).join('/');
}

export async function yamlFilesUnder(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...await yamlFilesUnder(p));
    else if (/\.ya?ml$/i.test(e.name)) out.push(p);
  }
  return out;
}

async function readContentFile(p: string): Promise<ContentFile> {
  return { path: displayPath(p), text: await readFile(p, 'utf8') };
}

async function exists(p: string): Promise<boolean> {
  try { await stat(p); return true; } catch { return false; }
}

export async function readContentBundle(resourcesDir: string): Promise<ContentBundle> {
  const [packs, calendars] = await Promise.all([
    yamlFilesUnder(join(resourcesDir, 'packs')),
    yamlFilesUnder(join(resourcesDir, 'calendars')),
  ]);
  const directoryPath = join(resourcesDir, 'directory.yaml');
  return {
    packs: await Promise.all(packs.map(readContentFile)),
    calendars: await Promise.all(calendars.map(readContentFile)),
    ...(await exists(directoryPath) ? { directory: await readContentFile(directoryPath) } : {}),
  };
}
