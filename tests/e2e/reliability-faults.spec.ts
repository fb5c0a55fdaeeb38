// Issue 14 §2: faults in the middle of a call. The proxy restarts during a trunk call (media
// keeps flowing through rtpengine, loss measured; hold, resume and hang-up after re-registration
// reach the caller; the call record closes); the agent's WebSocket drops during a hold (the
// check-ins keep coming on time) and during a transfer consultation (the caller is recovered and
// the agent told, no stuck state); the agent hangs up while the WebSocket is down (the BYE leaves
// as soon as it is back, so the caller is not left on a silent line).
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../harness/browser.ts';
import { startKamailio, type Proxy } from '../harness/kamailio.ts';
import { Bot } from '../harness/bot.ts';
import { startAgent, type Agent, type AgentOptions } from '../harness/agent.ts';
import { startSipp } from '../harness/sipp.ts';
import { startCollector, type Collector } from '../harness/collector.ts';
import { startTcpRelay, type TcpRelay } from '../harness/tcpRelay.ts';
import { PageProbe, PROBE_SCRIPT } from '../harness/pageProbe.ts';
import { closeAndHangUp, holdWithConsent, idle, press, registered, registration, resume } from '../harness/agentFlow.ts';
import { ms, reliabilityLog } from '../harness/reliabilityLog.ts';

const PASSWORD = 'faults-secret';
const SCENARIOS = path.resolve(import.meta.dirname, '..', 'fixtures', 'sipp');
const log = reliabilityLog('faults', 'Faults in the middle of a call');

let browser: Browser;
let proxy: Proxy;
let collector: Collector;
const open: Array<{ close(): Promise<void> }> = [];

test.beforeAll(async () => {
  browser = await launchBrowser();
  proxy = await startKamailio({ password: PASSWORD, withRtpengine: true });
  collector = await startCollector();
});
test.afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close().catch(() => undefined)));
  if (test.info().status !== test.info().expectedStatus) await test.info().attach('kamailio.log', { body: proxy.logs() });
});
test.afterAll(async () => {
  await proxy?.stop();
  await collector?.close();
  await browser?.close();
});

async function agent(user: string, opts: Partial<AgentOptions> = {}): Promise<Agent> {
  const a = await startAgent(browser, { user, password: PASSWORD, wsUrl: proxy.wsUrl, lang: 'en', initScripts: [PROBE_SCRIPT], ...opts });
  open.push(a);
  await registered(a.page);
  return a;
}

async function bot(user: string): Promise<Bot> {
  const b = await Bot.launch(browser, { uri: `sip:${user}@127.0.0.1`, wsUrl: proxy.wsUrl, password: PASSWORD, muted: true });
  open.push(b);
  await b.register();
  return b;
}

async function relayTo(p: Proxy): Promise<TcpRelay> {
  const relay = await startTcpRelay({ port: p.wsPort });
  open.push(relay);
  return relay;
}

test('the proxy restarts mid-call: media keeps flowing, hold, resume and hang-up reach the caller, the record closes', async () => {
  const a = await agent('1801', {
    extra: { timings: { hangupWait: 500, pauseBeforeHangup: 500 }, records: { retentionDays: 90, maskNumbers: true, url: collector.url } },
  });
  const probe = await PageProbe.attach(a.page);
  const sipp = await startSipp(proxy, { scenario: path.join(SCENARIOS, 'uac-held-by-agent.xml'), service: '1801', timeoutS: 60 });
  open.push({ close: () => sipp.daemon.stop() });
  await a.page.getByRole('button', { name: 'Answer' }).click();
  await expect.poll(async () => (await probe.inboundAudio()).received, { timeout: 10_000 }).toBeGreaterThan(25);

  // The proxy dies and comes back on the same ports; rtpengine, the media relay, stays up.
  const before = await probe.inboundAudio();
  const t0 = Date.now();
  await proxy.stop({ keepMedia: true, kill: true });
  await expect(registration(a.page)).toContainText('Not connected');
  await proxy.start();
  await registered(a.page, undefined, 15_000);
  const reregistered = Date.now() - t0;
  const after = await probe.inboundAudio();
  const window = Date.now() - t0;
  // The call itself never noticed.
  await expect(a.page.getByRole('status', { name: 'Call state' })).toHaveText('Connected');
  const received = after.received - before.received;
  const lost = after.lost - before.lost;
  expect(lost).toBeLessThanOrEqual(5);

  // In-dialog requests after re-registration still reach the caller (SIPp checks each one).
  await holdWithConsent(a.page);
  await resume(a.page);
  await closeAndHangUp(a.page);
  const { code, output } = await sipp.result;
  expect(code, output.slice(-2000)).toBe(0);
  await idle(a.page);

  // The call record closed like any other: ended by the agent, complete.
  await expect.poll(() => collector.stored.size, { timeout: 10_000 }).toBeGreaterThan(0);
  const record = [...collector.stored.values()].at(-1)!;
  expect(record).toMatchObject({ ended_by: 'agent', incomplete: 'no' });
  log.record({
    fault: 'the SIP proxy (Kamailio) is killed and restarted during a trunk call; the media relay stays up',
    userSaw: '"Not connected — retrying", then "Registered"; the call stayed "Connected"; hold, resume and hang-up worked',
    lost: lost <= 0 ? 'nothing' : `${lost} RTP packets`,
    figures: {
      'proxy down → agent registered again (ms)': reregistered,
      'window measured (ms)': window,
      'RTP packets received in the window': received,
      'RTP packets lost in the window': lost,
      'call record': `closed, ended by ${String(record.ended_by)}, incomplete ${String(record.incomplete)}`,
    },
  });
  await probe.detach();
});

