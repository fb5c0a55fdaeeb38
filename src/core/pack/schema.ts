// The content-pack format (resources/packs/README.md explains it to authors). A pack is data
// transcribed from the seeds: every phrase and scenario names the seed and heading it came from,
// so a reviewer can check the wording against the source. Objects are strict: a misspelt key is
// an error, never silently ignored.
import { z } from 'zod';
import { langSchema, tierSchema } from '../config.ts';
import { timingsSchema } from '../timings.ts';

export const TIERS = tierSchema.options;
export const PERIODS = ['morning', 'noon', 'afternoon', 'evening'] as const;
export type Period = (typeof PERIODS)[number];

/** Variables a phrase may use. `[…]` around text drops it when a variable inside is empty. */
export const TEMPLATE_VARIABLES = [
  'salutation', 'occasion', 'hotline', 'agentId', 'agentName', 'surname', 'title',
  // Transfers (T1, T4): the target's label and number, the agent's own group, the caller's issue.
  'target', 'targetNumber', 'agentGroup', 'issue',
] as const;

// --- building blocks -------------------------------------------------------------------------

export const seedSchema = z.string().regex(/^\d{3}$/, 'seed is the three-digit seed number, e.g. "001" (quote it)');

export const sourceSchema = z.strictObject({
  seed: seedSchema,
  heading: z.string().min(1).max(200).describe('The heading in the seed the text sits under'),
  note: z.string().max(500).optional().describe('How the text was adapted, if it was'),
}).describe('Where the text comes from');
export type Source = z.infer<typeof sourceSchema>;

/** One source, or several when a phrase merges wording from more than one place. */
export const sourcesSchema = z.union([sourceSchema, z.array(sourceSchema).min(1).max(8)]);

const VARIABLE = /\{([^{}]*)\}/g;

/** Find template mistakes: unknown variables, unbalanced braces or brackets. */
export function templateProblems(text: string): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(VARIABLE)) {
    if (!(TEMPLATE_VARIABLES as readonly string[]).includes(m[1] ?? '')) {
      problems.push(`unknown variable {${m[1]}} (known: ${TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(' ')})`);
    }
  }
  const stripped = text.replace(VARIABLE, '');
  if (/[{}]/.test(stripped)) problems.push('unbalanced { } in template');
  let depth = 0;
  for (const ch of text) {
    if (ch === '[') depth += 1;
    if (ch === ']') depth -= 1;
    if (depth < 0 || depth > 1) break;
  }
  if (depth !== 0) problems.push('unbalanced or nested [ ] in template');
  return problems;
}

export const templateSchema = z.string().min(1).max(500).superRefine((text, ctx) => {
  for (const message of templateProblems(text)) ctx.addIssue({ code: 'custom', message });
});

const tierTextsSchema = z.strictObject({
  vip: templateSchema.optional(),
  brand: templateSchema.optional(),
  ordinary: templateSchema.optional(),
}).describe('Per-tier wording; a tier left out uses `text`');

/** A phrase the agent says: its wording, optional per-tier wording, and where it comes from. */
export const phraseSchema = z.strictObject({
  text: templateSchema,
  tiers: tierTextsSchema.optional(),
  source: sourcesSchema,
});
export type Phrase = z.infer<typeof phraseSchema>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time as HH:MM, 00:00–23:59 (quote it)');
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'date as MM-DD (quote it)');

// --- pack.yaml -------------------------------------------------------------------------------

export const packMetaShape = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'id: lower-case letters, digits and dashes (the folder name)'),
  hotline: z.string().min(1).max(100).describe('The hotline/company name, {hotline} in templates'),
  lang: langSchema,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'version as MAJOR.MINOR.PATCH (quote it)'),
  region: z.string().regex(/^[a-z]{2,8}$/).default('cn').describe('Holiday calendar region (resources/calendars/<region>-<year>.yaml)'),
  translationOf: z.string().max(64).optional().describe('For a pack in another language: the id of the pack it translates'),
  sources: z.array(z.strictObject({
    seed: seedSchema,
    title: z.string().min(1).max(200),
  })).min(1).max(20).describe('The seed files this pack was transcribed from'),
  description: z.string().max(1000).optional(),
};

export const periodsSchema = z.strictObject({
  morning: clock.default('05:00'),
  noon: clock.default('11:00'),
  afternoon: clock.default('13:00'),
  evening: clock.default('18:00'),
}).superRefine((p, ctx) => {
  if (!(p.morning < p.noon && p.noon < p.afternoon && p.afternoon < p.evening)) {
    ctx.addIssue({ code: 'custom', message: 'periods must start in order: morning < noon < afternoon < evening' });
  }
}).describe('When each period of the day starts; evening runs until morning');

