// The Call adapter against a fake JsSIP RTCSession: what JsSIP emits becomes the Call's own
// events, and the Call's methods reach JsSIP with the right options. No network, no browser.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Call, type CallEvents, type CallOptions } from './call.ts';

type Stat = Record<string, unknown> & { type: string };

class FakePeerConnection {
  receivers: { track: { kind: string; id: string } | null }[] = [
    { track: { kind: 'audio', id: 'caller-voice' } },
    { track: { kind: 'video', id: 'camera' } },
    { track: null },
  ];
  senders: { track: { kind: string; stopped: boolean; stop(): void } | null }[] = [
    { track: { kind: 'audio', stopped: false, stop() { this.stopped = true; } } },
  ];
  closed = false;
  stats: Stat[] = [];
  readonly listeners = new Map<string, (() => void)[]>();
  getReceivers() { return this.receivers; }
  getSenders() { return this.senders; }
  close() { this.closed = true; }
  async getStats() { return new Map(this.stats.map((s, i) => [`s${i}`, s])); }
  addEventListener(type: string, fn: () => void) { this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]); }
  fire(type: string) { for (const fn of this.listeners.get(type) ?? []) fn(); }
}

interface ReferOptions {
  replaces?: unknown;
  eventHandlers: { accepted: () => void; failed: () => void; requestFailed: () => void };
}

class FakeSession {
  id: string | undefined = 'session-1';
  connection: FakePeerConnection | undefined = new FakePeerConnection();
  readonly answered: unknown[] = [];
  readonly terminated: unknown[] = [];
  readonly dtmfSent: [string, unknown][] = [];
  readonly infoSent: [string, string][] = [];
  readonly refers: [string, ReferOptions][] = [];
  holdSent = true;
  /** JsSIP: confirmed (or answered, waiting for the ACK): a hang-up is a BYE. */
  established = true;
  holdDone: (() => void) | undefined;
  unholdDone: (() => void) | undefined;
  private audioMuted = false;
  private readonly listeners = new Map<string, ((e: never) => void)[]>();

  on(type: string, fn: (e: never) => void) { this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]); }
  emit(type: string, e: unknown = {}) { for (const fn of this.listeners.get(type) ?? []) (fn as (e: unknown) => void)(e); }

  answer(options: unknown) { this.answered.push(options); }
  terminate(options: unknown) { this.terminated.push(options); }
  isEstablished() { return this.established; }
  hold(_options: unknown, done: () => void) { this.holdDone = done; return this.holdSent; }
  unhold(_options: unknown, done: () => void) { this.unholdDone = done; return this.holdSent; }
  mute(o: { audio?: boolean }) { if (o.audio) this.audioMuted = true; }
  unmute(o: { audio?: boolean }) { if (o.audio) this.audioMuted = false; }
  isMuted() { return { audio: this.audioMuted, video: false }; }
  sendDTMF(tones: string, options: unknown) { this.dtmfSent.push([tones, options]); }
  sendInfo(contentType: string, body: string) { this.infoSent.push([contentType, body]); }
  refer(target: string, options: ReferOptions) { this.refers.push([target, options]); }
}

function makeCall(session = new FakeSession(), options: CallOptions = { pcConfig: {} }) {
  const call = new Call(session as never, 'incoming', { number: '13800138000', displayName: '' }, {}, options);
  const seen: { type: keyof CallEvents; payload: unknown }[] = [];
  const types: (keyof CallEvents)[] = [
    'progress', 'confirmed', 'ended', 'holdAccepted', 'holdFailed', 'unholdAccepted', 'unholdFailed',
    'remoteReinvite', 'referReceived', 'dtmf', 'lateHangup',
  ];
  for (const type of types) call.on(type, (payload) => seen.push({ type, payload }));
  return { call, session, seen, of: (type: keyof CallEvents) => seen.filter((s) => s.type === type).map((s) => s.payload) };
}

