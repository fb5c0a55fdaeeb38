// One call, wrapping a JsSIP RTCSession: the UI and the call statechart see these events and
// methods only, never JsSIP itself.
import type {
  DTMFListener, IncomingDTMFEvent, IncomingInfoEvent, InfoListener, OutgoingDTMFEvent, OutgoingInfoEvent, RTCSession, TerminateOptions,
} from 'jssip/lib/RTCSession';
import type { DTMF_TRANSPORT } from 'jssip/lib/Constants';
import type { Tier } from '../../core/config.ts';
import type { CallEnd, EndedBy, RemoteParty } from '../../core/call/types.ts';
import { Emitter } from './emitter.ts';

export interface CallHeaders {
  tier?: Tier;
  scenario?: string;
  ivrPath?: string;
  /** Came to us by a transfer (Referred-By or Replaces): greet as the receiving agent. */
  transferredIn?: boolean;
  /** Replaces a call we are in (attended transfer completing at our side). */
  replaces?: boolean;
}

export interface MediaStats {
  inboundPackets: number;
  outboundPackets: number;
  /** The caller's voice level (0..1). */
  audioLevel: number;
  /** The agent's microphone level (0..1). */
  localLevel: number;
}

export type CallEvents = {
  progress: void;
  confirmed: void;
  ended: CallEnd;
  holdAccepted: void;
  holdFailed: { reason: string };
  unholdAccepted: void;
  unholdFailed: { reason: string };
  remoteReinvite: void;
  referReceived: void;
  dtmf: { tone: string; via: 'rfc4733' | 'info' };
  /**
   * A hang-up made while the connection was down (the call had already ended here): its BYE went
   * out once the connection was back ('sent'), never did ('not-sent': no connection within
   * BYE_WAIT_MS, or the user agent stopped), or was not needed (the far end hung up meanwhile).
   */
  lateHangup: LateHangup;
};

export interface LateHangup { bye: 'sent' | 'not-sent' | 'not-needed'; waitedMs: number }

export interface CallOptions {
  pcConfig: RTCConfiguration;
  /** Music on hold (H2): played to the far end on a replaced track while it is held. */
  holdMusic?: { start(): Promise<{ track: MediaStreamTrack; stop(): void } | undefined> };
  mediaConstraints?: MediaStreamConstraints;
  audioOutput?: (stream: MediaStream) => () => void;
  /**
   * The signalling connection. JsSIP ends a call whose re-INVITE cannot be sent (a transport
   * error on the transaction), so a hold or resume asked for while the WebSocket is down waits
   * for it to be back instead (issue 14 §2).
   */
  connection?: { isConnected(): boolean; onceConnected(fn: () => void): () => void };
}

/** Longest a re-INVITE or REFER waits for the connection before it counts as failed. */
const WAIT_FOR_CONNECTION_MS = 30_000;
/**
 * Longest a hang-up's BYE waits for the connection: Timer F (64 × T1), the time SIP gives any
 * BYE to get through. The far end has then most likely given up on the silent line itself.
 */
export const BYE_WAIT_MS = 32_000;
/**
 * The caller's ACK comes one round trip after our 200. Without it this long, the caller is gone:
 * a CANCEL crossed our answer and the caller dropped the 200 (issue 14 §4, measured with JsSIP
 * callers). JsSIP itself would wait 32 s, the agent's screen saying "Answering…" all along.
 */
const ANSWER_CONFIRM_MS = 5_000;

export class Call extends Emitter<CallEvents> {
  readonly id: string;
  readonly startedAt = performance.now();
  private stopAudio: (() => void) | undefined;
  private closed = false;
  private confirmed = false;
  /** Set while a hang-up's BYE waits for the connection; called if the session ends by itself meanwhile. */
  private endedWhileByeWaits: ((by: EndedBy) => void) | undefined;

