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
import { checkInvite, DEFAULT_INVITE_BUDGET, inviteBudget, type InviteBudget, type Refusal } from '../../core/inviteGate.ts';
import { failbackNow, serverLabel, serverWeights } from '../../core/sipServers.ts';
import { Call, type CallHeaders, type CallOptions, type LateHangup } from './call.ts';
import { Emitter } from './emitter.ts';
import { PreferredServerWatch, type ServerProbe } from './preferredServer.ts';
import { releaseIceEarly } from './earlyIce.ts';

export type { RegistrationStatus } from '../../core/call/phoneMachine.ts';

export type EngineEvents = {
  registration: RegistrationStatus;
  incoming: Call;
  /** A caller turned away at the door (inviteGate.ts): it never rang. */
  refused: Refusal & { number: string };
  /** A hang-up made while the connection was down: what became of its BYE (call.ts), for the log. */
  lateHangup: LateHangup & { id: string };
};

export interface HeaderNames { tier: string; scenario: string; ivrPath: string }

export interface EngineOptions {
  sip: Pick<SipConfig, 'uri' | 'ws' | 'authUser' | 'password' | 'displayName' | 'iceServers' | 'iceGatheringCapMs' | 'register'>
    & Partial<Pick<SipConfig, 'failbackProbeMs'>>;
  headerNames?: HeaderNames;
  /** Training mode hands in its own in-page sockets instead of WebSockets. */
  sockets?: Socket[];
  audioOutput?: CallOptions['audioOutput'];
  holdMusic?: CallOptions['holdMusic'];
  mediaConstraints?: MediaStreamConstraints;
  userAgent?: string;
  /** New calls admitted per window before a flood is shed with 486 (inviteGate.ts). */
  inviteBudget?: { max: number; windowMs: number };
  /** Does this server accept a WebSocket now? Tests hand in their own. */
  probeServer?: ServerProbe;
}

const DEFAULT_HEADERS: HeaderNames = { tier: 'X-Caller-Tier', scenario: 'X-Scenario', ivrPath: 'X-IVR-Path' };

export class SipEngine extends Emitter<EngineEvents> {
  private ua: UA | undefined;
  private status: RegistrationStatus = { state: 'disabled' };
  readonly domain: string;
  private readonly budget: InviteBudget;
  /** Calls not ended yet: a switch back to the preferred server waits for none. */
  private readonly live = new Set<Call>();
  /** The server the current UA is connected to (its index in sip.ws), while connected. */
  private serverIndex: number | undefined;
  private readonly preferred: PreferredServerWatch;
  /** Moving back to the preferred server: the status keeps saying where we are until done. */
  private switching = false;
  /** Calls' requests waiting for the connection to be back (call.ts whenConnected). */
  private readonly waitingForConnection = new Set<() => void>();
  private readonly connection: NonNullable<CallOptions['connection']> = {
    isConnected: () => this.ua?.isConnected() ?? false,
    onceConnected: (fn) => { this.waitingForConnection.add(fn); return () => { this.waitingForConnection.delete(fn); }; },
  };

  constructor(private readonly options: EngineOptions) {
    super();
    this.domain = options.sip.uri.replace(/^sips?:[^@]*@/, '').replace(/[;?].*$/, '');
    this.budget = inviteBudget(options.inviteBudget ?? DEFAULT_INVITE_BUDGET);
    this.preferred = new PreferredServerWatch(options.sip.ws[0] ?? '', options.sip.failbackProbeMs ?? 30_000, () => this.failbackIfQuiet(), options.probeServer);
  }

  get registration(): RegistrationStatus { return this.status; }