describe('a call follows its JsSIP session', () => {
  it('takes its id from the session, or makes one by direction', () => {
    expect(makeCall().call.id).toBe('session-1');
    const anonymous = new FakeSession();
    anonymous.id = undefined;
    expect(makeCall(anonymous).call.id).toMatch(/^incoming-[a-z0-9]+$/);
  });

  it('reports progress and confirmed', () => {
    const { session, seen } = makeCall();
    session.emit('progress', { originator: 'remote' });
    session.emit('confirmed', { originator: 'local' });
    expect(seen.map((s) => s.type)).toEqual(['progress', 'confirmed']);
  });

  it('ends once with who ended it and why, even when JsSIP sends both ended and failed', () => {
    const { call, session, of } = makeCall();
    expect(call.isEnded).toBe(false);
    session.emit('ended', { originator: 'remote', cause: 'Terminated' });
    session.emit('failed', { originator: 'local', cause: 'Canceled', message: { status_code: 487 } });
    session.emit('ended', { originator: 'local', cause: 'Bye' });
    expect(of('ended')).toEqual([{ by: 'remote', cause: 'Terminated' }]);
    expect(call.isEnded).toBe(true);
  });

  it('carries the SIP status of a failed call', () => {
    const { session, of } = makeCall();
    session.emit('failed', { originator: 'remote', cause: 'Busy', message: { status_code: 486 } });
    expect(of('ended')).toEqual([{ by: 'remote', cause: 'Busy', status: 486 }]);
  });

  it('has no status when the failure had no SIP response', () => {
    const { session, of } = makeCall();
    session.emit('failed', { originator: 'system', cause: 'Connection Error' });
    expect(of('ended')).toEqual([{ by: 'system', cause: 'Connection Error', status: undefined }]);
  });

  it('reports a re-INVITE from the far end', () => {
    const { session, of } = makeCall();
    session.emit('reinvite', { request: {} });
    expect(of('remoteReinvite')).toHaveLength(1);
  });

  it('accepts an INVITE with Replaces for this call (attended transfer completing here)', () => {
    const { session } = makeCall();
    const accept = vi.fn();
    session.emit('replaces', { accept, reject: vi.fn() });
    expect(accept).toHaveBeenCalledOnce();
  });
});

describe('hold and unhold', () => {
  it('is on hold only when the far end accepted the re-INVITE (JsSIP\'s hold event fires on sending)', () => {
    const { call, session, of } = makeCall();
    call.hold();
    session.emit('hold', { originator: 'local' });
    expect(of('holdAccepted')).toEqual([]);
    expect(session.holdDone).toBeTypeOf('function');
    session.holdDone?.();
    expect(of('holdAccepted')).toHaveLength(1);
    expect(of('holdFailed')).toEqual([]);
  });

  it('is off hold only when the far end accepted the unhold', () => {
    const { call, session, of } = makeCall();
    call.unhold();
    session.emit('unhold', { originator: 'local' });
    expect(of('unholdAccepted')).toEqual([]);
    session.unholdDone?.();
    expect(of('unholdAccepted')).toHaveLength(1);
  });

  it('fails with not-ready when JsSIP refuses to send the re-INVITE', () => {
    const session = new FakeSession();
    session.holdSent = false;
    const { call, of } = makeCall(session);
    call.hold();
    call.unhold();
    expect(of('holdFailed')).toEqual([{ reason: 'not-ready' }]);
    expect(of('unholdFailed')).toEqual([{ reason: 'not-ready' }]);
    expect(of('holdAccepted')).toEqual([]);
  });
});

/** The signalling connection (the engine's WebSocket), up or down; `waiting` counts its waiters. */
function link(connected: boolean) {
  const waiting = new Set<() => void>();
  return {
    connected,
    waiting,
    isConnected() { return this.connected; },
    onceConnected(fn: () => void) { waiting.add(fn); return () => { waiting.delete(fn); }; },
    up() { this.connected = true; for (const fn of [...waiting]) fn(); waiting.clear(); },
  };
}

