// SERVICE-STANDARD §3, hold:
//  1. ask consent, hold only after the customer agrees;
//  2. every checkInEvery (15 s) on hold, return to the customer once;
//  3. at holdLimit (2 min) offer to end and call back, unless the customer chose to wait;
//  4. on return, thank the customer for waiting.
// "On hold" means the far end accepted the re-INVITE (LAB-NOTES: JsSIP's `hold` event fires on
// sending). A rejected or unanswered hold goes back to talking with an error: it never looks held.
import { stateIn } from 'xstate';
import { callSetup, command, fail, report, say } from './callSetup.ts';

const { createStateConfig } = callSetup;

/** The agent has asked "对不起,麻烦您稍等片刻,好吗?" and waits for the customer's yes. */
export const holdConsent = createStateConfig({
  entry: ['clearError', say('hold.consent')],
  on: {
    'AGENT.HOLD_CONFIRM': { target: 'holding' },
    'AGENT.HOLD_CANCEL': { target: 'talking' },
  },
});

/** Hold sent; waiting for the far end to accept it. */
export const holding = createStateConfig({
  entry: command({ type: 'engine.hold' }),
  on: {
    'ENGINE.HOLD_ACCEPTED': { target: 'onHold' },
    'ENGINE.HOLD_FAILED': { target: 'talking', actions: fail('hold-rejected') },
  },
  after: {
    reinviteTimeout: { target: 'talking', actions: fail('hold-timeout') },
  },
});

/** Check-in reminders: due every checkInEvery; unacknowledged, they escalate visual → sound → louder. */
export const reminder = createStateConfig({
  initial: 'waiting',
  states: {
    waiting: {
      entry: 'scheduleCheckIn',
      after: { checkInEvery: { target: 'due' } },
      on: { 'AGENT.CHECKED_IN': { target: 'waiting', reenter: true, actions: 'countCheckIn' } },
    },
    due: {
      entry: 'checkInDue',
      after: { checkInEscalateAfter: { target: 'unanswered' } },
      on: { 'AGENT.CHECKED_IN': { target: 'waiting', actions: 'countCheckIn' } },
    },
    unanswered: {
      entry: { type: 'escalateCheckIn', params: { level: 2 } },
      after: { checkInEscalateAfter: { target: 'ignored' } },
      on: { 'AGENT.CHECKED_IN': { target: 'waiting', actions: 'countCheckIn' } },
    },
    ignored: {
      entry: { type: 'escalateCheckIn', params: { level: 3 } },
      after: { checkInEscalateAfter: { target: 'ignored', reenter: true } },
      on: { 'AGENT.CHECKED_IN': { target: 'waiting', actions: 'countCheckIn' } },
    },
    /** The agent is back with the customer right now (check in and return). */
    returning: {
      on: {
        'HOLD.CHECK_IN_DONE': { target: 'waiting', actions: 'countCheckIn' },
        'HOLD.CHECK_IN_ABORTED': { target: 'due' },
      },
    },
  },
  on: { 'AGENT.CHECK_IN_AND_RETURN': { guard: stateIn('#held'), target: '.returning' } },
});

/** The 2-minute limit: offer a call-back, unless the customer chose to wait. */
export const limit = createStateConfig({
  initial: 'counting',
  states: {
    counting: {
      after: { holdLimit: { target: 'callbackOfferDue' } },
      on: { 'AGENT.CUSTOMER_CHOSE_WAIT': { target: 'customerWaits' } },
    },
    callbackOfferDue: {
      entry: ['offerCallback', say('hold.callbackOffer')],
      always: { guard: 'callbackPromised', target: 'callbackPromised' },
      on: { 'AGENT.CUSTOMER_CHOSE_WAIT': { target: 'customerWaits' } },
    },
    customerWaits: {},
    callbackPromised: {},
  },
});

/** The line: held, or briefly back with the customer for a check-in, or resuming for good. */
const line = createStateConfig({
  initial: 'held',
  states: {
    held: {
      id: 'held',
      on: {
        'AGENT.RESUME': { target: 'resuming' },
        'AGENT.CHECK_IN_AND_RETURN': { target: 'checkIn' },
        // A resume that timed out was accepted after all: the customer hears us.
        'ENGINE.UNHOLD_ACCEPTED': { target: '#talking' },
      },
    },
    resuming: {
      entry: command({ type: 'engine.unhold' }),
      on: {
        // H5 (002, 003): back with the customer, "感谢您的耐心等待", or after a long wait "对不起…让您久等了".
        'ENGINE.UNHOLD_ACCEPTED': [
          { guard: 'heldLong', target: '#talking', actions: say('hold.returnLong') },
          { target: '#talking', actions: say('hold.return') },
        ],
        'ENGINE.UNHOLD_FAILED': { target: 'held', actions: fail('unhold-rejected') },
      },
      after: { reinviteTimeout: { target: 'held', actions: fail('unhold-timeout') } },
    },
    /** One key: resume, say "对不起,请再稍等一下", hold again (no new consent needed). */
    checkIn: {
      initial: 'unholding',
      states: {
        unholding: {
          entry: command({ type: 'engine.unhold' }),
          on: {
            'ENGINE.UNHOLD_ACCEPTED': { target: 'speaking' },
            'ENGINE.UNHOLD_FAILED': { target: '#held', actions: [fail('unhold-rejected'), 'abortCheckIn'] },
          },
          after: { reinviteTimeout: { target: '#held', actions: [fail('unhold-timeout'), 'abortCheckIn'] } },
        },
        speaking: {
          entry: say('hold.checkIn'),
          on: {
            'AGENT.CHECKED_IN': { target: 'reholding' },
            'AGENT.CHECK_IN_AND_RETURN': { target: 'reholding' },
            // The agent has the answer: stay with the customer.
            'AGENT.RESUME': { target: '#talking' },
          },
        },
        reholding: {
          entry: command({ type: 'engine.hold' }),
          on: {
            'ENGINE.HOLD_ACCEPTED': { target: '#held', actions: 'finishCheckIn' },
            // Not held again: the customer hears us, so the call is back to talking.
            'ENGINE.HOLD_FAILED': { target: '#talking', actions: fail('hold-rejected') },
          },
          after: { reinviteTimeout: { target: '#talking', actions: fail('hold-timeout') } },
        },
      },
    },
  },
});

/** Held, as the far end confirmed. The regions keep running across check-ins. */
export const onHold = createStateConfig({
  id: 'onHold',
  type: 'parallel',
  // The phone waits for this to pick up a waiting call (call waiting, with consent).
  entry: ['startHold', report('CALL.HELD')],
  exit: 'endHold',
  states: { line, reminder, limit },
});
