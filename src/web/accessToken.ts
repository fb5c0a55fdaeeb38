// The web host's launch secret (docs/security.md §1). On a shared terminal server anything on
// 127.0.0.1 may be another agent's session, so the API answers only whoever holds the secret
// `seatmate web` printed: the page, through an HttpOnly SameSite=Strict cookie it got by opening
// that URL once; scripts, through `Authorization: Bearer`.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** base64url, as randomBytes makes it; SEATMATE_WEB_TOKEN must look the same (and be long enough). */
const TOKEN = /^[A-Za-z0-9_-]{22,256}$/;

export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Why a token given from outside (SEATMATE_WEB_TOKEN) cannot be used, or undefined. */
export function tokenProblem(token: string): string | undefined {
  return TOKEN.test(token) ? undefined : 'must be 22 to 256 characters of A-Z, a-z, 0-9, "-" and "_" (base64url)';
}

const digest = (text: string) => createHash('sha256').update(text).digest();

export interface Access {
  /** The Set-Cookie value that admits this browser from now on. */
  readonly cookie: string;
  /** Whether `offered` is this launch's token (constant time, whatever its length). */
  matches(offered: string | null | undefined): boolean;
  /** Whether the request carries the token: our cookie, or an Authorization: Bearer header. */
  admits(req: IncomingMessage): boolean;
}

export function createAccess(token: string, port: number): Access {
  const expected = digest(token);
  // Cookies ignore ports: two hosts on 127.0.0.1 must not overwrite each other's.
  const name = `seatmate-${port}`;
  const matches = (offered: string | null | undefined) =>
    typeof offered === 'string' && timingSafeEqual(digest(offered), expected);
  return {
    cookie: `${name}=${token}; HttpOnly; SameSite=Strict; Path=/`,
    matches,
    admits(req) {
      const bearer = /^Bearer ([^\s]+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (bearer !== undefined) return matches(bearer);
      for (const pair of (req.headers.cookie ?? '').split(';')) {
        const at = pair.indexOf('=');
        if (at > 0 && pair.slice(0, at).trim() === name && matches(pair.slice(at + 1).trim())) return true;
      }
      return false;
    },
  };
}