test('the WebSocket drops during a hold: the check-ins keep coming on time, resume reaches the caller', async () => {
  const EVERY = 3_000;
  const relay = await relayTo(proxy);
  const a = await agent('1802', { wsUrl: relay.wsUrl, extra: { timings: { checkInEvery: EVERY, hangupWait: 500, pauseBeforeHangup: 500 } } });
  const caller = await bot('2802');
  await caller.call('sip:1802@127.0.0.1');
  await a.page.getByRole('button', { name: 'Answer' }).click();
  await caller.waitFor('confirmed');
  const probe = await PageProbe.attach(a.page);
  await holdWithConsent(a.page);
  expect(['sendonly', 'inactive']).toContain((await caller.waitFor('reinvite')).detail.direction);

  // The network drops the agent's connection and refuses new ones for 4 s.
  await a.page.waitForTimeout(500);
  relay.down();
  const droppedAt = Date.now();
  const alert = a.page.getByRole('alert').filter({ has: a.page.getByRole('button', { name: 'Checked in' }) });
  for (let n = 1; n <= 2; n++) {
    await alert.waitFor({ timeout: EVERY + 2_000 });
    await press(a.page.getByRole('button', { name: 'Checked in' }));
    await alert.waitFor({ state: 'detached' });
    if (n === 1) setTimeout(() => relay.up(), Math.max(0, droppedAt + 4_000 - Date.now()));
  }
  await expect(registration(a.page)).toContainText('Registered', { timeout: 15_000 });
  const back = Date.now() - droppedAt;
  // Page clock: each check-in is due checkInEvery after the hold began, then after the last acknowledgement.
  const marks = await probe.holdMarks();
  const acks = marks.clicks.filter((c) => c.name === 'Checked in');
  const lateness = [marks.checkIns.at(-2)! - (marks.holdShown.at(-1)! + EVERY), marks.checkIns.at(-1)! - (acks.at(-2)!.at + EVERY)];
  for (const late of lateness) expect(Math.abs(late)).toBeLessThan(250);
  await probe.detach();

  await resume(a.page);
  expect((await caller.waitFor('reinvite')).detail.direction).toBe('sendrecv');
  await closeAndHangUp(a.page);
  await caller.waitFor('ended');
  log.record({
    fault: "the agent's WebSocket is reset during a hold and new connections are refused for 4 s",
    userSaw: 'the check-in reminders on time while "Not connected — retrying"; then "Registered"; Resume worked',
    lost: 'nothing',
    figures: {
      'check-in 1 (connection down) late by (ms)': ms(lateness[0]!),
      'check-in 2 (reconnecting) late by (ms)': ms(lateness[1]!),
      'connection dropped → registered again (ms)': back,
      'relay connections (reconnects + 1)': relay.accepted,
    },
  });
});

