// Log redaction. Logs leave the agent's PC (support tickets), so they must carry no SIP
// password, no Authorization header, no caller's number and no names. Over-redacting a number
// that was not a phone number is acceptable; leaking one is not.

const MASK = '[redacted]';
const SENSITIVE_KEY = /pass(word|wd)?|pwd|secret|token|credential|authori[sz]ation|display_?name|surname|^name$|phone|number|remote|caller|callee|uri$|aor/i;

// Anything that looks like a phone number: 7+ digits, allowing "+", spaces and dashes between
// them (13800138000, +86 138-0013-8000, 010 6552 9988). Short codes (10000, 95588) stay readable.
const PHONE = /(?<![\w.])\+?\d(?:[ -]?\d){6,}(?![\w.])/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function redactText(input: string): string {
  return input
    // SIP digest / basic / bearer credentials, in SIP messages and HTTP alike.
    .replace(/^((?:proxy-)?authori[sz]ation|www-authenticate|proxy-authenticate)\s*:.*$/gim, `$1: ${MASK}`)
    .replace(/\b(digest|basic|bearer)\s+[^\r\n]+/gi, `$1 ${MASK}`)
    // key=value and key: value forms (query strings, JsSIP debug, config dumps).
    .replace(/\b((?:sip_?)?pass(?:word|wd)?|pwd|secret|token|credential|ha1)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s&,;}]+)/gi, `$1$2${MASK}`)
    // JSON: "password": "…", "displayName": "…", "remote": "…" and friends.
    .replace(/"([A-Za-z_]+)"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g, (all, key: string, sep: string) =>
      SENSITIVE_KEY.test(key) ? `"${key}"${sep}"${MASK}"` : all)
    // Display names in SIP headers: From: "张三" <sip:…>
    .replace(/^((?:from|to|contact|p-asserted-identity|remote-party-id|referred-by)\s*:\s*)"[^"]*"/gim, `$1"${MASK}"`)
    // User part of sip:/sips:/tel: URIs is a number or a person's account.
    .replace(/\b(sips?:|tel:)([^@\s;>"']+)(@?)/gi, (_all, scheme: string, user: string, at: string) =>
      at ? `${scheme}${MASK}@` : `${scheme}${MASK}`)
    .replace(PHONE, (m) => (ISO_DATE.test(m) ? m : '[number]'));
}

/** Redacts strings anywhere in a log call's arguments (objects are redacted as their JSON). */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value instanceof Error) {
    const copy = new Error(redactText(value.message));
    copy.name = value.name;
    copy.stack = value.stack ? redactText(value.stack) : undefined;
    return copy;
  }
  if (value === null || typeof value !== 'object' || depth > 4) return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SENSITIVE_KEY.test(k) && v !== undefined && v !== null && typeof v !== 'object' ? MASK : redactValue(v, depth + 1);
  }
  return out;
}
