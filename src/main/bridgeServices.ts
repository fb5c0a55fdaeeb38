// Main's answers to the bridge (src/main/ipc.ts routes them): the shared host services of
// src/node over the safeStorage settings file and the app's resources, exactly as the web host
// calls them (src/web/server.ts). What a published call does to windows (tray, overlay,
// power-save) stays with index.ts, through onSummary.
import type { WebContents } from 'electron';
import type { CallSummary, LogEntry, NotificationRequest, ResolvedSettings } from '../core/bridge.ts';
import { liveContent } from '../node/liveContent.ts';
import { lookupCaller } from '../node/crmLookup.ts';
import { uploadRecord } from '../node/recordUpload.ts';
import { policyValue } from '../node/policyMerge.ts';
import { applySettingsPatch, resolveCredentials, resolveSettings } from '../node/settings.ts';
import type { DesktopSettingsService } from './desktopSettings.ts';
import type { IpcServices } from './ipc.ts';
import { policyNow, type LivePolicy } from './policySources.ts';
import type { SettingsStore } from './settingsStore.ts';

export interface BridgeServiceOptions {
  store: Pick<SettingsStore, 'user' | 'saveUser'>;
  /** Asked at every request: IT policy may change while the app runs (followFiles.ts). */
  policy: LivePolicy;
  /** The folder with packs/, calendars/ and directory.yaml. */
  resourcesDir: string;
  warn(message: string): void;
  notify(n: NotificationRequest): Promise<void>;
  log(entry: LogEntry): void;
  /** Only the agent window speaks for the call and gets the SIP password; the overlay just listens. */
  isAgentWindow(contents: WebContents): boolean;
  onSummary(summary: CallSummary): void;
  onSettingsSaved?(settings: ResolvedSettings): void;
  /** Hotkeys and start-on-login (desktopSettings.ts). */
  desktop: Pick<DesktopSettingsService, 'view' | 'save'>;
}

export function createBridgeServices(o: BridgeServiceOptions): IpcServices {
  const policy = () => policyNow(o.policy);
  const settings = () => resolveSettings(o.store.user(), policy());
  // A file broken since the last load (IT's directoryFile, a pack) keeps its last good version.
  const content = liveContent(() => ({ resourcesDir: o.resourcesDir, directoryFile: policyValue(policy(), 'directoryFile'), log: o.warn }));
  return {
    getSettings: async () => settings(),
    async saveSettings(patch) {
      const change = applySettingsPatch(o.store.user(), patch, policy());
      if (!change.ok) throw new Error(change.errors.join('\n'));
      await o.store.saveUser(change.user);
      o.onSettingsSaved?.(change.settings);
      return change.settings;
    },
    async getCredentials(from) {
      if (!o.isAgentWindow(from)) {
        o.warn('getCredentials refused: the sender is not the agent window');
        throw new Error('getCredentials: only the agent window');
      }
      return resolveCredentials(o.store.user(), policy());
    },
    loadContent: () => content.load(),
    notify: (n) => o.notify(n),
    log: (entry) => o.log(entry),
    publishSummary(summary, from) {
      if (o.isAgentWindow(from)) o.onSummary(summary);
    },
    lookupCaller: (number) => lookupCaller(settings().config.crm, number, o.warn),
    getDesktopSettings: async () => o.desktop.view(),
    saveDesktopSettings: (patch) => o.desktop.save(patch),
    uploadRecord: (upload) => {
      const url = settings().config.records.url;
      return uploadRecord(url ? { url } : undefined, upload, o.warn);
    },
  };
}
