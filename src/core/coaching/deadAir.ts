// Dead air: the line silent on both sides while the call is simply up (not on hold, not in a
// transfer or the closing) for `after` or longer — the agent looking something up without a
// word. Each such stretch counts once; its whole length adds to the dead-air time. A caller who
// is silent while the agent speaks is the silent-call rule's business (N9), not this.

export interface DeadAirState {
  /** Both sides silent for this long (ms). */
  run: number;
  count: number;
  ms: number;
}

export const initialDeadAir = (): DeadAirState => ({ run: 0, count: 0, ms: 0 });

export const inDeadAir = (s: DeadAirState, after: number): boolean => s.run >= after;

/** One frame, in place; true when a stretch of dead air has just begun. */
export function deadAirFrame(s: DeadAirState, watching: boolean, anyoneSpeaks: boolean, frameMs: number, after: number): boolean {
  if (!watching || anyoneSpeaks) { s.run = 0; return false; }
  s.run += frameMs;
  if (s.run < after) return false;
  if (s.run - frameMs < after) {
    s.count += 1;
    s.ms += s.run;
    return true;
  }
  s.ms += frameMs;
  return false;
}
