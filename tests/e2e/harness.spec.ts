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
  await expect(a.register()).rejects.toThrow(/registration failed/);
  expect((await a.waitFor('registrationFailed')).detail).toMatchObject({ status_code: 401 });
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
