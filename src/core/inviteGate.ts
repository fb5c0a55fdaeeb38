// The door for a new incoming call, before it may ring (src/renderer/engine/sipEngine.ts): a flood
// of INVITEs is shed by a budget of new calls per window, an absurd message is refused with 400,
// an offer the browser cannot answer with 488 (sdpOffer.ts). A caller refused here never rings
// the agent and costs no microphone, no peer connection and no call actor.
import { checkSdpOffer } from './sdpOffer.ts';

/** Larger than any real INVITE; a single header line larger than any real header. */
export const MAX_INVITE_CHARS = 48_000;
export const MAX_HEADER_CHARS = 16_000;
export const MAX_HEADER_LINES = 200;

export interface Refusal {
  status: 400 | 486 | 488;
  /** The reason phrase sent back. */
  reason: string;
  /** What was wrong, for the log. */
  detail: string;
}

export interface InviteBudget {
  /** Records a new call at `now` if the window has room; false: shed it. */
  admit(now: number): boolean;
}

/**
 * At most `max` new calls admitted in any `windowMs`. Shed calls do not count, so after a flood
 * the budget is back one window later, and during one a few calls still get through to be
 * refused (or answered) by the phone as usual.
 */
export function inviteBudget({ max, windowMs }: { max: number; windowMs: number }): InviteBudget {
  const admitted: number[] = [];
  return {
    admit(now) {
      while (admitted.length > 0 && admitted[0]! <= now - windowMs) admitted.shift();
      if (admitted.length >= max) return false;
      admitted.push(now);
      return true;
    },
  };
}

/** A person answers a phone: more than this many new calls in two seconds is a flood. */
export const DEFAULT_INVITE_BUDGET = { max: 5, windowMs: 2_000 } as const;

export interface IncomingInvite {
  /** The message as it arrived (start line, headers, body). */
  raw: string;
  /** The body, when it is an SDP offer; undefined for an INVITE without one. */
  sdp?: string;
}

/** Why this INVITE must be refused, or undefined when it may ring. */
export function checkInvite(invite: IncomingInvite): Refusal | undefined {
  if (invite.raw.length > MAX_INVITE_CHARS) return { status: 400, reason: 'Message Too Large', detail: `${invite.raw.length} characters` };
  const head = invite.raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const lines = head.split(/\r?\n/);
  if (lines.length > MAX_HEADER_LINES) return { status: 400, reason: 'Too Many Headers', detail: `${lines.length} header lines` };
  const long = lines.find((l) => l.length > MAX_HEADER_CHARS);
  if (long) return { status: 400, reason: 'Header Too Large', detail: `${long.slice(0, 20)}… (${long.length} characters)` };
  if (invite.sdp !== undefined) {
    const offer = checkSdpOffer(invite.sdp);
    if (!offer.ok) return { status: 488, reason: 'Not Acceptable Here', detail: offer.reason };
  }
  return undefined;
}
