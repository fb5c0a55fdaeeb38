// Before the call is up. SERVICE-STANDARD §1: answer within answerWithinRings rings (3), one
// ring cycle being ringCycle (5 s in China); the rings are counted so the overlay can show the rule.
import { callSetup, command, record } from './callSetup.ts';

const { createStateConfig } = callSetup;

/** Incoming, ringing at the agent. */
export const ringing = createStateConfig({
  id: 'ringing',
  initial: 'ring',
  states: {
    ring: { after: { ringCycle: { target: 'ring', reenter: true, actions: 'countRing' } } },
  },
  on: {
    'AGENT.ANSWER': { target: 'answering' },
    'AGENT.DECLINE': { target: 'ended', actions: [command({ type: 'engine.decline', code: 486 }), record('declined')] },
    'ENGINE.CONFIRMED': { target: 'connected' },
    'ENGINE.ENDED': { target: 'ended', actions: record('missed', 'event') },
    'ENGINE.FAILED': { target: 'ended', actions: record('missed', 'event') },
  },
});

/** Answer sent; waiting for the call to be confirmed. */
export const answering = createStateConfig({
  entry: command({ type: 'engine.answer' }),
  on: {
    'ENGINE.CONFIRMED': { target: 'connected' },
    'ENGINE.ENDED': { target: 'ended', actions: record('missed', 'event') },
    'ENGINE.FAILED': { target: 'ended', actions: record('missed', 'event') },
  },
});

/** Outgoing (e.g. a promised call-back), not answered yet; the agent may cancel. */
export const dialing = createStateConfig({
  initial: 'calling',
  states: {
    calling: { on: { 'ENGINE.PROGRESS': { target: 'ringback' } } },
    ringback: {},
  },
  on: {
    'ENGINE.CONFIRMED': { target: 'connected' },
    'ENGINE.FAILED': { target: 'ended', actions: record('failed', 'event') },
    'ENGINE.ENDED': { target: 'ended', actions: record('failed', 'event') },
    'AGENT.HANGUP': { target: 'ended', actions: [command({ type: 'engine.hangup', reason: 'agent' }), record('agent-hangup')] },
  },
});
