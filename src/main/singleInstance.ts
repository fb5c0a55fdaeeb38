// One SeatMate per agent session: a second launch (a tel: link clicked in the CRM, a double-click
// on the shortcut) hands its command line to the running instance and exits. On macOS links
// arrive as 'open-url' instead — which can fire before 'ready', so this is wired at startup.
import type { App } from 'electron';
import { linkFromArgv } from './deepLinks.ts';

type SingleInstanceApp = Pick<App, 'requestSingleInstanceLock' | 'quit'> & {
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
};

/** Returns false in a second instance (which is then quitting). Links go to openLink (deepLinks.ts judges them). */
export function claimSingleInstance(app: SingleInstanceApp, openLink: (link: string) => void, show: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv) => {
    show();
    const link = linkFromArgv(argv);
    if (link) openLink(link);
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openLink(url);
    show();
  });
  return true;
}