describe('hold, resume and transfer while the signalling connection is down (issue 14 §2)', () => {
  it('waits for the connection to be back before sending the resume, then reports it accepted', () => {
    const connection = link(false);
    const { call, session, of } = makeCall(new FakeSession(), { pcConfig: {}, connection });
    call.unhold();
    expect(session.unholdDone).toBeUndefined();
    connection.up();
    session.unholdDone?.();
    expect(of('unholdAccepted')).toHaveLength(1);
  });

  it('gives up after 30 s without a connection: the hold fails as not connected', () => {
    vi.useFakeTimers();
    try {
      const { call, session, of } = makeCall(new FakeSession(), { pcConfig: {}, connection: link(false) });
      call.hold();
      vi.advanceTimersByTime(30_000);
      expect(session.holdDone).toBeUndefined();
      expect(of('holdFailed')).toEqual([{ reason: 'not-connected' }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('sends nothing for a call that ended meanwhile', () => {
    const connection = link(false);
    const { call, session, of } = makeCall(new FakeSession(), { pcConfig: {}, connection });
    call.refer('sip:1003@pbx');
    session.emit('ended', { originator: 'remote', cause: 'Terminated' });
    connection.up();
    expect(session.refers).toEqual([]);
    expect(of('ended')).toHaveLength(1);
  });

  it('sends at once while connected', () => {
    const { call, session } = makeCall(new FakeSession(), { pcConfig: {}, connection: link(true) });
    call.hold();
    expect(session.holdDone).toBeDefined();
  });
});

describe('a hang-up while the signalling connection is down: the BYE goes once it is back', () => {
  const REASON = { extraHeaders: ['Reason: SIP;cause=200;text="agent"'] };

  it('ends the call here at once and off the line, and sends the BYE in the same session once connected', () => {
    const connection = link(false);
    const { call, session, of } = makeCall(new FakeSession(), { pcConfig: {}, connection });
    const pc = session.connection!;
    call.hangup('agent');
    // The agent is free now; nothing more reaches either side; JsSIP's session (the dialog) is kept.
    expect(of('ended')).toEqual([{ by: 'local', cause: 'Terminated' }]);
    expect(call.isEnded).toBe(true);
    expect(call.byeWaiting).toBe(true);
    expect(pc.closed).toBe(true);
    expect(pc.senders[0]?.track?.stopped).toBe(true);
    expect(session.terminated).toEqual([]);
    connection.up();
    expect(session.terminated).toEqual([REASON]);
    expect(of('lateHangup')).toEqual([{ bye: 'sent', waitedMs: expect.any(Number) }]);
    expect(call.byeWaiting).toBe(false);
    // The 'ended' JsSIP emits for its own terminate() changes nothing.
    session.emit('ended', { originator: 'local', cause: 'Terminated' });
    expect(of('ended')).toHaveLength(1);
    expect(of('lateHangup')).toHaveLength(1);
  });

  it('gives up after 32 s (SIP timer F) without a connection: the session is closed without a BYE, reported, nothing left waiting', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const connection = link(false);
      const { call, session, of } = makeCall(new FakeSession(), { pcConfig: {}, connection });
      call.hangup();
      vi.advanceTimersByTime(31_999);
      expect(session.terminated).toEqual([]);
      expect(of('lateHangup')).toEqual([]);
      vi.advanceTimersByTime(1);
      // JsSIP's terminate() with no connection closes the dialog and the session; no BYE can leave.
      expect(session.terminated).toEqual([{}]);
      expect(of('lateHangup')).toEqual([{ bye: 'not-sent', waitedMs: 32_000 }]);
      expect(vi.getTimerCount()).toBe(0);
      expect(connection.waiting.size).toBe(0);
      connection.up();
      expect(session.terminated).toHaveLength(1);
      expect(of('ended')).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops waiting when the session ends by itself: the far end hung up (no BYE needed), or the user agent stopped (none sent)', () => {
    for (const [originator, bye] of [['remote', 'not-needed'], ['local', 'not-sent']] as const) {
      vi.useFakeTimers();
      try {
        const connection = link(false);
        const { call, session, of } = makeCall(new FakeSession(), { pcConfig: {}, connection });
        call.hangup();
        session.emit('ended', { originator, cause: 'Terminated' });
        expect(of('lateHangup')).toEqual([{ bye, waitedMs: expect.any(Number) }]);
        expect(vi.getTimerCount()).toBe(0);
        expect(connection.waiting.size).toBe(0);
        connection.up();
        expect(session.terminated).toEqual([]);
        expect(of('ended')).toHaveLength(1);
      } finally {
        vi.useRealTimers();
      }
    }
  });

  it('hangs up at once while connected, and for a call not established (nothing to keep a dialog for)', () => {
    const connected = makeCall(new FakeSession(), { pcConfig: {}, connection: link(true) });
    connected.call.hangup();
    expect(connected.session.terminated).toEqual([{}]);
    expect(connected.session.connection?.closed).toBe(false);
    const early = new FakeSession();
    early.established = false;
    const ringing = makeCall(early, { pcConfig: {}, connection: link(false) });
    ringing.call.hangup();
    expect(early.terminated).toEqual([{}]);
    expect(ringing.of('lateHangup')).toEqual([]);
  });
});

describe('answered, but the caller never acknowledges (a CANCEL crossed the answer)', () => {
  it('ends the call after 5 s without the caller\'s ACK, instead of "Answering…" for JsSIP\'s 32 s', () => {
    vi.useFakeTimers();
    try {
      const { call, session } = makeCall();
      call.answer();
      vi.advanceTimersByTime(4_999);
      expect(session.terminated).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(session.terminated).toHaveLength(1);
      const confirmed = makeCall();
      confirmed.call.answer();
      confirmed.session.emit('confirmed', { originator: 'remote' });
      vi.advanceTimersByTime(10_000);
      expect(confirmed.session.terminated).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('answering and ending', () => {
  it('answers with the pcConfig, audio only by default, and the given microphone stream', () => {
    const session = new FakeSession();
    const pcConfig = { iceServers: [{ urls: 'stun:stun.example.org' }] };
    const { call } = makeCall(session, { pcConfig });
    call.answer();
    const mic = { id: 'mic' } as unknown as MediaStream;
    call.answer(mic);
    expect(session.answered).toEqual([
      { mediaConstraints: { audio: true, video: false }, pcConfig },
      { mediaConstraints: { audio: true, video: false }, mediaStream: mic, pcConfig },
    ]);
  });

  it('declines busy (486) or decline (603)', () => {
    const { call, session } = makeCall();
    call.decline();
    call.decline(603);
    expect(session.terminated).toEqual([
      { status_code: 486, reason_phrase: 'Busy Here' },
      { status_code: 603, reason_phrase: 'Decline' },
    ]);
  });

  it('hangs up with a Reason header whose text has its quotes stripped', () => {
    const { call, session } = makeCall();
    call.hangup('agent "said" bye');
    call.hangup();
    expect(session.terminated).toEqual([
      { extraHeaders: ['Reason: SIP;cause=200;text="agent said bye"'] },
      {},
    ]);
  });

  it('does not terminate a call that has already ended', () => {
    const { call, session } = makeCall();
    session.emit('ended', { originator: 'remote', cause: 'Terminated' });
    call.hangup('agent');
    call.decline(603);
    expect(session.terminated).toEqual([]);
  });
});

describe('REFER and transfer', () => {
  it('rejects a REFER from the far end and reports it', () => {
    const { session, of } = makeCall();
    const reject = vi.fn();
    const accept = vi.fn();
    session.emit('refer', { reject, accept, request: {} });
    expect(reject).toHaveBeenCalledOnce();
    expect(accept).not.toHaveBeenCalled();
    expect(of('referReceived')).toHaveLength(1);
  });

  it('blind transfer refers without replaces', () => {
    const { call, session } = makeCall();
    call.refer('sip:1003@pbx.example.org');
    expect(session.refers).toHaveLength(1);
    const [target, options] = session.refers[0]!;
    expect(target).toBe('sip:1003@pbx.example.org');
    expect(options).not.toHaveProperty('replaces');
  });

  it('T2: attended transfer passes the consult call\'s session as replaces, and reports the outcome', () => {
    const { call, session } = makeCall();
    const consultSession = new FakeSession();
    consultSession.id = 'consult-1';
    const consult = new Call(consultSession as never, 'outgoing', { number: '1003' }, {}, { pcConfig: {} });
    const accepted = vi.fn();
    const failed = vi.fn();
    call.refer('sip:1003@pbx.example.org', consult, { accepted, failed });
    const [target, options] = session.refers[0]!;
    expect(target).toBe('sip:1003@pbx.example.org');
    expect(options.replaces).toBe(consultSession);
    options.eventHandlers.accepted();
    expect(accepted).toHaveBeenCalledOnce();
    options.eventHandlers.failed();
    options.eventHandlers.requestFailed();
    expect(failed).toHaveBeenCalledTimes(2);
  });
});

describe('DTMF', () => {
  it('reports a tone the far end sent with JsSIP\'s DTMF (an INFO with application/dtmf-relay)', () => {
    const { session, of } = makeCall();
    session.emit('newDTMF', { originator: 'remote', dtmf: { tone: '7' }, request: {} });
    expect(of('dtmf')).toEqual([{ tone: '7', via: 'info' }]);
  });

  it('reports a tone carried in any other SIP INFO body (Signal=5)', () => {
    const { session, of } = makeCall();
    session.emit('newInfo', { originator: 'remote', info: { contentType: 'application/x-dtmf', body: 'Signal=5\r\nDuration=160\r\n' } });
    session.emit('newInfo', { originator: 'remote', info: { contentType: 'application/json', body: '{"hello":1}' } });
    session.emit('newInfo', { originator: 'remote', info: { contentType: 'text/plain', body: undefined } });
    expect(of('dtmf')).toEqual([{ tone: '5', via: 'info' }]);
  });

  it('ignores the tones and INFOs the agent sends', () => {
    const { session, of } = makeCall();
    session.emit('newDTMF', { originator: 'local', dtmf: { tone: '1' } });
    session.emit('newInfo', { originator: 'local', info: { body: 'Signal=2' } });
    expect(of('dtmf')).toEqual([]);
  });

  it('sends tones in the media by default, or one SIP INFO per tone', () => {
    const { call, session } = makeCall();
    call.sendDtmf('12#');
    call.sendDtmf('9*', 'info');
    expect(session.dtmfSent).toEqual([['12#', { duration: 100, interToneGap: 70, transportType: 'RFC2833' }]]);
    expect(session.infoSent).toEqual([
      ['application/dtmf-relay', 'Signal=9\r\nDuration=160\r\n'],
      ['application/dtmf-relay', 'Signal=*\r\nDuration=160\r\n'],
    ]);
  });
});

describe('mute', () => {
  it('mutes and unmutes the microphone and reads the state back from JsSIP', () => {
    const { call } = makeCall();
    expect(call.muted).toBe(false);
    call.mute();
    expect(call.muted).toBe(true);
    call.unmute();
    expect(call.muted).toBe(false);
  });
});

describe('media stats', () => {
  it('counts packets and takes voice levels as the RMS of the energy since the last poll', async () => {
    const session = new FakeSession();
    const pc = session.connection!;
    const { call } = makeCall(session);
    pc.stats = [
      { type: 'inbound-rtp', kind: 'audio', packetsReceived: 100, totalAudioEnergy: 0.5, totalSamplesDuration: 2 },
      { type: 'inbound-rtp', kind: 'video', packetsReceived: 999, totalAudioEnergy: 9, totalSamplesDuration: 9 },
      { type: 'outbound-rtp', kind: 'audio', packetsSent: 90 },
      { type: 'media-source', kind: 'audio', totalAudioEnergy: 0.08, totalSamplesDuration: 2 },
      { type: 'candidate-pair', bytesSent: 1234 },
    ];
    const first = await call.stats();
    expect(first.inboundPackets).toBe(100);
    expect(first.outboundPackets).toBe(90);
    expect(first.audioLevel).toBeCloseTo(0.5, 6); // √(0.5 / 2)
    expect(first.localLevel).toBeCloseTo(0.2, 6); // √(0.08 / 2)

    // One more second: the caller spoke at level 0.1 (energy 0.01), the agent at 0.5 (0.25).
    pc.stats = [
      { type: 'inbound-rtp', kind: 'audio', packetsReceived: 150, totalAudioEnergy: 0.51, totalSamplesDuration: 3 },
      { type: 'outbound-rtp', kind: 'audio', packetsSent: 140 },
      { type: 'media-source', kind: 'audio', totalAudioEnergy: 0.33, totalSamplesDuration: 3 },
    ];
    const second = await call.stats();
    expect(second.inboundPackets).toBe(150);
    expect(second.outboundPackets).toBe(140);
    expect(second.audioLevel).toBeCloseTo(0.1, 6);
    expect(second.localLevel).toBeCloseTo(0.5, 6);

    // No time passed: no level, rather than a division by zero.
    const third = await call.stats();
    expect(third.audioLevel).toBe(0);
    expect(third.localLevel).toBe(0);
  });

  it('is all zeros before there is a peer connection', async () => {
    const session = new FakeSession();
    session.connection = undefined;
    await expect(makeCall(session).call.stats()).resolves.toEqual({ inboundPackets: 0, outboundPackets: 0, audioLevel: 0, localLevel: 0 });
  });
});

describe('remote audio', () => {
  class FakeMediaStream {
    constructor(readonly tracks: unknown[]) {}
  }

  beforeEach(() => { vi.stubGlobal('MediaStream', FakeMediaStream); });
  afterEach(() => { vi.unstubAllGlobals(); });

  it('plays the caller\'s audio tracks once when the call is confirmed, and stops when it ends', () => {
    const stop = vi.fn();
    const audioOutput = vi.fn((_stream: MediaStream) => stop);
    const session = new FakeSession();
    makeCall(session, { pcConfig: {}, audioOutput });
    session.emit('peerconnection', { peerconnection: session.connection });
    expect(audioOutput).not.toHaveBeenCalled();

    session.emit('confirmed', {});
    session.connection!.fire('track');
    session.emit('confirmed', {});
    expect(audioOutput).toHaveBeenCalledOnce();
    const stream = audioOutput.mock.calls[0]![0] as unknown as FakeMediaStream;
    expect(stream).toBeInstanceOf(FakeMediaStream);
    expect(stream.tracks).toEqual([{ kind: 'audio', id: 'caller-voice' }]);

    session.emit('ended', { originator: 'remote', cause: 'Terminated' });
    session.emit('failed', { originator: 'remote', cause: 'Terminated' });
    expect(stop).toHaveBeenCalledOnce();
  });

  it('starts playing on a late audio track (early media before confirmed)', () => {
    const audioOutput = vi.fn((_stream: MediaStream) => () => {});
    const session = new FakeSession();
    const pc = session.connection!;
    const voice = pc.receivers[0]!;
    pc.receivers = [];
    makeCall(session, { pcConfig: {}, audioOutput });
    session.emit('peerconnection', { peerconnection: pc });
    pc.fire('track');
    expect(audioOutput).not.toHaveBeenCalled();
    pc.receivers = [voice];
    pc.fire('track');
    expect(audioOutput).toHaveBeenCalledOnce();
  });
});

describe('H2: music on hold on a replaced track', () => {
  function musicSetup() {
    const mic = { kind: 'audio', id: 'mic' } as unknown as MediaStreamTrack;
    const sender = { track: mic as MediaStreamTrack | null, replaceTrack: vi.fn(async (t: MediaStreamTrack | null) => { sender.track = t; }) };
    const session = new FakeSession();
    let held = false;
    (session.connection as unknown as { getSenders: () => unknown[] }).getSenders = () => [sender];
    (session as unknown as { isOnHold: () => { local: boolean } }).isOnHold = () => ({ local: held });
    const music = { kind: 'audio', id: 'music' } as unknown as MediaStreamTrack;
    const stop = vi.fn();
    const start = vi.fn(async () => ({ track: music, stop }));
    const { call } = makeCall(session, { pcConfig: {}, holdMusic: { start } });
    return { call, session, sender, mic, music, stop, start, hold: (on: boolean) => { held = on; } };
  }
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('H2: once the far end accepted the hold, it hears the music; on unhold the microphone is back and the music stops', async () => {
    const t = musicSetup();
    t.call.hold();
    expect(t.start).not.toHaveBeenCalled(); // nothing before the far end accepted
    t.hold(true);
    t.session.holdDone?.();
    await settle();
    expect(t.sender.track).toBe(t.music);
    t.call.unhold();
    await settle();
    expect(t.sender.track).toBe(t.mic);
    expect(t.stop).toHaveBeenCalledTimes(1);
  });

  it('H2: a hold taken back while the music was loading never puts it on the line', async () => {
    const t = musicSetup();
    t.call.hold();
    t.hold(true);
    t.session.holdDone?.();
    t.hold(false);
    t.call.unhold();
    await settle();
    expect(t.sender.track).toBe(t.mic);
    expect(t.stop).toHaveBeenCalled();
  });
});
