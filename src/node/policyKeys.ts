// Every IT policy key, defined ONCE: its zod schema, type, default, effect and where it lands in
// the app's configuration. The readers (registry, managed preferences, policy.json), the ADMX /
// ADML / mobileconfig templates (scripts/gen-policy-templates.ts) and the IT guide's table
// (docs/deploy.md) are all derived from this list. Pure: zod only, so the CLI and tests import it.
import { z } from 'zod';
import { defaultTimings, timingsSchema, type TimingName } from '../core/timings.ts';

export type PolicyType = 'string' | 'string-list' | 'integer' | 'boolean' | 'enum';

interface Text { en: string; zh: string }

export interface PolicyKeyMeta {
  type: PolicyType;
  schema: z.ZodType;
  /** The value used when no policy sets the key (or its value is malformed). */
  default: string | number | boolean | string[];
  title: Text;
  /** What the key does — shown in the Group Policy editor and the IT guide. */
  description: Text;
  /** Dotted path in AppConfig the key sets (shown as locked when enforced); absent: desktop-only. */
  config?: string;
  enumValues?: readonly string[];
  min?: number;
  max?: number;
}

const wsUrl = z.string().max(2048).regex(/^wss?:\/\/[^\s;,]+$/, 'must be a ws:// or wss:// URL');
const httpsUrl = z.string().max(2048).regex(/^https:\/\/[^\s]+$/, 'must be an https:// URL');
const ms = (min: number, max: number) => z.number().int().min(min).max(max);
const validTimeZone = (tz: string): boolean => {
  try { new Intl.DateTimeFormat('en', { timeZone: tz }); return true; } catch { return false; }
};

const key = <M extends PolicyKeyMeta>(m: M): M => m;

/**
 * The standard's numbers as IT sees them: one policy key per timing of src/core/timings.ts, named
 * like the timing and mapped to `timings.<name>` in the config, validated by the timing's own
 * schema (so a value policy accepts is never rejected when the timings are resolved). `rule` is
 * the SERVICE-STANDARD id the number belongs to. A new timing needs its text here (tsc says so).
 */
