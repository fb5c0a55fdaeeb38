import { describe, expect, it } from 'vitest';
import { checkInvite, inviteBudget, MAX_HEADER_CHARS } from './inviteGate.ts';

const invite = (headers: string[], sdp?: string) => ({
  raw: ['INVITE sip:1001@127.0.0.1 SIP/2.0', 'Via: SIP/2.0/WSS x.invalid;branch=z9hG4bK1', ...headers, '', sdp ?? ''].join('\r\n'),
  ...(sdp !== undefined ? { sdp } : {}),
});
const OFFER = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/SAVPF 8\r\n';

describe('the door for a new incoming call', () => {
  it('lets an ordinary INVITE ring, with or without an offer (a late offer comes with the ACK)', () => {
    expect(checkInvite(invite(['From: <sip:2001@127.0.0.1>;tag=1'], OFFER))).toBeUndefined();
    expect(checkInvite(invite(['From: <sip:2001@127.0.0.1>;tag=1']))).toBeUndefined();
  });

  it('lets a long but plausible display name through (it rings, shown capped)', () => {
    expect(checkInvite(invite([`From: "${'长'.repeat(3_300)}" <sip:2001@127.0.0.1>;tag=1`], OFFER))).toBeUndefined();
  });

  it('refuses an absurd header, too many headers, or an absurd message with 400', () => {
    expect(checkInvite(invite([`X-Filler: ${'a'.repeat(MAX_HEADER_CHARS)}`], OFFER))).toMatchObject({ status: 400, reason: 'Header Too Large' });
    expect(checkInvite(invite(Array.from({ length: 300 }, (_, i) => `X-H${i}: ${i}`), OFFER))).toMatchObject({ status: 400, reason: 'Too Many Headers' });
    expect(checkInvite(invite(Array.from({ length: 100 }, () => `X-H: ${'b'.repeat(600)}`), OFFER))).toMatchObject({ status: 400, reason: 'Message Too Large' });
  });

  it('refuses an offer the browser cannot answer with 488 Not Acceptable Here, saying why', () => {
    expect(checkInvite(invite([], 'garbage'))).toEqual({ status: 488, reason: 'Not Acceptable Here', detail: 'not an SDP offer (no v=0 first)' });
    expect(checkInvite(invite([], OFFER.replace('RTP/SAVPF 8', 'RTP/SAVPF 18')))).toMatchObject({ status: 488 });
  });
});

describe('the new-call budget sheds a flood', () => {
  it('admits at most max calls in any window, and refills as the window slides', () => {
    const budget = inviteBudget({ max: 5, windowMs: 2_000 });
    const at = (t: number) => budget.admit(t);
    expect([0, 100, 200, 300, 400].map(at)).toEqual([true, true, true, true, true]);
    expect(at(500)).toBe(false);
    expect(at(1_999)).toBe(false);
    expect(at(2_000)).toBe(true); // the call at 0 has left the window
    expect(at(2_050)).toBe(false);
  });

  it('a flood of 200 INVITEs in 10 s gets 25 through, and the next call after it is admitted', () => {
    const budget = inviteBudget({ max: 5, windowMs: 2_000 });
    const admitted = Array.from({ length: 200 }, (_, i) => budget.admit(i * 50)).filter(Boolean).length;
    expect(admitted).toBe(25);
    expect(budget.admit(10_000 + 2_000)).toBe(true);
  });

  it('an agent taking calls one after another is never shed', () => {
    const budget = inviteBudget({ max: 5, windowMs: 2_000 });
    expect(Array.from({ length: 100 }, (_, i) => budget.admit(i * 450)).every(Boolean)).toBe(true);
  });
});
