// Rules that watch the whole connected call, beside whatever the agent is doing:
//  - greet within greetWithin (3 s) of connecting (002, 004) — incoming calls;
//  - chat/harassment call: longest talk chatCallLimit (10 min, 001); the caller is warned
//    chatCallWarningLead before it and the system hangs up at it;
//  - remote audio silent for silenceDetect suggests a silent call (the agent decides).
import { stateIn } from 'xstate';
import { callSetup, command, record } from './callSetup.ts';

const { createStateConfig } = callSetup;

export const greeting = createStateConfig({
  initial: 'check',
  states: {
    check: { always: [{ guard: 'isOutgoing', target: 'notRequired' }, { target: 'due' }] },
    due: {
      after: { greetWithin: { target: 'late', actions: 'greetingLate' } },
      on: {
        // The agent's voice heard on the line, or the agent marking it said.
        'ENGINE.LOCAL_AUDIO': { guard: 'agentSpeaks', target: 'met', actions: { type: 'markGreeted', params: { by: 'voice' } } },
        'AGENT.GREETED': { target: 'met', actions: { type: 'markGreeted', params: { by: 'agent' } } },
      },
    },
    met: {},
    late: {},
    notRequired: {},
  },
});

const chatCallHangup = [
  command({ type: 'engine.hangup', reason: 'system-harassment' }),
  record('system-hangup', 'chat-call-limit'),
] as const;

/** Talk time since connecting; only a call marked as a chat call is warned and cut. */
export const talkTime = createStateConfig({
  initial: 'underLimit',
  states: {
    underLimit: { after: { chatCallWarnAfter: { target: 'nearLimit' } } },
    nearLimit: {
      initial: 'quiet',
      after: { chatCallWarningLead: { target: 'overLimit' } },
      states: {
        quiet: { always: { guard: 'isChatCall', target: 'warned' } },
        warned: { entry: 'warnChatCall' },
      },
    },
    overLimit: {
      initial: 'quiet',
      states: {
        quiet: {
          always: { guard: 'isChatCall', target: '#ended', actions: chatCallHangup },
          // Marked only after the limit: one warning, then the system hangs up.
          on: { 'AGENT.MARK_CHAT_CALL': { target: 'lastWarning', actions: ['markChatCall', 'warnChatCall'] } },
        },
        lastWarning: { after: { harassmentWarning: { target: '#ended', actions: chatCallHangup } } },
      },
    },
  },
  on: { 'AGENT.MARK_CHAT_CALL': { actions: 'markChatCall' } },
});

export const remoteAudio = createStateConfig({
  initial: 'hearing',
  states: {
    hearing: { on: { 'ENGINE.REMOTE_AUDIO': { guard: 'remoteSilent', target: 'quiet' } } },
    quiet: {
      after: {
        silenceDetect: [
          { guard: stateIn('#talking'), target: 'silenceSuspected' },
          { target: 'quiet', reenter: true },
        ],
      },
      on: { 'ENGINE.REMOTE_AUDIO': { guard: 'callerSpeaks', target: 'hearing' } },
    },
    silenceSuspected: {
      entry: 'suspectSilence',
      on: { 'ENGINE.REMOTE_AUDIO': { guard: 'callerSpeaks', target: 'hearing' } },
    },
  },
});

/**
 * C5 (002 §3.1.6): a call cut off by the line is called back at once. JsSIP keeps a call whose
 * far end vanished (no BYE) up forever, so the far end's silence on the wire counts: no packets
 * for mediaTimeout while talking ends the call as dropped and promises the call-back. Watching
 * starts with the first media report (a call without media stats is not judged).
 */
export const mediaWatch = createStateConfig({
  initial: 'unknown',
  states: {
    unknown: { on: { 'ENGINE.MEDIA': { target: 'watching', actions: 'countMedia' } } },
    watching: {
      on: {
        'ENGINE.MEDIA': [
          { guard: 'mediaFlowing', target: 'watching', reenter: true, actions: 'countMedia' },
          { actions: 'countMedia' },
        ],
      },
      after: {
        mediaTimeout: [
          {
            guard: stateIn('#talking'),
            target: '#ended',
            actions: [command({ type: 'engine.hangup', reason: 'system-media-timeout' }), record('dropped', 'media-timeout'), 'promiseCallback'],
          },
          // Held, transferring, closing: the far end may rightly send nothing; look again later.
          { target: 'watching', reenter: true },
        ],
      },
    },
  },
});
