// The log: electron-log to a rotating file in the user's log folder (5 MB, one old file kept),
// every line passed through src/node/redact.ts on its way to any transport.
import type { LogEntry } from '../core/bridge.ts';
import { redactValue } from '../node/redact.ts';

type Level = 'error' | 'warn' | 'info' | 'debug';

/** The slice of electron-log's main logger we configure (a double in tests). */
export interface LoggerLike {
  transports: { file: { maxSize: number; level: Level | false; format?: unknown }; console: { level: Level | false } };
  hooks: Array<(message: { data: unknown[]; level: string }, transport?: unknown) => { data: unknown[]; level: string } | false>;
  error(...a: unknown[]): void; warn(...a: unknown[]): void; info(...a: unknown[]): void; debug(...a: unknown[]): void;
}

export const LOG_MAX_BYTES = 5 * 1024 * 1024;

export function configureLogging(log: LoggerLike, level: Level, isPackaged: boolean): void {
  // electron-log rotates by renaming main.log to main.old.log once maxSize is reached.
  log.transports.file.maxSize = LOG_MAX_BYTES;
  log.transports.file.level = level;
  log.transports.console.level = isPackaged ? false : 'debug';
  log.hooks.push((message) => ({ ...message, data: message.data.map((d) => redactValue(d)) }));
}

/** Policy is read after logging starts (so its own messages are redacted); it sets the level then. */
export function setLogLevel(log: LoggerLike, level: Level): void {
  log.transports.file.level = level;
}

export type Logger = (message: string) => void;

/** Renderer log entries arrive over IPC (already schema-checked); tag them so support can tell. */
export function logFromRenderer(log: LoggerLike, entry: LogEntry): void {
  log[entry.level](`[renderer] ${entry.message}`);
}
