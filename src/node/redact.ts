// Log redaction, for both hosts: Electron main's log file (src/main/logging.ts) and the web
// host's own log. Logs leave the agent's PC (support tickets), so they must carry no SIP
// password, no Authorization header, cookie or API key, no credentials in a URL, no caller's
// number and no names. Over-redacting a number that was not a phone number is acceptable;
// leaking one is not. Pure: no Electron, no I/O.

const MASK = '[redacted]';

/** Keys whose value is a secret whatever its type: masked whole, never walked into. */
const SECRET_KEY = /^(?:pw|ha1|auth)$|pass(?:word|wd|phrase)?|pwd|secret|token|credential|authori[sz]ation|api[-_]?key|private[-_]?key|cookie/i;
/** Keys whose value names a person or a caller: masked when a scalar, walked into otherwise. */
const PERSONAL_KEY = /display_?name|surname|^name$|phone|number|remote|caller|callee|uri$|aor/i;

// The same secret names as they appear in text: key=value, key: value, "key": "value".
const SECRET_WORD = String.raw`\b(?:[\w-]*?(?:pass(?:word|wd|phrase)?|pwd|secret|token|credential|authori[sz]ation|api[-_]?key|private[-_]?key|cookie)|pw|ha1|auth)\b`;
const KEY_VALUE = new RegExp(String.raw`(${SECRET_WORD})(\\?["']?\s*[=:]\s*)(\\"(?:[^\\]|\\(?!"))*\\"|"(?:[^"\\]|\\.)*"|'[^']*'|(?:(?!\\[rn])[^\s&,;}])+)`, 'gi');

// Header lines whose whole value is a credential, at a line start or after an escaped newline
// (a SIP message inside a JSON string).
const HEADER_LINE = /(^|\\r\\n|\\n)([ \t]*(?:(?:proxy-)?authori[sz]ation|www-authenticate|proxy-authenticate|(?:set-)?cookie|x-api-key))[ \t]*:(?:(?!\\r\\n|\\n)[^\r\n])*/gim;

// V8's JSON.parse errors quote the text they failed on: Unexpected token 'p', "password=…" is
// not valid JSON (also ..."…", "…"... and ..."…"... for longer input). The quote goes whole.
const JSON_ECHO = /(?:\.\.\.)?"[\s\S]*?"(?:\.\.\.)?(?= is not valid JSON)/g;

// Anything that looks like a phone number: 7+ digits, allowing a leading "+" and "(", and up to
// two of space, dot, dash and parentheses between digits (13800138000, +86 138-0013-8000,
// 138.0013.8000, (010) 6552-9988). Short codes (10000, 95588) stay readable.
const PHONE = /(?<![\w.+])(?:\+[ .]?)?\(?\d(?:[ .\-()\u00a0]{0,2}\d){6,}(?!\w)(?!\.\d)/g;
// Look like phone numbers to the rule above, but are not: a date (with an hour) and an IPv4 address.
const NOT_A_PHONE = /^(?:\d{4}([-./])\d{1,2}\1\d{1,2}(?: \d{1,2})?|\d{1,3}(?:\.\d{1,3}){3})$/;

const HOST = /^(?=.*[a-z])[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d{1,5})?$/i;

const quoted = (value: string): string =>
  value.startsWith('\\"') ? `\\"${MASK}\\"` : value.startsWith('"') ? `"${MASK}"` : value.startsWith("'") ? `'${MASK}'` : MASK;

export function redactText(input: string): string {
  let text = input;
  if (text.includes('is not valid JSON')) text = text.replace(JSON_ECHO, `"${MASK}"`);
  return text
    .replace(HEADER_LINE, `$1$2: ${MASK}`)
    // SIP digest / basic / bearer credentials, in SIP messages and HTTP alike.
    .replace(/\b(digest|basic|bearer)\s+(?:(?!\\r\\n|\\n)[^\r\n])+/gi, `$1 ${MASK}`)
    // user:password@ in any URL (wss://u:p@pbx, https://user:pass@crm).
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#"'<>]*@/gi, `$1${MASK}@`)
    // key=value and key: value forms (query strings, JsSIP debug, config dumps, escaped JSON).
    .replace(KEY_VALUE, (_all, key: string, sep: string, value: string) => `${key}${sep}${quoted(value)}`)
    // JSON: "displayName": "…", "remote": "…", "set-cookie": "…" and friends.
    .replace(/"([A-Za-z_][\w-]*)"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g, (all, key: string, sep: string) =>
      SECRET_KEY.test(key) || PERSONAL_KEY.test(key) ? `"${key}"${sep}"${MASK}"` : all)
    // Display names in SIP headers: From: "张三" <sip:…>
    .replace(/^((?:from|to|contact|p-asserted-identity|remote-party-id|referred-by)\s*:\s*)"[^"]*"/gim, `$1"${MASK}"`)
    // User part of sip:/sips:/tel: URIs is a number or a person's account; a bare registrar
    // domain (REGISTER sip:pbx.example.org) is not.
    .replace(/\b(sips?:|tel:)([^@\s;>"']+)(@?)/gi, (all, scheme: string, user: string, at: string) =>
      at ? `${scheme}${MASK}@` : scheme.toLowerCase() !== 'tel:' && HOST.test(user) ? all : `${scheme}${MASK}`)
    .replace(PHONE, (m) => (NOT_A_PHONE.test(m) ? m : '[number]'));
}

// Deeper than this is not a log message any more; what lies below is dropped, not passed through.
const MAX_DEPTH = 64;

/**
 * Redacts a log call's argument at any depth: strings by redactText, values under secret keys
 * whole, personal scalars, numbers long enough to be phone numbers. Errors keep their class name
 * and (redacted) stack; cycles become "[circular]". Returns a copy; the input is not changed.
 */
export function redactValue(value: unknown): unknown {
  return walk(value, 0, new Set());
}

function walk(value: unknown, depth: number, ancestors: Set<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'number' || typeof value === 'bigint') return redactText(String(value)) === '[number]' ? '[number]' : value;
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (value instanceof Date) return value;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`;
  ancestors.add(value);
  try {
    const field = (k: string, v: unknown) => redactField(k, v, depth, ancestors);
    if (value instanceof Error) {
      const copy = new Error(redactText(value.message));
      copy.name = value.name;
      copy.stack = value.stack ? redactText(value.stack) : undefined;
      if (value.cause !== undefined) copy.cause = walk(value.cause, depth + 1, ancestors);
      for (const [k, v] of Object.entries(value)) (copy as unknown as Record<string, unknown>)[k] = field(k, v);
      return copy;
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1, ancestors));
    if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, typeof k === 'string' ? field(k, v) : walk(v, depth + 1, ancestors)]));
    if (value instanceof Set) return new Set([...value].map((v) => walk(v, depth + 1, ancestors)));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = field(k, v);
    return out;
  } finally {
    ancestors.delete(value);
  }
}

function redactField(key: string, value: unknown, depth: number, ancestors: Set<object>): unknown {
  // Booleans say whether something is set ("hasPassword"), not what it is.
  const blank = value === undefined || value === null || typeof value === 'boolean';
  if (!blank && SECRET_KEY.test(key)) return MASK;
  if (!blank && typeof value !== 'object' && PERSONAL_KEY.test(key)) return MASK;
  return walk(value, depth + 1, ancestors);
}
