// `seatmate web` follows its files while it runs (issue 14 §6): the rule is the hosts' shared one
// (src/node/followFiles.ts); this only says where the web host keeps what changes. A changed
// configuration or policy file takes effect when it is valid and is refused, with the reason, when
// it is not — the settings in force stay as they were; once in force, the pages hear
// `settings-changed`.
import { followFiles as followHostFiles, readPolicyFiles } from '../node/followFiles.ts';
import { policyValue } from '../node/policyMerge.ts';
import { readConfigFile } from './configFile.ts';
import type { WebHost } from './server.ts';

export interface FollowedFiles {
  resourcesDir: string;
  configFile?: string;
  policyFile: string;
}

export function followFiles(host: WebHost, files: FollowedFiles, log: (line: string) => void): () => void {
  return followHostFiles({
    content: {
      resourcesDir: files.resourcesDir,
      directoryFile: () => policyValue(host.policy(), 'directoryFile'),
      load: () => host.content(),
      changed: () => host.sendCommand({ type: 'content-changed' }),
    },
    policy: {
      files: [files.policyFile],
      read: () => readPolicyFiles([files.policyFile]),
      current: () => host.policy(),
      apply: (policy) => host.update({ policy }),
    },
    ...(files.configFile ? { config: { file: files.configFile, read: readConfigFile, apply: (userConfig) => host.update({ userConfig }) } } : {}),
    settingsChanged: () => host.sendCommand({ type: 'settings-changed' }),
    log,
  });
}