const occasionSchema = phraseSchema.extend({
  replacesSalutation: z.boolean().default(false).describe('Say this instead of the time-of-day salutation, not after it'),
});

export const packFileSchema = z.strictObject({
  ...packMetaShape,
  periods: periodsSchema.default({ morning: '05:00', noon: '11:00', afternoon: '13:00', evening: '18:00' }),
  timeOfDaySalutation: z.boolean().default(true).describe('Whether the period\'s salutation (早上好…, the 10000 custom of 001) replaces salutations.default (您好); false: {salutation} is always the default, as in China Mobile\'s fixed 首问句 (002)'),
  salutations: z.strictObject({
    default: phraseSchema.describe('Used when a period has no salutation (您好)'),
    morning: phraseSchema.optional(),
    noon: phraseSchema.optional(),
    afternoon: phraseSchema.optional(),
    evening: phraseSchema.optional(),
  }),
  occasions: z.strictObject({
    weekend: occasionSchema.extend({
      fridayFrom: clock.default('18:00').describe('The weekend wish starts Friday at this time and runs to Saturday 24:00 (002)'),
    }),
    holiday: occasionSchema.describe('A public holiday in the region calendar'),
    newyear: occasionSchema.extend({
      dates: z.array(monthDay).min(1).max(10).default(['01-01']).describe('Month-days that are New Year'),
    }),
  }),
  greeting: phraseSchema.describe('The opening line; `text` is the ordinary tier'),
  transferIn: phraseSchema.describe('What the receiving agent says on a transferred call'),
  holdMusic: z.string().regex(/^[\w.-]{1,64}\.(wav|ogg|mp3)$/, 'a file name under resources/sounds/').default('hold-music.wav')
    .describe('H2 (001): what a held caller hears, a file under resources/sounds/'),
  speakingRate: z.strictObject({
    min: z.number().int().min(30).max(600).describe('Characters a minute: slower is out of range'),
    max: z.number().int().min(30).max(600).describe('Characters a minute: faster is out of range'),
    source: sourcesSchema,
  }).refine((r) => r.min < r.max, { message: 'speakingRate: min must be below max', path: ['max'] }).optional()
    .describe('N11: the speaking rate the speech coach holds the agent to (default 120–150 characters a minute; 004: 180–220)'),
  replies: z.strictObject({
    thanks: phraseSchema,
    apology: phraseSchema,
    accepted: phraseSchema,
    anythingElse: phraseSchema,
    closing: phraseSchema,
    fridayClosing: phraseSchema.describe('Closing on a Friday before a weekend (周末愉快)'),
    holidayEveClosing: phraseSchema.optional().describe('Closing on the working day before a holiday (001: 节日前预祝节日快乐)'),
  }),
  hold: z.strictObject({
    consent: phraseSchema,
    checkIn: phraseSchema,
    return: phraseSchema,
    returnLong: phraseSchema,
    callbackOffer: phraseSchema,
  }),
  transfer: z.strictObject({
    consent: phraseSchema,
    group: phraseSchema,
    shiftLeader: phraseSchema,
    ivr: phraseSchema,
    expert: phraseSchema,
    /** T3: the target is busy (000: …专家坐席正在通话中,请您留下联系电话…); absent: `failed` is said. */
    busy: phraseSchema.optional(),
    failed: phraseSchema,
    fallback: phraseSchema,
  }),
  silentCall: z.strictObject({
    steps: z.array(phraseSchema.extend({
      waitMs: z.number().int().min(0).max(60_000).optional().describe('Wait after this prompt; default: timings.silentWait'),
    })).min(1).max(10),
  }).describe('Prompt, wait, prompt, wait, closing, wait, then hang up'),
  harassment: z.strictObject({
    warning: phraseSchema,
    chatCallWarning: phraseSchema,
  }),
  forbidden: z.array(z.strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'id: lower-case letters, digits and dashes'),
    text: z.string().min(1).max(200),
    better: z.string().min(1).max(300).describe('What to say instead'),
    source: sourcesSchema,
  })).max(200).default([]),
  timings: timingsSchema.partial().optional().describe('Overrides of the standard timings (ms); IT policy overrides these'),
});
export type PackFile = z.infer<typeof packFileSchema>;

/** Pack phrases a scenario step may reuse with `ref`. */
export const PHRASE_REFS = [
  'greeting', 'transferIn',
  'replies.thanks', 'replies.apology', 'replies.accepted', 'replies.anythingElse', 'replies.closing', 'replies.fridayClosing',
  'hold.consent', 'hold.checkIn', 'hold.return', 'hold.returnLong', 'hold.callbackOffer',
  'transfer.consent', 'transfer.group', 'transfer.shiftLeader', 'transfer.ivr', 'transfer.expert', 'transfer.failed', 'transfer.fallback',
  'harassment.warning', 'harassment.chatCallWarning',
] as const;
export type PhraseRef = (typeof PHRASE_REFS)[number];

