// The SIP servers of a seat, in IT's order of preference (config `sip.ws`). JsSIP picks among
// its sockets by weight, at random among equals: descending weights make it use the first server
// whenever it is up and fall over to the next only when that one fails. Coming back to the first
// is ours to decide (sipEngine.ts), at a quiet moment.

/** JsSIP socket weights for servers in order of preference: the first highest, all distinct. */
export function serverWeights(count: number): number[] {
  return Array.from({ length: count }, (_, i) => count - i);
}

/** host:port of a ws:// or wss:// URL, for the registration status; the URL itself if it is not one. */
export function serverLabel(url: string): string {
  const m = /^wss?:\/\/([^/?#]+)/i.exec(url);
  return m?.[1] ?? url;
}

/** Go back to the preferred server now? Only when it answers again and no call would be cut. */
export function failbackNow(facts: { onPreferred: boolean; preferredUp: boolean; liveCalls: number }): boolean {
  return !facts.onPreferred && facts.preferredUp && facts.liveCalls === 0;
}
