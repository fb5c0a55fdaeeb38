// The JsSIP engine adapter: one user agent, its registration state, and the calls it makes and
// takes. Everything from the network is reduced to plain, capped text before the UI sees it.
import JsSIP from 'jssip';
import type { RTCSessionEvent, UA } from 'jssip/lib/UA';
import type { Socket } from 'jssip/lib/Socket';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { IncomingRequest } from 'jssip/lib/SIPMessage';
import { headerId, headerToken, untrustedText } from '../../core/untrusted.ts';
import { tierSchema, type SipConfig } from '../../core/config.ts';
import type { RegistrationStatus } from '../../core/call/phoneMachine.ts';
import { Call, type CallHeaders, type CallOptions } from './call.ts';
import { Emitter } from './emitter.ts';
import { releaseIceEarly } from './earlyIce.ts';

export type { RegistrationStatus } from '../../core/call/phoneMachine.ts';

export type EngineEvents = {
  registration: RegistrationStatus;
  incoming: Call;
};

export interface HeaderNames { tier: string; scenario: string; ivrPath: string }

export interface EngineOptions {
  sip: Pick<SipConfig, 'uri' | 'ws' | 'authUser' | 'password' | 'displayName' | 'iceServers' | 'iceGatheringCapMs' | 'register'>;
  headerNames?: HeaderNames;
  /** Training mode hands in its own in-page sockets instead of WebSockets. */
  sockets?: Socket[];
  audioOutput?: CallOptions['audioOutput'];
  holdMusic?: CallOptions['holdMusic'];
  mediaConstraints?: MediaStreamConstraints;
  userAgent?: string;
}

const DEFAULT_HEADERS: HeaderNames = { tier: 'X-Caller-Tier', scenario: 'X-Scenario', ivrPath: 'X-IVR-Path' };

export class SipEngine extends Emitter<EngineEvents> {
  private ua: UA | undefined;
  private status: RegistrationStatus = { state: 'disabled' };
  readonly domain: string;

  constructor(private readonly options: EngineOptions) {
    super();
    this.domain = options.sip.uri.replace(/^sips?:[^@]*@/, '').replace(/[;?].*$/, '');
  }

  get registration(): RegistrationStatus { return this.status; }

  start(): void {
    if (this.ua) return;
    const { sip } = this.options;
    const sockets = this.options.sockets ?? sip.ws.map((url) => new JsSIP.WebSocketInterface(url));
    const ua = new JsSIP.UA({
      sockets,
      uri: sip.uri,
      password: sip.password,
      authorization_user: sip.authUser,
      display_name: sip.displayName,
      register: sip.register,
      register_expires: 300,
      session_timers: false,
      // JsSIP reconnects by itself with back-off between these bounds, and re-registers.
      connection_recovery_min_interval: 2,
      connection_recovery_max_interval: 30,
      user_agent: this.options.userAgent ?? 'SeatMate',
    });
    this.ua = ua;
    // Only the current UA may set the status: a stopped one still reports its un-REGISTER and,
    // up to 2 s later (UA.stop()), its disconnect, which would overwrite 'disabled'.
    const setStatus = (next: RegistrationStatus) => { if (this.ua === ua) this.setStatus(next); };
    ua.on('connecting', () => {
      // While retrying after a lost connection, keep saying "not connected" rather than flicker.
      if (this.status.detail === 'not-connected' || (this.status.state === 'failed' && this.status.reason === 'auth')) return;
      setStatus({ state: 'connecting' });
    });
    ua.on('connected', () => {
      if (!sip.register) setStatus({ state: 'registered' });
    });
    ua.on('disconnected', () => setStatus({ state: 'connecting', reason: 'transport', detail: 'not-connected' }));
    ua.on('registered', () => setStatus({ state: 'registered' }));
    ua.on('unregistered', () => setStatus({ state: 'unregistered' }));
    ua.on('registrationFailed', (e) => {
      const status = (e.response as { status_code?: number } | undefined)?.status_code;
      const auth = String(e.cause) === JsSIP.C.causes.AUTHENTICATION_ERROR || status === 401 || status === 403 || status === 407;
      const transport = String(e.cause) === JsSIP.C.causes.CONNECTION_ERROR || String(e.cause) === JsSIP.C.causes.REQUEST_TIMEOUT;
      setStatus({
        state: 'failed',
        reason: auth ? 'auth' : transport ? 'transport' : 'rejected',
        detail: status ? `${status}` : String(e.cause),
      });
    });
    ua.on('newRTCSession', (e: RTCSessionEvent) => {
      if (e.originator === 'remote') this.onIncoming(e.session, e.request as IncomingRequest);
    });
    ua.start();
  }

  stop(): void {
    const ua = this.ua;
    this.ua = undefined;
    if (!ua) return;
    ua.stop();
    this.setStatus({ state: 'disabled' });
  }

  private setStatus(next: RegistrationStatus): void {
    if (next.state === this.status.state && next.reason === this.status.reason && next.detail === this.status.detail) return;
    this.status = next;
    this.emit('registration', next);
  }

  private callOptions(): CallOptions {
    return {
      pcConfig: { iceServers: this.options.sip.iceServers as RTCIceServer[] },
      audioOutput: this.options.audioOutput,
      mediaConstraints: this.options.mediaConstraints,
      ...(this.options.holdMusic ? { holdMusic: this.options.holdMusic } : {}),
    };
  }

  private onIncoming(session: RTCSession, request: IncomingRequest): void {
    const names = this.options.headerNames ?? DEFAULT_HEADERS;
    const header = (name: string) => (request.hasHeader(name) ? request.getHeader(name) : undefined);
    const headers: CallHeaders = {
      tier: headerToken(header(names.tier), tierSchema.options),
      scenario: headerId(header(names.scenario)),
      ivrPath: headerId(header(names.ivrPath), 32),
      transferredIn: request.hasHeader('Referred-By') || request.hasHeader('Replaces'),
      replaces: request.hasHeader('Replaces'),
    };
    const remote = {
      number: untrustedText(request.from?.uri?.user ?? '', 32),
      displayName: untrustedText(request.from?.display_name ?? '', 64),
    };
    releaseIceEarly(session, this.options.sip.iceGatheringCapMs);
    this.emit('incoming', new Call(session, 'incoming', remote, headers, this.callOptions()));
  }

  /** Dial a number (or a full SIP URI) from this agent. */
  call(target: string, extra?: { headers?: string[]; mediaStream?: MediaStream }): Call {
    if (!this.ua) throw new Error('engine not started');
    const uri = this.uriFor(target);
    const options = this.callOptions();
    const session = this.ua.call(uri, {
      mediaConstraints: options.mediaConstraints ?? { audio: true, video: false },
      ...(extra?.mediaStream ? { mediaStream: extra.mediaStream } : {}),
      pcConfig: options.pcConfig,
      extraHeaders: extra?.headers,
      eventHandlers: {},
    });
    releaseIceEarly(session, this.options.sip.iceGatheringCapMs);
    const number = untrustedText(target.replace(/^sip:/, '').replace(/@.*$/, ''), 32);
    const call = new Call(session, 'outgoing', { number, displayName: '' }, {}, options);
    return call;
  }

  /** A SIP URI for a number on this agent's domain (transfer targets). */
  uriFor(number: string): string {
    return number.startsWith('sip:') ? number : `sip:${number}@${this.domain}`;
  }
}
