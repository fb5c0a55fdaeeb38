// The engine adapter against a fake JsSIP UA: configuration, registration status, incoming calls
// with their headers reduced at the boundary, and dialling. No network, no browser.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SipEngine, type EngineOptions, type RegistrationStatus } from './sipEngine.ts';
import type { Call } from './call.ts';

const jssip = vi.hoisted(() => {
  class FakeSession {
    readonly listeners = new Map<string, ((e: never) => void)[]>();
    readonly terminated: Record<string, unknown>[] = [];
    constructor(readonly id: string) {}
    terminate(options: Record<string, unknown>) { this.terminated.push(options); }
    isEstablished() { return true; }
    on(type: string, fn: (e: never) => void) { this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]); }
    emit(type: string, e: unknown = {}) { for (const fn of this.listeners.get(type) ?? []) (fn as (e: unknown) => void)(e); }
  }

  class FakeUA {
    static instances: FakeUA[] = [];
    readonly calls: [string, Record<string, unknown>][] = [];
    started = 0;
    stopped = 0;
    registered = false;
    /** JsSIP's transport: tests set it along with the 'connected' and 'disconnected' they emit. */
    connected = true;
    private readonly listeners = new Map<string, ((e: never) => void)[]>();
    constructor(readonly config: Record<string, unknown>) { FakeUA.instances.push(this); }
    on(type: string, fn: (e: never) => void) { this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]); }
    emit(type: string, e: unknown = {}) { for (const fn of this.listeners.get(type) ?? []) (fn as (e: unknown) => void)(e); }
    start() { this.started += 1; }
    stop() { this.stopped += 1; }
    isRegistered() { return this.registered; }
    isConnected() { return this.connected; }
    call(uri: string, options: Record<string, unknown>) {
      this.calls.push([uri, options]);
      return new FakeSession(`out-${this.calls.length}`);
    }
  }

  class WebSocketInterface {
    constructor(readonly url: string) {}
  }

  // The real values of JsSIP.C.causes the engine compares against.
  const C = {
    causes: {
      CONNECTION_ERROR: 'Connection Error',
      REQUEST_TIMEOUT: 'Request Timeout',
      AUTHENTICATION_ERROR: 'Authentication Error',
      REJECTED: 'Rejected',
    },
  };
  return { FakeUA, FakeSession, WebSocketInterface, C };
});

vi.mock('jssip', () => ({ default: { UA: jssip.FakeUA, WebSocketInterface: jssip.WebSocketInterface, C: jssip.C } }));

type FakeUA = InstanceType<typeof jssip.FakeUA>;

const SIP: EngineOptions['sip'] = {
  uri: 'sip:1001@pbx.example.org;transport=ws',
  ws: ['wss://pbx-a.example.org:8089/ws', 'wss://pbx-b.example.org:8089/ws'],
  authUser: 'agent1001',
  password: 's3cret',
  displayName: 'Agent 1001',
  iceServers: [{ urls: 'stun:stun.example.org' }],
  iceGatheringCapMs: 250,
  register: true,
};

function startEngine(options: Partial<EngineOptions> = {}, sip: Partial<EngineOptions['sip']> = {}) {
  const engine = new SipEngine({ sip: { ...SIP, ...sip }, ...options });
  const statuses: RegistrationStatus[] = [];
  const incoming: Call[] = [];
  engine.on('registration', (s) => statuses.push(s));
  engine.on('incoming', (c) => incoming.push(c));
  engine.start();
  const ua = jssip.FakeUA.instances.at(-1) as FakeUA;
  return { engine, ua, statuses, incoming };
}

/** An incoming INVITE as JsSIP's IncomingRequest shows it: header look-up and the From party. */
function invite(headers: Record<string, string>, from: { user?: string; display_name?: string } = { user: '13800138000' }) {
  const byName = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    hasHeader: (name: string) => byName.has(name.toLowerCase()),
    getHeader: (name: string) => byName.get(name.toLowerCase()),
    from: { uri: { user: from.user }, display_name: from.display_name },
  };
}

function ring(ua: FakeUA, headers: Record<string, string>, from?: { user?: string; display_name?: string }, message: { data?: string; body?: string } = {}) {
  const session = new jssip.FakeSession('in-1');
  ua.emit('newRTCSession', { originator: 'remote', session, request: { ...invite(headers, from), ...message } });
  return session;
}