// --- scenarios/<id>.yaml ---------------------------------------------------------------------

/** Call events that may switch the script; `low-volume`: the speech coach heard the customer's voice stay low. */
export const CALL_EVENTS = ['hold-limit', 'transfer-failed', 'silence', 'harassment', 'low-volume'] as const;
export type CallEvent = (typeof CALL_EVENTS)[number];

const noteSchema = z.strictObject({ text: z.string().min(1).max(500), source: sourcesSchema });

export const stepSchema = z.strictObject({
  title: z.string().max(40).optional().describe('Short label of the step (问候, 确认需求, …)'),
  say: templateSchema.optional().describe('What the agent says'),
  tiers: tierTextsSchema.optional(),
  ref: z.enum(PHRASE_REFS).optional().describe('Say this pack phrase (with its tier wording)'),
  do: z.string().min(1).max(300).optional().describe('What the agent does (not said aloud)'),
  source: sourcesSchema.optional(),
}).superRefine((s, ctx) => {
  const spoken = [s.say, s.ref].filter((v) => v !== undefined).length;
  if (spoken > 1) ctx.addIssue({ code: 'custom', message: 'a step has either "say" or "ref", not both' });
  if (spoken === 0 && s.do === undefined) ctx.addIssue({ code: 'custom', message: 'a step needs "say", "ref" or "do"' });
  if (s.tiers && s.say === undefined) ctx.addIssue({ code: 'custom', path: ['tiers'], message: '"tiers" needs a "say" for the tiers it leaves out' });
  if (s.ref === undefined && s.source === undefined) ctx.addIssue({ code: 'custom', path: ['source'], message: 'missing source: every step not using "ref" cites its seed and heading' });
});
export type Step = z.infer<typeof stepSchema>;

export const scenarioFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'id: lower-case letters, digits and dashes (the file name)'),
  title: z.string().min(1).max(60),
  titleEn: z.string().min(1).max(80).optional(),
  keywords: z.array(z.string().min(1).max(30)).max(30).default([]),
  /** N10 (004): an emergency case — the customer gets a progress update every emergencyUpdateEvery until it is closed. */
  emergency: z.boolean().default(false),
  triggers: z.strictObject({
    ivrPaths: z.array(z.string().regex(/^[0-9*#]{1,16}$/, 'IVR path: digits, * and # (quote it)')).max(20).optional(),
    events: z.array(z.enum(CALL_EVENTS)).max(4).optional(),
  }).optional(),
  source: sourcesSchema,
  steps: z.array(stepSchema).min(1).max(40),
  tips: z.array(noteSchema).max(30).default([]),
  donts: z.array(noteSchema).max(30).default([]),
  forbidden: z.array(z.string().max(64)).max(50).default([]).describe('Ids of the pack\'s forbidden phrases to warn about'),
});
export type ScenarioFile = z.infer<typeof scenarioFileSchema>;

// --- resources/calendars/<region>-<year>.yaml ------------------------------------------------

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD').refine((d) => {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, day));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
}, 'not a real date');

export const calendarFileSchema = z.strictObject({
  region: z.string().regex(/^[a-z]{2,8}$/),
  year: z.number().int().min(2000).max(2100),
  source: z.string().min(1).max(300).describe('The official notice the dates come from'),
  holidays: z.array(z.strictObject({
    name: z.string().min(1).max(40),
    from: isoDate,
    to: isoDate,
    occasion: z.enum(['holiday', 'newyear']).default('holiday').describe('Greeting occasion on these days'),
  }).refine((h) => h.from <= h.to, { message: '"from" is after "to"', path: ['to'] })).max(60),
  workdays: z.array(z.strictObject({
    date: isoDate,
    name: z.string().min(1).max(40).describe('e.g. 春节调休上班'),
  })).max(30).default([]).describe('Adjusted working days (调休上班): weekends that are working days'),
});
export type CalendarFile = z.infer<typeof calendarFileSchema>;

// --- resources/directory.yaml ----------------------------------------------------------------

const callerNumber = z.string().regex(/^\+?[0-9]{1,20}$/, 'number: digits, optional leading + (quote it)');
const directoryEntry = {
  tier: tierSchema,
  surname: z.string().min(1).max(8).optional(),
  title: z.string().min(1).max(8).optional(),
  note: z.string().max(200).optional(),
};

export const directoryFileSchema = z.strictObject({
  numbers: z.array(z.strictObject({ number: callerNumber, ...directoryEntry })).max(100_000).default([]),
  prefixes: z.array(z.strictObject({ prefix: callerNumber, tier: tierSchema, note: z.string().max(200).optional() })).max(10_000).default([]),
});
export type DirectoryFile = z.infer<typeof directoryFileSchema>;
