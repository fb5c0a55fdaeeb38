// What the overlay window and the tray follow: a small summary of the phone's state.
import type { CallSummary } from '../../core/bridge.ts';
import type { GuidanceView } from '../guidance/guidanceStore.ts';
import type { PhoneView } from './phoneController.ts';

export function summaryOf(view: PhoneView, guidance: GuidanceView): CallSummary {
  const call = view.incoming ?? view.active;
  const phase = call?.rules?.phase;
  const state: CallSummary['call'] = !call ? 'idle'
    : call.phase === 'ringing' || call.phase === 'answering' ? 'ringing'
    : phase === 'onHold' ? 'held'
    : phase === 'closingLock' ? (call.rules?.canHangUp ? 'closing' : 'locked')
    : call.phase === 'ended' ? 'ended' : 'connected';
  return {
    registration: view.registration.state,
    call: state,
    ...(call ? { remote: call.number.slice(0, 128), tier: call.tier } : {}),
    ...(guidance.greeting ? { greeting: guidance.greeting.text.slice(0, 500) } : {}),
    ...(guidance.script ? { scenario: guidance.script.id } : {}),
  };
}
