// The harness itself, proven against real parts: if these pass, a SeatMate test that uses the
// same proxy and bots is testing SIP, not a mock.
import { test, expect } from '@playwright/test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../harness/browser.ts';
import { startKamailio, type Proxy } from '../harness/kamailio.ts';
import { Bot } from '../harness/bot.ts';
import { startSippUac } from '../harness/sipp.ts';

const PASSWORD = 'harness-secret';

let browser: Browser;
let proxy: Proxy;
const bots: Bot[] = [];

async function bot(user: string, password = PASSWORD): Promise<Bot> {
  const b = await Bot.launch(browser, { uri: `sip:${user}@127.0.0.1`, wsUrl: proxy.wsUrl, password });
  bots.push(b);
  return b;
}

/** Polls until RTP has grown on both sides: proof that media flows, not just signalling. */
async function expectMediaFlowing(a: Bot, b: Bot): Promise<void> {
  const before = await Promise.all([a.stats(), b.stats()]);
  await expect
    .poll(async () => {
      const now = await Promise.all([a.stats(), b.stats()]);
      return now.every((s, i) => s.inboundPackets > (before[i]?.inboundPackets ?? 0) + 20);
    }, { timeout: 10_000 })
    .toBe(true);
}

test.beforeAll(async () => {
  browser = await launchBrowser();
  proxy = await startKamailio({ password: PASSWORD });
});

test.afterEach(async () => {
  const testInfo = test.info();
  await Promise.all(bots.splice(0).map((b) => b.close()));
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('kamailio.log', { body: proxy.logs() });
});

test.afterAll(async () => {
  await proxy?.stop();
  await browser?.close();
});

test('call with a tier header, media both ways, hold seen by the far end, hang-up', async () => {
  const a = await bot('2001');
  const b = await bot('1001');
  await a.register();
  await b.register();

  await a.call('sip:1001@127.0.0.1', { headers: ['X-Caller-Tier: vip'] });
  const incoming = await b.waitFor('newRTCSession');
  expect(incoming.detail).toMatchObject({ originator: 'remote', caller: '2001' });
  expect((incoming.detail.headers as Record<string, string>)['x-caller-tier']).toBe('vip');

  await b.answer();
  await a.waitFor('confirmed');
  await b.waitFor('confirmed');
  await expectMediaFlowing(a, b);

  await b.hold();
  const held = await a.waitFor('reinvite');
  expect(['sendonly', 'inactive']).toContain(held.detail.direction);
  await b.unhold();
  const resumed = await a.waitFor('reinvite');
  expect(resumed.detail.direction).toBe('sendrecv');
  await expectMediaFlowing(a, b);

  await a.hangup();
  expect((await b.waitFor('ended')).detail).toMatchObject({ originator: 'remote' });
  expect((await a.waitFor('ended')).detail).toMatchObject({ originator: 'local' });
  expect(a.pageErrors.concat(b.pageErrors)).toEqual([]);
});

test('a declined call fails on the caller with 486', async () => {
  const a = await bot('2002');
  const b = await bot('1002');
  await a.register();
  await b.register();
  await a.call('sip:1002@127.0.0.1');
  await b.waitFor('newRTCSession');
  await b.decline(486);
  const failed = await a.waitFor('failed');
  expect(failed.detail).toMatchObject({ originator: 'remote', status_code: 486 });
});

test('a call to an unknown user gets 404', async () => {
  const a = await bot('2003');
  await a.register();
  await a.call('sip:9999@127.0.0.1');
  expect((await a.waitFor('failed')).detail).toMatchObject({ status_code: 404 });
});

test('a wrong password is refused with 401', async () => {
  const a = await bot('2004', 'not-the-password');
  await expect(a.register()).rejects.toThrow(/registration failed.*"status_code":401/);
  const failures = (await a.events()).filter((e) => e.type === 'registrationFailed');
  expect(failures.map((e) => e.detail.status_code)).toEqual([401]);
});

/** caller → agent, answered and confirmed on both sides. */
async function connected(caller: Bot, agent: Bot, agentUser: string): Promise<void> {
  await caller.call(`sip:${agentUser}@127.0.0.1`);
  await agent.waitFor('newRTCSession');
  await agent.answer();
  await Promise.all([caller.waitFor('confirmed'), agent.waitFor('confirmed')]);
}

