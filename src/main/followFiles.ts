// Electron main follows its files while it runs, as `seatmate web` does (the rule for both hosts is
// src/node/followFiles.ts): a changed pack, calendar or directory reaches the agent page as the
// `content-changed` command; a changed policy source is read again and, when every layer is
// usable, put in force the way a start would for what can change live — the bridge's answers
// (settings, locks, content) ask for the policy each time; hotkeys, start-on-login, the overlay,
// the log level and what tel: links may carry are applied here. The updater is set up once: its
// keys wait for the next start, and the log says so. The agent page hears `settings-changed`.
import type { AppCommand } from '../core/bridge.ts';
import type { ContentData } from '../core/pack/contentData.ts';
import { followFiles } from '../node/followFiles.ts';
import type { PolicyKey, PolicyValues } from '../node/policyKeys.ts';
import { layerConfig, policyValue, type ResolvedPolicy } from '../node/policyMerge.ts';
import type { LinkPolicy } from './deepLinks.ts';
import type { PolicySources } from './policySources.ts';

/** What main does with IT policy itself; the bridge's answers ask for the policy in force each time. */
export interface PolicyEffects {
  setLogLevel(level: PolicyValues['logLevel']): void;
  setLinkPolicy(policy: LinkPolicy): void;
  /** Registers the hotkeys and sets start-on-login again (desktopSettings.ts). */
  applyDesktop(): void;
  setOverlayEnabled(on: boolean): void;
  /** Redraws what shows the settings in force (the tray, in the agent's language). */
  refresh(): void;
}

/** Read once, when the updater starts (updater.ts). */
const AT_NEXT_START: readonly PolicyKey[] = ['updateMode', 'updateUrl'];

export interface MainFollowOptions {
  resourcesDir: string;
  sources: PolicySources;
  /** Where main keeps the policy in force (index.ts); every service reads it from there. */
  policy(): ResolvedPolicy;
  setPolicy(policy: ResolvedPolicy): void;
  /** The agent's own settings, to log what the new policy does to them (as at start). */
  user(): Record<string, unknown>;
  effects: PolicyEffects;
  /** The content as the agent page gets it (bridgeServices.ts): loaded here first, to log what broke. */
  loadContent(): Promise<ContentData>;
  /** The main → renderer command channel (commands.ts). */
  send(command: AppCommand): void;
  log(message: string): void;
  settleMs?: number;
}

const changed = (a: ResolvedPolicy, b: ResolvedPolicy, key: PolicyKey) =>
  JSON.stringify([a.enforced[key], a.recommended[key]]) !== JSON.stringify([b.enforced[key], b.recommended[key]]);

/** Puts a new, valid policy in force, applying what a start applies for the keys that may change live. */
export function applyPolicy(next: ResolvedPolicy, o: Pick<MainFollowOptions, 'policy' | 'setPolicy' | 'user' | 'effects' | 'log'>): void {
  const before = o.policy();
  o.setPolicy(next);
  o.effects.setLogLevel(policyValue(next, 'logLevel'));
  o.effects.setLinkPolicy({ featureCodesAllowed: policyValue(next, 'linkFeatureCodesAllowed') });
  // Registering again re-reports hotkey conflicts: only when IT changed what governs them.
  if (changed(before, next, 'hotkeysEnabled') || changed(before, next, 'startOnLogin')) o.effects.applyDesktop();
  if (changed(before, next, 'overlayEnabled')) o.effects.setOverlayEnabled(policyValue(next, 'overlayEnabled'));
  for (const problem of layerConfig(o.user(), next).problems) o.log(`settings: ${problem}`);
  o.effects.refresh();
  const later = AT_NEXT_START.filter((key) => changed(before, next, key));
  if (later.length) o.log(`policy: ${later.join(', ')} take effect at the next start`);
}

/** Starts following; the answer stops every watcher and timer (call it on quit). */
export function followMainFiles(o: MainFollowOptions): () => void {
  return followFiles({
    content: {
      resourcesDir: o.resourcesDir,
      directoryFile: () => policyValue(o.policy(), 'directoryFile'),
      load: () => o.loadContent(),
      changed: () => o.send({ type: 'content-changed' }),
    },
    policy: {
      files: o.sources.files,
      read: () => o.sources.read(),
      ...(o.sources.pollMs ? { pollMs: o.sources.pollMs } : {}),
      current: () => o.policy(),
      apply: (next) => applyPolicy(next, o),
    },
    // The agent page reads its settings again and reloads with them once no call is in progress.
    settingsChanged: () => o.send({ type: 'settings-changed' }),
    log: o.log,
    ...(o.settleMs === undefined ? {} : { settleMs: o.settleMs }),
  });
}
