// Scenario search keys, built in the host: the pinyin initials and full pinyin of each title, so
// an agent finds 投诉处理 by typing tscl or tousu. pinyin-pro's dictionary is large (~150 KB gzip);
// here it stays in the host and the CLI, and the renderer receives the keys as data.
import { pinyin } from 'pinyin-pro';
import type { LoadedContent, SearchKeys } from '../core/pack/load.ts';

export function searchKeysOf(title: string): SearchKeys {
  const syllables = pinyin(title, { toneType: 'none', type: 'array', nonZh: 'removed' });
  return {
    initials: syllables.map((p) => p[0] ?? '').join('').toLowerCase(),
    full: syllables.join('').toLowerCase(),
  };
}

/** The same content with every scenario carrying its search keys. */
export function withSearchKeys(content: LoadedContent): LoadedContent {
  const packs = new Map([...content.packs].map(([id, pack]) => [id, {
    ...pack,
    scenarios: pack.scenarios.map((s) => ({ ...s, searchKeys: searchKeysOf(s.title) })),
  }]));
  return { ...content, packs };
}
