// The content a running host serves (issue 14 §6): read and validated again at every request, so a
// fixed or updated file is picked up without a restart; a file that now fails to load keeps its
// last good version in force (core/pack/lastGood.ts), with an error that says so.
import { keepLastGood } from '../core/pack/lastGood.ts';
import { toContentData, type ContentData } from '../core/pack/contentData.ts';
import type { LoadedContent } from '../core/pack/load.ts';
import { loadHostContent, type ContentSource } from './content.ts';

export interface LiveContent {
  /** The content now, with the last good version of anything that broke since. */
  load(): Promise<ContentData>;
}

/** `source` is asked each time: IT's directoryFile may change with the policy. */
export function liveContent(source: () => ContentSource): LiveContent {
  let last: LoadedContent | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const load = async (): Promise<ContentData> => {
    last = keepLastGood(last, await loadHostContent(source()));
    return toContentData(last);
  };
  return {
    // One load at a time: each one builds on the one before.
    load() {
      const next = queue.then(load, load);
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
