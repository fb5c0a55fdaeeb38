// SERVICE-STANDARD §5 and the special calls of 002: how a call may end.
//  - Closing: after the closing phrase the agent's Hang up stays disabled for hangupWait (5 s),
//    so the customer hangs up first ("原则上,不能先于客户收线").
//  - Harassment: the warning, then the system hangs up after harassmentWarning (3 s), lock or not.
//  - Silent call: prompt, wait, prompt, wait, closing, wait, hang up (silentWait each, 5 s);
//    the caller speaking stops it.
import { callSetup, command, record, say } from './callSetup.ts';

const { createStateConfig } = callSetup;

/**
 * C1 (001–004): before closing, ask "请问还有什么可以帮您?" and recap the key details and what was
 * agreed (002: 挂电话前回顾一下关键的细节和达成的共识) — one step the agent confirms (Closing again,
 * or "nothing else") before the closing phrase and the lock. The customer's further question
 * goes back to talking.
 */
export const closingCheck = createStateConfig({
  id: 'closingCheck',
  entry: say('replies.anythingElse'),
  on: {
    'AGENT.CLOSING': { target: 'closingLock' },
    'AGENT.CONTINUE': { target: '#talking' },
    'AGENT.HARASSMENT': { target: '#harassmentWarning' },
  },
});

export const closingLock = createStateConfig({
  id: 'closingLock',
  initial: 'locked',
  entry: ['startLock', say('replies.closing')],
  exit: 'endLock',
  states: {
    locked: {
      after: { hangupWait: { target: 'unlocked' } },
      on: { 'AGENT.HANGUP': { actions: 'hangupLocked' } },
    },
    unlocked: {
      on: {
        'AGENT.HANGUP': {
          target: '#ended',
          actions: [command({ type: 'engine.hangup', reason: 'agent' }), record('agent-hangup')],
        },
      },
    },
  },
  on: {
    // The customer had one more question.
    'AGENT.CONTINUE': { target: '#talking' },
    'AGENT.HARASSMENT': { target: '#harassmentWarning' },
  },
});

export const harassmentWarning = createStateConfig({
  id: 'harassmentWarning',
  entry: say('harassment.warning'),
  after: {
    harassmentWarning: {
      target: '#ended',
      actions: [command({ type: 'engine.hangup', reason: 'system-harassment' }), record('system-hangup', 'harassment')],
    },
  },
});

export const silentSequence = createStateConfig({
  id: 'silentSequence',
  initial: 'firstPrompt',
  states: {
    firstPrompt: {
      entry: say('silent.prompt', 0),
      after: { silentWait0: { target: 'secondPrompt' } },
    },
    secondPrompt: {
      entry: say('silent.prompt', 1),
      after: { silentWait1: { target: 'closing' } },
    },
    closing: {
      entry: say('silent.closing', 2),
      after: {
        silentWait2: {
          target: '#ended',
          actions: [command({ type: 'engine.hangup', reason: 'system-silent' }), record('system-hangup', 'silent')],
        },
      },
    },
  },
  on: {
    'ENGINE.REMOTE_AUDIO': { guard: 'callerSpeaks', target: '#talking' },
    'AGENT.CONTINUE': { target: '#talking' },
    'AGENT.HARASSMENT': { target: '#harassmentWarning' },
  },
});
