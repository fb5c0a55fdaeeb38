// The baseline subject: what bare JsSIP achieves through the same Kamailio, two bots and nothing
// else. The SeatMate agent's numbers are read as multiples of these.
import { Bot } from '../harness/bot.ts';
import { gapMs, type BenchEnv, type Samples, type Subject } from './measure.ts';

const UNREACHABLE_STUN: RTCIceServer[] = [{ urls: 'stun:127.0.0.1:9' }];

/** One call from `caller` to `callee`, answered at once, hung up; returns the event timestamps. */
async function oneCall(caller: Bot, callee: Bot, target: string) {
  await caller.call(target);
  const calling = await caller.waitFor('calling');
  const sent = await caller.waitFor('sending');
  const ring = await callee.waitFor('newRTCSession');
  await callee.answer();
  const answering = await callee.waitFor('answering');
  const confirmed = await caller.waitFor('confirmed');
  await callee.waitFor('confirmed');
  await caller.hangup();
  await Promise.all([caller.waitFor('ended'), callee.waitFor('ended')]);
  return { calling, sent, ring, answering, confirmed };
}

// A string, not a function: tsx's name-keeping helper (__name) does not exist in the page.
// Page-clock times of asking for the hold and of the far end's acceptance (JsSIP's done callback).
const TIMED_HOLD = `(async () => {
  const now = () => performance.timeOrigin + performance.now();
  const asked = now();
  await window.seatmateBot.hold();
  return { asked, accepted: now() };
})()`;

/** Holds the current call from `holder`: asked → far end got the re-INVITE and the holder got its 2xx. */
async function timedHold(holder: Bot, far: Bot): Promise<number> {
  const t = (await holder.page.evaluate(TIMED_HOLD)) as { asked: number; accepted: number };
  const reinvite = await far.waitFor('reinvite');
  await holder.unhold();
  await far.waitFor('reinvite');
  return gapMs({ at: t.asked }, { at: Math.max(t.accepted, reinvite.at) });
}

/**
 * The far end sends silence (as in the SeatMate subject); the agent's side is JsSIP as it comes,
 * taking the microphone with getUserMedia — the same microphone the SeatMate agent uses — so the
 * two subjects differ only by what SeatMate adds.
 */
async function pair(env: BenchEnv, users: [string, string], iceServers: RTCIceServer[], agentIndex: 0 | 1): Promise<[Bot, Bot]> {
  const launch = (user: string, muted: boolean) => Bot.launch(env.browser, { uri: `sip:${user}@127.0.0.1`, wsUrl: env.proxy.wsUrl, iceServers, muted });
  const a = await launch(users[0], agentIndex !== 0);
  const b = await launch(users[1], agentIndex !== 1).catch(async (err) => {
    await a.close();
    throw err;
  });
  await Promise.all([a.register(), b.register()]);
  return [a, b];
}

export const baseline: Subject = {
  name: 'baseline',
  async run(env: BenchEnv): Promise<Samples> {
    const samples: Required<Pick<Samples, 'ring' | 'answer' | 'setupStun' | 'hold'>> = { ring: [], answer: [], setupStun: [], hold: [] };

    // The agent is the callee here: ring and answer are its side of an incoming call.
    const [caller, agent] = await pair(env, ['3001', '3002'], [], 1);
    try {
      for (let i = 0; i <= env.calls; i++) {
        const t = await oneCall(caller, agent, 'sip:3002@127.0.0.1');
        if (i === 0) continue; // warm-up call: first-use costs (JIT, codec init) are not what we compare
        samples.ring.push(gapMs(t.sent, t.ring));
        samples.answer.push(gapMs(t.answering, t.confirmed));
      }
      // Hold: the agent (callee) holds the caller, as the SeatMate agent does; one warm-up.
      await caller.call('sip:3002@127.0.0.1');
      await agent.waitFor('newRTCSession');
      await agent.answer();
      await Promise.all([caller.waitFor('confirmed'), agent.waitFor('confirmed')]);
      for (let i = 0; i <= env.calls; i++) {
        const ms = await timedHold(agent, caller);
        if (i > 0) samples.hold.push(ms);
      }
      await caller.hangup();
      await Promise.all([caller.waitFor('ended'), agent.waitFor('ended')]);
    } finally {
      await Promise.all([caller.close(), agent.close()]);
    }

    // The agent dials out with a STUN server that never answers: early ICE release must keep
    // the INVITE from waiting for it.
    const [dialer, far] = await pair(env, ['3003', '3004'], UNREACHABLE_STUN, 0);
    try {
      for (let i = 0; i <= env.calls; i++) {
        const t = await oneCall(dialer, far, 'sip:3004@127.0.0.1');
        if (i === 0) continue;
        samples.setupStun.push(gapMs(t.calling, t.ring));
      }
    } finally {
      await Promise.all([dialer.close(), far.close()]);
    }
    return samples;
  },
};
