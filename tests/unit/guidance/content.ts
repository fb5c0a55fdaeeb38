// Test helper: the shipped content (resources/) and the fixture pack, loaded like the hosts do.
import { join } from 'node:path';
import { loadHostContent } from '../../../src/node/content.ts';
import type { LoadedContent } from '../../../src/core/pack/load.ts';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const RESOURCES = join(ROOT, 'resources');
export const FIXTURE = join(ROOT, 'tests', 'fixtures', 'resources');

export async function loadFrom(dir: string): Promise<LoadedContent> {
  return loadHostContent({ resourcesDir: dir });
}

/** Every loaded pack of the shipped content and the fixture, with the calendars it sees. */
export async function allPacks() {
  const out = [];
  for (const [where, dir] of [['resources', RESOURCES], ['fixture', FIXTURE]] as const) {
    const content = await loadFrom(dir);
    for (const pack of content.packs.values()) out.push({ where, name: `${where}:${pack.id}`, pack, content });
  }
  return out;
}
