// The speech coach: one step per batch of envelope frames from both sides of the call (the
// agent's microphone and the customer's voice, 10 ms frames, dB). It runs every estimator of
// this folder and returns the new state, the figures the views show, and what just happened
// (a talk-over, the start of dead air). Pure: the same batches give the same figures, in the
// call actor, in Node on the labelled set's WAVs, and in the tests with made-up envelopes.
import { FRAME_MS } from './envelope.ts';
import { deadAirFrame, inDeadAir, initialDeadAir, type DeadAirState } from './deadAir.ts';
import { initialLevel, stepLevel, type LevelState } from './remoteLevel.ts';
import { currentRate, initialRate, meanRate, sideOf, stepRate, type RateBand, type RateSide, type RateState } from './speakingRate.ts';
import { copyNuclei, initialNuclei, nucleusFrame, type NucleusState } from './syllables.ts';
import { initialTalkOver, talkOverFrame, type Speaker, type TalkOverState } from './talkOver.ts';
import { copyVad, initialVad, isActive, vadFrame, type VadState } from './voiceActivity.ts';

export type { RateBand, RateSide, Speaker };

/** The numbers the coach judges by (CallLimits carries them into the call actor). */
export interface CoachLimits {
  /** N11: the pack's band, characters a minute. */
  speakingRate: RateBand;
  /** A rate hint only after the rate stayed out of the band this long (of speech). */
  rateHintAfter: number;
  /** F2: overlap that makes a talk-over. */
  talkOverMin: number;
  /** Both sides silent this long while talking is dead air. */
  deadAirAfter: number;
  /** The customer's voice below this (dB, voice band) … */
  lowVoiceDb: number;
  /** … for this long of their speech suggests the low-volume script. */
  lowVoiceFor: number;
}

/** A batch of envelope frames, both sides aligned frame by frame. */
export interface CoachFrames {
  /** Frame length, ms (10). */
  frameMs: number;
  agent: readonly number[];
  customer: readonly number[];
}

export interface CoachFigures {
  /** Current rate (characters a minute, over the last WINDOW_MS of the agent's speech). */
  rate?: number;
  /** Mean rate over the call so far. */
  meanRate?: number;
  /** Where the current rate stands against the band ('ok' until there is one). */
  side: RateSide;
  /** Speech time with the rate out of the band, ms. */
  outOfRangeMs: number;
  /** Speech time the rate has stayed out of the band on one side, ms (the hint's clock). */
  offRunMs: number;
  agentSpeechMs: number;
  customerSpeechMs: number;
  /** F2: the agent talking over the customer, and the customer over the agent (counted apart). */
  talkOvers: Record<Speaker, number>;
  deadAir: { count: number; ms: number; now: boolean };
  /** The customer's speech level (dB, voice band), once heard; low for `lowMs` of their speech. */
  customerLevel?: number;
  customerLowMs: number;
}

export interface CoachState {
  agentVad: VadState;
  customerVad: VadState;
  nuclei: NucleusState;
  rate: RateState;
  talkOver: TalkOverState;
  deadAir: DeadAirState;
  level: LevelState;
  /** Frames heard so far: the coach's own clock (ms = frames × frameMs). */
  frames: number;
  figures: CoachFigures;
}

export type CoachEvent =
  | { type: 'talkOver'; by: Speaker; frame: number }
  | { type: 'deadAir'; frame: number };

export function initialCoach(): CoachState {
  return {
    agentVad: initialVad(), customerVad: initialVad(), nuclei: initialNuclei(), rate: initialRate(),
    talkOver: initialTalkOver(), deadAir: initialDeadAir(), level: initialLevel(), frames: 0,
    figures: {
      side: 'ok', outOfRangeMs: 0, offRunMs: 0, agentSpeechMs: 0, customerSpeechMs: 0,
      talkOvers: { agent: 0, customer: 0 }, deadAir: { count: 0, ms: 0, now: false }, customerLowMs: 0,
    },
  };
}

/**
 * One batch. `watching`: the call is simply up (talking), so silence there is dead air; on hold,
 * in a transfer or the closing it is not.
 */
export function stepCoach(state: CoachState, batch: CoachFrames, watching: boolean, limits: CoachLimits): { state: CoachState; events: CoachEvent[] } {
  const frameMs = batch.frameMs > 0 ? batch.frameMs : FRAME_MS;
  const n = Math.max(batch.agent.length, batch.customer.length);
  const agentVad = copyVad(state.agentVad);
  const customerVad = copyVad(state.customerVad);
  const nuclei = copyNuclei(state.nuclei);
  const talk: TalkOverState = { ...state.talkOver };
  const dead: DeadAirState = { ...state.deadAir };
  const events: CoachEvent[] = [];
  const nucleiBefore = nuclei.count;
  let agentFrames = 0;
  let customerFrames = 0;
  let customerLoudest = -Infinity;
  for (let i = 0; i < n; i++) {
    const a = batch.agent[i] ?? -100;
    const c = batch.customer[i] ?? -100;
    const agentSpeaks = vadFrame(agentVad, a);
    const customerSpeaks = vadFrame(customerVad, c);
    nucleusFrame(nuclei, a, agentSpeaks);
    if (agentSpeaks) agentFrames++;
    if (customerSpeaks) { customerFrames++; customerLoudest = Math.max(customerLoudest, c); }
    const frame = state.frames + i;
    const over = talkOverFrame(talk,
      { active: isActive(agentVad), speaking: agentSpeaks }, { active: isActive(customerVad), speaking: customerSpeaks }, frameMs, limits.talkOverMin);
    if (over) events.push({ type: 'talkOver', by: over, frame });
    if (deadAirFrame(dead, watching, agentSpeaks || customerSpeaks, frameMs, limits.deadAirAfter)) events.push({ type: 'deadAir', frame });
  }
  const rate = stepRate(state.rate, agentFrames * frameMs, nuclei.count - nucleiBefore, limits.speakingRate);
  const level = stepLevel(state.level, customerFrames * frameMs, customerLoudest, limits.lowVoiceDb);
  const current = currentRate(rate);
  const mean = meanRate(rate);
  const figures: CoachFigures = {
    ...(current === undefined ? {} : { rate: Math.round(current) }),
    ...(mean === undefined ? {} : { meanRate: Math.round(mean) }),
    side: sideOf(current, limits.speakingRate) ?? 'ok',
    outOfRangeMs: rate.outOfRangeMs,
    offRunMs: rate.offRunMs,
    agentSpeechMs: rate.speechMs,
    customerSpeechMs: state.figures.customerSpeechMs + customerFrames * frameMs,
    talkOvers: talk.counts,
    deadAir: { count: dead.count, ms: dead.ms, now: inDeadAir(dead, limits.deadAirAfter) },
    ...(level.level === undefined ? {} : { customerLevel: Math.round(level.level) }),
    customerLowMs: level.lowMs,
  };
  return {
    state: { agentVad, customerVad, nuclei, rate, talkOver: talk, deadAir: dead, level, frames: state.frames + n, figures },
    events,
  };
}