  constructor(
    readonly session: RTCSession,
    readonly direction: 'incoming' | 'outgoing',
    readonly remote: RemoteParty,
    readonly headers: CallHeaders,
    private readonly options: CallOptions,
  ) {
    super();
    this.id = session.id ?? `${direction}-${Math.random().toString(36).slice(2)}`;
    this.wire();
  }

  get isEnded(): boolean { return this.closed; }
  /** Ended here, but its BYE still waits for the connection (see hangup). */
  get byeWaiting(): boolean { return this.endedWhileByeWaits !== undefined; }

  private wire(): void {
    const s = this.session;
    s.on('progress', () => this.emit('progress', undefined));
    s.on('confirmed', () => { this.confirmed = true; this.attachRemoteAudio(); this.emit('confirmed', undefined); });
    s.on('peerconnection', () => this.watchTracks());
    s.on('ended', (e) => {
      this.endedWhileByeWaits?.(e.originator as EndedBy);
      this.finish({ by: e.originator as EndedBy, cause: String(e.cause) });
    });
    s.on('failed', (e) => {
      this.endedWhileByeWaits?.(e.originator as EndedBy);
      const status = (e.message as { status_code?: number } | undefined)?.status_code;
      this.finish({ by: e.originator as EndedBy, cause: String(e.cause), status });
    });
    s.on('reinvite', () => this.emit('remoteReinvite', undefined));
    s.on('refer', (e) => { e.reject(); this.emit('referReceived', undefined); });
    // An attended transfer completing here: the caller's INVITE replaces this call.
    s.on('replaces', (e) => e.accept());
    s.on('newDTMF', ((e: IncomingDTMFEvent | OutgoingDTMFEvent) => {
      // JsSIP emits a remote newDTMF only for a SIP INFO with application/dtmf-relay
      // (RTCSession/DTMF.js init_incoming); RFC 4733 tones in the media never reach JsSIP.
      if (e.originator === 'remote') this.emit('dtmf', { tone: String(e.dtmf.tone), via: 'info' });
    }) as DTMFListener);
    s.on('newInfo', ((e: IncomingInfoEvent | OutgoingInfoEvent) => {
      if (e.originator !== 'remote') return;
      const body = String(e.info.body ?? '');
      const m = /Signal\s*=\s*([0-9*#A-D])/i.exec(body);
      if (m?.[1]) this.emit('dtmf', { tone: m[1], via: 'info' });
    }) as InfoListener);
  }

  private finish(detail: CallEvents['ended']): void {
    if (this.closed) return;
    this.closed = true;
    void this.stopHoldMusic();
    this.stopAudio?.();
    this.stopAudio = undefined;
    this.emit('ended', detail);
  }

  private watchTracks(): void {
    const pc = this.session.connection;
    pc?.addEventListener('track', () => this.attachRemoteAudio());
  }

  private attachRemoteAudio(): void {
    const pc = this.session.connection;
    if (!pc || this.stopAudio || !this.options.audioOutput) return;
    const tracks = pc.getReceivers().map((r) => r.track).filter((t) => t && t.kind === 'audio');
    if (tracks.length === 0) return;
    this.stopAudio = this.options.audioOutput(new MediaStream(tracks));
  }

  answer(mediaStream?: MediaStream): void {
    this.session.answer({
      mediaConstraints: this.options.mediaConstraints ?? { audio: true, video: false },
      ...(mediaStream ? { mediaStream } : {}),
      pcConfig: this.options.pcConfig,
    });
    const watchdog = setTimeout(() => {
      if (this.confirmed || this.closed) return;
      try { this.session.terminate(); } catch { /* ended meanwhile */ }
    }, ANSWER_CONFIRM_MS);
    const stop = () => clearTimeout(watchdog);
    this.on('confirmed', stop);
    this.on('ended', stop);
  }

  decline(code: 486 | 603 = 486): void {
    if (this.closed) return;
    this.session.terminate({ status_code: code, reason_phrase: code === 486 ? 'Busy Here' : 'Decline' });
  }

  hangup(reason?: string): void {
    if (this.closed) return;
    const options: TerminateOptions = reason ? { extraHeaders: [`Reason: SIP;cause=200;text="${reason.replace(/"/g, '')}"`] } : {};
    const connection = this.options.connection;
    if (connection && !connection.isConnected() && this.session.isEstablished()) this.hangupWhenConnected(options, connection);
    else this.session.terminate(options);
  }

  /**
   * JsSIP 3.13's terminate() with the WebSocket down sends no BYE (Transport.send refuses, the
   * BYE's transaction dies with a transport error nobody hears) and still closes the dialog: the
   * far end would stay on a silent line until its own timeout. So the call ends here at once —
   * media closed, the agent free — while the JsSIP session, and with it the dialog, stays open
   * until the connection is back; terminate() then sends the BYE in that dialog (Kamailio
   * record-routes it). This needs only JsSIP's public API, where sending a BYE after terminate()
   * would mean reviving its private, already destroyed Dialog. After BYE_WAIT_MS, terminate()
   * closes the session without a BYE, and the outcome is reported (lateHangup) for the log.
   */
  private hangupWhenConnected(options: TerminateOptions, connection: NonNullable<CallOptions['connection']>): void {
    const since = performance.now();
    const settle = (bye: LateHangup['bye'], terminate: boolean) => {
      if (!this.endedWhileByeWaits) return;
      this.endedWhileByeWaits = undefined;
      clearTimeout(timer);
      off();
      // Unhooked first: the 'ended' JsSIP emits inside terminate() is our own.
      if (terminate) {
        try { this.session.terminate(options); } catch { /* ended meanwhile */ }
      }
      this.emit('lateHangup', { bye, waitedMs: Math.round(performance.now() - since) });
    };
    this.endedWhileByeWaits = (by) => settle(by === 'remote' ? 'not-needed' : 'not-sent', false);
    const timer = setTimeout(() => settle('not-sent', true), BYE_WAIT_MS);
    const off = connection.onceConnected(() => settle('sent', true));
    this.leaveMedia();
    this.finish({ by: 'local', cause: 'Terminated' }); // JsSIP's cause for a local BYE
  }

  /** Off the line: nothing more is sent or played (the dialog may still wait for its BYE). */
  private leaveMedia(): void {
    const pc = this.session.connection;
    if (!pc) return;
    for (const sender of pc.getSenders()) sender.track?.stop();
    // Fires no event: JsSIP acts only on ICE 'failed', and closes the connection again, harmlessly.
    pc.close();
  }

  /** Runs `send` now, or once the connection is back; `failed` if it is not back in time or the call ended. */
  private whenConnected(send: () => void, failed: () => void): void {
    const connection = this.options.connection;
    if (!connection || connection.isConnected()) { send(); return; }
    let waiting = true;
    const timer = setTimeout(() => { if (!waiting) return; waiting = false; off(); failed(); }, WAIT_FOR_CONNECTION_MS);
    const off = connection.onceConnected(() => {
      if (!waiting) return;
      waiting = false;
      clearTimeout(timer);
      if (this.closed) failed(); else send();
    });
  }

  hold(): void {
    this.whenConnected(() => {
      const sent = this.session.hold({}, () => {
        this.emit('holdAccepted', undefined);
        void this.startHoldMusic();
      });
      if (!sent) this.emit('holdFailed', { reason: 'not-ready' });
    }, () => this.emit('holdFailed', { reason: 'not-connected' }));
  }

  unhold(): void {
    // The agent's own track goes back on the line before the far end can hear again.
    void this.stopHoldMusic();
    this.whenConnected(() => {
      const sent = this.session.unhold({}, () => this.emit('unholdAccepted', undefined));
      if (!sent) this.emit('unholdFailed', { reason: 'not-ready' });
    }, () => this.emit('unholdFailed', { reason: 'not-connected' }));
  }

  private music: { stop(): void; sender: RTCRtpSender; original: MediaStreamTrack | null } | undefined;
  private musicToken = 0;

  /** H2: the held far end hears music on a replaced track (no re-INVITE). */
  private async startHoldMusic(): Promise<void> {
    const player = this.options.holdMusic;
    if (!player || this.music || this.closed) return;
    const sender = this.session.connection?.getSenders().find((s) => s.track?.kind === 'audio');
    if (!sender) return;
    const token = ++this.musicToken;
    const music = await player.start();
    if (!music) return;
    // Unheld or ended while the music was loading: never put it on the line.
    if (token !== this.musicToken || this.closed || !this.session.isOnHold().local) { music.stop(); return; }
    const original = sender.track;
    try {
      await sender.replaceTrack(music.track);
      this.music = { stop: music.stop, sender, original };
    } catch {
      music.stop();
    }
  }

  private async stopHoldMusic(): Promise<void> {
    this.musicToken++;
    const music = this.music;
    this.music = undefined;
    if (!music) return;
    await music.sender.replaceTrack(music.original).catch(() => {});
    music.stop();
  }

  mute(): void { this.session.mute({ audio: true }); }
  unmute(): void { this.session.unmute({ audio: true }); }
  get muted(): boolean { return Boolean(this.session.isMuted().audio); }

  sendDtmf(tones: string, via: 'rfc4733' | 'info' = 'rfc4733'): void {
    if (via === 'info') {
      for (const tone of tones) this.session.sendInfo('application/dtmf-relay', `Signal=${tone}\r\nDuration=160\r\n`);
    } else {
      // In the media (RFC 4733); JsSIP's own default would be SIP INFO.
      this.session.sendDTMF(tones, { duration: 100, interToneGap: 70, transportType: 'RFC2833' as DTMF_TRANSPORT });
    }
  }

  /** Blind transfer (REFER), or attended when `replaces` is the consult call. */
  refer(target: string, replaces?: Call, handlers?: { accepted?: () => void; failed?: () => void }): void {
    this.whenConnected(() => this.session.refer(target, {
      ...(replaces ? { replaces: replaces.session } : {}),
      eventHandlers: {
        accepted: () => handlers?.accepted?.(),
        failed: () => handlers?.failed?.(),
        requestFailed: () => handlers?.failed?.(),
      },
    }), () => handlers?.failed?.());
  }

  private lastEnergy = { inbound: { e: 0, d: 0 }, local: { e: 0, d: 0 } };

  /**
   * Packet counts and voice levels. Levels are the RMS since the previous poll, from the total
   * audio energy (an instantaneous audioLevel misses speech between samples).
   */
  async stats(): Promise<MediaStats> {
    const pc = this.session.connection;
    const result: MediaStats = { inboundPackets: 0, outboundPackets: 0, audioLevel: 0, localLevel: 0 };
    if (!pc) return result;
    const report = await pc.getStats();
    let inbound = { e: 0, d: 0 };
    let local = { e: 0, d: 0 };
    report.forEach((s: {
      type: string; kind?: string; packetsReceived?: number; packetsSent?: number;
      totalAudioEnergy?: number; totalSamplesDuration?: number;
    }) => {
      if (s.kind !== 'audio') return;
      const energy = { e: s.totalAudioEnergy ?? 0, d: s.totalSamplesDuration ?? 0 };
      if (s.type === 'inbound-rtp') {
        result.inboundPackets += s.packetsReceived ?? 0;
        inbound = energy;
      }
      if (s.type === 'outbound-rtp') result.outboundPackets += s.packetsSent ?? 0;
      if (s.type === 'media-source') local = energy;
    });
    const rms = (now: { e: number; d: number }, before: { e: number; d: number }) => {
      const d = now.d - before.d;
      return d > 0 ? Math.sqrt(Math.max(0, now.e - before.e) / d) : 0;
    };
    result.audioLevel = rms(inbound, this.lastEnergy.inbound);
    result.localLevel = rms(local, this.lastEnergy.local);
    this.lastEnergy = { inbound, local };
    return result;
  }

}
