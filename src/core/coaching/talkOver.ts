// F2 (001): don't interrupt the caller. The agent starting to speak while the customer is
// speaking counts as a talk-over once both have spoken together for `minOverlap` (300 ms): a
// quick "嗯" or the last syllable of a turn does not. The customer starting while the agent
// speaks is counted apart — it is not the agent's fault, but it is worth knowing.
// "Speaking together" is both sides *active* (loud within ACTIVE_MS, voiceActivity.ts), so the
// overlap measured is the voices' real overlap, not the tail the speech hangover adds; an onset
// over the other side is abandoned when either stops speaking. One turn of the other side is
// interrupted once: the agent stumbling back in over the same sentence is the same talk-over.

export type Speaker = 'agent' | 'customer';

export interface TalkOverState {
  /** Whether each side was speaking in the previous frame. */
  agent: boolean;
  customer: boolean;
  /** An onset over the other side, and how long they have overlapped since (ms). */
  agentOver?: number;
  customerOver?: number;
  /** A talk-over was counted during the other side's current turn. */
  agentCounted?: boolean;
  customerCounted?: boolean;
  counts: Record<Speaker, number>;
}

export const initialTalkOver = (): TalkOverState => ({ agent: false, customer: false, counts: { agent: 0, customer: 0 } });

/** One side in one frame: active (loud just now) and speaking (within the speech hangover). */
export interface SideNow { active: boolean; speaking: boolean }

/**
 * One frame of both sides' voice activity, in place. Returns who just completed a talk-over
 * (reached `minOverlap`), if anyone.
 */
export function talkOverFrame(s: TalkOverState, agent: SideNow, customer: SideNow, frameMs: number, minOverlap: number): Speaker | undefined {
  // A new turn of the other side can be interrupted again.
  if (!customer.speaking) s.agentCounted = false;
  if (!agent.speaking) s.customerCounted = false;
  // An onset is the start of a stretch of speech, made while the other side is really talking.
  if (agent.speaking && !s.agent && customer.active && !s.agentCounted) s.agentOver = 0;
  if (customer.speaking && !s.customer && agent.active && !s.customerCounted) s.customerOver = 0;
  s.agent = agent.speaking;
  s.customer = customer.speaking;
  let done: Speaker | undefined;
  for (const who of ['agent', 'customer'] as const) {
    const key = who === 'agent' ? 'agentOver' : 'customerOver';
    const over = s[key];
    if (over === undefined) continue;
    if (!(agent.speaking && customer.speaking)) { s[key] = undefined; continue; }
    const next = agent.active && customer.active ? over + frameMs : over;
    if (next >= minOverlap) {
      s.counts = { ...s.counts, [who]: s.counts[who] + 1 };
      s[key] = undefined;
      if (who === 'agent') s.agentCounted = true; else s.customerCounted = true;
      done = who;
    } else {
      s[key] = next;
    }
  }
  return done;
}
