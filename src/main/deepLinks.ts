// tel: and sip: links (a CRM's "call" button, a browser) become a dial command for the renderer.
// Windows/Linux deliver them as a command-line argument to a second instance; macOS as 'open-url'.
import { appCommandSchema, type AppCommand } from '../core/bridge.ts';

export const DIAL_SCHEMES = ['tel', 'sip'] as const;

/** tel:+86-138-0013-8000 → +8613800138000; sip:10086@pbx → 10086. Anything else: undefined. */
export function parseDialLink(link: string): AppCommand | undefined {
  const m = /^(tel|sips?):(?:\/\/)?([^;?#]*)/i.exec(link.trim());
  if (!m) return undefined;
  let target = decodeURIComponentSafe(m[2] ?? '');
  if (m[1]!.toLowerCase() !== 'tel') target = target.split('@')[0] ?? '';
  // Visual separators allowed by RFC 3966: - . ( ) and spaces.
  const number = target.replace(/[\s\-.()]/g, '');
  const parsed = appCommandSchema.safeParse({ type: 'dial', number });
  return parsed.success && number.length > 0 ? parsed.data : undefined;
}

function decodeURIComponentSafe(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

/** The first tel:/sip: link in a command line, as a dial command. */
export function dialFromArgv(argv: readonly string[]): AppCommand | undefined {
  for (const arg of argv) {
    if (/^(tel|sips?):/i.test(arg)) {
      const cmd = parseDialLink(arg);
      if (cmd) return cmd;
    }
  }
  return undefined;
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