beforeEach(() => { jssip.FakeUA.instances = []; });

describe('the user agent', () => {
  it('is configured from the SIP settings and started', () => {
    const { ua } = startEngine();
    expect(jssip.FakeUA.instances).toHaveLength(1);
    expect(ua.started).toBe(1);
    expect(ua.config).toMatchObject({
      uri: 'sip:1001@pbx.example.org;transport=ws',
      password: 's3cret',
      authorization_user: 'agent1001',
      display_name: 'Agent 1001',
      register: true,
      user_agent: 'SeatMate',
    });
    // One WebSocket per ws URL, in the list's order, weighted in that order: JsSIP
    // (Transport._getSocket) takes the heaviest socket that has not failed, so the first server
    // whenever it is up and the next only when it fails — IT's order, not a random pick.
    const sockets = ua.config.sockets as { socket: InstanceType<typeof jssip.WebSocketInterface>; weight: number }[];
    expect(sockets.map((s) => [s.socket.url, s.weight])).toEqual([['wss://pbx-a.example.org:8089/ws', 2], ['wss://pbx-b.example.org:8089/ws', 1]]);
    expect(sockets.every((s) => s.socket instanceof jssip.WebSocketInterface)).toBe(true);
  });

  it('uses the sockets it is handed (training) and a custom user agent', () => {
    const socket = { url: 'training', via_transport: 'WS' };
    const { ua } = startEngine({ sockets: [socket as never], userAgent: 'SeatMate-Training' }, { register: false });
    expect(ua.config.sockets).toEqual([socket]);
    expect(ua.config.register).toBe(false);
    expect(ua.config.user_agent).toBe('SeatMate-Training');
  });

  it('starts one user agent however often it is started', () => {
    const { engine } = startEngine();
    engine.start();
    expect(jssip.FakeUA.instances).toHaveLength(1);
  });

  it('takes its domain from the SIP URI, without user or parameters', () => {
    expect(new SipEngine({ sip: SIP }).domain).toBe('pbx.example.org');
    expect(new SipEngine({ sip: { ...SIP, uri: 'sips:1001@pbx.example.org:5061' } }).domain).toBe('pbx.example.org:5061');
  });
});

