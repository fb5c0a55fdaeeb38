import { describe, expect, it } from 'vitest';
import { failbackNow, serverLabel, serverWeights } from './sipServers.ts';

describe("the seat's SIP servers, in IT's order", () => {
  it('weighs the first listed highest, every server differently (JsSIP picks at random only among equals)', () => {
    expect(serverWeights(1)).toEqual([1]);
    expect(serverWeights(3)).toEqual([3, 2, 1]);
    expect(new Set(serverWeights(8)).size).toBe(8);
  });

  it('labels a server by host and port for the status line', () => {
    expect(serverLabel('wss://pbx2.example.org:8089/ws')).toBe('pbx2.example.org:8089');
    expect(serverLabel('ws://127.0.0.1:5066')).toBe('127.0.0.1:5066');
    expect(serverLabel('training')).toBe('training');
  });

  it('goes back to the preferred server only when it answers again and no call is up', () => {
    expect(failbackNow({ onPreferred: false, preferredUp: true, liveCalls: 0 })).toBe(true);
    expect(failbackNow({ onPreferred: false, preferredUp: true, liveCalls: 1 })).toBe(false);
    expect(failbackNow({ onPreferred: false, preferredUp: false, liveCalls: 0 })).toBe(false);
    expect(failbackNow({ onPreferred: true, preferredUp: true, liveCalls: 0 })).toBe(false);
  });
});
