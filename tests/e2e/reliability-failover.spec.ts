// Issue 14 §1: two proxies in IT's order of preference. The first is used whenever it is up; when
// it dies the agent is registered on the second within 3 s of noticing and says so; calls work
// both ways there; when the first returns the agent goes back at a quiet moment, never mid-call.
import { test, expect } from '@playwright/test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../harness/browser.ts';
import { startKamailio, type Proxy } from '../harness/kamailio.ts';
import { Bot } from '../harness/bot.ts';
import { startAgent, type Agent } from '../harness/agent.ts';
import { PageProbe, PROBE_SCRIPT } from '../harness/pageProbe.ts';
import { closeAndHangUp, idle, registered, registration } from '../harness/agentFlow.ts';
import { ms, reliabilityLog } from '../harness/reliabilityLog.ts';

const PASSWORD = 'failover-secret';
const PROBE_EVERY = 2_000;
const log = reliabilityLog('failover', 'Two proxies: failover and failback');

let browser: Browser;
let primary: Proxy;
let backup: Proxy;
const open: Array<{ close(): Promise<void> }> = [];

test.beforeAll(async () => {
  browser = await launchBrowser();
  [primary, backup] = await Promise.all([startKamailio({ password: PASSWORD }), startKamailio({ password: PASSWORD })]);
});
test.afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close().catch(() => undefined)));
  if (test.info().status !== test.info().expectedStatus) {
    await test.info().attach('kamailio-primary.log', { body: primary.logs() });
    await test.info().attach('kamailio-backup.log', { body: backup.logs() });
  }
  await primary.start(); // a test that killed it leaves it down
});
test.afterAll(async () => {
  await Promise.all([primary?.stop(), backup?.stop()]);
  await browser?.close();
});

const label = (p: Proxy) => `127.0.0.1:${p.wsPort}`;

async function agent(user: string): Promise<Agent> {
  const a = await startAgent(browser, {
    user, password: PASSWORD, wsUrls: [primary.wsUrl, backup.wsUrl], lang: 'en',
    sip: { failbackProbeMs: PROBE_EVERY }, extra: { timings: { hangupWait: 500, pauseBeforeHangup: 500 } }, initScripts: [PROBE_SCRIPT],
  });
  open.push(a);
  return a;
}

async function bot(user: string, on: Proxy): Promise<Bot> {
  const b = await Bot.launch(browser, { uri: `sip:${user}@127.0.0.1`, wsUrl: on.wsUrl, password: PASSWORD, muted: true });
  open.push(b);
  await b.register();
  return b;
}

test('the first server listed is used whenever it is up, on every page load (not a random pick)', async () => {
  const a = await agent('1701');
  const servers: string[] = [];
  for (let load = 0; load < 5; load++) {
    if (load > 0) await a.page.reload();
    await registered(a.page, `on ${label(primary)}`);
    servers.push(((await registration(a.page).textContent()) ?? '').includes(label(primary)) ? 'first' : 'other');
  }
  expect(servers).toEqual(['first', 'first', 'first', 'first', 'first']);
  log.record({
    fault: 'none: two servers listed, the page loaded 5 times',
    userSaw: '"Registered on" the first server\'s host:port, every time',
    lost: 'nothing',
    figures: { loads: servers.length, onFirstServer: servers.filter((s) => s === 'first').length },
  });
});

