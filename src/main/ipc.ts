// Main's side of the bridge (src/core/bridge.ts): ONE table, keyed by the IPC channel names,
// that says for each channel whether it is invoke (answered) or send (fire-and-forget) and which
// zod schema its payload must pass. Every message is checked at the door (STYLE.md, after VS
// Code's validatedIpcMain): the sending frame must be one of our pages, on our origin, in one of
// our windows; then the payload must parse. Anything else is refused and logged — never handled.
import { z } from 'zod';
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  IPC, callSummarySchema, logEntrySchema, lookupCallerRequestSchema, notificationSchema, recordUploadSchema, settingsPatchSchema,
  type RecordUpload, type UploadResult,
  type CallerInfo, type CallSummary, type Credentials, type LogEntry, type LookupCallerRequest, type NotificationRequest,
  type ResolvedSettings, type SettingsPatch,
} from '../core/bridge.ts';
import type { ContentData } from '../core/pack/contentData.ts';
import { desktopSettingsPatchSchema, type DesktopSettings, type DesktopSettingsPatch } from '../core/desktopSettings.ts';
import { isTrustedUrl } from './appOrigin.ts';

/** What main does for each renderer request; bridgeServices.ts wires these to the node services. */
export interface IpcServices {
  getSettings(): Promise<ResolvedSettings>;
  saveSettings(patch: SettingsPatch): Promise<ResolvedSettings>;
  /** Rejects unless `from` is the agent window: the overlay (or anything else) never gets the password. */
  getCredentials(from: WebContents): Promise<Credentials>;
  loadContent(): Promise<ContentData>;
  notify(n: NotificationRequest): Promise<void>;
  log(entry: LogEntry): void;
  publishSummary(summary: CallSummary, from: WebContents): void;
  /** Resolves null on every failure (src/node/crmLookup.ts): the renderer never sees a CRM error. */
  lookupCaller(number: string): Promise<CallerInfo | null>;
  /** One call record to IT's collector (src/node/recordUpload.ts): never rejects. */
  uploadRecord(upload: RecordUpload): Promise<UploadResult>;
  getDesktopSettings(): Promise<DesktopSettings>;
  saveDesktopSettings(patch: DesktopSettingsPatch): Promise<DesktopSettings>;
}

const none = z.undefined();

/** The handler table. `command` is absent on purpose: it flows main → renderer only. */
export const ipcRoutes = {
  getSettings: { kind: 'invoke', schema: none },
  saveSettings: { kind: 'invoke', schema: settingsPatchSchema },
  getCredentials: { kind: 'invoke', schema: none },
  loadContent: { kind: 'invoke', schema: none },
  notify: { kind: 'invoke', schema: notificationSchema },
  log: { kind: 'send', schema: logEntrySchema },
  publishSummary: { kind: 'send', schema: callSummarySchema },
  lookupCaller: { kind: 'invoke', schema: lookupCallerRequestSchema },
  getDesktopSettings: { kind: 'invoke', schema: none },
  saveDesktopSettings: { kind: 'invoke', schema: desktopSettingsPatchSchema },
  uploadRecord: { kind: 'invoke', schema: recordUploadSchema },
} as const satisfies Record<Exclude<keyof typeof IPC, 'command'>, { kind: 'invoke' | 'send'; schema: z.ZodType }>;

export type RouteName = keyof typeof ipcRoutes;

export interface IpcGuard {
  trusted: readonly string[];
  /** True for the web contents of a window this app created (main window, overlay). */
  isOwnContents(contents: WebContents): boolean;
  log(message: string): void;
}

/** Why a message is refused, or undefined when its sender may talk to us. */
export function senderProblem(event: IpcMainEvent | IpcMainInvokeEvent, guard: IpcGuard): string | undefined {
  if (!guard.isOwnContents(event.sender)) return 'sender is not a SeatMate window';
  // senderFrame is null once the frame navigated away or was destroyed: refuse, don't guess.
  const url = event.senderFrame?.url;
  if (!isTrustedUrl(url, guard.trusted)) return `sender frame ${url ?? '(gone)'} is not the app's origin`;
  return undefined;
}

export class IpcRejected extends Error {}

/** Registers every route; returns a function that removes them (tests, and a clean quit). */
export function registerIpc(ipcMain: IpcMain, services: IpcServices, guard: IpcGuard): () => void {
  const channels: string[] = [];
  for (const name of Object.keys(ipcRoutes) as RouteName[]) {
    const route = ipcRoutes[name];
    const channel = IPC[name];
    channels.push(channel);
    const admit = (event: IpcMainEvent | IpcMainInvokeEvent, payload: unknown): { ok: true; data: unknown } | { ok: false; why: string } => {
      const problem = senderProblem(event, guard);
      if (problem) return { ok: false, why: problem };
      const parsed = route.schema.safeParse(payload);
      if (!parsed.success) return { ok: false, why: `bad payload: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}` };
      return { ok: true, data: parsed.data };
    };
    if (route.kind === 'invoke') {
      ipcMain.handle(channel, async (event, payload: unknown) => {
        const result = admit(event, payload);
        if (!result.ok) {
          guard.log(`ipc ${channel} rejected: ${result.why}`);
          // The renderer sees only that it was refused, not our reasoning.
          throw new IpcRejected(`${channel} rejected`);
        }
        return runInvoke(name, services, result.data, event.sender);
      });
    } else {
      ipcMain.on(channel, (event, payload: unknown) => {
        const result = admit(event, payload);
        if (!result.ok) { guard.log(`ipc ${channel} rejected: ${result.why}`); return; }
        if (name === 'log') services.log(result.data as LogEntry);
        else services.publishSummary(result.data as CallSummary, event.sender);
      });
    }
  }
  return () => {
    for (const channel of channels) {
      ipcMain.removeHandler(channel);
      ipcMain.removeAllListeners(channel);
    }
  };
}

function runInvoke(name: RouteName, services: IpcServices, data: unknown, from: WebContents): Promise<unknown> {
  switch (name) {
    case 'getSettings': return services.getSettings();
    case 'saveSettings': return services.saveSettings(data as SettingsPatch);
    case 'getCredentials': return services.getCredentials(from);
    case 'loadContent': return services.loadContent();
    case 'notify': return services.notify(data as NotificationRequest);
    case 'lookupCaller': return services.lookupCaller((data as LookupCallerRequest).number);
    case 'getDesktopSettings': return services.getDesktopSettings();
    case 'saveDesktopSettings': return services.saveDesktopSettings(data as DesktopSettingsPatch);
    case 'uploadRecord': return services.uploadRecord(data as RecordUpload);
    default: return Promise.reject(new IpcRejected(`${name} is not an invoke channel`));
  }
}
