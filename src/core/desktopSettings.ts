// The desktop preferences the settings screen edits and only the desktop app can apply: the
// global hotkeys (with the report of those another program already owns) and start-on-login.
// A browser has neither system-wide shortcuts nor login items, so the web host answers with
// `available: false` and refuses a change ("desktop only"); the screen says so.
import { z } from 'zod';
import { hotkeyActions, type HotkeyAction } from './hotkeys.ts';

const actionSchema = z.enum(hotkeyActions as [HotkeyAction, ...HotkeyAction[]]);
/** An Electron accelerator ("CommandOrControl+Alt+A", "F9"); "" turns the hotkey off. Its validity is settled by registering it. */
const acceleratorSchema = z.string().max(64).regex(/^[\x21-\x7e]*$/, 'must be a key combination such as CommandOrControl+Alt+A');

export const desktopSettingsPatchSchema = z.object({
  /** The agent's chord per action; an action left out keeps its current chord. */
  hotkeys: z.partialRecord(actionSchema, acceleratorSchema).optional(),
  startOnLogin: z.boolean().optional(),
}).strict();
export type DesktopSettingsPatch = z.infer<typeof desktopSettingsPatchSchema>;

export const hotkeyProblemSchema = z.enum(['in-use', 'duplicate', 'invalid']);
export type HotkeyProblem = z.infer<typeof hotkeyProblemSchema>;

export const desktopSettingsSchema = z.object({
  /** false in the web host: nothing on this screen applies in a browser. */
  available: z.boolean(),
  hotkeys: z.object({
    /** Off when IT policy turns global hotkeys off (hotkeysEnabled). */
    enabled: z.boolean(),
    /** IT policy sets hotkeysEnabled: the agent cannot change the hotkeys. */
    locked: z.boolean(),
    list: z.array(z.object({
      action: actionSchema,
      /** The chord in force ("" = off). */
      accelerator: z.string().max(64),
      default: z.string().max(64),
      /** Why it is not registered: another program owns it, another action has it, or it is no chord. */
      problem: hotkeyProblemSchema.optional(),
    })).max(hotkeyActions.length),
  }),
  startOnLogin: z.object({
    enabled: z.boolean(),
    /** IT policy sets startOnLogin. */
    locked: z.boolean(),
    /** Windows and macOS only (Linux desktops use their session's autostart). */
    supported: z.boolean(),
  }),
});
export type DesktopSettings = z.infer<typeof desktopSettingsSchema>;
