// Issue 14 §4: hostile peers (SIPp through Kamailio + rtpengine) against one agent page, in order.
// Each bad call is refused cleanly — before it rings — or survived; a flood is shed without ringing
// the agent 200 times; the page never crashes or freezes (main-thread long tasks recorded); and
// the next good call works.
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../harness/browser.ts';
import { startKamailio, type Proxy } from '../harness/kamailio.ts';
import { startAgent, type Agent } from '../harness/agent.ts';
import { Bot } from '../harness/bot.ts';
import { SIPP_SCENARIOS, startSipp, type SippOptions } from '../harness/sipp.ts';
import { PageProbe, PROBE_SCRIPT } from '../harness/pageProbe.ts';
import { idle, registered } from '../harness/agentFlow.ts';
import { reliabilityLog } from '../harness/reliabilityLog.ts';

test.describe.configure({ mode: 'serial' });

const PASSWORD = 'hostile-secret';
const AGENT = '1901';
const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures', 'sipp');
const scenario = (name: string) => path.join(FIXTURES, name);
const log = reliabilityLog('hostile', 'Hostile peers');
/** A task this long on the main thread is a frozen page for an agent. */
const FREEZE_MS = 1_000;

let browser: Browser;
let proxy: Proxy;
let agent: Agent;
let probe: PageProbe;

test.beforeAll(async () => {
  browser = await launchBrowser();
  proxy = await startKamailio({ password: PASSWORD, withRtpengine: true });
  agent = await startAgent(browser, {
    user: AGENT, password: PASSWORD, wsUrl: proxy.wsUrl, lang: 'en', initScripts: [PROBE_SCRIPT],
    extra: { timings: { hangupWait: 300, pauseBeforeHangup: 300 } },
  });
  await registered(agent.page);
  probe = await PageProbe.attach(agent.page);
});
test.afterEach(async () => {
  if (test.info().status !== test.info().expectedStatus) await test.info().attach('kamailio.log', { body: proxy.logs().slice(-200_000) });
});
test.afterAll(async () => {
  await probe?.detach();
  await agent?.close();
  await proxy?.stop();
  await browser?.close();
});

/** Runs a SIPp scenario to the end; fails the test with SIPp's output unless every call passed. */
async function sipp(opts: Omit<SippOptions, 'service'>, whileRunning?: (done: () => boolean) => Promise<void>): Promise<number> {
  const started = Date.now();
  const run = await startSipp(proxy, { service: AGENT, timeoutS: 30, ...opts });
  let finished = false;
  const result = run.result.finally(() => { finished = true; });
  try {
    await whileRunning?.(() => finished);
    const { code, output } = await result;
    expect(code, output.slice(-6000)).toBe(0);
  } finally {
    await run.daemon.stop();
  }
  return Date.now() - started;
}

const rings = async () => (await probe.incomingMarks()).length;
const longest = async (since = 0) => Math.max(0, ...(await probe.longTasks()).filter((t) => t.at >= since).map((t) => t.ms));

test('offers the browser cannot answer and absurd INVITEs are refused (488 / 400) before they ring', async () => {
  const before = await rings();
  const since = Date.now();
  const refusals: Array<[string, string, number]> = [];
  for (const [file, code, keys] of [
    ['refused-garbage-sdp.xml', '488', {}],
    ['refused-no-common-codec.xml', '488', {}],
    ['refused-huge-sdp.xml', '488', { junk: 'x'.repeat(40_000) }],
    ['refused-oversized-header.xml', '400', { junk: 'y'.repeat(20_000) }],
  ] as const) {
    refusals.push([file.replace(/^refused-|\.xml$/g, ''), code, await sipp({ scenario: scenario(file), keys })]);
  }
  expect(await rings()).toBe(before);
  expect(await probe.responsive()).toBe(true);
  const worst = await longest(since);
  expect(worst).toBeLessThan(FREEZE_MS);
  log.record({
    fault: 'INVITEs with a garbage SDP, only G.729/GSM/AMR, a 40 kB SDP, a 20 kB header',
    userSaw: 'nothing: the phone did not ring',
    lost: 'nothing',
    figures: {
      ...Object.fromEntries(refusals.map(([name, code, took]) => [`${name}: answer, SIPp run (ms)`, `${code}, ${took}`])),
      'longest main-thread task (ms)': worst,
    },
  });
});

test('a request with an unknown method is refused (405) and nothing rings', async () => {
  const before = await rings();
  const took = await sipp({ scenario: scenario('unknown-method.xml') });
  expect(await rings()).toBe(before);
  log.record({ fault: 'an out-of-dialog request with an unknown method (FROBNICATE)', userSaw: 'nothing', lost: 'nothing', figures: { 'answer': 405, 'SIPp run (ms)': took } });
});

test('a re-INVITE storm, an unknown method in the dialog and a BYE for no dialog: the call survives and ends normally', async () => {
  const since = Date.now();
  let stateDuringStorm = '';
  const took = await sipp({ scenario: scenario('answered-hostile.xml'), timeoutS: 60 }, async () => {
    await agent.page.getByRole('button', { name: 'Answer' }).click();
    stateDuringStorm = (await agent.page.getByRole('status', { name: 'Call state' }).textContent()) ?? '';
  });
  await idle(agent.page);
  expect(stateDuringStorm).toBe('Connected');
  const worst = await longest(since);
  expect(worst).toBeLessThan(FREEZE_MS);
  expect(agent.pageErrors).toEqual([]);
  log.record({
    fault: '30 re-INVITEs back to back, FROBNICATE inside the dialog, a BYE for a dialog that does not exist',
    userSaw: 'the call stayed "Connected" until the caller hung up',
    lost: 'nothing (answers 200 ×30, 501, 481; the call ended by the real BYE)',
    figures: { 'SIPp run (ms)': took, 'longest main-thread task (ms)': worst },
  });
});

