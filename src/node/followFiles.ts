// A running host follows the files it depends on (issue 14 §6), the same way in both hosts
// (`seatmate web` through src/web/followFiles.ts, Electron main through src/main/followFiles.ts):
// - the resources folder, and IT's directoryFile: the content is loaded again (a broken file keeps
//   its last good version) and the pages are told, with the `content-changed` command;
// - the policy's files: every layer is read again and resolved; a layer that is there but cannot
//   be read or parsed refuses the change, with the reason in the log, and the policy in force is
//   kept — a typo in IT's file must not lift what IT enforces;
// - the configuration file (web host only): valid → in force; invalid → refused, the settings kept.
// A policy or configuration change put in force is announced with `settingsChanged` (the
// `settings-changed` command): the agent page reads its settings again, and reloads with them once
// no call is in progress (src/renderer/settingsFollow.ts).
// Nothing here throws at the host: every failure is a log line.
import { readFile } from 'node:fs/promises';
import type { ContentData } from '../core/pack/contentData.ts';
import { jsonLayer } from './linuxPolicy.ts';
import { resolvePolicy, type PolicyLayer, type ResolvedPolicy } from './policyMerge.ts';
import { watchFiles } from './watchFiles.ts';

export interface FollowedContent {
  /** The folder with packs/, calendars/ and directory.yaml. */
  resourcesDir: string;
  /** IT's directoryFile in force ("" or undefined: the bundled one); asked again after each policy change. */
  directoryFile(): string | undefined;
  /** The content as a page would get it now (src/node/liveContent.ts). */
  load(): Promise<ContentData>;
  /** Tells the pages to load it (the `content-changed` command). */
  changed(): void;
}

export interface FollowedPolicy {
  /** The files the policy is read from; none where the store is not a file (the Windows registry). */
  files: readonly string[];
  /** Every layer, highest priority first. Throws when one is there but unusable: the change is refused. */
  read(): Promise<PolicyLayer[]>;
  current(): ResolvedPolicy;
  apply(policy: ResolvedPolicy): void;
  /** Read again on this timer too, for a store no file watch can see. */
  pollMs?: number;
}

export interface FollowedConfig {
  file: string;
  read(file: string): Promise<{ ok: true; raw: Record<string, unknown> } | { ok: false; errors: string[] }>;
  apply(raw: Record<string, unknown>): void;
}

export interface FollowOptions {
  content: FollowedContent;
  policy: FollowedPolicy;
  config?: FollowedConfig;
  /**
   * A new policy or configuration is in force (not after a refused one, nor a file saved
   * unchanged): tells the pages to read their settings again (the `settings-changed` command).
   */
  settingsChanged?(): void;
  log(line: string): void;
  /** How long a burst of file events must be quiet before a reload (watchFiles.ts). */
  settleMs?: number;
  /** A followed file whose folder does not exist yet is looked at this often (watchFiles.ts; 30 s). */
  missingPollMs?: number;
}

/**
 * Policy files read again after a change. A missing file is no layer (IT removed it); a file that
 * cannot be read or parsed throws, naming the file. `parse` defaults to the JSON policy file.
 */
export async function readPolicyFiles(
  files: readonly string[],
  parse: (source: string, bytes: Buffer) => PolicyLayer = (source, bytes) => jsonLayer(source, bytes.toString('utf8')),
): Promise<PolicyLayer[]> {
  const layers: PolicyLayer[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      throw new Error(`${file}: cannot read (${code ?? (error as Error).message})`, { cause: error });
    }
    try {
      layers.push(parse(file, bytes));
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
    }
  }
  return layers;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Starts following; the answer stops every watcher and timer, and drops reloads still queued. */
export function followFiles(o: FollowOptions): () => void {
  const { content, policy, config, log } = o;
  let stopped = false;
  // One reload at a time, in the order the changes came: a slow read never lands after a newer one.
  let queue: Promise<void> = Promise.resolve();
  const run = (what: string, reload: () => Promise<void>) => {
    queue = queue
      .then(() => (stopped ? undefined : reload()))
      .catch((error: unknown) => log(`reloading ${what} failed: ${(error as Error).message}`));
  };

  const reloadContent = async () => {
    const loaded = await content.load();
    if (stopped) return;
    for (const e of loaded.errors) log(`content: ${e.file}:${e.line}: ${e.message}`);
    log(`content reloaded: ${loaded.packs.length} pack(s), ${loaded.errors.length} error(s)`);
    content.changed();
  };

  // IT's directory lives outside the resources folder, and the policy may move it.
  let directory: { path: string; stop: () => void } | undefined;
  const followDirectory = () => {
    const path = content.directoryFile() || undefined;
    if (path === directory?.path) return;
    directory?.stop();
    directory = path ? { path, stop: watchFiles([path], () => run('content', reloadContent), log, o.settleMs, o.missingPollMs) } : undefined;
  };

  const reloadPolicy = async () => {
    let next: ResolvedPolicy;
    try {
      next = resolvePolicy(await policy.read());
    } catch (error) {
      log(`policy not reloaded, the policy in force is kept: ${(error as Error).message}`);
      return;
    }
    // A poll, or a file saved unchanged: nothing to do and nothing to say.
    if (stopped || same(next, policy.current())) return;
    const directoryBefore = content.directoryFile() || undefined;
    for (const problem of next.problems) log(`policy: ${problem}`);
    policy.apply(next);
    log(next.sources.length ? `policy reloaded from ${next.sources.join(', ')}` : 'policy reloaded: no IT policy is enforced');
    // Before the content: the settings are in force already, whatever the directory does.
    o.settingsChanged?.();
    if ((content.directoryFile() || undefined) !== directoryBefore) {
      followDirectory();
      await reloadContent();
    }
  };

  // The configuration this follower last put in force: the same file saved again is no change.
  // (What the host started with is not known here, so the first valid change always counts.)
  let configInForce: string | undefined;
  const reloadConfig = async (c: FollowedConfig) => {
    const loaded = await c.read(c.file);
    if (stopped) return;
    if (!loaded.ok) {
      log(`configuration not reloaded, the settings in force are kept:\n  ${loaded.errors.join('\n  ')}`);
      return;
    }
    const text = JSON.stringify(loaded.raw);
    if (text === configInForce) return;
    c.apply(loaded.raw);
    configInForce = text;
    log(`configuration reloaded from ${c.file}`);
    o.settingsChanged?.();
  };

  const paths = [content.resourcesDir, ...policy.files, ...(config ? [config.file] : [])];
  const stopWatching = watchFiles(paths, (path) => {
    if (path === content.resourcesDir) run('content', reloadContent);
    else if (policy.files.includes(path)) run(`policy (${path})`, reloadPolicy);
    else if (config) run(path, () => reloadConfig(config));
  }, log, o.settleMs, o.missingPollMs);
  followDirectory();
  const poll = policy.pollMs ? setInterval(() => run('policy', reloadPolicy), policy.pollMs) : undefined;
  poll?.unref();

  return () => {
    stopped = true;
    stopWatching();
    directory?.stop();
    clearInterval(poll);
  };
}