describe('registration status', () => {
  it('starts disabled, then connecting, registered and unregistered', () => {
    const { engine, ua, statuses } = startEngine();
    expect(statuses).toEqual([]);
    ua.emit('connecting', { socket: {}, attempts: 1 });
    ua.emit('connected', { socket: {} });
    expect(engine.registration).toEqual({ state: 'connecting' });
    ua.emit('registered', { response: { status_code: 200 } });
    ua.emit('registered', { response: { status_code: 200 } });
    ua.emit('unregistered', { response: { status_code: 200 } });
    expect(statuses).toEqual([{ state: 'connecting' }, { state: 'registered' }, { state: 'unregistered' }]);
    expect(engine.registration).toEqual({ state: 'unregistered' });
  });

  it('is registered as soon as it is connected when it does not register', () => {
    const { ua, statuses } = startEngine({}, { register: false });
    ua.emit('connecting', {});
    ua.emit('connected', {});
    expect(statuses).toEqual([{ state: 'connecting' }, { state: 'registered' }]);
  });

  it.each([
    [{ cause: 'Rejected', response: { status_code: 401 } }, { state: 'failed', reason: 'auth', detail: '401' }],
    [{ cause: 'Rejected', response: { status_code: 403 } }, { state: 'failed', reason: 'auth', detail: '403' }],
    [{ cause: 'Rejected', response: { status_code: 407 } }, { state: 'failed', reason: 'auth', detail: '407' }],
    [{ cause: 'Authentication Error' }, { state: 'failed', reason: 'auth', detail: 'Authentication Error' }],
    [{ cause: 'Connection Error' }, { state: 'failed', reason: 'transport', detail: 'Connection Error' }],
    [{ cause: 'Request Timeout' }, { state: 'failed', reason: 'transport', detail: 'Request Timeout' }],
    [{ cause: 'Rejected', response: { status_code: 404 } }, { state: 'failed', reason: 'rejected', detail: '404' }],
  ])('maps registrationFailed %o to %o', (event, status) => {
    const { ua, statuses } = startEngine();
    ua.emit('registrationFailed', event);
    expect(statuses).toEqual([status]);
  });

  it('keeps saying "not connected" while JsSIP retries a lost connection, until it registers again', () => {
    const { ua, statuses } = startEngine();
    ua.emit('registered', {});
    ua.emit('disconnected', { error: true });
    ua.emit('connecting', { attempts: 2 });
    ua.emit('connecting', { attempts: 3 });
    ua.emit('registered', {});
    expect(statuses).toEqual([
      { state: 'registered' },
      { state: 'connecting', reason: 'transport', detail: 'not-connected' },
      { state: 'registered' },
    ]);
  });

  it('keeps an authentication failure on screen while JsSIP reconnects', () => {
    const { engine, ua } = startEngine();
    ua.emit('registrationFailed', { cause: 'Rejected', response: { status_code: 401 } });
    ua.emit('connecting', { attempts: 2 });
    expect(engine.registration).toEqual({ state: 'failed', reason: 'auth', detail: '401' });
  });

  it('stops the user agent and reports disabled', () => {
    const { engine, ua, statuses } = startEngine();
    ua.emit('registered', {});
    engine.stop();
    engine.stop();
    expect(ua.stopped).toBe(1);
    expect(statuses.at(-1)).toEqual({ state: 'disabled' });
    expect(engine.registration).toEqual({ state: 'disabled' });
    expect(() => engine.call('1003')).toThrow('engine not started');
  });

  it('stays disabled when the stopped user agent reports its un-REGISTER and disconnect afterwards', () => {
    // JsSIP's UA.stop() sends the un-REGISTER and closes the transport up to 2 s later.
    const { engine, ua, statuses } = startEngine();
    ua.emit('registered', {});
    engine.stop();
    ua.emit('unregistered', {});
    ua.emit('disconnected', { error: false });
    expect(engine.registration).toEqual({ state: 'disabled' });
    expect(statuses).toEqual([{ state: 'registered' }, { state: 'disabled' }]);

    // Started again, the new user agent's status is not disturbed by the old one.
    engine.start();
    const next = jssip.FakeUA.instances.at(-1) as FakeUA;
    expect(next).not.toBe(ua);
    next.emit('registered', {});
    ua.emit('disconnected', { error: false });
    expect(engine.registration).toEqual({ state: 'registered' });
  });
});

