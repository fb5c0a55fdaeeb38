// tel: and sip: links (a CRM's "call" button, a browser, an e-mail) put a number in the dial box;
// the agent presses Call. A link never dials by itself: any page can open one, and one "open
// SeatMate?" click must not place a call. Feature codes (* and #: call forwarding, caller-ID
// blocking, voicemail) are refused from links unless IT policy linkFeatureCodesAllowed says so.
// Windows/Linux deliver links as a command-line argument to a second instance; macOS as 'open-url'.
import { appCommandSchema, type AppCommand } from '../core/bridge.ts';

export const DIAL_SCHEMES = ['tel', 'sip'] as const;

export interface LinkPolicy {
  /** IT policy linkFeatureCodesAllowed: links may carry * and #. */
  featureCodesAllowed: boolean;
}

export type LinkResult =
  | { ok: true; command: Extract<AppCommand, { type: 'prefill' }> }
  | { ok: false; reason: string };

const LINK = /^(tel|sips?):(?:\/\/)?([^;?]*)/i;

/**
 * tel:+86-138-0013-8000 → prefill +8613800138000; sip:10086@pbx → prefill 10086. The number is
 * percent-decoded once and its visual separators (RFC 3966: - . ( ), and spaces) dropped before
 * it is judged, so %2A, %23 and "*-72" are the feature codes they spell. A raw "#" is part of the
 * number here, not a fragment to ignore.
 */
export function parseDialLink(link: string, policy: LinkPolicy): LinkResult {
  const m = LINK.exec(link.trim());
  if (!m) return { ok: false, reason: 'not a tel: or sip: link' };
  let target = decodeOnce(m[2] ?? '');
  if (target === undefined) return { ok: false, reason: 'malformed percent-encoding' };
  if (m[1]!.toLowerCase() !== 'tel') target = target.split('@')[0] ?? '';
  const number = target.replace(/[\s\-.()]/g, '');
  if (/[*#]/.test(number) && !policy.featureCodesAllowed) {
    return { ok: false, reason: 'it carries * or # (a feature code); IT policy linkFeatureCodesAllowed permits them' };
  }
  // Without feature codes: digits after at most one leading +. With them, the PBX's own syntax (*72+1…).
  if (!(policy.featureCodesAllowed ? /^[0-9*#+]+$/ : /^\+?[0-9]+$/).test(number)) return { ok: false, reason: 'not a phone number' };
  const parsed = appCommandSchema.safeParse({ type: 'prefill', number });
  if (!parsed.success || parsed.data.type !== 'prefill') return { ok: false, reason: 'not a phone number' };
  return { ok: true, command: parsed.data };
}

function decodeOnce(s: string): string | undefined {
  try { return decodeURIComponent(s); } catch { return undefined; }
}

/** The first tel:/sip: link in a command line. */
export function linkFromArgv(argv: readonly string[]): string | undefined {
  return argv.find((arg) => /^(tel|sips?):/i.test(arg));
}

export interface LinkOpener {
  /** A tel:/sip: link from a second instance's command line or macOS 'open-url'. */
  open(link: string): void;
  /** The command line this instance started with. */
  openArgv(argv: readonly string[]): void;
  /** IT policy is known: links that arrived before it (the one that started the app) are judged now. */
  setPolicy(policy: LinkPolicy): void;
}

/**
 * Links can arrive before the IT policy is read (the link that started SeatMate, macOS open-url
 * before 'ready'); they wait for it, as commands wait for the page. What a link may do is decided
 * here only: a refused link is logged (without its number) and sends nothing.
 */
export function createLinkOpener(send: (command: AppCommand) => void, log: (m: string) => void): LinkOpener {
  let policy: LinkPolicy | undefined;
  const waiting: string[] = [];
  const judge = (link: string, p: LinkPolicy) => {
    const result = parseDialLink(link, p);
    if (result.ok) send(result.command);
    else log(`${/^\w+:/.exec(link)?.[0] ?? 'link'} link refused: ${result.reason}`);
  };
  const open = (link: string) => {
    if (policy) judge(link, policy);
    else if (waiting.length < 10) waiting.push(link);
  };
  return {
    open,
    openArgv(argv) {
      const link = linkFromArgv(argv);
      if (link) open(link);
    },
    setPolicy(p) {
      policy = p;
      for (const link of waiting.splice(0)) judge(link, p);
    },
  };
}

interface ProtocolApp {
  isPackaged: boolean;
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
}

/** In development Electron runs as `electron . ` — the registered command must say so. */
export function registerDialSchemes(app: ProtocolApp, execPath: string, appArg: string | undefined, log: (m: string) => void): void {
  for (const scheme of DIAL_SCHEMES) {
    const ok = app.isPackaged || !appArg
      ? app.setAsDefaultProtocolClient(scheme)
      : app.setAsDefaultProtocolClient(scheme, execPath, [appArg]);
    if (!ok) log(`could not register as the ${scheme}: handler (another softphone may own it)`);
  }
}
