// Before the call is up. SERVICE-STANDARD §1: answer within answerWithinRings rings (3), one
// ring cycle being ringCycle (5 s in China); the rings are counted so the overlay can show the rule.
import { callSetup, command, record } from './callSetup.ts';

const { createStateConfig } = callSetup;

/**
 * Incoming, ringing at the agent. Call waiting: answered while another call is up, it is picked
 * up only once that caller has agreed to hold and is held (the phone reports it).
 */
export const ringing = createStateConfig({
  id: 'ringing',
  type: 'parallel',
  states: {
    bell: {
      initial: 'ring',
      states: { ring: { after: { ringCycle: { target: 'ring', reenter: true, actions: 'countRing' } } } },
    },
    pickup: {
      initial: 'waiting',
      states: {
        waiting: { on: { 'AGENT.ANSWER_AFTER_HOLD': { target: 'afterHold' } } },
        afterHold: {
          on: {
            'PHONE.OTHER_HELD': { target: '#call.answering' },
            // Consent refused or the hold failed: keep ringing; the agent decides again.
            'PHONE.OTHER_NOT_HELD': { target: 'waiting' },
          },
        },
      },
    },
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
  entry: ['markAnswered', command({ type: 'engine.answer' })],
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
