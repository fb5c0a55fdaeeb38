// Speech coaching (issue 12), beside everything else the connected call does. The audio worklet
// sends envelope frames of both sides (COACH.FEATURES, no audio); the coach's estimators
// (src/core/coaching) turn them into the figures the call keeps in `context.coaching.figures`:
//  - N11 (001, 002, 003; 004: 180–220): the agent's rate against the pack's band; a hint only
//    after it stayed out of the band for rateHintAfter (10 s) of speech;
//  - F2 (001, "不要打断客户"): the agent talking over the customer (> talkOverMin, 300 ms), and
//    the customer over the agent, counted apart;
//  - dead air: both sides silent for deadAirAfter while simply talking (not held, not closing);
//  - the customer's voice low for lowVoiceFor of their speech: offer the low-volume script
//    (001 特殊情况应答语 情况 3).
// Speech time, not wall time, is the coach's clock: these rules move on the figures (eventless),
// never on `after`.
import { not, stateIn } from 'xstate';
import { callSetup } from './callSetup.ts';

const { createStateConfig } = callSetup;

export const coaching = createStateConfig({
  type: 'parallel',
  on: {
    'COACH.FEATURES': [
      { guard: stateIn('#talking'), actions: { type: 'hearCoach', params: { watching: true } } },
      { actions: { type: 'hearCoach', params: { watching: false } } },
    ],
  },
  states: {
    /** N11: the hint shows once the rate stayed out of range for rateHintAfter of speech, and goes when it is back. */
    rate: {
      initial: 'steady',
      states: {
        steady: { always: { guard: 'rateHintDue', target: 'hint' } },
        hint: { entry: 'hintRate', always: { guard: not('rateHintDue'), target: 'steady' } },
      },
    },
    /** The customer's voice stayed low: the low-volume / speakerphone script is offered. */
    voice: {
      initial: 'normal',
      states: {
        normal: { always: { guard: 'customerQuiet', target: 'quiet' } },
        quiet: { entry: 'offerLowVolume', always: { guard: 'customerHeard', target: 'normal' } },
      },
    },
  },
});
