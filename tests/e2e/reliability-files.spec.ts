// Issue 14 §6 and §7, on the real `seatmate web` process (bin/seatmate.mjs) with its own files:
// bad configuration, policy, packs, calendars and directory at start (a table of cases) and while
// it runs (a valid change is picked up without a restart, a broken one refused and the last good
// state kept, with a clear error); and kill -9 of the host during a call and during settings saves:
// no setting lost, the call goes on, and the host starts cleanly after.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../harness/browser.ts';
import { startKamailio, type Proxy } from '../harness/kamailio.ts';
import { Bot } from '../harness/bot.ts';
import { runWebProcess, seatFiles, startWebProcess, type SeatFiles, type WebProcess } from '../harness/webProcess.ts';
import { closeAndHangUp, idle, registered } from '../harness/agentFlow.ts';
import { ms, reliabilityLog } from '../harness/reliabilityLog.ts';

const PASSWORD = 'files-secret';
const log = reliabilityLog('files', 'Bad files and kill -9 of the host');

let browser: Browser;
let proxy: Proxy;
const open: Array<{ close(): Promise<void> }> = [];
const hosts: WebProcess[] = [];

test.beforeAll(async () => {
  browser = await launchBrowser();
  proxy = await startKamailio({ password: PASSWORD });
});
test.afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close().catch(() => undefined)));
  if (test.info().status !== test.info().expectedStatus) {
    for (const h of hosts) await test.info().attach(`seatmate-web-${h.port}.log`, { body: h.output() });
  }
  await Promise.all(hosts.splice(0).map((h) => h.daemon.stop()));
});
test.afterAll(async () => {
  await proxy?.stop();
  await browser?.close();
});

const liveConfig = (user: string) => ({
  mode: 'live', lang: 'en', timeZone: 'Asia/Shanghai', agent: { id: user, name: 'Li' },
  timings: { hangupWait: 500, pauseBeforeHangup: 500 },
  sip: { uri: `sip:${user}@127.0.0.1`, ws: [proxy.wsUrl], authUser: user, password: PASSWORD, iceServers: [] },
});

async function host(seat: SeatFiles): Promise<WebProcess> {
  const h = await startWebProcess(seat);
  hosts.push(h);
  return h;
}

async function agentPage(h: WebProcess): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext();
  open.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(h.launchUrl);
  await registered(page);
  return { page, context, errors };
}

const until = async (what: string, check: () => boolean | Promise<boolean>, timeout = 10_000) => {
  await expect.poll(check, { message: what, timeout }).toBe(true);
};

type ContentAnswer = { packs: Array<{ id: string; hotline: string }>; errors: Array<{ file: string; line: number; message: string }>; calendars: unknown[] };
type SettingsAnswer = { config: { agent: { name?: string }; lang: string }; locked: string[] };

