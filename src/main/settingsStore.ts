// The agent's own settings: one JSON file in userData, validated on read and on write, written
// atomically (temp file + rename) so a crash mid-write never leaves a half file. The SIP
// password is held only as safeStorage ciphertext (secrets.ts) — never in the JSON in clear.
// What a save may change is decided once for both hosts (src/node/settings.ts); this file only
// keeps the result.
import { z } from 'zod';
import { settingsPatchSchema, type SettingsPatch } from '../core/bridge.ts';
import type { SecretBox } from './secrets.ts';

const boundsSchema = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().min(50).max(10_000), height: z.number().int().min(50).max(10_000) });

export const desktopPrefsSchema = z.object({
  /** Overlay bounds per display id: monitors come and go (docking stations) — each keeps its place. */
  overlayBounds: z.record(z.string().max(32), boundsSchema).default({}),
  overlayPinned: z.boolean().default(true),
  overlayClickThrough: z.boolean().default(false),
  /** Accelerator per hotkey action; absent = the default, "" = off. */
  hotkeys: z.record(z.string().max(32), z.string().max(64)).default({}),
  startOnLogin: z.boolean().optional(),
}).strict();
export type DesktopPrefs = z.infer<typeof desktopPrefsSchema>;

const userSettingsSchema = settingsPatchSchema; // same shape; password is stripped before saving
const fileSchema = z.object({
  version: z.literal(1),
  settings: userSettingsSchema.default({}),
  /** safeStorage ciphertext, base64. */
  sipPasswordSealed: z.string().max(8192).optional(),
  desktop: desktopPrefsSchema.default(desktopPrefsSchema.parse({})),
}).strict();
type SettingsFile = z.infer<typeof fileSchema>;

export interface StoreFs {
  readFile(path: string): Promise<string>;
  writeFile(path: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
}

export interface SettingsStore {
  load(): Promise<void>;
  /** The agent's settings with the password opened, as a raw layer for policyMerge.ts. */
  user(): SettingsPatch;
  /** Keeps the agent's whole new settings (from applySettingsPatch), sealing the password. */
  saveUser(settings: Record<string, unknown>): Promise<void>;
  desktop(): DesktopPrefs;
  saveDesktop(patch: Partial<DesktopPrefs>): Promise<void>;
}

export function createSettingsStore(file: string, fs: StoreFs, secrets: SecretBox, log: (m: string) => void): SettingsStore {
  let data: SettingsFile = fileSchema.parse({ version: 1 });
  // Kept only in memory when the OS has no key store to seal it with.
  let sessionPassword: string | undefined;

  const openedPassword = () => sessionPassword ?? (data.sipPasswordSealed ? secrets.open(data.sipPasswordSealed) : undefined);

  const persist = async () => {
    const tmp = `${file}.tmp`;
    await fs.writeFile(tmp, `${JSON.stringify(data, null, 2)}\n`);
    await fs.rename(tmp, file);
  };

  return {
    async load() {
      let text: string;
      try { text = await fs.readFile(file); } catch { return; } // first start
      try {
        data = fileSchema.parse(JSON.parse(text));
      } catch (error) {
        log(`settings file ${file} is invalid and was ignored: ${(error as Error).message.slice(0, 300)}`);
        data = fileSchema.parse({ version: 1 });
      }
      if (data.settings.sip?.password !== undefined) {
        // Older or hand-edited file with a clear-text password: seal it now and drop the clear text.
        const clear = data.settings.sip.password;
        data.settings = { ...data.settings, sip: { ...data.settings.sip, password: undefined } };
        if (secrets.canPersist()) data.sipPasswordSealed = secrets.seal(clear);
        else sessionPassword = clear;
        await persist();
      }
    },
    user() {
      const settings = structuredClone(data.settings);
      const password = openedPassword();
      if (settings.sip && password !== undefined) settings.sip.password = password;
      return settings;
    },
    async saveUser(settings) {
      const { sip, ...rest } = userSettingsSchema.parse(settings);
      const next: SettingsPatch = rest;
      let password: string | undefined;
      if (sip) {
        const { password: secret, ...form } = sip;
        password = secret;
        next.sip = form;
      }
      if (password !== openedPassword()) {
        if (password === undefined) { data.sipPasswordSealed = undefined; sessionPassword = undefined; }
        else if (secrets.canPersist()) { data.sipPasswordSealed = secrets.seal(password); sessionPassword = undefined; }
        else { sessionPassword = password; log('no OS key store: the SIP password is kept for this session only'); }
      }
      data = { ...data, settings: next };
      await persist();
    },
    desktop: () => structuredClone(data.desktop),
    async saveDesktop(patch) {
      data = { ...data, desktop: desktopPrefsSchema.parse({ ...data.desktop, ...patch }) };
      await persist();
    },
  };
}
