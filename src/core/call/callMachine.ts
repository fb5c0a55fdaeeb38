// One call, as the service standard has it: ringing → connected → … → ended. The connected
// call runs the agent's flow (talking, hold, transfer, closing) beside the rules that watch
// the whole call (greeting, chat-call cap, silence). Time passes only through the actor's clock:
// createActor(callMachine, { input, clock }).
import { answering, dialing, ringing } from './answerRules.ts';
import { callSetup, command, record, report } from './callSetup.ts';
import { closingCheck, closingLock, harassmentWarning, silentSequence } from './closingRules.ts';
import { coaching } from './coachingRules.ts';
import { holdConsent, holding, onHold } from './holdRules.ts';
import { heldForTransfer, transfer } from './transferRules.ts';
import { defaultCallLimits } from './types.ts';
import { greeting, mediaWatch, remoteAudio, talkTime } from './watchRules.ts';

const talking = callSetup.createStateConfig({
  id: 'talking',
  entry: report('CALL.NOT_HELD'),
  on: {
    'AGENT.HOLD_REQUEST': { target: 'holdConsent' },
    'AGENT.TRANSFER_START': { target: 'transfer' },
    // C1: the Closing control first asks "anything else?" and recaps (closingCheck), then closes.
    'AGENT.CLOSING': { target: 'closingCheck' },
    'AGENT.HARASSMENT': { target: 'harassmentWarning' },
    'AGENT.SILENT_CALL': { target: 'silentSequence' },
    // A hold given up on (timed out) was accepted after all: take it back, as the UI says.
    'ENGINE.HOLD_ACCEPTED': { actions: command({ type: 'engine.unhold' }) },
  },
});

export const callMachine = callSetup.createMachine({
  id: 'call',
  context: ({ input }) => ({
    id: input.id ?? 'call',
    timings: input.timings,
    limits: { ...defaultCallLimits, ...input.limits },
    direction: input.direction,
    remote: input.remote,
    tier: input.tier,
    identity: input.identity ?? { from: 'default' },
    invite: input.invite ?? {},
    silentWaits: input.silentWaits ?? [],
    step: 0,
    overrideAllowed: input.overrideAllowed ?? false,
    now: input.now,
    startedAt: input.now(),
    rings: 0,
    checkIns: 0,
    checkInsDue: 0,
    escalation: 0,
    chatCall: false,
    muted: false,
    records: [],
  }),
  initial: 'idle',
  states: {
    idle: { always: [{ guard: 'isIncoming', target: 'ringing' }, { target: 'dialing' }] },
    ringing,
    answering,
    dialing,
    connected: {
      type: 'parallel',
      entry: ['markConnected', report('CALL.CONNECTED')],
      states: {
        call: {
          initial: 'talking',
          states: { talking, holdConsent, holding, onHold, transfer, closingCheck, closingLock, harassmentWarning, silentSequence },
          on: {
            'AGENT.OFFER_CALLBACK': { actions: 'promiseCallback' },
            // Hang up is enabled only once the closing lock is over (closingLock.unlocked).
            'AGENT.HANGUP': { actions: 'hangupLocked' },
          },
        },
        greeting,
        talkTime,
        remoteAudio,
        heldForTransfer,
        mediaWatch,
        coaching,
      },
      on: {
        'ENGINE.ENDED': [
          { guard: 'remoteHungUp', target: 'ended', actions: record('customer-first') },
          // C5: cut off by the line: the call-back is promised at once (callbackDue, 5 min).
          { guard: 'lineDropped', target: 'ended', actions: [record('dropped', 'event'), 'promiseCallback'] },
          { target: 'ended', actions: record('dropped', 'event') },
        ],
        'ENGINE.FAILED': [
          { guard: 'lineDropped', target: 'ended', actions: [record('dropped', 'event'), 'promiseCallback'] },
          { target: 'ended', actions: record('dropped', 'event') },
        ],
        'AGENT.OVERRIDE_HANGUP': [
          {
            guard: 'overrideAllowedWithReason',
            target: 'ended',
            actions: [command({ type: 'engine.hangup', reason: 'override' }), record('override', 'event')],
          },
          { actions: 'refuseOverride' },
        ],
        'AGENT.MUTE': { actions: [command({ type: 'engine.mute' }), { type: 'setMuted', params: { muted: true } }] },
        'AGENT.UNMUTE': { actions: [command({ type: 'engine.unmute' }), { type: 'setMuted', params: { muted: false } }] },
      },
    },
    ended: {
      id: 'ended',
      type: 'final',
      entry: ['markEnded', 'releaseConsultLeg'],
    },
  },
  // Facts that may arrive at any moment of the call: who is calling (the CRM answers late) and
  // the agent's place in the script. (The media counters are kept by connected.mediaWatch: a
  // handler here would be shadowed by that region's.)
  on: {
    'CALLER.IDENTIFIED': { actions: 'identify' },
    'AGENT.CHOOSE_SCENARIO': { actions: 'chooseScenario' },
    'AGENT.STEP': { actions: 'moveStep' },
    'AGENT.MARK_EMERGENCY': { actions: 'markEmergency' },
  },
  output: ({ context }) => (context.callback === undefined
    ? { records: context.records }
    : { records: context.records, callback: context.callback }),
});

export type CallMachine = typeof callMachine;
