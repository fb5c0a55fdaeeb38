// No SeatMate page ever navigates away, opens a window or embeds a <webview>: a softphone that
// shows caller-supplied text must not be talked into loading someone else's page with our
// preload. Installed for every web contents the app creates (app 'web-contents-created'), so a
// window added later cannot forget it.
import type { App, WebContents } from 'electron';
import { isTrustedUrl } from './appOrigin.ts';

type Log = (message: string) => void;
type OpenExternal = (url: string) => void;

/** Links the agent clicks (e.g. a CRM record) open in the system browser, only over https. */
export function externalLink(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}

export function guardWebContents(contents: WebContents, trusted: readonly string[], log: Log, openExternal: OpenExternal): void {
  contents.on('will-navigate', (event, url) => {
    // A reload of our own page arrives here too; everything else is refused.
    if (isTrustedUrl(url, trusted) && isTrustedUrl(contents.getURL(), trusted)) return;
    event.preventDefault();
    log(`navigation blocked: ${url}`);
  });
  contents.on('will-redirect', (event, url) => {
    if (isTrustedUrl(url, trusted)) return;
    event.preventDefault();
    log(`redirect blocked: ${url}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('webview blocked');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalLink(url);
    if (external) openExternal(external);
    else log(`window.open blocked: ${url}`);
    return { action: 'deny' };
  });
}

export function installNavigationGuards(app: App, trusted: readonly string[], log: Log, openExternal: OpenExternal): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, trusted, log, openExternal));
}
