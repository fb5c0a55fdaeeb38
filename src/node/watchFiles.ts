// Follows files and folders a running host depends on (content, configuration, policy) and calls
// back once per burst of changes — editors write a file in several steps, and a folder copy is
// many events. A file is watched through its folder, so it is still followed after it has been
// replaced by a rename (an editor's save, an atomic write) or created. Where the platform cannot
// watch, it says so once and the host picks changes up at its next start only.
import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

export function watchFiles(paths: string[], onChange: (path: string) => void, log: (m: string) => void, settleMs = 300): () => void {
  const watchers: FSWatcher[] = [];
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const changed = (path: string) => {
    clearTimeout(timers.get(path));
    timers.set(path, setTimeout(() => { timers.delete(path); onChange(path); }, settleMs));
  };
  for (const path of paths) {
    try {
      // Inside the try: a path through a file (ENOTDIR) or a folder we may not read is a log line, not a crash.
      const folder = statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
      const where = folder ? path : dirname(path);
      const w = folder
        ? watch(where, { recursive: true, persistent: false }, () => changed(path))
        : watch(where, { persistent: false }, (_event, name) => { if (name === null || name === basename(path)) changed(path); });
      w.on('error', (error) => log(`watching ${path}: ${error.message}`));
      watchers.push(w);
    } catch (error) {
      log(`changes to ${path} are picked up at the next start only (${(error as Error).message})`);
    }
  }
  return () => {
    for (const w of watchers) w.close();
    for (const t of timers.values()) clearTimeout(t);
  };
}
