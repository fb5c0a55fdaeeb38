// Runs inside Chromium: one bare JsSIP UA that the Node-side Bot drives through window.seatmateBot.
// Every observable thing becomes an event with a page-clock timestamp, so tests assert on the
// same record the benchmark measures from.
import { UA, WebSocketInterface } from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { IncomingRequest } from 'jssip/lib/SIPMessage';
import type { RTCSessionEvent } from 'jssip/lib/UA';
import { BotEvents } from './events.ts';
import { makeSourceStream, playRemote } from './media.ts';
import type { BotPageConfig, CallOptions, BotStats } from './protocol.ts';

const events = new BotEvents();
let ua: UA | undefined;
let config: BotPageConfig | undefined;
const sessions: RTCSession[] = [];
let lastStats: BotStats = { inboundPackets: 0, outboundPackets: 0, audioLevel: 0, audioEnergy: 0 };

// JsSIP types these listeners as unions of incoming/outgoing shapes; this is what both share.
interface SessionEvent {
  originator: string;
  response?: { status_code: number };
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} not ready`);
  return value;
}

/** The newest session that has not ended. */
function current(): RTCSession {
  const live = sessions.filter((s) => !s.isEnded());
  const session = live[live.length - 1];
  if (!session) throw new Error('no active session');
  return session;
}

function direction(sdp: string | undefined): string {
  const audio = sdp?.split(/\r?\nm=/).find((part) => part.startsWith('audio')) ?? sdp ?? '';
  return /a=(sendonly|recvonly|inactive|sendrecv)/.exec(audio)?.[1] ?? 'sendrecv';
}

function headersOf(request: IncomingRequest): Record<string, string> {
  const out: Record<string, string> = {};
  const all = (request as unknown as { headers: Record<string, { raw: string }[]> }).headers;
  for (const [name, values] of Object.entries(all)) out[name.toLowerCase()] = values.map((v) => v.raw).join(', ');
  return out;
}

async function mediaOptions(): Promise<{ mediaStream?: MediaStream; mediaConstraints: MediaStreamConstraints; pcConfig: RTCConfiguration }> {
  const cfg = must(config, 'bot');
  const pcConfig: RTCConfiguration = { iceServers: cfg.iceServers ?? [] };
  const mediaStream = await makeSourceStream(cfg);
  return { mediaStream, mediaConstraints: { audio: true, video: false }, pcConfig };
}

function watch(session: RTCSession): void {
  sessions.push(session);
  const cfg = must(config, 'bot');
  const record = events.record.bind(events);
  let iceReleased = false;
  // JsSIP waits for ICE gathering to finish before sending the SDP; the first (loopback host)
  // candidate is enough, and waiting for an unreachable STUN server would take ~40 s.
  session.on('icecandidate', (e) => {
    if (cfg.earlyIceRelease && !iceReleased) {
      iceReleased = true;
      e.ready();
    }
  });
  session.on('peerconnection', (e) => playRemote(e.peerconnection));
  session.on('sending', () => record('sending', {}));
  session.on('progress', (e: SessionEvent) => record('progress', { originator: e.originator, status_code: e.response?.status_code }));
  session.on('accepted', (e: SessionEvent) => record('accepted', { originator: e.originator }));
  session.on('confirmed', (e: SessionEvent) => record('confirmed', { originator: e.originator }));
  session.on('failed', (e) => {
    const status = (e.message as { status_code?: number } | undefined)?.status_code;
    record('failed', { originator: e.originator, status_code: status, cause: e.cause });
  });
  session.on('ended', (e) => record('ended', { originator: e.originator, cause: e.cause }));
  session.on('hold', (e) => record('hold', { originator: e.originator }));
  session.on('unhold', (e) => record('unhold', { originator: e.originator }));
  session.on('reinvite', (e) => record('reinvite', { direction: direction(e.request.body) }));
  session.on('update', (e) => record('update', { direction: direction(e.request.body) }));
  session.on('newDTMF', (e: { originator: string; dtmf: { tone: string } }) => record('newDTMF', { originator: e.originator, tone: e.dtmf.tone }));
  session.on('newInfo', (e: { originator: string; info: { contentType: string; body: string } }) => record('newInfo', { originator: e.originator, contentType: e.info.contentType, body: e.info.body }));
  // Blind transfer: call whoever the REFER names. Attended: the Refer-To carries Replaces and
  // JsSIP copies it into the new INVITE.
  session.on('refer', (e) => {
    const referTo = (e.request as unknown as { refer_to: { uri: { toString(): string } } }).refer_to;
    record('refer', { referTo: referTo.uri.toString() });
    void mediaOptions().then((opts) => e.accept(() => undefined, opts));
  });
  // We are the attended-transfer target: the INVITE with Replaces takes over this call.
  session.on('replaces', (e) => {
    record('replaces', {});
    e.accept(() => undefined);
  });
}

const api = {
  init(cfg: BotPageConfig): void {
    config = cfg;
    const socket = new WebSocketInterface(cfg.wsUrl);
    ua = new UA({
      sockets: [socket],
      uri: cfg.uri,
      password: cfg.password,
      display_name: cfg.displayName,
      register: false,
      session_timers: false,
      user_agent: 'SeatMate test bot',
    });
    const record = events.record.bind(events);
    ua.on('connected', () => record('connected', {}));
    ua.on('disconnected', () => record('disconnected', {}));
    ua.on('registered', () => record('registered', {}));
    ua.on('unregistered', () => record('unregistered', {}));
    ua.on('registrationFailed', (e) => record('registrationFailed', { status_code: e.response?.status_code, cause: e.cause }));
    ua.on('newRTCSession', (e: RTCSessionEvent) => {
      watch(e.session);
      if (e.originator === 'local') {
        record('newRTCSession', { originator: 'local' });
        return;
      }
      const request = e.request;
      const replaces = request.hasHeader('replaces');
      record('newRTCSession', {
        originator: 'remote',
        caller: request.from.uri.user,
        displayName: request.from.display_name,
        headers: headersOf(request),
        replaces,
      });
      if (replaces) void api.answer();
    });
    ua.start();
  },
  async register(): Promise<void> {
    const from = events.count();
    must(ua, 'UA').register();
    const e = await events.waitAny(['registered', 'registrationFailed'], 10_000, from);
    events.consume(e);
    if (e.type === 'registrationFailed') throw new Error(`registration failed: ${JSON.stringify(e.detail)}`);
  },
  async unregister(): Promise<void> {
    const from = events.count();
    must(ua, 'UA').unregister();
    events.consume(await events.waitAny(['unregistered'], 10_000, from));
  },
  async call(target: string, opts: CallOptions = {}): Promise<void> {
    events.record('calling', { target });
    const media = await mediaOptions();
    const extraHeaders = [...(opts.headers ?? [])];
    must(ua, 'UA').call(target, { ...media, extraHeaders, fromDisplayName: opts.displayName } as Parameters<UA['call']>[1]);
  },
  async answer(): Promise<void> {
    const session = [...sessions].reverse().find((s) => s.direction === 'incoming' && s.isInProgress());
    if (!session) throw new Error('no incoming call to answer');
    events.record('answering', {});
    session.answer(await mediaOptions());
  },
  decline(code: number): void {
    const session = [...sessions].reverse().find((s) => s.direction === 'incoming' && s.isInProgress());
    if (!session) throw new Error('no incoming call to decline');
    session.terminate({ status_code: code });
  },
  hangup(): void {
    current().terminate();
  },
  sendDTMF(tones: string, transportType: 'RFC2833' | 'INFO'): void {
    current().sendDTMF(tones, { transportType } as Parameters<RTCSession['sendDTMF']>[1]);
  },
  sendInfo(contentType: string, body: string): void {
    current().sendInfo(contentType, body);
  },
  /**
   * Blind: REFER the current call to target. Attended: REFER the oldest live call to target
   * with Replaces naming the newest (the consultation call), as an agent's "complete transfer".
   */
  transfer(target: string, attended: boolean): void {
    const live = sessions.filter((x) => !x.isEnded());
    const original = live[0];
    const consult = live[live.length - 1];
    if (!original) throw new Error('no call to transfer');
    if (attended && (!consult || consult === original)) throw new Error('attended transfer needs a second (consultation) call');
    events.record('transferring', { target, attended });
    original.refer(target, attended ? { replaces: consult } : {});
  },
  /** Resolves when the far end has accepted the re-INVITE (JsSIP's done callback). */
  hold(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!current().hold({}, () => resolve())) reject(new Error('hold not possible now'));
    });
  },
  unhold(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!current().unhold({}, () => resolve())) reject(new Error('unhold not possible now'));
    });
  },
  /** Counters of the newest call; after it ended, the last values read while it was up. */
  async stats(): Promise<BotStats> {
    const session = sessions[sessions.length - 1];
    const pc = session?.connection;
    if (!session || !pc || pc.signalingState === 'closed') return lastStats;
    const out: BotStats = { inboundPackets: 0, outboundPackets: 0, audioLevel: 0, audioEnergy: 0 };
    const report = await pc.getStats();
    report.forEach((s: { type: string; kind?: string; packetsReceived?: number; packetsSent?: number; audioLevel?: number; totalAudioEnergy?: number }) => {
      if (s.kind !== 'audio') return;
      if (s.type === 'inbound-rtp') {
        out.inboundPackets += s.packetsReceived ?? 0;
        out.audioLevel = Math.max(out.audioLevel, s.audioLevel ?? 0);
        out.audioEnergy += s.totalAudioEnergy ?? 0;
      }
      if (s.type === 'outbound-rtp') out.outboundPackets += s.packetsSent ?? 0;
    });
    lastStats = out;
    return out;
  },
  waitFor: events.waitFor.bind(events),
  events: () => events.all(),
  stop(): void {
    ua?.stop();
  },
};

(window as unknown as { seatmateBot: typeof api }).seatmateBot = api;
document.title = 'bot-ready';
