// Which browser permissions a SeatMate page gets: the microphone (audio only — an agent's camera
// is never needed and must never switch on) and notifications, and only for the app's own pages.
// Everything else — geolocation, camera, clipboard, USB, screen capture — is refused.
import type { Session } from 'electron';
import { isTrustedUrl } from './appOrigin.ts';

export interface PermissionAsk {
  permission: string;
  /** URL of the asking frame (request) or its origin (check). */
  url?: string;
  /** Request: the media kinds asked for. */
  mediaTypes?: readonly string[];
  /** Check: the one media kind being checked. */
  mediaType?: string;
}

export function allowPermission(ask: PermissionAsk, trusted: readonly string[]): boolean {
  if (!isTrustedUrl(ask.url, trusted)) return false;
  if (ask.permission === 'notifications') return true;
  if (ask.permission !== 'media') return false;
  if (ask.mediaTypes !== undefined) {
    return ask.mediaTypes.length > 0 && ask.mediaTypes.every((t) => t === 'audio');
  }
  return ask.mediaType === 'audio';
}

type Log = (message: string) => void;

export function installPermissionHandlers(session: Session, trusted: readonly string[], log: Log): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : undefined;
    const url = details.requestingUrl ?? contents?.getURL();
    const ok = allowPermission({ permission, url, mediaTypes }, trusted);
    if (!ok) log(`permission request denied: ${permission} ${mediaTypes?.join('+') ?? ''} from ${url ?? '?'}`);
    callback(ok);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowPermission({ permission, url: details.requestingUrl ?? requestingOrigin, mediaType: details.mediaType }, trusted));
  // Screen capture would bypass the media check above; no SeatMate feature shares a screen.
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
}
