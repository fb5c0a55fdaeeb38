import { describe, expect, it } from 'vitest';
import { checkSdpOffer, MAX_SDP_CHARS } from './sdpOffer.ts';

const lines = (...l: string[]) => `${l.join('\r\n')}\r\n`;

/** What Chromium sends (trimmed): opus, G722, PCMU, PCMA, telephone-event over DTLS-SRTP. */
const CHROMIUM = lines(
  'v=0', 'o=- 4611731400430051336 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126', 'c=IN IP4 0.0.0.0',
  'a=rtcp:9 IN IP4 0.0.0.0', 'a=ice-ufrag:abcd', 'a=ice-pwd:abcdefghijklmnopqrstuvwx', 'a=mid:0', 'a=sendrecv',
  'a=rtpmap:111 opus/48000/2', 'a=fmtp:111 minptime=10;useinbandfec=1', 'a=rtpmap:63 red/48000/2',
  'a=rtpmap:9 G722/8000', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:13 CN/8000',
  'a=rtpmap:110 telephone-event/48000', 'a=rtpmap:126 telephone-event/8000',
  'a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host',
);

/** A trunk caller through rtpengine: PCMA only, static payload type, no rtpmap needed. */
const TRUNK = lines(
  'v=0', 'o=sipp 53655765 2353687637 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0',
  'm=audio 30000 RTP/SAVPF 8 101', 'a=rtpmap:101 telephone-event/8000', 'a=sendrecv',
);

describe('an SDP offer this phone can answer', () => {
  it("accepts Chromium's offer and names the codecs Chromium would use", () => {
    expect(checkSdpOffer(CHROMIUM)).toEqual({ ok: true, codecs: ['opus', 'g722', 'pcmu', 'pcma'] });
  });

  it('accepts a trunk offer with a static payload type (8 = PCMA) and no rtpmap line', () => {
    expect(checkSdpOffer(TRUNK)).toEqual({ ok: true, codecs: ['pcma'] });
    expect(checkSdpOffer(TRUNK.replace(/\r\n/g, '\n'))).toMatchObject({ ok: true });
  });

  it('refuses an offer with only codecs Chromium does not speak (G729, GSM, a dynamic AMR)', () => {
    const g729 = TRUNK.replace('RTP/SAVPF 8 101', 'RTP/SAVPF 18 3 96 101').replace('a=sendrecv', 'a=rtpmap:96 AMR/8000\r\na=sendrecv');
    expect(checkSdpOffer(g729)).toEqual({ ok: false, reason: 'no audio codec in common (need opus, PCMU, PCMA or G722)' });
  });

  it('reads the rtpmap, not the number: payload type 0 remapped to a foreign codec does not count', () => {
    const remapped = TRUNK.replace('RTP/SAVPF 8 101', 'RTP/SAVPF 0').replace('a=rtpmap:101 telephone-event/8000', 'a=rtpmap:0 iLBC/8000');
    expect(checkSdpOffer(remapped)).toMatchObject({ ok: false });
  });

  it('refuses garbage, a missing version line, stray non-SDP lines and a broken m= line', () => {
    expect(checkSdpOffer('hello, I am not an offer')).toMatchObject({ ok: false, reason: 'not an SDP offer (no v=0 first)' });
    expect(checkSdpOffer(TRUNK.replace('v=0\r\n', ''))).toMatchObject({ ok: false });
    expect(checkSdpOffer(TRUNK.replace('s=-', 's=-\r\n<script>alert(1)</script>'))).toMatchObject({ ok: false, reason: 'malformed SDP line 4' });
    expect(checkSdpOffer(TRUNK.replace('m=audio 30000 RTP/SAVPF 8 101', 'm=audio abc RTP/SAVPF'))).toMatchObject({ ok: false });
    expect(checkSdpOffer(lines('v=0', 'm=audio 1 RTP/AVP 8'))).toMatchObject({ ok: false, reason: 'not an SDP offer (no o= or s= line)' });
  });

  it('refuses an offer with no audio, or whose only audio stream is refused (port 0)', () => {
    expect(checkSdpOffer(TRUNK.replace('m=audio 30000 RTP/SAVPF 8 101', 'm=video 30000 RTP/SAVPF 96'))).toEqual({ ok: false, reason: 'no audio stream offered' });
    expect(checkSdpOffer(TRUNK.replace('m=audio 30000', 'm=audio 0'))).toMatchObject({ ok: false, reason: /no audio codec/ });
  });

  it('refuses a huge offer by size and one of thousands of lines, without parsing all of it', () => {
    expect(checkSdpOffer(TRUNK + 'a=x-filler:'.padEnd(MAX_SDP_CHARS, 'x'))).toMatchObject({ ok: false, reason: /too large/ });
    expect(checkSdpOffer(TRUNK + 'a=x\r\n'.repeat(5_000))).toMatchObject({ ok: false, reason: /too long/ });
  });
});
