// What an agent types or pastes into the dial and transfer boxes, made diallable (issue 13,
// item 10). Agents paste numbers from CRMs, e-mails and web pages: "138-0013 8000",
// "(010) 1234-5678", "+86 138 0013 8000", full-width digits from a Chinese IME (１３８…), a SIP
// address copied from a header (<sip:2001@pbx.example.org>), or a colleague's SIP user name
// ("alice.w"), as MicroSIP and Zoiper accept. The separators go, the rest is checked; what cannot
// be dialled gets a reason the UI shows (i18n `dial.refused.<reason>`).
// The bridge's `dial`/`prefill` commands (core/bridge.ts) stay strict: digits only.

export type DialKind = 'number' | 'extension' | 'sip-uri' | 'sip-user';

/** Why the text cannot be dialled; the UI shows `dial.refused.<reason>`. */
export type DialRefusal = 'empty' | 'tooLong' | 'characters' | 'plusPlacement' | 'sipUri';

export type DialInput =
  | { ok: true; target: string; kind: DialKind }
  | { ok: false; reason: DialRefusal };

/** Longest number (digits, * and #) the boxes accept, as before. */
export const MAX_DIAL_DIGITS = 32;
/** Longest text the boxes accept (a SIP address with a long host name). */
export const MAX_DIAL_TEXT = 128;
/** Up to this many digits without "+" is an extension (or a short service number such as 10086). */
const EXTENSION_DIGITS = 6;

// Pasted text carries invisible marks (zero-width spaces, bidi controls, BOM) that would make a
// number look right and fail.
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;
// Visual separators in written numbers: spaces, dashes (any), dots, slashes, parentheses.
const SEPARATORS = /[\s\-\u2010-\u2015\u2212./()]/g;
const NUMBER = /^\+?[0-9*#]+$/;
// RFC 3261 user part, less the characters that are delimiters in our own parsing.
const SIP_USER = /^[A-Za-z0-9\-_.!~*'&=+$,;?/%#]+$/;
const HOST_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const IPV6 = /^\[[0-9A-Fa-f:.]+\]$/;
// A bare user name as agents write it: starts with a letter or digit, letters/digits . _ - after.
const BARE_USER = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function isHost(host: string): boolean {
  if (IPV6.test(host)) return true;
  if (host.length > 253) return false;
  return host.split('.').every((label) => HOST_LABEL.test(label));
}

function sipUri(user: string, hostPort: string, params: string): DialInput {
  const port = /:(\d{1,5})$/.exec(hostPort);
  const host = port ? hostPort.slice(0, port.index) : hostPort;
  if (!user || !SIP_USER.test(user) || !isHost(host) || (port && Number(port[1]) > 65_535)) return { ok: false, reason: 'sipUri' };
  if (params && !/^(;[A-Za-z0-9\-_.!~*'%]+(=[A-Za-z0-9\-_.!~*'%[\]:]+)?)+$/.test(params)) return { ok: false, reason: 'sipUri' };
  return { ok: true, target: `sip:${user}@${hostPort.toLowerCase()}${params}`, kind: 'sip-uri' };
}

function phoneNumber(text: string): DialInput {
  const number = text.replace(SEPARATORS, '');
  if (!number) return { ok: false, reason: 'characters' };
  if (!NUMBER.test(number)) return { ok: false, reason: number.slice(1).includes('+') && NUMBER.test(number.replace(/\+/g, '')) ? 'plusPlacement' : 'characters' };
  if (number.replace('+', '').length > MAX_DIAL_DIGITS) return { ok: false, reason: 'tooLong' };
  const kind = number.startsWith('+') || number.length > EXTENSION_DIGITS ? 'number' : 'extension';
  return { ok: true, target: number, kind };
}

export function normalizeDialInput(text: string): DialInput {
  // NFKC turns full-width digits, ＋＊＃, （）－ and the ideographic space into their ASCII forms.
  const s = text.normalize('NFKC').replace(INVISIBLE, '').trim();
  if (!s) return { ok: false, reason: 'empty' };
  if (s.length > MAX_DIAL_TEXT) return { ok: false, reason: 'tooLong' };

  // "Alice" <sip:alice@pbx> or <sip:2001@pbx>, as copied from a SIP header or a softphone's log.
  const bracketed = /^(?:"[^"]*"\s*|[^<>"]*?\s*)?<([^<>]+)>$/.exec(s);
  const inner = bracketed ? bracketed[1]!.trim() : s;

  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(inner)?.[1]?.toLowerCase();
  if (scheme === 'tel') return phoneNumber(inner.slice(4).replace(/;.*$/, ''));
  if (scheme === 'sip') {
    const m = /^sip:([^@]*)@([^;?]+)([^?]*)$/i.exec(inner);
    return m ? sipUri(m[1]!, m[2]!, m[3]!) : { ok: false, reason: 'sipUri' };
  }
  if (inner.includes('@')) {
    // 2001@pbx.example.org: a SIP address without its scheme.
    const at = inner.lastIndexOf('@');
    return sipUri(inner.slice(0, at), inner.slice(at + 1), '');
  }
  if (scheme !== undefined && !/^\d/.test(inner)) return { ok: false, reason: scheme === 'sips' ? 'sipUri' : 'characters' };
  if (/[A-Za-z]/.test(inner)) {
    if (inner.length > 64) return { ok: false, reason: 'tooLong' };
    return BARE_USER.test(inner) ? { ok: true, target: inner, kind: 'sip-user' } : { ok: false, reason: 'characters' };
  }
  return phoneNumber(inner);
}
