// `seatmate web` follows its files while it runs (issue 14 §6): a changed pack, calendar or
// directory is picked up (a broken one keeps its last good version) and the page is told to load
// it; a changed configuration or policy file takes effect when it is valid and is refused, with
// the reason, when it is not — the settings in force stay as they were.
import { readFile } from 'node:fs/promises';
import { jsonLayer } from '../node/linuxPolicy.ts';
import { resolvePolicy } from '../node/policyMerge.ts';
import { watchFiles } from '../node/watchFiles.ts';
import { readConfigFile } from './configFile.ts';
import type { WebHost } from './server.ts';

export interface FollowedFiles {
  resourcesDir: string;
  configFile?: string;
  policyFile: string;
}

export function followFiles(host: WebHost, files: FollowedFiles, log: (line: string) => void): () => void {
  const onContent = async () => {
    const content = await host.content();
    for (const e of content.errors) log(`content: ${e.file}:${e.line}: ${e.message}`);
    log(`content reloaded: ${content.packs.length} pack(s), ${content.errors.length} error(s)`);
    host.sendCommand({ type: 'content-changed' });
  };
  const onConfig = async (file: string) => {
    const loaded = await readConfigFile(file);
    if (!loaded.ok) {
      log(`configuration not reloaded, the settings in force are kept:\n  ${loaded.errors.join('\n  ')}`);
      return;
    }
    host.update({ userConfig: loaded.raw });
    log(`configuration reloaded from ${file}`);
  };
  const onPolicy = async (file: string) => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      host.update({ policy: resolvePolicy([]) });
      log(`policy: ${file} is gone, no IT policy is enforced`);
      return;
    }
    try {
      const policy = resolvePolicy([jsonLayer(file, text)]);
      for (const problem of policy.problems) log(`policy: ${problem}`);
      host.update({ policy });
      log(`policy reloaded from ${file}`);
    } catch (error) {
      log(`policy: ${file} not reloaded, the policy in force is kept: ${(error as Error).message}`);
    }
  };
  const paths = [files.resourcesDir, files.policyFile, ...(files.configFile ? [files.configFile] : [])];
  return watchFiles(paths, (path) => {
    const done = path === files.resourcesDir ? onContent() : path === files.policyFile ? onPolicy(path) : onConfig(path);
    done.catch((error: unknown) => log(`reloading ${path} failed: ${(error as Error).message}`));
  }, log);
}