test('DTMF over SIP INFO and a plain INFO reach the far end', async () => {
  const a = await bot('2005');
  const b = await bot('1005');
  await Promise.all([a.register(), b.register()]);
  await connected(a, b, '1005');
  await a.sendDTMF('5', { transportType: 'INFO' });
  expect((await b.waitFor('newDTMF')).detail).toMatchObject({ originator: 'remote', tone: '5' });
  await a.sendInfo('application/x-seatmate', 'hello');
  expect((await b.waitFor('newInfo')).detail).toMatchObject({ originator: 'remote', body: 'hello' });
  await a.hangup();
  await b.waitFor('ended');
});

test('blind transfer: the caller follows the REFER to the target', async () => {
  const caller = await bot('2006');
  const agent = await bot('1006');
  const target = await bot('1106');
  await Promise.all([caller.register(), agent.register(), target.register()]);
  await connected(caller, agent, '1006');
  await agent.transfer('sip:1106@127.0.0.1');
  expect((await caller.waitFor('refer')).detail.referTo).toContain('1106');
  expect((await target.waitFor('newRTCSession')).detail).toMatchObject({ caller: '2006' });
  await target.answer();
  await Promise.all([caller.waitFor('confirmed'), target.waitFor('confirmed')]);
  await agent.hangup();
  await agent.waitFor('ended');
  await expectMediaFlowing(caller, target);
});

test('attended transfer: the consultation call is replaced by the caller', async () => {
  const caller = await bot('2007');
  const agent = await bot('1007');
  const target = await bot('1107');
  await Promise.all([caller.register(), agent.register(), target.register()]);
  await connected(caller, agent, '1007');
  await agent.hold();
  await connected(agent, target, '1107');
  await agent.transfer('sip:1107@127.0.0.1', { attended: true });
  await caller.waitFor('refer');
  await target.waitFor('replaces');
  // The target's consultation leg ends when the caller's replacing call is confirmed.
  await Promise.all([caller.waitFor('confirmed'), target.waitFor('confirmed')]);
  expect((await agent.waitFor('ended')).detail).toMatchObject({ originator: 'remote' });
  await agent.hangup();
  await expectMediaFlowing(caller, target);
});

test('proxy down, then back on the same ports: the bot reconnects and calls again', async () => {
  const a = await bot('2008');
  const b = await bot('1008');
  await Promise.all([a.register(), b.register()]);
  await proxy.stop();
  await Promise.all([a.waitFor('disconnected'), b.waitFor('disconnected')]);
  await proxy.start();
  // JsSIP retries after 2 s, then backs off; once register() was called it registers again
  // by itself on reconnect, which the new Kamailio needs (it lost its location table).
  await Promise.all([a.waitFor('connected', 20_000), b.waitFor('connected', 20_000)]);
  await Promise.all([a.waitFor('registered'), b.waitFor('registered')]);
  await connected(a, b, '1008');
  await a.hangup();
  await b.waitFor('ended');
});

test.describe('plain-RTP trunk caller through rtpengine', () => {
  let trunkProxy: Proxy;
  test.beforeAll(async () => {
    trunkProxy = await startKamailio({ withRtpengine: true });
  });
  test.afterAll(async () => {
    await trunkProxy?.stop();
  });

  test('SIPp UAC → Kamailio + rtpengine → bot, media relayed both ways', async () => {
    const agent = await Bot.launch(browser, { uri: 'sip:1101@127.0.0.1', wsUrl: trunkProxy.wsUrl });
    bots.push(agent);
    await agent.register();
    const sipp = await startSippUac(trunkProxy, { service: '1101', talkMs: 4000 });
    try {
      const incoming = await agent.waitFor('newRTCSession');
      expect((incoming.detail.headers as Record<string, string>)['x-caller-tier']).toBe('brand');
      await agent.answer();
      await agent.waitFor('confirmed');
      await expect.poll(async () => (await agent.stats()).inboundPackets, { timeout: 10_000 }).toBeGreaterThan(50);
      const stats = await agent.stats();
      expect(stats.outboundPackets).toBeGreaterThan(50);
      // The pcap is speech: a level above zero means decoded audio, not just packets.
      expect(stats.audioLevel).toBeGreaterThan(0);
      expect((await agent.waitFor('ended', 15_000)).detail).toMatchObject({ originator: 'remote' });
      const { code, output } = await sipp.result;
      expect(code, output.slice(-3000)).toBe(0);
    } finally {
      await sipp.daemon.stop();
      if (test.info().status !== test.info().expectedStatus) await test.info().attach('kamailio+rtpengine.log', { body: trunkProxy.logs() });
    }
  });
});
