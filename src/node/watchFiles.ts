// Follows files and folders a running host depends on (content, configuration, policy) and calls
// back once per burst of changes — editors write a file in several steps, and a folder copy is
// many events. A file is watched through its folder, so it is still followed after it has been
// replaced by a rename (an editor's save, an atomic write) or created. A file whose folder does
// not exist yet (IT's /etc/seatmate before any policy is deployed) is looked at every `pollMs`
// instead, so a policy deployed later still takes effect without a restart. Where the platform
// cannot watch at all, it says so once and the host picks changes up at its next start only.
import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/** What a look at a file finds: gone, or its size and time (a change in either is a change). */
function look(path: string): string {
  try {
    const s = statSync(path, { throwIfNoEntry: false });
    return s ? `${s.size}:${s.mtimeMs}` : 'none';
  } catch {
    return 'unreadable';
  }
}

export function watchFiles(paths: string[], onChange: (path: string) => void, log: (m: string) => void, settleMs = 300, pollMs = 30_000): () => void {
  const watchers: FSWatcher[] = [];
  const polls: Array<ReturnType<typeof setInterval>> = [];
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
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        log(`changes to ${path} are picked up at the next start only (${(error as Error).message})`);
        continue;
      }
      let last = look(path);
      const poll = setInterval(() => {
        const now = look(path);
        if (now !== last) { last = now; changed(path); }
      }, pollMs);
      poll.unref?.();
      polls.push(poll);
    }
  }
  return () => {
    for (const p of polls) clearInterval(p);
    for (const w of watchers) w.close();
    for (const t of timers.values()) clearTimeout(t);
  };
}