test('the first server dies: registered on the second within 3 s, says so, and calls work both ways there', async () => {
  const a = await agent('1702');
  await registered(a.page, `on ${label(primary)}`);
  const probe = await PageProbe.attach(a.page);
  const far = await bot('2702', backup);

  await primary.stop({ kill: true });
  await registered(a.page, `on backup server ${label(backup)}`, 10_000);
  const marks = await probe.registrationMarks();
  const noticed = marks.find((m) => m.text.includes('Not connected'));
  const onBackup = marks.find((m) => m.text.includes('backup server'));
  expect(noticed, JSON.stringify(marks)).toBeDefined();
  const failover = onBackup!.at - noticed!.at;
  expect(failover).toBeLessThan(3_000);

  // A caller on the backup reaches the agent…
  await far.call('sip:1702@127.0.0.1');
  await far.waitFor('newRTCSession'); // its own outgoing session: the next one is the agent's call
  await a.page.getByRole('button', { name: 'Answer' }).click();
  await far.waitFor('confirmed');
  await closeAndHangUp(a.page);
  await far.waitFor('ended');
  await idle(a.page);
  // …and the agent reaches a number on the backup.
  await a.page.getByRole('textbox', { name: 'Number' }).fill('2702');
  await a.page.getByRole('button', { name: 'Call' }).click();
  await far.waitFor('newRTCSession');
  await far.answer();
  await expect(a.page.getByRole('region', { name: 'Call in progress' })).toBeVisible();
  await far.hangup();
  await idle(a.page);
  expect(a.pageErrors).toEqual([]);
  log.record({
    fault: 'the first proxy is killed (SIGKILL) while the agent is idle',
    userSaw: '"Not connected — retrying", then "Registered on backup server" and its host:port',
    lost: 'nothing: an incoming and an outgoing call on the backup both connected',
    figures: { 'noticed → registered on backup (ms)': ms(failover), 'budget (ms)': 3_000 },
  });
  await probe.detach();
});

test('the first server returns during a call on the backup: the agent stays until the call ends, then goes back', async () => {
  const a = await agent('1703');
  await registered(a.page, `on ${label(primary)}`);
  const probe = await PageProbe.attach(a.page);
  await primary.stop({ kill: true });
  await registered(a.page, 'backup server');
  const far = await bot('2703', backup);
  await far.call('sip:1703@127.0.0.1');
  await a.page.getByRole('button', { name: 'Answer' }).click();
  await far.waitFor('confirmed');

  await primary.start();
  const backAt = Date.now();
  // Several probe periods pass with the first server answering: the call keeps the agent where it is.
  await a.page.waitForTimeout(PROBE_EVERY * 2.5);
  await expect(registration(a.page)).toContainText('backup server');
  const before = (await far.stats()).inboundPackets;
  await expect.poll(async () => (await far.stats()).inboundPackets, { timeout: 5_000 }).toBeGreaterThan(before + 20);

  await far.hangup();
  const quietAt = (await far.waitFor('ended')).at;
  await idle(a.page);
  await registered(a.page, `on ${label(primary)}`, PROBE_EVERY + 8_000);
  const marks = await probe.registrationMarks();
  const back = marks.filter((m) => m.text.includes(`on ${label(primary)}`)).at(-1)!;
  // Nothing in between said "not connected" or "connecting": the switch is quiet.
  const between = marks.filter((m) => m.at > quietAt && m.at < back.at).map((m) => m.text);
  expect(between.filter((t) => /Connecting|Not connected/.test(t))).toEqual([]);

  // Calls reach the agent on the first server again.
  const caller = await bot('2713', primary);
  await caller.call('sip:1703@127.0.0.1');
  await expect(a.page.getByRole('region', { name: 'Incoming call' })).toContainText('2713');
  await a.page.getByRole('button', { name: 'Decline' }).click();
  expect((await caller.waitFor('failed')).detail.status_code).toBe(486);
  log.record({
    fault: 'the first proxy comes back while the agent is in a call on the backup',
    userSaw: 'the call went on undisturbed; after it ended, "Registered on" the first server (no "Connecting…" in between)',
    lost: 'nothing',
    figures: {
      'first server back → call ended, agent still on backup (ms)': ms(quietAt - backAt),
      'call ended → registered on first server (ms)': ms(back.at - quietAt),
      'probe every (ms)': PROBE_EVERY,
    },
  });
  await probe.detach();
});
