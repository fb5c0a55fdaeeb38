// SERVICE-STANDARD §4, transfer: tell the customer why and to whom and get consent; hold the
// caller, reach the target and brief them (attended transfer) before releasing the caller; if
// the target is busy or does not answer (transferTimeout), go back to the caller with the
// failed/fallback phrases (give a number or take one for a call-back).
import { and, not, or, stateIn } from 'xstate';
import { callSetup, command, fail, record, say } from './callSetup.ts';
import { limit, reminder } from './holdRules.ts';

const { createStateConfig } = callSetup;

const backToTalking = [
  { guard: 'transferFailed', target: '#talking', actions: 'sayTransferFailure' },
  { target: '#talking', actions: say('hold.return') },
] as const;

export const transfer = createStateConfig({
  id: 'transfer',
  initial: 'consent',
  states: {
    /** "我帮您把电话转接给xxxx好吗?" — waiting for the customer's yes. */
    consent: {
      entry: ['clearError', say('transfer.consent')],
      on: {
        'AGENT.CONSULT': { target: 'holdingCaller', actions: 'startTransfer' },
        'AGENT.BLIND_TRANSFER': { target: 'completing', actions: ['startTransfer', { type: 'referTarget', params: { replaces: false } }] },
        'AGENT.CANCEL_TRANSFER': { target: '#talking' },
      },
    },
    holdingCaller: {
      entry: command({ type: 'engine.hold' }),
      on: {
        'ENGINE.HOLD_ACCEPTED': { target: 'consulting' },
        'ENGINE.HOLD_FAILED': { target: '#talking', actions: fail('hold-rejected') },
      },
      after: { reinviteTimeout: { target: '#talking', actions: fail('hold-timeout') } },
    },
    /** Calling the target; gives up after transferTimeout. */
    consulting: {
      entry: ['consultTarget', { type: 'setLeg', params: { leg: 'dialing' } }],
      on: {
        'ENGINE.CONSULT_PROGRESS': { actions: { type: 'setLeg', params: { leg: 'ringing' } } },
        'ENGINE.CONSULT_CONFIRMED': { target: 'briefing' },
        'ENGINE.CONSULT_FAILED': [
          { guard: 'targetBusy', target: 'failed', actions: [{ type: 'setLeg', params: { leg: 'none' } }, fail('transfer-busy')] },
          { target: 'failed', actions: [{ type: 'setLeg', params: { leg: 'none' } }, fail('transfer-failed')] },
        ],
        'ENGINE.CONSULT_ENDED': { target: 'failed', actions: [{ type: 'setLeg', params: { leg: 'none' } }, fail('transfer-failed')] },
        'AGENT.CANCEL_TRANSFER': { target: 'returning', actions: 'releaseConsultLeg' },
      },
      after: { transferTimeout: { target: 'failed', actions: fail('transfer-no-answer') } },
    },
    /** The target answered: the agent tells them the caller's name and issue (context.transfer.briefing). */
    briefing: {
      entry: { type: 'setLeg', params: { leg: 'up' } },
      on: {
        'AGENT.COMPLETE_TRANSFER': { target: 'completing', actions: { type: 'referTarget', params: { replaces: true } } },
        'ENGINE.CONSULT_ENDED': { target: 'failed', actions: [{ type: 'setLeg', params: { leg: 'none' } }, fail('transfer-target-left')] },
        'AGENT.CANCEL_TRANSFER': { target: 'returning', actions: 'releaseConsultLeg' },
      },
    },
    /** REFER sent; the caller's leg ends when the transfer is done. */
    completing: {
      on: {
        'ENGINE.TRANSFER_DONE': { target: '#ended', actions: [{ type: 'setLeg', params: { leg: 'none' } }, record('transferred')] },
        // JsSIP may report the caller's BYE before the REFER's final NOTIFY.
        'ENGINE.ENDED': { target: '#ended', actions: [{ type: 'setLeg', params: { leg: 'none' } }, record('transferred')] },
        'ENGINE.TRANSFER_FAILED': { target: 'failed', actions: fail('transfer-failed') },
      },
      after: { transferTimeout: { target: 'failed', actions: fail('transfer-failed') } },
    },
    failed: {
      entry: ['releaseConsultLeg', 'markTransferFailed'],
      always: [
        { guard: 'attendedTransfer', target: 'returning' },
        ...backToTalking,
      ],
    },
    /** Taking the caller off hold. */
    returning: {
      entry: command({ type: 'engine.unhold' }),
      on: {
        'ENGINE.UNHOLD_ACCEPTED': backToTalking,
        'ENGINE.UNHOLD_FAILED': { target: 'callerHeld', actions: fail('unhold-rejected') },
      },
      after: { reinviteTimeout: { target: 'callerHeld', actions: fail('unhold-timeout') } },
    },
    /** Still held after a failed unhold: the agent retries with Resume. */
    callerHeld: {
      on: {
        'AGENT.RESUME': { target: 'returning' },
        'ENGINE.UNHOLD_ACCEPTED': backToTalking,
      },
    },
  },
});

/** The caller is on hold while the agent reaches, briefs or leaves the transfer target. */
const callerHeldForTransfer = or([
  stateIn('#transfer.consulting'), stateIn('#transfer.briefing'), stateIn('#transfer.returning'), stateIn('#transfer.callerHeld'),
  and([stateIn('#transfer.completing'), 'attendedTransfer']),
  // On the way back from a failed attended transfer the caller is still held.
  and([stateIn('#transfer.failed'), 'attendedTransfer']),
]);

/**
 * H3 "also while held for a transfer": the check-ins every checkInEvery (15 s) and the
 * call-back offer at holdLimit (2 min) run while the caller waits for a consultation or a
 * briefing, exactly as on an ordinary hold (the same reminder and limit regions).
 */
export const heldForTransfer = createStateConfig({
  initial: 'no',
  states: {
    no: { always: { guard: callerHeldForTransfer, target: 'yes' } },
    yes: {
      type: 'parallel',
      entry: 'startHold',
      exit: 'endHold',
      always: { guard: not(callerHeldForTransfer), target: 'no' },
      states: { reminder, limit },
    },
  },
});
