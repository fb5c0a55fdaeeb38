import { useEffect, useState } from 'react';

/** Epoch milliseconds from the same source as the rule clock (performance.timeOrigin + now). */
export const epochNow = (): number => performance.timeOrigin + performance.now();

/** Re-render every `everyMs`; durations are recomputed from absolute times, never counted. */
export function useNow(everyMs = 250, active = true): number {
  const [now, setNow] = useState(epochNow);
  useEffect(() => {
    if (!active) return;
    setNow(epochNow());
    const id = setInterval(() => setNow(epochNow()), everyMs);
    return () => clearInterval(id);
  }, [everyMs, active]);
  return now;
}

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** Seconds left, rounded up, for short countdowns (the 5 s lock, the 3 s warning). */
export const secondsLeft = (deadline: number | undefined, now: number): number =>
  deadline === undefined ? 0 : Math.max(0, Math.ceil((deadline - now) / 1000));
