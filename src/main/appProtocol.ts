// Serves the built renderer on app://seatmate/ (see appOrigin.ts for why not file://). Only
// files under the renderer folder are reachable; anything else is a 404.
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Net, Protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './appOrigin.ts';

/** Must run before app 'ready'. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    // standard + secure: a real origin, secure context (getUserMedia works), CSP 'self' applies.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** The file a request maps to, or undefined if it would leave the renderer folder. */
export function resolveAppFile(rendererDir: string, url: string): string | undefined {
  let parsed: URL;
  try { parsed = new URL(url); } catch { return undefined; }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined;
  let path: string;
  try { path = decodeURIComponent(parsed.pathname); } catch { return undefined; }
  const file = normalize(join(rendererDir, path === '/' ? 'index.html' : path));
  return file.startsWith(normalize(rendererDir) + sep) ? file : undefined;
}

export function serveApp(protocol: Pick<Protocol, 'handle'>, net: Pick<Net, 'fetch'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return new Response('not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
}
