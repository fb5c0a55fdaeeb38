// Speech coaching's tap on a call (issue 12): the agent's microphone and the customer's voice go
// into one AudioWorklet (coachTap.worklet.ts) that turns them into 10 ms energy frames off the
// main thread; the page keeps the frames until the call link takes them (with its media poll)
// into the call actor as COACH.FEATURES. No audio is recorded, stored or sent.
import type { CoachFrames } from '../../core/coaching/coach.ts';
import { FRAME_MS } from '../../core/coaching/envelope.ts';
import type { Call } from '../engine/call.ts';
import workletUrl from './coachTap.worklet.ts?worker&url';
import type { TapMessage } from './coachTap.worklet.ts';

export interface CoachingTap {
  /** The frames heard since the last drain; undefined when none. */
  drain(): CoachFrames | undefined;
  stop(): void;
}

/** Frames kept for a call nobody drains (parked on hold): the last 3 s. */
const KEEP_FRAMES = 300;

interface Shared { context: AudioContext; ready: Promise<boolean>; taps: number }
let shared: Shared | undefined;

/**
 * One AudioContext for every call, suspended while no call is tapped (its render thread then
 * sleeps). It plays nothing, so it can be slow and coarse: the telephone band's 8 kHz (the coach
 * reads 300 Hz–3 kHz only; the labelled set measures the same at 8, 16 and 48 kHz) and a buffer of
 * about a second, so the audio threads wake a few times a second instead of hundreds. Measured on
 * a call: the worklet's thread 1.8 % of a core at 48 kHz 'playback', 1.1 % at 8 kHz, < 0.2 % with
 * the long buffer; frames then reach the page in bursts, up to a second late, which coaching can take.
 */
const SAMPLE_RATE = 8_000;
const LATENCY_S = 1;

function audio(): Shared | undefined {
  if (!shared) {
    if (typeof AudioContext === 'undefined' || typeof AudioWorkletNode === 'undefined') return undefined;
    try {
      const context = new AudioContext({ latencyHint: LATENCY_S, sampleRate: SAMPLE_RATE });
      shared = { context, taps: 0, ready: context.audioWorklet.addModule(workletUrl).then(() => true, () => false) };
    } catch {
      return undefined; // no audio here: the call goes on without coaching
    }
  }
  return shared;
}

function release(s: Shared): void {
  s.taps = Math.max(0, s.taps - 1);
  if (s.taps === 0) void s.context.suspend().catch(() => {});
}

/** Taps a connected call: its sender's microphone track and the received audio. */
export function tapCall(call: Call): CoachingTap | undefined {
  const pc = call.session.connection as RTCPeerConnection | undefined;
  const s = pc ? audio() : undefined;
  if (!pc || !s) return undefined;
  const local = pc.getSenders().map((x) => x.track).filter((t): t is MediaStreamTrack => t?.kind === 'audio');
  const remote = pc.getReceivers().map((x) => x.track).filter((t) => t.kind === 'audio');
  const agent: number[] = [];
  const customer: number[] = [];
  let stopped = false;
  let teardown: (() => void) | undefined;
  s.taps += 1;
  void s.ready.then((ok) => {
    if (ok && !stopped) teardown = listen(s.context, local, remote, agent, customer);
  });
  return {
    drain() {
      if (agent.length === 0 && customer.length === 0) return undefined;
      const frames: CoachFrames = { frameMs: FRAME_MS, agent: agent.splice(0), customer: customer.splice(0) };
      return frames;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      teardown?.();
      release(s);
    },
  };
}

/** Wires both sides into the worklet; its frames go into `agent` and `customer`. Returns the teardown, or nothing when it cannot listen. */
function listen(ctx: AudioContext, local: MediaStreamTrack[], remote: MediaStreamTrack[], agent: number[], customer: number[]): (() => void) | undefined {
  try {
    const node = new AudioWorkletNode(ctx, 'seatmate-coach-tap', {
      numberOfInputs: 2, numberOfOutputs: 1, outputChannelCount: [1], channelCount: 1, channelCountMode: 'explicit',
    });
    const sources = [local, remote].map((tracks, input) => {
      if (tracks.length === 0) return undefined;
      const source = ctx.createMediaStreamSource(new MediaStream(tracks));
      source.connect(node, 0, input);
      return source;
    });
    // The node must be pulled to run; it outputs silence.
    node.connect(ctx.destination);
    node.port.onmessage = (e: MessageEvent<TapMessage>) => {
      agent.push(...e.data.agent);
      customer.push(...e.data.customer);
      if (agent.length > KEEP_FRAMES) agent.splice(0, agent.length - KEEP_FRAMES);
      if (customer.length > KEEP_FRAMES) customer.splice(0, customer.length - KEEP_FRAMES);
    };
    void ctx.resume().catch(() => {});
    return () => {
      node.port.onmessage = null;
      node.port.postMessage('stop');
      for (const source of sources) source?.disconnect();
      node.disconnect();
    };
  } catch {
    return undefined; // an ended track, an audio device gone: this call goes on without coaching
  }
}
