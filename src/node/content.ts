// The content service both hosts and the CLI call: read resources/ (packs, calendars, the caller
// directory, or the file IT names in the directoryFile policy), parse and validate it with core
// (src/core/pack/load.ts), add the scenario search keys, and hand the renderer plain data.
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toContentData, type ContentData } from '../core/pack/contentData.ts';
import { loadContent, type ContentBundle, type ContentFile, type LoadedContent } from '../core/pack/load.ts';
import { MAX_CONTENT_FILE_BYTES } from '../core/pack/yamlFile.ts';
import { withSearchKeys } from './scenarioSearch.ts';

const MAX_DIRECTORY_BYTES = 2_000_000;

export interface ContentSource {
  /** The folder holding packs/, calendars/ and directory.yaml. */
  resourcesDir: string;
  /** The directoryFile policy: an absolute path that replaces directory.yaml; "" = the bundled one. */
  directoryFile?: string;
  log?: (message: string) => void;
}

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

/**
 * Reads at most one byte past the loader's size cap: an oversized file is reported by the loader
 * (src/core/pack/yamlFile.ts) like any broken file, without the host reading all of it first.
 */
export async function readContentFile(p: string): Promise<ContentFile> {
  const handle = await open(p, 'r');
  try {
    const buffer = Buffer.alloc(Math.min((await handle.stat()).size, MAX_CONTENT_FILE_BYTES) + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { path: displayPath(p), text: buffer.subarray(0, bytesRead).toString('utf8') };
  } finally {
    await handle.close();
  }
}

async function exists(p: string): Promise<boolean> {
  try { await stat(p); return true; } catch { return false; }
}

/** IT's directory file, or undefined (logged) when it cannot be used. */
async function policyDirectory(file: string, log: (m: string) => void): Promise<ContentFile | undefined> {
  try {
    if ((await stat(file)).size > MAX_DIRECTORY_BYTES) throw new Error('larger than 2 MB');
    return { path: file, text: await readFile(file, 'utf8') };
  } catch (error) {
    log(`directoryFile ${file} not used: ${(error as Error).message}`);
    return undefined;
  }
}

/** The content files as text, with IT's directory file in place of the bundled one. */
export async function readContentBundle(source: ContentSource): Promise<ContentBundle> {
  const { resourcesDir, directoryFile = '', log = () => {} } = source;
  const [packs, calendars] = await Promise.all([
    yamlFilesUnder(join(resourcesDir, 'packs')),
    yamlFilesUnder(join(resourcesDir, 'calendars')),
  ]);
  const bundled = join(resourcesDir, 'directory.yaml');
  const directory = (directoryFile ? await policyDirectory(directoryFile, log) : undefined)
    ?? (await exists(bundled) ? await readContentFile(bundled) : undefined);
  return {
    packs: await Promise.all(packs.map(readContentFile)),
    calendars: await Promise.all(calendars.map(readContentFile)),
    ...(directory ? { directory } : {}),
  };
}

/** Read, validate and index the content, for a host's or the CLI's own use. */
export async function loadHostContent(source: ContentSource): Promise<LoadedContent> {
  return withSearchKeys(loadContent(await readContentBundle(source)));
}

/** What `bridge.loadContent()` answers, in both hosts. */
export async function loadContentData(source: ContentSource): Promise<ContentData> {
  return toContentData(await loadHostContent(source));
}
