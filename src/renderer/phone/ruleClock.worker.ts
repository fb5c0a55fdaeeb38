// The rule clock's timers run in a dedicated worker: Chromium throttles a hidden page's main
// thread timers (~2× slow, later ~1 tick a minute) but not a worker's (LAB-NOTES, 1–20 ms).
const timers = new Map<number, ReturnType<typeof setTimeout>>();

self.onmessage = (event: MessageEvent<{ op: 'set' | 'clear'; id: number; ms?: number }>) => {
  const { op, id, ms } = event.data;
  if (op === 'set') {
    timers.set(id, setTimeout(() => {
      timers.delete(id);
      (self as unknown as Worker).postMessage(id);
    }, ms ?? 0));
  } else {
    clearTimeout(timers.get(id));
    timers.delete(id);
  }
};
