// The clock the call statecharts run on (XState's `clock` option): timers in a Web Worker so the
// 15 s / 5 s / 3 s rules keep time when the window is hidden; main-thread timers as a fallback.
export interface RuleClock {
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: unknown): void;
  now(): number;
}

export function createRuleClock(): RuleClock {
  const now = () => performance.timeOrigin + performance.now();
  let worker: Worker | undefined;
  try {
    worker = new Worker(new URL('./ruleClock.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    worker = undefined;
  }
  if (!worker) {
    return {
      setTimeout: (fn, ms) => setTimeout(fn, ms) as unknown as number,
      clearTimeout: (id) => clearTimeout(id as number),
      now,
    };
  }
  const pending = new Map<number, () => void>();
  let next = 1;
  worker.onmessage = (event: MessageEvent<number>) => {
    const fn = pending.get(event.data);
    pending.delete(event.data);
    fn?.();
  };
  const w = worker;
  return {
    setTimeout(fn, ms) {
      const id = next++;
      pending.set(id, fn);
      w.postMessage({ op: 'set', id, ms });
      return id;
    },
    clearTimeout(id) {
      if (typeof id !== 'number' || !pending.delete(id)) return;
      w.postMessage({ op: 'clear', id });
    },
    now,
  };
}