test('the WebSocket drops during a transfer consultation: the caller is taken off hold and the agent is told', async () => {
  const relay = await relayTo(proxy);
  const a = await agent('1803', { wsUrl: relay.wsUrl, extra: { timings: { transferTimeout: 30_000, hangupWait: 500, pauseBeforeHangup: 500 } } });
  const caller = await bot('2803');
  const target = await bot('1903');
  await caller.call('sip:1803@127.0.0.1');
  await a.page.getByRole('button', { name: 'Answer' }).click();
  await caller.waitFor('confirmed');
  await a.page.getByRole('button', { name: 'Transfer', exact: true }).click();
  await a.page.getByRole('textbox', { name: 'Transfer to' }).fill('1903');
  await a.page.getByRole('button', { name: 'Consult' }).click();
  expect(['sendonly', 'inactive']).toContain((await caller.waitFor('reinvite')).detail.direction);
  await target.waitFor('newRTCSession');

  const droppedAt = Date.now();
  relay.cut();
  // Not stuck: the consultation is given up, the caller comes off hold once the phone is back.
  const resumed = await caller.waitFor('reinvite', 15_000);
  const recovered = Date.now() - droppedAt;
  expect(resumed.detail.direction).toBe('sendrecv');
  await expect(a.page.getByRole('status', { name: 'Call state' })).toHaveText('Connected', { timeout: 10_000 });
  const told = (await a.page.getByRole('alert').allTextContents()).join(' · ');
  expect(told).toMatch(/transfer/i);
  await registered(a.page);
  // The call goes on and ends normally.
  await closeAndHangUp(a.page);
  await caller.waitFor('ended');
  log.record({
    fault: "the agent's WebSocket is reset while the transfer target is ringing (caller on hold)",
    userSaw: `the alert "${told}"; the call back to "Connected"`,
    lost: 'the consultation (the target was not reached); the caller was kept',
    figures: { 'connection dropped → caller off hold (ms)': recovered },
  });
});

test('the agent hangs up while the WebSocket is down: the call ends on screen at once, the BYE reaches the caller once the connection is back', async () => {
  const relay = await relayTo(proxy);
  const a = await agent('1804', { wsUrl: relay.wsUrl, extra: { timings: { hangupWait: 500, pauseBeforeHangup: 500 } } });
  const caller = await bot('2804');
  await caller.call('sip:1804@127.0.0.1');
  await a.page.getByRole('button', { name: 'Answer' }).click();
  await caller.waitFor('confirmed');

  // The network drops the agent's connection and refuses new ones; the agent closes and hangs up.
  relay.down();
  await expect(registration(a.page)).toContainText('Not connected');
  await closeAndHangUp(a.page);
  const hungUpAt = Date.now();
  await idle(a.page);
  const idleAfter = Date.now() - hungUpAt;
  // The BYE cannot leave yet: the caller is still on the line (the gap this test closes).
  await a.page.waitForTimeout(1_000);
  expect((await caller.events()).map((e) => e.type)).not.toContain('ended');

  const upAt = Date.now();
  const acceptedBefore = relay.accepted;
  relay.up();
  // JsSIP reconnects on its own back-off (2 s and more); the BYE goes first, before the REGISTER.
  const ended = await caller.waitFor('ended', 30_000);
  expect(ended.detail).toMatchObject({ originator: 'remote', cause: 'Terminated' });
  expect(relay.accepted).toBeGreaterThan(acceptedBefore);
  const backAt = relay.lastAcceptedAt!;
  const byeAfterBack = ended.at - backAt;
  expect(byeAfterBack).toBeLessThan(3_000);
  await registered(a.page, undefined, 15_000);
  await idle(a.page);
  log.record({
    fault: 'the agent hangs up while the WebSocket is down (reset, new connections refused until after the hang-up)',
    userSaw: '"Not connected — retrying"; the call ended on screen at once (the agent free); then "Registered"',
    lost: 'nothing: the caller stayed on the line only until the connection was back (no audio either way meanwhile); after 32 s without a connection the BYE is given up and logged',
    figures: {
      'hang-up → agent idle (ms)': idleAfter,
      'hang-up → connection allowed again (ms)': upAt - hungUpAt,
      "connection allowed → agent's WebSocket back (JsSIP's back-off) (ms)": backAt - upAt,
      'WebSocket back → BYE at the caller (ms)': ms(byeAfterBack),
      'hang-up → caller\'s call ended (ms)': ms(ended.at - hungUpAt),
    },
  });
});