describe('an incoming call', () => {
  it('is announced with the caller and its headers', () => {
    const { ua, incoming } = startEngine();
    const session = ring(ua, { 'X-Caller-Tier': ' VIP ', 'X-Scenario': 'billing-query', 'X-IVR-Path': '1-3-2' }, { user: '13800138000', display_name: 'Zhang San' });
    expect(incoming).toHaveLength(1);
    const call = incoming[0]!;
    expect(call.session).toBe(session);
    expect(call.id).toBe('in-1');
    expect(call.direction).toBe('incoming');
    expect(call.remote).toEqual({ number: '13800138000', displayName: 'Zhang San' });
    expect(call.headers).toEqual({ tier: 'vip', scenario: 'billing-query', ivrPath: '1-3-2', transferredIn: false, replaces: false });
  });

  it('G7: ignores a tier that is not one of ours', () => {
    const { ua, incoming } = startEngine();
    ring(ua, { 'X-Caller-Tier': 'platinum' });
    expect(incoming[0]!.headers.tier).toBeUndefined();
  });

  it('reduces hostile header text to capped plain text', () => {
    const { ua, incoming } = startEngine();
    ring(ua, {
      'X-Scenario': 'a'.repeat(5 * 1024),
      'X-IVR-Path': '1-2<script>',
      'X-Caller-Tier': `vip${'x'.repeat(5 * 1024)}`,
    }, {
      user: `1380013\u00008000${'9'.repeat(100)}`,
      display_name: '<img src=x onerror=alert(1)>\u202eZhang\r\nSan\u0007',
    });
    const call = incoming[0]!;
    expect(call.headers.scenario).toBeUndefined();
    expect(call.headers.ivrPath).toBeUndefined();
    expect(call.headers.tier).toBeUndefined();
    // Markup stays text (shown, never parsed); control and bidi characters become spaces.
    expect(call.remote.displayName).toBe('<img src=x onerror=alert(1)> Zhang San');
    expect(Array.from(call.remote.number)).toHaveLength(32);
    expect(call.remote.number.startsWith('1380013 8000999')).toBe(true);
    expect(call.remote.number.endsWith('…')).toBe(true);
  });

  it('caps a long display name at 64 characters', () => {
    const { ua, incoming } = startEngine();
    ring(ua, {}, { user: '1', display_name: '张'.repeat(200) });
    expect(incoming[0]!.remote.displayName).toBe(`${'张'.repeat(63)}…`);
  });

  it('has an empty number and name when From has none', () => {
    const { ua, incoming } = startEngine();
    const session = new jssip.FakeSession('in-2');
    ua.emit('newRTCSession', { originator: 'remote', session, request: { hasHeader: () => false, getHeader: () => undefined } });
    expect(incoming[0]!.remote).toEqual({ number: '', displayName: '' });
  });

  it('T5: is a transfer to us with Referred-By, and replaces a call of ours with Replaces', () => {
    const { ua, incoming } = startEngine();
    ring(ua, { 'Referred-By': '<sip:1002@pbx.example.org>' });
    ring(ua, { Replaces: 'abc@pbx;to-tag=1;from-tag=2' });
    expect(incoming.map((c) => c.headers)).toEqual([
      expect.objectContaining({ transferredIn: true, replaces: false }),
      expect.objectContaining({ transferredIn: true, replaces: true }),
    ]);
  });

  it('reads the header names IT configured', () => {
    const { ua, incoming } = startEngine({ headerNames: { tier: 'X-Cust-Level', scenario: 'X-Topic', ivrPath: 'X-Menu' } });
    ring(ua, { 'X-Cust-Level': 'brand', 'X-Topic': 'roaming', 'X-Menu': '2-1', 'X-Caller-Tier': 'vip', 'X-Scenario': 'billing' });
    expect(incoming[0]!.headers).toMatchObject({ tier: 'brand', scenario: 'roaming', ivrPath: '2-1' });
  });

  it('releases ICE early on the incoming session', () => {
    const { ua } = startEngine();
    const session = ring(ua, {});
    expect(session.listeners.get('icecandidate')).toHaveLength(1);
  });

  it('is not announced for a call this agent placed', () => {
    const { ua, incoming } = startEngine();
    ua.emit('newRTCSession', { originator: 'local', session: new jssip.FakeSession('out-x'), request: invite({}) });
    expect(incoming).toEqual([]);
  });
});

describe('dialling', () => {
  it('dials a number on the agent\'s domain with audio, the ICE servers and extra headers', () => {
    const { engine, ua } = startEngine();
    const call = engine.call('1003', { headers: ['X-Consult: 1'] });
    expect(ua.calls).toHaveLength(1);
    const [uri, options] = ua.calls[0]!;
    expect(uri).toBe('sip:1003@pbx.example.org');
    expect(options).toMatchObject({
      mediaConstraints: { audio: true, video: false },
      pcConfig: { iceServers: [{ urls: 'stun:stun.example.org' }] },
      extraHeaders: ['X-Consult: 1'],
    });
    expect(options).not.toHaveProperty('mediaStream');
    expect(call.direction).toBe('outgoing');
    expect(call.id).toBe('out-1');
    expect(call.remote).toEqual({ number: '1003', displayName: '' });
    expect(call.headers).toEqual({});
  });

  it('keeps a full SIP URI and shows its user part', () => {
    const { engine, ua } = startEngine();
    const mic = { id: 'mic' } as unknown as MediaStream;
    const call = engine.call('sip:x@y.example.net', { mediaStream: mic });
    expect(ua.calls[0]![0]).toBe('sip:x@y.example.net');
    expect(ua.calls[0]![1].mediaStream).toBe(mic);
    expect(call.remote.number).toBe('x');
  });

  it('refuses to dial before it is started', () => {
    expect(() => new SipEngine({ sip: SIP }).call('1003')).toThrow('engine not started');
  });

  it('makes SIP URIs for transfer targets', () => {
    const engine = new SipEngine({ sip: SIP });
    expect(engine.uriFor('1003')).toBe('sip:1003@pbx.example.org');
    expect(engine.uriFor('sip:queue@other.example.org')).toBe('sip:queue@other.example.org');
  });
});