test('an INVITE flood (200 in 10 s) is shed without ringing 200 times, and the page stays responsive', async () => {
  const before = await rings();
  const since = Date.now();
  let slowest = 0;
  const took = await sipp({ scenario: scenario('invite-flood.xml'), calls: 200, limit: 200, rate: 20, timeoutS: 60 }, async (done) => {
    while (!done()) {
      const t = Date.now();
      expect(await probe.responsive(5_000)).toBe(true);
      slowest = Math.max(slowest, Date.now() - t);
      await new Promise((r) => setTimeout(r, 250));
    }
  });
  const rang = (await rings()) - before;
  expect(rang).toBeLessThan(20);
  await idle(agent.page);
  const worst = await longest(since);
  expect(worst).toBeLessThan(FREEZE_MS);
  log.record({
    fault: '200 INVITEs in 10 s from one peer',
    userSaw: `the phone rang ${rang} times (each cancelled by the flood after 1 s); the rest never rang`,
    lost: 'nothing',
    figures: { 'INVITEs': 200, 'rang at the agent': rang, 'slowest page answer during the flood (ms)': slowest, 'longest main-thread task (ms)': worst, 'SIPp run (ms)': took },
  });
});

test('CANCEL races: the caller gives up while the INVITE is on its way, or just as the agent answers; nothing is left ringing or stuck', async () => {
  // SIPp: a CANCEL right behind the INVITE, racing it to the agent; then a CANCEL 0–300 ms into ringing.
  const calls = 8;
  const before = await rings();
  const took = await sipp({ scenario: scenario('cancel-at-once.xml'), calls, limit: 1, rate: 2, timeoutS: 60 })
    + await sipp({ scenario: scenario('cancel-while-ringing.xml'), calls, limit: 1, rate: 2, timeoutS: 60 });
  await idle(agent.page);
  const rangBeforeCancel = (await rings()) - before;
  // A JsSIP caller hangs up 0–300 ms into ringing while the agent clicks Answer at once: either
  // the CANCEL wins (487) or the answer does (then the caller's BYE ends the call).
  const caller = await Bot.launch(browser, { uri: 'sip:2901@127.0.0.1', wsUrl: proxy.wsUrl, password: PASSWORD, muted: true });
  const outcomes = { cancelled: 0, answered: 0 };
  let slowest = 0;
  try {
    await caller.register();
    const terminal = async () => (await caller.events()).filter((e) => e.type === 'failed' || e.type === 'ended');
    for (let i = 0; i < calls; i++) {
      await agent.page.waitForTimeout(450); // one call at a time, under the new-call budget
      const seen = (await terminal()).length;
      await caller.call(`sip:${AGENT}@127.0.0.1`);
      await caller.waitFor('progress');
      const giveUp = new Promise((r) => setTimeout(r, Math.random() * 300)).then(() => caller.hangup().catch(() => undefined));
      await agent.page.getByRole('button', { name: 'Answer' }).click({ timeout: 2_000 }).catch(() => undefined);
      await giveUp;
      await expect.poll(async () => (await terminal()).length, { timeout: 10_000 }).toBeGreaterThan(seen);
      const over = Date.now();
      outcomes[(await terminal()).at(-1)!.type === 'failed' ? 'cancelled' : 'answered']++;
      await idle(agent.page);
      slowest = Math.max(slowest, Date.now() - over);
    }
  } finally {
    await caller.close();
  }
  expect(agent.pageErrors).toEqual([]);
  log.record({
    fault: `SIPp: ${calls} CANCELs right behind the INVITE, ${calls} CANCELs 0–300 ms into ringing; JsSIP: ${calls} callers hanging up 0–300 ms into ringing while the agent answers at once`,
    userSaw: 'each call either vanished from the screen, or connected and ended when the caller hung up; an answer whose ACK never came (the caller had cancelled) ends after 5 s',
    lost: 'nothing: no call left ringing or stuck',
    figures: {
      'SIPp calls that rang before their CANCEL (of 16)': rangBeforeCancel,
      'slowest: caller gone → agent idle (ms)': slowest,
      'SIPp runs (ms)': took,
      'answer races the CANCEL won': outcomes.cancelled,
      'answer races the answer won': outcomes.answered,
    },
  });
});

test('after all of that, the next good call rings, connects with media and ends', async () => {
  const run = await startSipp(proxy, { scenario: SIPP_SCENARIOS.uacPcap, service: AGENT, talkMs: 3_000, timeoutS: 30 });
  try {
    await agent.page.getByRole('button', { name: 'Answer' }).click();
    await expect.poll(async () => (await probe.inboundAudio()).received, { timeout: 10_000 }).toBeGreaterThan(50);
    const heard = (await probe.inboundAudio()).received;
    const { code, output } = await run.result;
    expect(code, output.slice(-2000)).toBe(0);
    await idle(agent.page);
    const all = await probe.longTasks();
    const worst = Math.max(0, ...all.map((t) => t.ms));
    expect(worst).toBeLessThan(FREEZE_MS);
    expect(agent.pageErrors).toEqual([]);
    log.record({
      fault: 'none: an ordinary trunk call after the hostile ones',
      userSaw: 'it rang, was answered and carried audio',
      lost: 'nothing',
      figures: { 'RTP packets heard (at least)': heard, 'long tasks over the whole file': all.length, 'longest (ms)': worst },
    });
  } finally {
    await run.daemon.stop();
  }
});