const timingText = {
  ringCycle: {
    rule: 'N1', title: { en: 'Ring cycle (ms)', zh: '振铃周期(毫秒)' },
    description: { en: 'One ring cycle (China: 1 s on, 4 s off = 5000 ms); the answer-within-rings count uses it.', zh: '一个振铃周期(中国:响 1 秒停 4 秒,共 5000 毫秒),用于计算接听响铃次数。' },
  },
  answerWithinRings: {
    rule: 'N1', title: { en: 'Answer within (rings)', zh: '接听响铃次数上限' },
    description: { en: 'The agent answers within this many rings (a count, not milliseconds).', zh: '坐席须在此响铃次数内接听(次数,非毫秒)。' },
  },
  greetWithin: {
    rule: 'N2', title: { en: 'Greet within (ms)', zh: '接通后问候时限(毫秒)' },
    description: { en: 'The agent greets the caller within this long of the call connecting (milliseconds).', zh: '电话接通后须在此时长内问候客户(毫秒)。' },
  },
  checkInEvery: {
    rule: 'N3', title: { en: 'Hold check-in interval (ms)', zh: '保持期间回应间隔(毫秒)' },
    description: { en: 'While a caller is on hold, remind the agent to return to them this often (milliseconds).', zh: '来电保持期间,每隔此时长提醒坐席回应客户(毫秒)。' },
  },
  holdLimit: {
    rule: 'N4', title: { en: 'Hold limit (ms)', zh: '保持时长上限(毫秒)' },
    description: { en: 'Past this long on hold the agent is prompted to offer a call-back (milliseconds).', zh: '保持超过此时长,提示坐席提出预约回电(毫秒)。' },
  },
  callbackDue: {
    rule: 'N5', title: { en: 'Call-back due (ms)', zh: '预约回电时限(毫秒)' },
    description: { en: 'A promised call-back is due this long after the promise (milliseconds).', zh: '承诺回电后须在此时长内回电(毫秒)。' },
  },
  hangupWait: {
    rule: 'N6', title: { en: 'Hang-up wait after closing (ms)', zh: '结束语后挂机等待(毫秒)' },
    description: { en: 'The agent may hang up only this long after the closing phrase (milliseconds).', zh: '说完结束语后需等待此时长才可挂机(毫秒)。' },
  },
  harassmentWarning: {
    rule: 'N7', title: { en: 'Harassment warning before hang-up (ms)', zh: '骚扰电话警告后挂断(毫秒)' },
    description: { en: 'After the harassment warning the system hangs up this long later (milliseconds).', zh: '播报骚扰电话警告后,系统在此时长后挂断(毫秒)。' },
  },
  chatCallLimit: {
    rule: 'N8', title: { en: 'Harassment or chat call: longest talk (ms)', zh: '骚扰/闲聊电话最长通话(毫秒)' },
    description: { en: 'A call marked as harassment or chat is warned and ended at this length (milliseconds).', zh: '标记为骚扰或闲聊的电话在此时长时警告并结束(毫秒)。' },
  },
  silentWait: {
    rule: 'N9', title: { en: 'Silent call: wait between prompts (ms)', zh: '无声电话提示间隔(毫秒)' },
    description: { en: 'In a silent call, the wait after each prompt before the next one or the hang-up, unless the pack sets a step\'s wait (milliseconds).', zh: '无声电话中每次提示后等待此时长再进行下一步或挂机,内容包为某步单独设定者除外(毫秒)。' },
  },
  silenceDetect: {
    rule: 'N9', title: { en: 'Silence before a silent call is suggested (ms)', zh: '判定无声电话的静音时长(毫秒)' },
    description: { en: 'The far end silent this long suggests a silent call to the agent (milliseconds).', zh: '对方持续静音此时长后,提示坐席按无声电话处理(毫秒)。' },
  },
  emergencyUpdateEvery: {
    rule: 'N10', title: { en: 'Emergency progress update interval (ms)', zh: '紧急事件进展通报间隔(毫秒)' },
    description: { en: 'For an emergency case, remind the agent to update the customer this often (milliseconds).', zh: '紧急事件处理期间,每隔此时长提醒坐席向客户通报进展(毫秒)。' },
  },
  transferTimeout: {
    rule: 'T3', title: { en: 'Transfer target answer timeout (ms)', zh: '转接目标应答超时(毫秒)' },
    description: { en: 'A transfer target that has not answered this long counts as failed; the caller comes back to the agent (milliseconds).', zh: '转接目标在此时长内未应答即视为转接失败,客户回到坐席(毫秒)。' },
  },
  mediaTimeout: {
    rule: 'C5', title: { en: 'Dropped-call media timeout (ms)', zh: '断线判定无媒体时长(毫秒)' },
    description: { en: 'No audio from the far end this long while talking means the line dropped the call; a call-back is due (milliseconds).', zh: '通话中对方无媒体流达此时长即判定为断线,需回电(毫秒)。' },
  },
  pauseBeforeHangup: {
    rule: 'N12', title: { en: 'Pause before hanging up (ms)', zh: '挂机前停顿(毫秒)' },
    description: { en: 'The pause the agent leaves before hanging up (milliseconds).', zh: '坐席挂机前的停顿时长(毫秒)。' },
  },
} satisfies Record<TimingName, { rule: string; title: Text; description: Text }>;

/** The SERVICE-STANDARD rule id each timing policy key belongs to (N1…N12, T3, C5). */
export const timingPolicyRules = Object.fromEntries(
  (Object.keys(timingText) as TimingName[]).map((name) => [name, timingText[name].rule]),
) as Record<TimingName, string>;

function timingKey(name: TimingName): PolicyKeyMeta & { schema: z.ZodNumber; default: number; min: number; max: number } {
  const schema = timingsSchema.shape[name].unwrap();
  const { title, description } = timingText[name];
  return {
    type: 'integer', schema, min: schema.minValue ?? 0, max: schema.maxValue ?? 24 * 3600_000,
    default: defaultTimings[name], config: `timings.${name}`, title, description,
  };
}

const timingPolicyKeys = Object.fromEntries(
  (Object.keys(timingsSchema.shape) as TimingName[]).map((name) => [name, timingKey(name)]),
) as { [K in TimingName]: ReturnType<typeof timingKey> };

