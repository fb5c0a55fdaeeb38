// Reads and validates the JSON configuration file (AUTOMATION-CONTRACT §2). A bad file yields
// messages naming the field; the caller then starts nothing.
import { readFile } from 'node:fs/promises';
import { appConfigSchema, describeIssues, type AppConfig } from '../core/config.ts';

/** `raw` is the file as written (before defaults): IT policy's recommended values fill its gaps. */
export type ConfigResult = { ok: true; config: AppConfig; raw: Record<string, unknown> } | { ok: false; errors: string[] };

export function parseConfigText(text: string, file: string): ConfigResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`${file}: not valid JSON (${(error as Error).message})`] };
  }
  const parsed = appConfigSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: describeIssues(parsed.error).map((m) => `${file}: ${m}`) };
  return { ok: true, config: parsed.data, raw: raw as Record<string, unknown> };
}

export async function readConfigFile(file: string | undefined): Promise<ConfigResult> {
  if (!file) return { ok: true, config: appConfigSchema.parse({}), raw: {} };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, errors: [`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`] };
  }
  return parseConfigText(text, file);
}
