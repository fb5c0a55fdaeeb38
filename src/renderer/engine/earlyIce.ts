// Early ICE release (JsSIP issues #432, #804, #940): JsSIP waits for ICE gathering to finish
// before sending the offer/answer, which with an unreachable STUN server takes ~40 s. We send
// as soon as the first usable (UDP) candidate exists, or after a short cap otherwise.
import type { RTCSession } from 'jssip/lib/RTCSession';

interface IceCandidateEvent { candidate: RTCIceCandidate; ready: () => void }

export function releaseIceEarly(session: RTCSession, capMs: number): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onCandidate = (e: IceCandidateEvent) => {
    const protocol = e.candidate.protocol ?? (/ udp /i.test(e.candidate.candidate) ? 'udp' : 'tcp');
    if (protocol === 'udp') {
      if (timer) clearTimeout(timer);
      e.ready();
    } else if (!timer) {
      timer = setTimeout(() => e.ready(), capMs);
    }
  };
  (session as unknown as { on(ev: 'icecandidate', fn: (e: IceCandidateEvent) => void): void }).on('icecandidate', onCandidate);
  session.on('ended', () => timer && clearTimeout(timer));
  session.on('failed', () => timer && clearTimeout(timer));
}
