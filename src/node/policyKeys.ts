// Every IT policy key, defined ONCE: its zod schema, type, default, effect and where it lands in
// the app's configuration. The readers (registry, managed preferences, policy.json), the ADMX /
// ADML / mobileconfig templates (scripts/gen-policy-templates.ts) and the IT guide's table
// (docs/deploy.md) are all derived from this list. Pure: zod only, so the CLI and tests import it.
import { z } from 'zod';

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
  checkInEvery: key({
    type: 'integer', schema: ms(5_000, 120_000), min: 5_000, max: 120_000, default: 15_000, config: 'timings.checkInEvery',
    title: { en: 'Hold check-in interval (ms)', zh: '保持期间回应间隔(毫秒)' },
    description: {
      en: 'While a caller is on hold, remind the agent to return to them this often (milliseconds).',
      zh: '来电保持期间,每隔此时长提醒坐席回应客户(毫秒)。',
    },
  }),
  holdLimit: key({
    type: 'integer', schema: ms(10_000, 1_800_000), min: 10_000, max: 1_800_000, default: 120_000, config: 'timings.holdLimit',
    title: { en: 'Hold limit (ms)', zh: '保持时长上限(毫秒)' },
    description: {
      en: 'Past this long on hold the agent is prompted to offer a call-back (milliseconds).',
      zh: '保持超过此时长,提示坐席提出预约回电(毫秒)。',
    },
  }),
  hangupWait: key({
    type: 'integer', schema: ms(0, 60_000), min: 0, max: 60_000, default: 5_000, config: 'timings.hangupWait',
    title: { en: 'Hang-up wait after closing (ms)', zh: '结束语后挂机等待(毫秒)' },
    description: {
      en: 'The agent may hang up only this long after the closing phrase (milliseconds).',
      zh: '说完结束语后需等待此时长才可挂机(毫秒)。',
    },
  }),
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
  ignoreTierHeader: key({
    type: 'boolean', schema: z.boolean(), default: false, config: 'headers.ignoreTier',
    title: { en: 'Ignore the caller-tier header', zh: '忽略来电级别头' },
    description: {
      en: 'Ignore the caller-tier SIP header (X-Caller-Tier); the tier then comes from the directory and the CRM only. Turn on unless the PBX strips the header from outside trunks.',
      zh: '忽略来电的客户级别 SIP 头(X-Caller-Tier),客户级别仅取自通讯录与 CRM。除非 PBX 已从外部中继剥除该头,否则请开启。',
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