  start(): void {
    if (this.ua) return;
    const { sip } = this.options;
    const sockets = this.options.sockets ?? sip.ws.map((url) => new JsSIP.WebSocketInterface(url));
    // IT lists servers in order of preference: the first whenever it is up (sipServers.ts).
    const weights = serverWeights(sockets.length);
    const ua = new JsSIP.UA({
      sockets: sockets.length > 1 ? sockets.map((socket, i) => ({ socket, weight: weights[i]! })) : sockets,
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
      // While retrying after a lost connection, keep saying "not connected" rather than flicker;
      // while moving back to the preferred server, keep saying where we still are.
      if (this.switching || this.status.detail === 'not-connected' || (this.status.state === 'failed' && this.status.reason === 'auth')) return;
      setStatus({ state: 'connecting' });
    });
    ua.on('connected', (e: { socket?: { url?: string } }) => {
      if (this.ua !== ua) return;
      const index = sip.ws.indexOf(e.socket?.url ?? '');
      this.serverIndex = index >= 0 ? index : undefined;
      if (!sip.register) setStatus(this.where({ state: 'registered' }));
      const waiting = [...this.waitingForConnection];
      this.waitingForConnection.clear();
      for (const fn of waiting) fn();
    });
    ua.on('disconnected', () => {
      if (this.ua !== ua) return;
      this.serverIndex = undefined;
      this.switching = false;
      setStatus({ state: 'connecting', reason: 'transport', detail: 'not-connected' });
    });
    ua.on('registered', () => {
      if (this.ua !== ua) return;
      this.switching = false;
      setStatus(this.where({ state: 'registered' }));
      this.followPreferred();
    });
    // JsSIP reports the registration lost with the connection as 'unregistered': the agent needs
    // to read "not connected — retrying", which is what is going on.
    ua.on('unregistered', () => { if (this.status.detail !== 'not-connected') setStatus({ state: 'unregistered' }); });
    ua.on('registrationFailed', (e) => {
      if (this.ua === ua) this.switching = false;
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
    this.preferred.stop();
    this.serverIndex = undefined;
    this.switching = false;
    if (!ua) return;
    ua.stop();
    this.setStatus({ state: 'disabled' });
  }

  private setStatus(next: RegistrationStatus): void {
    const now = this.status;
    if (next.state === now.state && next.reason === now.reason && next.detail === now.detail && next.server === now.server && next.backup === now.backup) return;
    this.status = next;
    this.emit('registration', next);
  }

  /** The status with the server in use, when the seat has several to choose from. */
  private where(status: RegistrationStatus): RegistrationStatus {
    const { ws } = this.options.sip;
    if (this.options.sockets || ws.length < 2 || this.serverIndex === undefined) return status;
    return { ...status, server: serverLabel(ws[this.serverIndex]!), backup: this.serverIndex > 0 };
  }

  // --- failover: JsSIP moves to the next server by itself; coming back is ours ---

  /** On a backup server: look at the preferred one now and then, and go back at a quiet moment. */
  private followPreferred(): void {
    const onBackup = this.serverIndex !== undefined && this.serverIndex > 0 && !this.options.sockets;
    if (onBackup) this.preferred.start(); else this.preferred.stop();
  }

  /** The preferred server answers and no call would be cut: a new user agent registers there. */
  private failbackIfQuiet(): void {
    if (!this.ua || !failbackNow({ onPreferred: this.serverIndex === 0, preferredUp: this.preferred.up, liveCalls: this.live.size })) return;
    const old = this.ua;
    this.preferred.stop();
    this.ua = undefined; // the old UA's un-REGISTER and disconnect no longer speak for the status
    this.switching = true;
    old.stop();
    this.start();
  }

  private track(call: Call): Call {
    this.live.add(call);
    // A call whose BYE waits for the connection still has a dialog on this server: no failback yet.
    const forget = () => {
      this.live.delete(call);
      this.failbackIfQuiet();
    };
    call.on('ended', () => { if (!call.byeWaiting) forget(); });
    call.on('lateHangup', (late) => {
      forget();
      this.emit('lateHangup', { ...late, id: call.id });
    });
    return call;
  }

  private callOptions(): CallOptions {
    return {
      pcConfig: { iceServers: this.options.sip.iceServers as RTCIceServer[] },
      audioOutput: this.options.audioOutput,
      mediaConstraints: this.options.mediaConstraints,
      connection: this.connection,
      ...(this.options.holdMusic ? { holdMusic: this.options.holdMusic } : {}),
    };
  }

  private onIncoming(session: RTCSession, request: IncomingRequest): void {
    // The door (inviteGate.ts): a flood is shed, an absurd INVITE or an offer Chromium cannot
    // answer is refused — before the caller hears ringing and before the agent's phone rings.
    const raw = (request as unknown as { data?: unknown }).data;
    const body = (request as unknown as { body?: unknown }).body;
    const refusal: Refusal | undefined = !this.budget.admit(performance.now())
      ? { status: 486, reason: 'Busy Here', detail: 'too many new calls at once' }
      : checkInvite({ raw: typeof raw === 'string' ? raw : '', ...(typeof body === 'string' && body !== '' ? { sdp: body } : {}) });
    if (refusal) {
      try {
        session.terminate({ status_code: refusal.status, reason_phrase: refusal.reason });
      } catch {
        // already over (the caller cancelled): nothing to refuse
      }
      this.emit('refused', { ...refusal, number: untrustedText(request.from?.uri?.user ?? '', 32) });
      return;
    }
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
    this.emit('incoming', this.track(new Call(session, 'incoming', remote, headers, this.callOptions())));
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
    return this.track(new Call(session, 'outgoing', { number, displayName: '' }, {}, options));
  }

  /** A SIP URI for a number on this agent's domain (transfer targets). */
  uriFor(number: string): string {
    return number.startsWith('sip:') ? number : `sip:${number}@${this.domain}`;
  }
}
