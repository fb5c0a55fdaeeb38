// The SeatMateBridge over Electron IPC. Only the channels named in IPC (src/core/bridge.ts) are
// ever used — that list is the allowlist (Element's preload does the same) — and the page gets
// plain functions, never ipcRenderer itself, nor the IPC event (its `sender` would hand the page
// a way to send on any channel).
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  IPC, appCommandSchema, callSummarySchema, credentialsSchema, lookupCallerRequestSchema, lookupCallerResponseSchema,
  recordUploadSchema, uploadResultSchema,
  type AppCommand, type CallerInfo, type SeatMateBridge,
} from '../core/bridge.ts';
import { desktopSettingsSchema } from '../core/desktopSettings.ts';
import { parseContentData } from '../core/pack/contentData.ts';

export type IpcPort = Pick<IpcRenderer, 'invoke' | 'send' | 'on' | 'removeListener'>;

function subscribe<T>(ipc: IpcPort, channel: string, parse: (v: unknown) => T | undefined, listener: (v: T) => void): () => void {
  const wrapped = (_event: IpcRendererEvent, value: unknown) => {
    const parsed = parse(value);
    if (parsed !== undefined) listener(parsed);
  };
  ipc.on(channel, wrapped);
  return () => { ipc.removeListener(channel, wrapped); };
}

/**
 * Electron rejects a failed invoke with "Error invoking remote method '<channel>': Error: <message>";
 * the page gets main's message alone, as the web bridge gives the web host's.
 */
export function remoteMessage(error: unknown): string {
  return String((error as Error | undefined)?.message ?? error).replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, '');
}

export function createBridge(ipc: IpcPort): SeatMateBridge {
  return {
    host: 'electron',
    getSettings: () => ipc.invoke(IPC.getSettings),
    saveSettings: async (patch) => {
      try {
        return await ipc.invoke(IPC.saveSettings, patch);
      } catch (error) {
        throw new Error(remoteMessage(error), { cause: error });
      }
    },
    getCredentials: async () => credentialsSchema.parse(await ipc.invoke(IPC.getCredentials)),
    loadContent: async () => parseContentData(await ipc.invoke(IPC.loadContent)),
    notify: (n) => ipc.invoke(IPC.notify, n),
    log: (entry) => { ipc.send(IPC.log, entry); },
    publishSummary: (s) => { ipc.send(IPC.publishSummary, s); },
    onCommand: (listener: (c: AppCommand) => void) =>
      subscribe(ipc, IPC.command, (v) => { const r = appCommandSchema.safeParse(v); return r.success ? r.data : undefined; }, listener),
    // Best effort by contract: a bad number, a refusal or an odd answer is simply "no answer".
    lookupCaller: async (number: string): Promise<CallerInfo | null> => {
      const request = lookupCallerRequestSchema.safeParse({ number });
      if (!request.success) return null;
      try {
        const answer = lookupCallerResponseSchema.safeParse(await ipc.invoke(IPC.lookupCaller, request.data));
        return answer.success ? answer.data : null;
      } catch {
        return null;
      }
    },
    onSummary: (listener) =>
      subscribe(ipc, IPC.publishSummary, (v) => { const r = callSummarySchema.safeParse(v); return r.success ? r.data : undefined; }, listener),
    getDesktopSettings: async () => desktopSettingsSchema.parse(await ipc.invoke(IPC.getDesktopSettings)),
    saveDesktopSettings: async (patch) => {
      try {
        return desktopSettingsSchema.parse(await ipc.invoke(IPC.saveDesktopSettings, patch));
      } catch (error) {
        throw new Error(remoteMessage(error), { cause: error });
      }
    },
    // Never rejects, like the web bridge's: a record that is not one is refused here, a failed IPC is retried later.
    uploadRecord: async (upload) => {
      if (!recordUploadSchema.safeParse(upload).success) return 'refused';
      try {
        const answer = uploadResultSchema.safeParse(await ipc.invoke(IPC.uploadRecord, upload));
        return answer.success ? answer.data : 'retry';
      } catch {
        return 'retry';
      }
    },
  };
}
