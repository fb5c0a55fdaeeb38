// The SeatMate subject: the real UI served by the web host, driven like an agent would, against
// the same Kamailio as the baseline. Times come from page clocks (performance.timeOrigin + now),
// which are comparable across pages of one browser.
import { DEFAULT_INVITE_BUDGET } from '../../src/core/inviteGate.ts';
import type { Page } from 'playwright-core';
import { Bot } from '../harness/bot.ts';
import { startAgent, type Agent } from '../harness/agent.ts';
import { ensureWebBuild } from '../../scripts/webBuild.ts';
import { gapMs, type BenchEnv, type Samples, type Subject } from './measure.ts';

const UNREACHABLE_STUN = [{ urls: 'stun:127.0.0.1:9' }];

/** Record in the page when the incoming panel and the overlay appear, and when Answer/Call is clicked. */
// A string, not a function: tsx's name-keeping helper (__name) does not exist in the page.
const INSTRUMENT = `(() => {
  const w = window;
  w.benchMarks = { incoming: [], overlay: [], click: [] };
  const seen = new Set();
  new MutationObserver(() => {
    for (const [key, selector] of [['incoming', '[aria-label="Incoming call"]'], ['overlay', '[aria-label="Greeting"]']]) {
      const el = document.querySelector(selector);
      if (el && !seen.has(el)) { seen.add(el); w.benchMarks[key].push(performance.timeOrigin + performance.now()); }
    }
    for (const el of seen) if (!el.isConnected) seen.delete(el);
  }).observe(document.body, { childList: true, subtree: true });
  document.addEventListener('click', (e) => {
    // A keyed button also shows its chord ("AnswerCtrl+Alt+A" as text): its label starts the text.
    const button = e.target.closest && e.target.closest('button');
    const name = button ? button.textContent : '';
    if (/^(Answer|Call)(Ctrl|Alt|Shift|$)/.test(name)) w.benchMarks.click.push(performance.timeOrigin + e.timeStamp);
  }, true);
})()`;

async function instrument(page: Page): Promise<void> {
  await page.evaluate(INSTRUMENT);
}

async function marks(page: Page): Promise<Record<'incoming' | 'overlay' | 'click', number[]>> {
  return page.evaluate(() => (window as unknown as { benchMarks: Record<'incoming' | 'overlay' | 'click', number[]> }).benchMarks);
}

async function agentAndBot(env: BenchEnv, agentUser: string, botUser: string, iceServers: { urls: string }[]): Promise<[Agent, Bot]> {
  const agent = await startAgent(env.browser, { user: agentUser, wsUrl: env.proxy.wsUrl, lang: 'en', iceServers });
  const bot = await Bot.launch(env.browser, { uri: `sip:${botUser}@127.0.0.1`, wsUrl: env.proxy.wsUrl, muted: true });
  await bot.register();
  await agent.page.getByRole('status', { name: 'Registration' }).filter({ hasText: 'Registered' }).waitFor({ timeout: 10_000 });
  await instrument(agent.page);
  return [agent, bot];
}

export const seatmate: Subject = {
  name: 'seatmate',
  async run(env: BenchEnv): Promise<Samples> {
    await ensureWebBuild();
    const samples: Required<Pick<Samples, 'ring' | 'overlay' | 'answer' | 'answerBare' | 'setupStun'>> = { ring: [], overlay: [], answer: [], answerBare: [], setupStun: [] };

    const [agent, caller] = await agentAndBot(env, '3102', '3101', []);
    // The answer's control (answerBare): a bare JsSIP callee, as in the baseline, taking the same
    // caller's calls in turn with the agent, so both series see the same machine at the same time.
    const bare = await Bot.launch(env.browser, { uri: 'sip:3105@127.0.0.1', wsUrl: env.proxy.wsUrl, muted: false });
    try {
      await bare.register();
      let lastCall = 0;
      // The phone sheds a flood of new calls (DEFAULT_INVITE_BUDGET: 5 in 2 s, core/inviteGate.ts);
      // calls back to back are paced just under it. Pacing between calls leaves each call's own figures alone.
      const pace = async () => {
        const gap = DEFAULT_INVITE_BUDGET.windowMs / DEFAULT_INVITE_BUDGET.max + 50;
        const wait = lastCall + gap - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        lastCall = Date.now();
      };
      const agentCall = async (keep: boolean) => {
        await pace();
        await caller.call('sip:3102@127.0.0.1', { headers: ['X-Caller-Tier: vip', 'X-Scenario: complaint'] });
        const sent = await caller.waitFor('sending');
        await agent.page.getByRole('button', { name: 'Answer' }).click();
        const confirmed = await caller.waitFor('confirmed');
        const m = await marks(agent.page);
        if (keep) {
          samples.ring.push(gapMs(sent, { at: m.incoming.at(-1)! }));
          samples.overlay.push(gapMs(sent, { at: m.overlay.at(-1)! }));
          samples.answer.push(gapMs({ at: m.click.at(-1)! }, confirmed));
        }
        await caller.hangup();
        await caller.waitFor('ended');
        await agent.page.getByRole('textbox', { name: 'Number' }).waitFor();
      };
      const bareCall = async (keep: boolean) => {
        await pace();
        await caller.call('sip:3105@127.0.0.1');
        await caller.waitFor('sending'); // consumed here: the agent's call reads its own
        await bare.waitFor('newRTCSession');
        await bare.answer();
        const answering = await bare.waitFor('answering');
        const confirmed = await caller.waitFor('confirmed');
        await bare.waitFor('confirmed');
        if (keep) samples.answerBare.push(gapMs(answering, confirmed));
        await caller.hangup();
        await Promise.all([caller.waitFor('ended'), bare.waitFor('ended')]);
      };
      for (let i = 0; i <= env.calls; i++) {
        // The first round warms up, as in the baseline; the order swaps each round.
        const keep = i > 0;
        if (i % 2) { await bareCall(keep); await agentCall(keep); } else { await agentCall(keep); await bareCall(keep); }
      }
    } finally {
      await Promise.all([agent.close(), caller.close(), bare.close()]);
    }

    const [dialer, far] = await agentAndBot(env, '3103', '3104', UNREACHABLE_STUN);
    try {
      for (let i = 0; i <= env.calls; i++) {
        await dialer.page.getByRole('textbox', { name: 'Number' }).fill('3104');
        await dialer.page.getByRole('button', { name: 'Call' }).click();
        const ring = await far.waitFor('newRTCSession');
        const m = await marks(dialer.page);
        if (i > 0) samples.setupStun.push(gapMs({ at: m.click.at(-1)! }, ring));
        await far.answer();
        await far.waitFor('confirmed');
        await far.hangup();
        await far.waitFor('ended');
        await dialer.page.getByRole('textbox', { name: 'Number' }).waitFor();
      }
    } finally {
      await Promise.all([dialer.close(), far.close()]);
    }
    return samples;
  },
};
