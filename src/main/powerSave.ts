// Keeps the system from sleeping while a call is up (an idle agent PC suspending mid-call drops
// the customer). The display may still sleep; the call audio does not need it.
import type { PowerSaveBlocker } from 'electron';
import type { CallSummary } from '../core/bridge.ts';

const IN_CALL = new Set<CallSummary['call']>(['ringing', 'connected', 'held', 'closing', 'locked']);

export function isInCall(summary: CallSummary | undefined): boolean {
  return !!summary && IN_CALL.has(summary.call);
}

export function createPowerSaveGuard(blocker: Pick<PowerSaveBlocker, 'start' | 'stop' | 'isStarted'>) {
  let id: number | undefined;
  return {
    update(summary: CallSummary) {
      if (isInCall(summary)) {
        if (id === undefined || !blocker.isStarted(id)) id = blocker.start('prevent-app-suspension');
      } else if (id !== undefined) {
        blocker.stop(id);
        id = undefined;
      }
    },
    active: () => id !== undefined,
  };
}