test('bad files at start: the host refuses a broken configuration, ignores a broken policy, and leaves out a broken pack, calendar or directory with its error', async () => {
  const rows: Array<[string, string]> = [];
  // The configuration: nothing starts, and the message names the problem.
  for (const [name, text, expected] of [
    ['configuration: not JSON', '{ "mode": "live", ', /not valid JSON/],
    ['configuration: a bad field', JSON.stringify({ mode: 'live', sip: { uri: 'not a sip uri', ws: ['ws://x'] } }), /sip\.uri: must be a SIP URI/],
  ] as const) {
    const seat = await seatFiles({});
    fs.writeFileSync(seat.config, text);
    const { code, output } = await runWebProcess(seat);
    expect(code, output).toBe(2);
    expect(output).toMatch(/the configuration is not valid, nothing was started/);
    expect(output).toMatch(expected);
    const said = output.split('\n').find((l) => expected.test(l))?.trim().replace(/\S*\/seatmate-seat-[^/]+\//g, '');
    rows.push([name, `refused to start (exit 2): ${said}`]);
  }
  // Policy and content: the host starts; the broken part is left out and said so.
  const seat = await seatFiles(liveConfig('1951'));
  fs.writeFileSync(seat.policy, '{ "lang": ');
  fs.writeFileSync(path.join(seat.resources, 'calendars', 'cn-2026.yaml'), 'region: cn\nyear: [2026\n');
  fs.writeFileSync(path.join(seat.resources, 'directory.yaml'), 'numbers: 7\n');
  const mobile = path.join(seat.resources, 'packs', 'mobile-10086', 'pack.yaml');
  fs.writeFileSync(mobile, fs.readFileSync(mobile, 'utf8').replace(/^hotline:.*$/m, 'hotline: [unclosed'));
  const h = await host(seat);
  expect(h.output()).toMatch(/policy: .*policy\.json ignored/);
  const settings = (await h.api('/api/settings')).json as SettingsAnswer;
  expect(settings.locked).toEqual([]);
  rows.push(['policy: not JSON', 'started without it; logged "policy: … ignored"']);
  const content = (await h.api('/api/content')).json as ContentAnswer;
  const errorIn = (file: string) => content.errors.find((e) => e.file.endsWith(file));
  expect(errorIn('cn-2026.yaml')).toBeDefined();
  expect(errorIn('directory.yaml')).toBeDefined();
  expect(errorIn('mobile-10086/pack.yaml')?.line).toBeGreaterThan(1);
  expect(content.packs.map((p) => p.id)).toEqual(expect.arrayContaining(['telecom-10000', 'telecom-10000-en']));
  expect(content.packs.map((p) => p.id)).not.toContain('mobile-10086');
  for (const file of ['mobile-10086/pack.yaml', 'cn-2026.yaml', 'directory.yaml']) {
    const e = errorIn(file)!;
    rows.push([`content: ${file} broken`, `left out, the rest in use; error "${path.basename(e.file)}:${e.line}: ${e.message.slice(0, 60)}"`]);
  }
  // The agent sees it too, and takes calls with what loaded.
  const { page } = await agentPage(h);
  await expect(page.getByRole('alert').filter({ hasText: 'Some content could not be loaded' })).toContainText('mobile-10086');
  log.record({
    fault: 'broken files at start: configuration, policy, a pack, a calendar, the directory',
    userSaw: 'a broken configuration: the host does not start and names the field; otherwise the agent works, with "Some content could not be loaded (…)" naming file and line',
    lost: 'only the broken file; everything else in use',
    figures: Object.fromEntries(rows),
  });
});

test('files changed while running: a valid change is picked up without a restart, a broken one is refused and the last good state kept', async () => {
  const seat = await seatFiles(liveConfig('1952'));
  const h = await host(seat);
  const { page, errors } = await agentPage(h);
  const caller = await Bot.launch(browser, { uri: 'sip:2952@127.0.0.1', wsUrl: proxy.wsUrl, password: PASSWORD, muted: true });
  open.push(caller);
  await caller.register();
  const greetingOnRing = async () => {
    await caller.call('sip:1952@127.0.0.1');
    const greeting = page.getByRole('region', { name: 'Greeting' });
    await greeting.waitFor();
    const text = (await greeting.textContent()) ?? '';
    await page.getByRole('button', { name: 'Decline' }).click();
    await caller.waitFor('failed');
    await idle(page);
    return text;
  };
  const figures: Record<string, string | number> = {};
  const packFile = path.join(seat.resources, 'packs', 'telecom-10000-en', 'pack.yaml');
  const good = fs.readFileSync(packFile, 'utf8');
  const alert = page.getByRole('alert').filter({ hasText: 'Some content could not be loaded' });

  // The pack the agent uses breaks mid-shift: kept, and the agent is told.
  let t = Date.now();
  fs.writeFileSync(packFile, `${good}\nsalutations: [unclosed\n`);
  await expect(alert).toContainText('the last good version stays in use');
  figures['broken pack → agent told, old version kept (ms)'] = Date.now() - t;
  expect(await greetingOnRing()).toContain('China Telecom 10000,');

  // Fixed, with a change: picked up, no restart, the error gone.
  t = Date.now();
  fs.writeFileSync(packFile, good.replace('hotline: China Telecom 10000', 'hotline: China Telecom 10000 Plus'));
  await expect(alert).toHaveCount(0);
  figures['fixed pack → picked up (ms)'] = Date.now() - t;
  expect(await greetingOnRing()).toContain('China Telecom 10000 Plus');

  // The configuration: broken → refused, the settings in force kept; valid → picked up.
  const settings = async () => (await h.api('/api/settings')).json as SettingsAnswer;
  const config = JSON.parse(fs.readFileSync(seat.config, 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(seat.config, '{ "mode": ');
  await until('config refused', () => /configuration not reloaded, the settings in force are kept/.test(h.output()));
  expect((await settings()).config.agent.name).toBe('Li');
  t = Date.now();
  fs.writeFileSync(seat.config, JSON.stringify({ ...config, agent: { id: '1952', name: 'Wang' } }, null, 2));
  await until('config picked up', async () => (await settings()).config.agent.name === 'Wang');
  figures['configuration changed → in force (ms)'] = Date.now() - t;

  // The policy: valid → enforced; broken → refused, the policy in force kept.
  t = Date.now();
  fs.writeFileSync(seat.policy, JSON.stringify({ lang: 'en' }));
  await until('policy picked up', async () => (await settings()).locked.includes('lang'));
  figures['policy changed → enforced (ms)'] = Date.now() - t;
  fs.writeFileSync(seat.policy, '{ "lang": ');
  await until('policy refused', () => /not reloaded, the policy in force is kept/.test(h.output()));
  expect((await settings()).locked).toContain('lang');
  expect(errors).toEqual([]);
  log.record({
    fault: 'while running: the pack in use broken then fixed; the configuration and the policy broken and changed',
    userSaw: '"…the last good version stays in use…" while the pack was broken (calls still greeted with it); the fixed pack\'s greeting on the next call; no restart, no reload',
    lost: 'nothing: every broken file was refused with its reason in the host log, the last good state stayed in force',
    figures,
  });
});

test('IT changes the policy during a call: the call goes on untouched, the page says the change waits, and once the call ends it reloads with the policy, registered again, the call\'s record kept', async () => {
  const seat = await seatFiles(liveConfig('1955'));
  const h = await host(seat);
  const { page, errors } = await agentPage(h);
  const caller = await Bot.launch(browser, { uri: 'sip:2955@127.0.0.1', wsUrl: proxy.wsUrl, password: PASSWORD, muted: false });
  open.push(caller);
  await caller.register();
  await caller.call('sip:1955@127.0.0.1');
  await page.getByRole('button', { name: 'Answer' }).click();
  await caller.waitFor('confirmed');
  // A mark the page loses when it loads again.
  const marked = () => page.evaluate(() => (globalThis as { loadedBefore?: boolean }).loadedBefore === true);
  await page.evaluate(() => { (globalThis as { loadedBefore?: boolean }).loadedBefore = true; });

  // IT enforces Chinese (the page runs in English): in force on the host at once, the call untouched.
  let t = Date.now();
  fs.writeFileSync(seat.policy, JSON.stringify({ lang: 'zh-CN' }));
  await expect(page.getByRole('status', { name: 'Settings update' })).toHaveText('IT changed the settings: they apply when this call ends');
  const told = Date.now() - t;
  expect(((await h.api('/api/settings')).json as SettingsAnswer).locked).toContain('lang');
  const packets = (await caller.stats()).inboundPackets;
  await page.waitForTimeout(1_500);
  expect((await caller.stats()).inboundPackets).toBeGreaterThan(packets + 20);
  await expect(page.getByRole('status', { name: 'Call state' })).toHaveText('Connected');
  await expect(page.getByRole('button', { name: 'Hold', exact: true })).toBeEnabled();
  expect(await marked()).toBe(true);

  // The call ends the standard's way: the page reloads by itself, in Chinese, and registers again.
  await closeAndHangUp(page);
  t = Date.now();
  await caller.waitFor('ended');
  await expect(page.getByRole('status', { name: '注册状态' })).toContainText('已注册', { timeout: 15_000 });
  const back = Date.now() - t;
  expect(await marked()).toBe(false);
  await expect(page.getByRole('status', { name: '设置更新' })).toHaveText('');
  await page.getByRole('button', { name: '设置', exact: true }).click();
  await expect(page.getByRole('dialog', { name: '设置' }).getByRole('combobox', { name: '语言' })).toBeDisabled();
  await page.getByRole('button', { name: '设置', exact: true }).click();
  // The call's record was written before the page went: closed, ended by the agent, not cut short.
  await page.getByRole('button', { name: '通话记录', exact: true }).click();
  const rows = page.getByRole('table', { name: '通话历史' }).getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1).getByRole('cell').nth(5)).toHaveText('坐席');
  await expect(rows.nth(1).getByRole('cell').nth(6)).not.toContainText('不完整');
  expect(errors).toEqual([]);
  log.record({
    fault: 'IT policy changed during a call (the language enforced)',
    userSaw: '"IT changed the settings: they apply when this call ends" during the call, which went on untouched; after hang-up the page reloaded in the enforced language, registered, the language locked',
    lost: 'nothing: the call was not touched, its record was closed before the reload',
    figures: { 'policy changed → agent told it waits (ms)': told, 'agent hung up → page reloaded and registered (ms)': back },
  });
});

test('kill -9 of the host during a call: the call goes on, nothing is lost, and the host starts cleanly after', async () => {
  const seat = await seatFiles(liveConfig('1953'));
  const before = fs.readFileSync(seat.config, 'utf8');
  let h = await host(seat);
  const { page, errors } = await agentPage(h);
  const caller = await Bot.launch(browser, { uri: 'sip:2953@127.0.0.1', wsUrl: proxy.wsUrl, password: PASSWORD, muted: false });
  open.push(caller);
  await caller.register();
  await caller.call('sip:1953@127.0.0.1');
  await page.getByRole('button', { name: 'Answer' }).click();
  await caller.waitFor('confirmed');

  const killedAt = Date.now();
  await h.daemon.stop(0); // SIGKILL
  const packets = (await caller.stats()).inboundPackets;
  await page.waitForTimeout(1_000);
  // The call lives in the page: media goes on without the host.
  expect((await caller.stats()).inboundPackets).toBeGreaterThan(packets + 20);
  await expect(page.getByRole('status', { name: 'Call state' })).toHaveText('Connected');
  h = await host(seat);
  const restarted = Date.now() - killedAt;
  // The page finds the new host by itself (its command stream reconnects): a command reaches it.
  await until('page reconnected to the host', async () => {
    await h.api('/api/commands', { type: 'hold-toggle' });
    return page.getByRole('button', { name: 'Customer agreed' }).isVisible();
  }, 15_000);
  await page.getByRole('button', { name: 'Customer agreed' }).click();
  await page.getByRole('button', { name: 'Resume' }).click();
  await closeAndHangUp(page);
  await caller.waitFor('ended');
  expect(fs.readFileSync(seat.config, 'utf8')).toBe(before);
  // A fresh page on the restarted host registers and works.
  await page.reload();
  await registered(page);
  expect(errors).toEqual([]);
  log.record({
    fault: 'kill -9 of the web host process during a call',
    userSaw: 'nothing during the call (it lives in the page); the host back, hold, resume and hang-up worked; after a reload "Registered"',
    lost: 'nothing: configuration file unchanged, call uninterrupted',
    figures: { 'host killed → restarted and serving (ms)': restarted },
  });
});

test('kill -9 of the host in the middle of settings saves: never a lost or half-written setting', async () => {
  const seat = await seatFiles(liveConfig('1954'));
  const rounds = 4;
  const outcomes: string[] = [];
  let restartMs = 0;
  for (let round = 0; round < rounds; round++) {
    const h = await host(seat);
    let acknowledged = -1;
    let attempted = -1;
    const saving = (async () => {
      for (let n = round * 1000; ; n++) {
        attempted = n;
        const r = await h.api('/api/settings', { agent: { id: '1954', name: `Agent ${n}` } }).catch(() => undefined);
        if (!r) return;
        expect(r.status).toBe(200);
        acknowledged = n;
      }
    })();
    await new Promise((r) => setTimeout(r, 150 + Math.random() * 350));
    const killedAt = Date.now();
    await h.daemon.stop(0); // SIGKILL, mid-save
    await saving;
    hosts.splice(hosts.indexOf(h), 1);
    // The file is whole, and holds the last acknowledged save or the one in flight.
    const name = (JSON.parse(fs.readFileSync(seat.config, 'utf8')) as { agent: { name: string } }).agent.name;
    const saved = Number(name.replace('Agent ', ''));
    expect(acknowledged).toBeGreaterThanOrEqual(round * 1000);
    expect([acknowledged, attempted]).toContain(saved);
    const again = await host(seat);
    restartMs = Math.max(restartMs, Date.now() - killedAt);
    expect(((await again.api('/api/settings')).json as SettingsAnswer).config.agent.name).toBe(name);
    outcomes.push(`${acknowledged - round * 1000 + 1} saves acknowledged, on disk: ${saved === acknowledged ? 'the last acknowledged' : 'the one in flight'}`);
    await again.daemon.stop();
    hosts.splice(hosts.indexOf(again), 1);
  }
  expect(fs.readdirSync(seat.dir).filter((f) => f.endsWith('.tmp')).length).toBeLessThanOrEqual(rounds);
  log.record({
    fault: `kill -9 of the web host while the settings are being saved in a loop (${rounds} times)`,
    userSaw: 'after each restart, the settings of the last save the page was told succeeded (or the one in flight)',
    lost: 'nothing: the configuration file was whole every time (written to a temporary file, flushed, renamed)',
    figures: { ...Object.fromEntries(outcomes.map((o, i) => [`kill ${i + 1}`, o])), 'slowest kill → host serving again (ms)': ms(restartMs) },
  });
});
