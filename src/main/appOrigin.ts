// Where the app's own pages come from, and the one test of "is this URL ours?" that the IPC
// sender check, the navigation guard and the permission handler all share.
//
// Packaged builds serve the renderer from a privileged custom scheme (app://seatmate/) rather
// than file://: a file:// page's origin is opaque, so "own origin" could not be told apart from
// any other local file (Electron security checklist: "Avoid usage of the file:// protocol").
export const APP_SCHEME = 'app';
export const APP_HOST = 'seatmate';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export type PageName = 'index' | 'overlay';

export interface Origins {
  /** Origins whose frames may talk to main and receive permissions. */
  trusted: readonly string[];
  /** URL of a page by name. */
  pageUrl(page: PageName): string;
}

/**
 * In development electron-vite serves the renderer over http://localhost and passes the URL in
 * ELECTRON_RENDERER_URL; that origin is trusted only when the app is not packaged.
 */
export function resolveOrigins(env: { isPackaged: boolean; devServerUrl?: string }): Origins {
  const dev = !env.isPackaged && env.devServerUrl ? new URL(env.devServerUrl) : undefined;
  const base = dev ? dev.origin : APP_ORIGIN;
  return {
    trusted: dev ? [APP_ORIGIN, dev.origin] : [APP_ORIGIN],
    pageUrl: (page) => `${base}/${page}.html`,
  };
}

export function isTrustedUrl(url: string | undefined | null, trusted: readonly string[]): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // URL.origin is "null" for non-special schemes such as app:, so compare scheme + host ourselves.
  const origin = `${parsed.protocol}//${parsed.host}`;
  return trusted.includes(origin);
}
