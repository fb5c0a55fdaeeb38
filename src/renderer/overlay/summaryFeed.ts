// The latest CallSummary from the host, as an external store for useSyncExternalStore. It
// subscribes at once, before the page's first await: Electron main sends the current summary as
// soon as the overlay page has loaded, and a late subscriber would miss it.
import type { CallSummary, SeatMateBridge } from '../../core/bridge.ts';

export interface SummaryFeed {
  current(): CallSummary | undefined;
  subscribe(onChange: () => void): () => void;
}

export function followSummaries(bridge: Pick<SeatMateBridge, 'onSummary'>): SummaryFeed {
  let last: CallSummary | undefined;
  const watchers = new Set<() => void>();
  bridge.onSummary((s) => {
    last = s;
    for (const w of watchers) w();
  });
  return {
    current: () => last,
    subscribe(onChange) {
      watchers.add(onChange);
      return () => { watchers.delete(onChange); };
    },
  };
}