export const policyKeys = {
  sipServers: key({
    type: 'string-list', schema: z.array(wsUrl).min(1).max(8), default: [], config: 'sip.ws',
    title: { en: 'SIP WebSocket servers', zh: 'SIP WebSocket 服务器' },
    description: {
      en: 'WebSocket URLs (wss://…) of the SIP registrar, tried in order. Several values: separate with ";".',
      zh: 'SIP 注册服务器的 WebSocket 地址(wss://…),按顺序尝试。多个地址以“;”分隔。',
    },
  }),
  sipDomain: key({
    type: 'string', schema: z.string().max(253).regex(/^[A-Za-z0-9.-]+$/, 'must be a host name'), default: '', config: 'sip.domain',
    title: { en: 'SIP domain', zh: 'SIP 域' },
    description: {
      en: 'Domain of the agent\'s SIP address (sip:<agent>@<domain>). Replaces the domain the agent typed.',
      zh: '坐席 SIP 地址的域(sip:<工号>@<域>),覆盖坐席自行填写的域。',
    },
  }),
  mode: key({
    type: 'enum', schema: z.enum(['live', 'training']), enumValues: ['live', 'training'], default: 'training', config: 'mode',
    title: { en: 'Mode', zh: '运行模式' },
    description: {
      en: '"live" registers with the SIP server; "training" uses simulated callers and no server.',
      zh: '“live”连接 SIP 服务器;“training”为培训模式,使用模拟来电,不连接服务器。',
    },
  }),
  lang: key({
    type: 'enum', schema: z.enum(['zh-CN', 'en']), enumValues: ['zh-CN', 'en'], default: 'zh-CN', config: 'lang',
    title: { en: 'Interface language', zh: '界面语言' },
    description: { en: 'Language of the agent interface.', zh: '坐席界面的语言。' },
  }),
  pack: key({
    type: 'string', schema: z.string().max(64).regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a pack id such as telecom-10000'), default: 'telecom-10000', config: 'pack',
    title: { en: 'Content pack', zh: '服务规范包' },
    description: {
      en: 'Id of the content pack (phrases, scenarios, rules) the hotline follows.',
      zh: '热线所用服务规范包(话术、场景、规则)的标识。',
    },
  }),
  // Every number of SERVICE-STANDARD §1 (and the other timings of src/core/timings.ts): below.
  ...timingPolicyKeys,
  overrideAllowed: key({
    type: 'boolean', schema: z.boolean(), default: false, config: 'overrideAllowed',
    title: { en: 'Allow rule override', zh: '允许越过规则' },
    description: {
      en: 'Agents may override the hang-up lock and hold limit (for example for an emergency). Overrides are logged.',
      zh: '允许坐席越过挂机等待与保持上限(如紧急情况),越过操作会记录日志。',
    },
  }),
  crmUrl: key({
    type: 'string', schema: httpsUrl, default: '', config: 'crm.url',
    title: { en: 'CRM look-up URL', zh: 'CRM 查询地址' },
    description: {
      en: 'https:// URL queried for the caller\'s tier when the INVITE and directory do not say. Empty: no look-up.',
      zh: '来电与通讯录均未给出客户级别时查询的 https:// 地址。留空则不查询。',
    },
  }),
  crmTimeoutMs: key({
    // The app's own limit (config crm.timeoutMs) is 50–5000 ms, default 300: a later answer is useless to the greeting.
    type: 'integer', schema: ms(100, 5_000), min: 100, max: 5_000, default: 300, config: 'crm.timeoutMs',
    title: { en: 'CRM look-up timeout (ms)', zh: 'CRM 查询超时(毫秒)' },
    description: {
      en: 'Longest wait for the CRM look-up; ringing is never delayed past it (milliseconds).',
      zh: 'CRM 查询的最长等待时间,振铃不会因此延迟(毫秒)。',
    },
  }),
  directoryFile: key({
    type: 'string', schema: z.string().max(1024).regex(/^(?:[A-Za-z]:[\\/]|\\\\|\/)/, 'must be an absolute path'), default: '',
    title: { en: 'Directory file', zh: '客户通讯录文件' },
    description: {
      en: 'Absolute path of the caller directory (number → tier) file. Empty: the bundled directory.',
      zh: '客户通讯录(号码 → 级别)文件的绝对路径。留空则使用内置通讯录。',
    },
  }),
  timeZone: key({
    type: 'string', schema: z.string().max(64).refine(validTimeZone, 'must be an IANA time zone such as Asia/Shanghai'), default: '', config: 'timeZone',
    title: { en: 'Time zone', zh: '时区' },
    description: {
      en: 'IANA time zone for greetings and holidays (e.g. Asia/Shanghai). Empty: the computer\'s zone.',
      zh: '问候语与节假日使用的 IANA 时区(如 Asia/Shanghai)。留空则使用本机时区。',
    },
  }),
  updateMode: key({
    type: 'enum', schema: z.enum(['none', 'manual', 'auto']), enumValues: ['none', 'manual', 'auto'], default: 'manual',
    title: { en: 'Updates', zh: '软件更新' },
    description: {
      en: '"none": never check; "manual": check and let the agent install; "auto": download and install on quit. MSI installs never self-update.',
      zh: '“none”不检查;“manual”检查后由坐席安装;“auto”自动下载并在退出时安装。MSI 安装的版本不会自行更新。',
    },
  }),
  updateUrl: key({
    type: 'string', schema: httpsUrl, default: '',
    title: { en: 'Update server URL', zh: '更新服务器地址' },
    description: {
      en: 'https:// folder holding latest.yml / latest-mac.yml and the installers. Empty: the URL built into the installer.',
      zh: '存放 latest.yml / latest-mac.yml 与安装包的 https:// 目录。留空则使用安装包内置地址。',
    },
  }),
  startOnLogin: key({
    type: 'boolean', schema: z.boolean(), default: false,
    title: { en: 'Start on login', zh: '开机登录后启动' },
    description: { en: 'Start SeatMate when the agent logs in to the computer.', zh: '坐席登录电脑后自动启动 SeatMate。' },
  }),
  overlayEnabled: key({
    type: 'boolean', schema: z.boolean(), default: true,
    title: { en: 'Guidance overlay', zh: '服务引导浮窗' },
    description: { en: 'Show the always-on-top guidance overlay during calls.', zh: '通话期间显示置顶的服务引导浮窗。' },
  }),
  hotkeysEnabled: key({
    type: 'boolean', schema: z.boolean(), default: true,
    title: { en: 'Global hotkeys', zh: '全局快捷键' },
    description: {
      en: 'Register system-wide hotkeys (answer, hang up, hold, closing, next step).',
      zh: '注册系统全局快捷键(接听、挂机、保持、结束语、下一步)。',
    },
  }),
  logLevel: key({
    type: 'enum', schema: z.enum(['error', 'warn', 'info', 'debug']), enumValues: ['error', 'warn', 'info', 'debug'], default: 'info',
    title: { en: 'Log level', zh: '日志级别' },
    description: {
      en: 'Least severe level written to the log file. Passwords and phone numbers are always redacted.',
      zh: '写入日志文件的最低级别。密码与电话号码始终脱敏。',
    },
  }),
  linkFeatureCodesAllowed: key({
    type: 'boolean', schema: z.boolean(), default: false,
    title: { en: 'Feature codes from tel:/sip: links', zh: '链接中的功能码' },
    description: {
      en: 'tel: and sip: links (from a CRM or a web page) may put numbers with * or # (feature codes such as *72 call forwarding) in the dial box. Off: such links are refused and logged. A link never dials by itself either way.',
      zh: 'tel: 与 sip: 链接(来自 CRM 或网页)可在拨号框中填入含 * 或 # 的号码(如 *72 呼叫转移等功能码)。关闭时此类链接被拒绝并记录日志。无论如何,链接都不会自行拨号。',
    },
  }),
  musicOnHold: key({
    type: 'boolean', schema: z.boolean(), default: true, config: 'musicOnHold',
    title: { en: 'Music on hold', zh: '保持音乐' },
    description: {
      en: 'A held caller hears the content pack\'s hold music (a file under resources/sounds/, hold-music.wav by default; replace the file to use your own). Off: the held caller hears silence.',
      zh: '客户被保持时播放内容包指定的等待音乐(resources/sounds/ 下的文件,默认 hold-music.wav;替换该文件即可使用自有音乐)。关闭后客户听到静音。',
    },
  }),
  ignoreTierHeader: key({
    type: 'boolean', schema: z.boolean(), default: false, config: 'headers.ignoreTier',
    title: { en: 'Ignore the caller-tier header', zh: '忽略来电级别头' },
    description: {
      en: 'Ignore the caller-tier SIP header (X-Caller-Tier); the tier then comes from the directory and the CRM only. Turn on unless the PBX strips the header from outside trunks.',
      zh: '忽略来电的客户级别 SIP 头(X-Caller-Tier),客户级别仅取自通讯录与 CRM。除非 PBX 已从外部中继剥除该头,否则请开启。',
    },
  }),
  recordsRetentionDays: key({
    type: 'integer', schema: z.number().int().min(0).max(3650), min: 0, max: 3650, default: 90, config: 'records.retentionDays',
    title: { en: 'Call records: days kept', zh: '通话记录保留天数' },
    description: {
      en: 'Days each call record (timeline and rule verdicts) is kept on the agent\'s computer. 0: no call records are kept.',
      zh: '每条通话记录(时间线与规则判定)在坐席电脑上保留的天数。0 表示不保留通话记录。',
    },
  }),
  recordsMaskNumbers: key({
    type: 'boolean', schema: z.boolean(), default: true, config: 'records.maskNumbers',
    title: { en: 'Call records: mask numbers', zh: '通话记录号码脱敏' },
    description: {
      en: 'Keep phone numbers in call records, exports and uploads masked (138****8000).',
      zh: '通话记录、导出与上传中的电话号码脱敏显示(138****8000)。',
    },
  }),
  recordsUrl: key({
    type: 'string', schema: httpsUrl, default: '', config: 'records.url',
    title: { en: 'Call records collector URL', zh: '通话记录上传地址' },
    description: {
      en: 'https:// URL each finished call record is POSTed to (JSON, once per call: the Idempotency-Key header is the call id). Empty: records stay on the computer.',
      zh: '每条已结束通话记录以 JSON 格式 POST 到此 https:// 地址(每通电话一次,Idempotency-Key 头为通话标识)。留空则记录仅保存在本机。',
    },
  }),
} as const satisfies Record<string, PolicyKeyMeta>;