describe('several servers: the first whenever it is up (issue 14 §1)', () => {
  const A = 'wss://pbx-a.example.org:8089/ws';
  const B = 'wss://pbx-b.example.org:8089/ws';

  it('says which server it is registered on, and when that is a backup', () => {
    const { ua, statuses } = startEngine();
    ua.emit('connected', { socket: { url: A } });
    ua.emit('registered', {});
    ua.emit('disconnected', { error: true });
    ua.emit('connected', { socket: { url: B } });
    ua.emit('registered', {});
    expect(statuses).toEqual([
      { state: 'registered', server: 'pbx-a.example.org:8089', backup: false },
      { state: 'connecting', reason: 'transport', detail: 'not-connected' },
      { state: 'registered', server: 'pbx-b.example.org:8089', backup: true },
    ]);
  });

  it('names no server for a seat with only one', () => {
    const { ua, statuses } = startEngine({}, { ws: [A] });
    ua.emit('connected', { socket: { url: A } });
    ua.emit('registered', {});
    expect(statuses).toEqual([{ state: 'registered' }]);
  });

  it('on a backup, looks for the preferred server and goes back to it once no call is up', async () => {
    vi.useFakeTimers();
    try {
      const probes: string[] = [];
      let up = false;
      const { ua, statuses, incoming, engine } = startEngine({ probeServer: async (url) => { probes.push(url); return up; } }, { failbackProbeMs: 5_000 });
      ua.emit('connected', { socket: { url: B } });
      ua.emit('registered', {});
      const session = ring(ua, {});
      expect(incoming).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(5_000);
      expect(probes).toEqual([A]);
      up = true;
      await vi.advanceTimersByTimeAsync(5_000);
      // Back up, but a call is ringing: the agent stays where the call is.
      expect(jssip.FakeUA.instances).toHaveLength(1);
      session.emit('failed', { originator: 'remote', cause: 'Canceled' });
      // The call is over: a new user agent starts (the first server is the heaviest again).
      expect(ua.stopped).toBe(1);
      expect(jssip.FakeUA.instances).toHaveLength(2);
      const next = jssip.FakeUA.instances.at(-1) as FakeUA;
      // The old one's un-REGISTER and the new one's connecting do not flicker the status.
      ua.emit('unregistered', {});
      next.emit('connecting', {});
      expect(engine.registration).toEqual({ state: 'registered', server: 'pbx-b.example.org:8089', backup: true });
      next.emit('connected', { socket: { url: A } });
      next.emit('registered', {});
      expect(statuses.at(-1)).toEqual({ state: 'registered', server: 'pbx-a.example.org:8089', backup: false });
      // On the preferred server nobody probes any more.
      await vi.advanceTimersByTimeAsync(20_000);
      expect(probes).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the door: a caller that cannot be answered never rings (issue 14 §4)', () => {
  const OFFER = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/SAVPF 8\r\n';

  it('refuses a garbage or codec-less offer with 488, before JsSIP sends 180', () => {
    const { ua, engine, incoming } = startEngine();
    const refused: unknown[] = [];
    engine.on('refused', (r) => refused.push(r));
    const garbage = ring(ua, {}, { user: '2001' }, { data: 'INVITE …', body: 'not sdp at all' });
    const g729 = ring(ua, {}, { user: '2002' }, { data: 'INVITE …', body: OFFER.replace('SAVPF 8', 'SAVPF 18') });
    expect(incoming).toEqual([]);
    expect(garbage.terminated).toEqual([{ status_code: 488, reason_phrase: 'Not Acceptable Here' }]);
    expect(g729.terminated).toEqual([{ status_code: 488, reason_phrase: 'Not Acceptable Here' }]);
    expect(refused).toEqual([
      { status: 488, reason: 'Not Acceptable Here', detail: 'not an SDP offer (no v=0 first)', number: '2001' },
      expect.objectContaining({ status: 488, detail: expect.stringMatching(/no audio codec/), number: '2002' }),
    ]);
  });

  it('refuses an absurd header with 400 and lets a good offer ring', () => {
    const { ua, incoming } = startEngine();
    const huge = ring(ua, {}, {}, { data: `INVITE sip:1001@x SIP/2.0\r\nX-Filler: ${'a'.repeat(20_000)}\r\n\r\n`, body: OFFER });
    expect(huge.terminated).toEqual([{ status_code: 400, reason_phrase: 'Header Too Large' }]);
    ring(ua, {}, {}, { data: 'INVITE sip:1001@x SIP/2.0\r\n\r\n', body: OFFER });
    expect(incoming).toHaveLength(1);
  });

  it('sheds a flood: past the budget of new calls per window, 486 without ringing', () => {
    const { ua, incoming } = startEngine({ inviteBudget: { max: 3, windowMs: 60_000 } });
    const sessions = Array.from({ length: 10 }, () => ring(ua, {}));
    expect(incoming).toHaveLength(3);
    expect(sessions.slice(3).every((s) => s.terminated[0]?.status_code === 486)).toBe(true);
  });
});

describe('a lost connection', () => {
  it('says "not connected" even though JsSIP also reports the registration as lost', () => {
    const { ua, statuses } = startEngine();
    ua.emit('registered', {});
    ua.emit('disconnected', { error: true });
    ua.emit('unregistered', {});
    ua.emit('connecting', { attempts: 1 });
    expect(statuses.at(-1)).toEqual({ state: 'connecting', reason: 'transport', detail: 'not-connected' });
  });
});

describe('a hang-up while the connection is down (issue 14 §2)', () => {
  const A = 'wss://pbx-a.example.org:8089/ws';
  const B = 'wss://pbx-b.example.org:8089/ws';

  /** A connected call, then the WebSocket drops. */
  function callThenDrop(options: Partial<EngineOptions> = {}, sip: Partial<EngineOptions['sip']> = {}, server = A) {
    const started = startEngine(options, sip);
    const late: unknown[] = [];
    started.engine.on('lateHangup', (e) => late.push(e));
    started.ua.emit('connected', { socket: { url: server } });
    started.ua.emit('registered', {});
    const session = ring(started.ua, {});
    started.ua.connected = false;
    started.ua.emit('disconnected', { error: true });
    return { ...started, session, call: started.incoming[0]!, late };
  }

  it('sends the BYE as soon as JsSIP is connected again (before it re-registers), and reports it once', () => {
    const { ua, session, call, late } = callThenDrop();
    call.hangup('agent');
    expect(call.isEnded).toBe(true);
    expect(session.terminated).toEqual([]);
    ua.connected = true;
    ua.emit('connected', { socket: { url: A } });
    expect(session.terminated).toEqual([{ extraHeaders: ['Reason: SIP;cause=200;text="agent"'] }]);
    expect(late).toEqual([{ id: 'in-1', bye: 'sent', waitedMs: expect.any(Number) }]);
    ua.emit('registered', {});
    ua.emit('disconnected', { error: true });
    ua.emit('connected', { socket: { url: A } });
    expect(session.terminated).toHaveLength(1);
    expect(late).toHaveLength(1);
  });

  it('never reconnects: gives up after 32 s, reports the BYE not sent, and leaves no timer or waiter behind', () => {
    vi.useFakeTimers();
    try {
      const { ua, session, call, late } = callThenDrop();
      call.hangup();
      vi.advanceTimersByTime(32_000);
      expect(session.terminated).toEqual([{}]);
      expect(late).toEqual([{ id: 'in-1', bye: 'not-sent', waitedMs: expect.any(Number) }]);
      expect(vi.getTimerCount()).toBe(0);
      ua.connected = true;
      ua.emit('connected', { socket: { url: A } });
      expect(session.terminated).toHaveLength(1);
      expect(late).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('on a backup, does not go back to the preferred server while a BYE waits: its dialog is on this one', async () => {
    vi.useFakeTimers();
    try {
      const { ua, session, call, late } = callThenDrop({ probeServer: async () => true }, { failbackProbeMs: 5_000 }, B);
      call.hangup();
      // The preferred server answers meanwhile; moving now would stop this user agent and its dialog.
      await vi.advanceTimersByTimeAsync(10_000);
      expect(jssip.FakeUA.instances).toHaveLength(1);
      expect(ua.stopped).toBe(0);
      // The backup's connection is back: the BYE leaves there, then the agent moves.
      ua.connected = true;
      ua.emit('connected', { socket: { url: B } });
      expect(session.terminated).toHaveLength(1);
      expect(late).toEqual([expect.objectContaining({ bye: 'sent' })]);
      expect(ua.stopped).toBe(1);
      expect(jssip.FakeUA.instances).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
