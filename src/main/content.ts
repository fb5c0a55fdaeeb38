// Content for the renderer: packs, calendars and the directory from the app's resources, with
// the directory replaced by the file IT names in the directoryFile policy.
import { readFile, stat } from 'node:fs/promises';
import type { ContentBundle } from '../core/bridge.ts';
import { readContentBundle } from '../cli/content.ts';

const MAX_DIRECTORY_BYTES = 2_000_000;

export async function loadContentBundle(resourcesDir: string, directoryFile: string, log: (m: string) => void): Promise<ContentBundle> {
  const bundle = await readContentBundle(resourcesDir);
  if (!directoryFile) return bundle;
  try {
    if ((await stat(directoryFile)).size > MAX_DIRECTORY_BYTES) throw new Error('larger than 2 MB');
    return { ...bundle, directory: { path: directoryFile, text: await readFile(directoryFile, 'utf8') } };
  } catch (error) {
    log(`directoryFile ${directoryFile} not used: ${(error as Error).message}`);
    return bundle;
  }
}