export type PolicyKey = keyof typeof policyKeys;
export const policyKeyNames = Object.keys(policyKeys) as PolicyKey[];

/** Each key's value type, inferred from its schema: one definition, no hand-kept copy. */
export type PolicyValues = { [K in PolicyKey]: z.infer<(typeof policyKeys)[K]['schema']> };

export const policyDefaults = Object.fromEntries(policyKeyNames.map((k) => [k, policyKeys[k].default])) as unknown as PolicyValues;

/**
 * Brings a raw value from any source to the key's type — registry strings and DWORDs, plist and
 * JSON natives — then validates it. "" means "not set" (an empty REG_SZ, an unfilled template).
 */
export function parsePolicyValue(name: PolicyKey, raw: unknown): { ok: true; value: unknown } | { ok: false; error: string } | { ok: 'unset' } {
  const meta: PolicyKeyMeta = policyKeys[name];
  let value = raw;
  if (value === '' || value === null || value === undefined) return { ok: 'unset' };
  switch (meta.type) {
    case 'integer':
      if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) value = Number(value);
      break;
    case 'boolean':
      if (value === 1 || value === '1' || value === 'true') value = true;
      else if (value === 0 || value === '0' || value === 'false') value = false;
      break;
    case 'string-list':
      if (typeof value === 'string') value = value.split(/[;,\n]/).map((s) => s.trim()).filter(Boolean);
      if (Array.isArray(value)) value = value.filter((v) => v !== '');
      if (Array.isArray(value) && value.length === 0) return { ok: 'unset' };
      break;
    default:
      break;
  }
  const parsed = meta.schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: parsed.error.issues.map((i) => i.message).join('; ') };
}
