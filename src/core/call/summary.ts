// What the overlay window and the tray follow: a small summary of the phone, derived from the
// phone's view and the focused call's guidance. Text is capped to the bridge schema's limits.
import type { CallSummary } from '../bridge.ts';
import type { GuidanceView } from '../guidance/callGuidance.ts';
import { focusCall, type CallView, type CoachingView, type PhoneView } from './views.ts';

/** The overlay's speech gauge: the rate (capped as the schema caps it), the band, the hint. */
function coachingSummary(c: CoachingView): NonNullable<CallSummary['coaching']> {
  const cap = (n: number) => Math.max(0, Math.min(2000, Math.round(n)));
  return {
    ...(c.rate === undefined ? {} : { rate: cap(c.rate) }),
    min: cap(c.band.min),
    max: cap(c.band.max),
    side: c.side,
    ...(c.hint ? { hint: c.hint } : {}),
    talkOvers: Math.min(100_000, c.talkOvers.agent),
  };
}

export function summaryOf(view: PhoneView, guidance: GuidanceView, sayNow?: (call: CallView) => string): CallSummary {
  const call = focusCall(view);
  const phase = call?.rules.phase;
  const state: CallSummary['call'] = !call ? 'idle'
    : call.phase === 'ringing' || call.phase === 'answering' ? 'ringing'
    : phase === 'onHold' ? 'held'
    : phase === 'closingLock' ? (call.rules.canHangUp ? 'closing' : 'locked')
    : call.phase === 'ended' ? 'ended' : 'connected';
  const step = guidance.script?.steps[guidance.step];
  const say = call && sayNow ? sayNow(call) : '';
  return {
    registration: view.registration.state,
    call: state,
    ...(call ? { remote: call.number.slice(0, 128), tier: call.tier } : {}),
    ...(guidance.greeting ? { greeting: guidance.greeting.text.slice(0, 500) } : {}),
    ...(guidance.script ? { scenario: guidance.script.id, scenarioTitle: guidance.script.title.slice(0, 80) } : {}),
    ...(step ? { step: { index: guidance.step, of: guidance.script!.steps.length, ...(step.title ? { title: step.title.slice(0, 40) } : {}), ...(step.text ?? step.do ? { text: (step.text ?? step.do ?? '').slice(0, 500) } : {}) } } : {}),
    ...(say ? { sayNow: say.slice(0, 500) } : {}),
    ...(call?.coaching && call.phase === 'connected' ? { coaching: coachingSummary(call.coaching) } : {}),
  };
}
