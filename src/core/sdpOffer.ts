// Can this phone answer an SDP offer? Checked before a call rings (src/renderer/engine/sipEngine.ts):
// an offer the browser cannot take — garbage, absurdly large, or with no audio codec Chromium
// speaks — is refused at once with 488 Not Acceptable Here, instead of ringing an agent whose
// Answer would then fail. Pure text checks; the offer itself is untrusted network input.

/** Larger than any real offer (Chromium's, or rtpengine's with every ICE candidate: a few kB). */
export const MAX_SDP_CHARS = 32_000;
export const MAX_SDP_LINES = 600;

/** Audio codecs Chromium's WebRTC decodes, by rtpmap encoding name (lower case). */
const CHROMIUM_AUDIO = new Set(['opus', 'pcmu', 'pcma', 'g722']);
/** RFC 3551 static payload types with the same codecs, usable without an rtpmap line. */
const STATIC_AUDIO: Record<string, string> = { 0: 'pcmu', 8: 'pcma', 9: 'g722' };

export type OfferCheck = { ok: true; codecs: string[] } | { ok: false; reason: string };

const SDP_LINE = /^[a-z]=.*$/;
const M_LINE = /^m=(\w+) (\d+)(?:\/\d+)? ([\w/.-]+)((?: [\w.-]+)+)$/;
const RTPMAP = /^a=rtpmap:(\d{1,3}) ([\w.-]+)\/\d+/i;

/**
 * The audio codecs of the offer Chromium could use, or why there are none. An INVITE without a
 * body (the offer comes later, in the ACK) is not judged here.
 */
export function checkSdpOffer(sdp: string): OfferCheck {
  if (sdp.length > MAX_SDP_CHARS) return { ok: false, reason: `offer too large (${sdp.length} characters)` };
  const lines = sdp.split(/\r?\n/).map((l) => l.trimEnd()).filter((l) => l !== '');
  if (lines.length > MAX_SDP_LINES) return { ok: false, reason: `offer too long (${lines.length} lines)` };
  if (lines[0] !== 'v=0') return { ok: false, reason: 'not an SDP offer (no v=0 first)' };
  const bad = lines.findIndex((l) => !SDP_LINE.test(l));
  if (bad >= 0) return { ok: false, reason: `malformed SDP line ${bad + 1}` };
  if (!lines.some((l) => l.startsWith('o=')) || !lines.some((l) => l.startsWith('s='))) {
    return { ok: false, reason: 'not an SDP offer (no o= or s= line)' };
  }

  // Split into media sections; the codecs of each audio section with a non-zero port count.
  const usable: string[] = [];
  let audioLines = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.startsWith('m=')) continue;
    const m = M_LINE.exec(line);
    if (!m) return { ok: false, reason: `malformed media line: ${line.slice(0, 60)}` };
    if (m[1] !== 'audio') continue;
    audioLines++;
    if (m[2] === '0') continue; // a refused stream
    const formats = m[4]!.trim().split(' ');
    const names = new Map<string, string>();
    for (let j = i + 1; j < lines.length && !lines[j]!.startsWith('m='); j++) {
      const r = RTPMAP.exec(lines[j]!);
      if (r) names.set(r[1]!, r[2]!.toLowerCase());
    }
    for (const pt of formats) {
      const name = names.get(pt) ?? STATIC_AUDIO[pt];
      if (name && CHROMIUM_AUDIO.has(name) && !usable.includes(name)) usable.push(name);
    }
  }
  if (audioLines === 0) return { ok: false, reason: 'no audio stream offered' };
  if (usable.length === 0) return { ok: false, reason: 'no audio codec in common (need opus, PCMU, PCMA or G722)' };
  return { ok: true, codecs: usable };
}
