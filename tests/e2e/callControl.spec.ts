// Call control that obeys the standard, on real calls through Kamailio: hold with consent and
// 15 s check-ins, the call-back offer, transfers, the hang-up lock, harassment and silent calls.
import { test, expect } from '@playwright/test';
import type { Page } from 'playwright-core';
import type { Bot } from '../harness/bot.ts';
import type { Agent } from '../harness/agent.ts';
import { useSipLab } from '../harness/lab.ts';

const lab = useSipLab('control-secret');
const agent = lab.agent;
const bot = lab.bot;

/** Transfer, the target's number, then Consult or Blind transfer — as the agent clicks it. */
async function transfer(page: Page, target: string, how: 'Consult' | 'Blind transfer'): Promise<void> {
  await page.getByRole('button', { name: 'Transfer', exact: true }).click();
  await page.getByRole('textbox', { name: 'Transfer to' }).fill(target);
  await page.getByRole('button', { name: how }).click();
}

/** The bot calls the agent and the agent answers through the UI. */
async function connect(a: Agent, caller: Bot, agentUser: string, answer = 'Answer'): Promise<void> {
  await caller.call(`sip:${agentUser}@127.0.0.1`);
  await a.page.getByRole('button', { name: answer }).click();
  await caller.waitFor('confirmed');
}

test('H1/H3: hold asks consent, the far end sees a sendonly/inactive offer, and the check-in alert comes at 15 s (real time)', async () => {
  const a = await agent('1301', { lang: 'zh-CN' });
  const caller = await bot('2301');
  await connect(a, caller, '1301', '接听');
  const page = a.page;

  await page.getByRole('button', { name: '保持' }).click();
  await expect(page.getByText('对不起,麻烦您稍等片刻,好吗?')).toBeVisible();
  await page.getByRole('button', { name: '客户已同意' }).click();
  const held = await caller.waitFor('reinvite');
  expect(['sendonly', 'inactive']).toContain(held.detail.direction);
  await expect(page.getByRole('timer', { name: '保持时长' })).toBeVisible();
  const heldAt = Date.now();

  const alert = page.getByRole('alert').filter({ hasText: '对不起,请再稍等一下' });
  await expect(alert).toBeVisible({ timeout: 17_000 });
  const after = Date.now() - heldAt;
  expect(after).toBeGreaterThan(14_000);
  expect(after).toBeLessThan(16_500);

  await page.getByRole('button', { name: '已回应' }).click();
  await expect(alert).toHaveCount(0);
  await page.getByRole('button', { name: '恢复' }).click();
  expect((await caller.waitFor('reinvite')).detail.direction).toBe('sendrecv');
  await expect(page.getByRole('status', { name: '通话状态' })).toHaveText('已接通');
});

test('H4/N5: past the hold limit (shortened) the agent offers a call-back; the task reminds when due and dials in one click', async () => {
  const a = await agent('1302', { extra: { timings: { holdLimit: 2_000, checkInEvery: 60_000, callbackDue: 1_500 } } });
  const caller = await bot('2302');
  await connect(a, caller, '1302');
  const page = a.page;
  await page.getByRole('button', { name: 'Hold' }).click();
  await page.getByRole('button', { name: 'Customer agreed' }).click();
  await expect(page.getByRole('button', { name: 'Offer call-back' })).toBeVisible({ timeout: 5_000 });
  await expect(page.getByRole('alert').filter({ has: page.getByRole('button', { name: 'Offer call-back' }) })).toBeVisible();
  await page.getByRole('button', { name: 'Offer call-back' }).click();
  const tasks = page.getByRole('region', { name: 'Call-back tasks' });
  await expect(tasks).toContainText('2302');

  // The customer agreed to be called back: the call ends, the task stays.
  await caller.hangup();
  await expect(tasks.getByRole('alert')).toContainText('due', { timeout: 5_000 });
  await tasks.getByRole('button', { name: 'Call back' }).click();
  let ring = await caller.waitFor('newRTCSession'); // the first one is the caller's own first call
  if (ring.detail.originator !== 'remote') ring = await caller.waitFor('newRTCSession');
  expect(ring.detail).toMatchObject({ originator: 'remote', caller: '1302' });
});

test('T1/T2: attended transfer: consult the target with the caller held, brief, complete; caller and target talk, the agent is released', async () => {
  const a = await agent('1303', { extra: { timings: { transferTimeout: 15_000 } } });
  const caller = await bot('2303');
  const target = await bot('1403');
  await connect(a, caller, '1303');
  const page = a.page;
  await transfer(page, '1403', 'Consult');
  expect(['sendonly', 'inactive']).toContain((await caller.waitFor('reinvite')).detail.direction);
  expect((await target.waitFor('newRTCSession')).detail.caller).toBe('1303');
  await target.answer();
  const briefing = page.getByRole('region', { name: 'Briefing' });
  await expect(briefing).toContainText('2303');
  await expect(page.getByRole('button', { name: 'Complete transfer' })).toBeEnabled();
  await page.getByRole('button', { name: 'Complete transfer' }).click();

  await caller.waitFor('refer');
  await target.waitFor('replaces');
  await expect(page.getByRole('region', { name: 'Call in progress' })).toHaveCount(0, { timeout: 10_000 });
  await expect(page.getByRole('status', { name: 'Call ended' })).toContainText('Transferred');
  const before = await Promise.all([caller.stats(), target.stats()]);
  await expect.poll(async () => {
    const now = await Promise.all([caller.stats(), target.stats()]);
    return now.every((s, i) => s.inboundPackets > (before[i]?.inboundPackets ?? 0) + 20);
  }, { timeout: 10_000 }).toBe(true);
});

test('blind transfer: the caller follows the REFER to the target and the agent is released', async () => {
  const a = await agent('1304');
  const caller = await bot('2304');
  const target = await bot('1404');
  await connect(a, caller, '1304');
  await transfer(a.page, '1404', 'Blind transfer');
  expect((await caller.waitFor('refer')).detail.referTo).toContain('1404');
  expect((await target.waitFor('newRTCSession')).detail.caller).toBe('2304');
  await target.answer();
  await target.waitFor('confirmed');
  await expect(a.page.getByRole('region', { name: 'Call in progress' })).toHaveCount(0, { timeout: 10_000 });
  await expect(a.page.getByRole('status', { name: 'Call ended' })).toContainText('Transferred');
});

test('T3: a busy transfer target: back to the caller (off hold) with the fallback phrase', async () => {
  const a = await agent('1305');
  const caller = await bot('2305');
  const target = await bot('1405');
  await connect(a, caller, '1305');
  await transfer(a.page, '1405', 'Consult');
  await caller.waitFor('reinvite');
  await target.waitFor('newRTCSession');
  await target.decline(486);
  expect((await caller.waitFor('reinvite')).detail.direction).toBe('sendrecv');
  await expect(a.page.getByRole('alert')).toContainText('Transfer target busy');
  await expect(a.page.getByRole('status', { name: 'Call state' })).toHaveText('Connected');
  // The English pack's transfer-failed phrase is shown to say to the caller.
  await expect(a.page.locator('.say-now').first()).not.toBeEmpty();
});

test('H3: a caller held for a consultation still gets the check-in alert, acknowledged by the agent, until the transfer completes', async () => {
  const a = await agent('1311', { extra: { timings: { checkInEvery: 3_000, transferTimeout: 30_000 } } });
  const caller = await bot('2311');
  const target = await bot('1411');
  await connect(a, caller, '1311');
  const page = a.page;
  await transfer(page, '1411', 'Consult');
  expect(['sendonly', 'inactive']).toContain((await caller.waitFor('reinvite')).detail.direction);
  await target.waitFor('newRTCSession');
  const heldAt = Date.now();
  // The target is still ringing: the held caller is due a check-in after checkInEvery.
  const alert = page.getByRole('alert').filter({ has: page.getByRole('button', { name: 'Checked in' }) });
  await expect(alert).toBeVisible({ timeout: 6_000 });
  expect(Date.now() - heldAt).toBeGreaterThan(2_000);
  await page.getByRole('button', { name: 'Checked in' }).click();
  await expect(alert).toHaveCount(0);
  await target.answer();
  await expect(page.getByRole('region', { name: 'Briefing' })).toContainText('2311');
  // Still held during the briefing: the next check-in comes too.
  await expect(alert).toBeVisible({ timeout: 6_000 });
  await page.getByRole('button', { name: 'Checked in' }).click();
  await page.getByRole('button', { name: 'Complete transfer' }).click();
  await caller.waitFor('refer');
  await expect(page.getByRole('status', { name: 'Call ended' })).toContainText('Transferred', { timeout: 10_000 });
});

test('C5/N5: a call cut off by the line (the caller vanishes, no BYE) ends as dropped and becomes a call-back task at once', async () => {
  const a = await agent('1312', { extra: { timings: { mediaTimeout: 3_000 } } });
  const caller = await bot('2312');
  await connect(a, caller, '1312');
  const page = a.page;
  await expect(page.getByRole('status', { name: 'Media' })).toBeVisible();
  // The caller's browser tab dies: no BYE, the media just stops.
  await caller.page.close();
  await expect(page.getByRole('region', { name: 'Call in progress' })).toHaveCount(0, { timeout: 10_000 });
  await expect(page.getByRole('status', { name: 'Call ended' })).toContainText(/dropped/i);
  const tasks = page.getByRole('region', { name: 'Call-back tasks' });
  await expect(tasks).toContainText('2312');
  await expect(tasks).toContainText(/0[45]:[0-9]{2}/); // due in 5 min
});

test('T1/T3/T4: transfer to a busy expert seat: the consent names the seat, the busy phrase names it too, then the fallback', async () => {
  const a = await agent('1313', { lang: 'zh-CN' });
  const caller = await bot('2313');
  const target = await bot('1413');
  await connect(a, caller, '1313', '接听');
  const page = a.page;
  await page.getByRole('button', { name: '转接', exact: true }).click();
  await page.getByRole('combobox', { name: '转接类型' }).selectOption('expert');
  await page.getByRole('textbox', { name: '转接号码' }).fill('1413');
  await page.getByRole('textbox', { name: '转接对象名称' }).fill('国际漫游专家坐席');
  // The consent question names the target; no "xxxx" placeholder is ever shown.
  await expect(page.locator('.say-now').filter({ hasText: '国际漫游专家坐席' }).first()).toBeVisible();
  await expect(page.getByText(/xxxx/)).toHaveCount(0);
  await page.getByRole('button', { name: '咨询转接' }).click();
  await caller.waitFor('reinvite');
  await target.waitFor('newRTCSession');
  await target.decline(486);
  expect((await caller.waitFor('reinvite')).detail.direction).toBe('sendrecv');
  await expect(page.locator('.say-now').filter({ hasText: '国际漫游专家坐席正在通话中' })).toBeVisible();
  await expect(page.locator('.say-now').filter({ hasText: '联系电话' }).last()).toBeVisible();
});

test('T2/T3: a blind transfer to a busy target brings the caller back to the agent with the fallback', async () => {
  const a = await agent('1314');
  const caller = await bot('2314');
  const target = await bot('1414');
  await connect(a, caller, '1314');
  await transfer(a.page, '1414', 'Blind transfer');
  await caller.waitFor('refer');
  await target.waitFor('newRTCSession');
  await target.decline(486);
  await expect(a.page.getByRole('status', { name: 'Call state' })).toHaveText('Connected', { timeout: 10_000 });
  await expect(a.page.getByRole('region', { name: 'Call in progress' })).toBeVisible();
  await expect(a.page.locator('.say-now').last()).not.toBeEmpty();
});

/** How much sound the bot heard over `ms` (inbound totalAudioEnergy gained). */
async function energyHeard(caller: Bot, ms: number): Promise<number> {
  const before = (await caller.stats()).audioEnergy;
  await new Promise((r) => setTimeout(r, ms));
  return (await caller.stats()).audioEnergy - before;
}

/**
 * The agent calls the bot (the bot is the callee, so its page plays what it receives — needed
 * for inbound audio energy), and checks the measure works: the agent's microphone is heard.
 */
async function callBot(a: Agent, callee: Bot, number: string): Promise<void> {
  await expect(a.page.getByRole('status', { name: 'Registration' })).toContainText('Registered');
  await a.page.getByRole('textbox', { name: 'Number' }).fill(number);
  await a.page.getByRole('button', { name: 'Call' }).click();
  await callee.waitFor('newRTCSession');
  await callee.answer();
  await callee.waitFor('confirmed');
  await expect.poll(() => energyHeard(callee, 1_000), { timeout: 10_000 }).toBeGreaterThan(0.001);
}

async function holdWithConsent(page: Page, caller: Bot): Promise<void> {
  await page.getByRole('button', { name: 'Hold' }).click();
  await page.getByRole('button', { name: 'Customer agreed' }).click();
  await caller.waitFor('reinvite');
  await expect(page.getByRole('timer', { name: 'Hold time' })).toBeVisible();
}

test('H2: a held caller hears music on hold (a replaced track, no re-INVITE), and the agent again after Resume', async () => {
  const a = await agent('1315');
  const callee = await bot('2315');
  await callBot(a, callee, '2315');
  await holdWithConsent(a.page, callee);
  const reinvites = (await callee.events()).filter((e) => e.type === 'reinvite').length;
  // The agent's microphone is off while the caller is held: what the caller hears is the music.
  expect(await energyHeard(callee, 3_000)).toBeGreaterThan(0.01);
  // The music needed no signalling of its own.
  expect((await callee.events()).filter((e) => e.type === 'reinvite').length).toBe(reinvites);
  await a.page.getByRole('button', { name: 'Resume' }).click();
  expect((await callee.waitFor('reinvite')).detail.direction).toBe('sendrecv');
});

test('H2: with music on hold turned off (IT policy / config) the held caller hears silence', async () => {
  const a = await agent('1316', { extra: { musicOnHold: false } });
  const callee = await bot('2316');
  await callBot(a, callee, '2316');
  await holdWithConsent(a.page, callee);
  await new Promise((r) => setTimeout(r, 500));
  expect(await energyHeard(callee, 2_000)).toBeLessThan(0.001);
});

test('C1/C3/N6: Closing asks "anything else?" first; then Hang up is disabled until 5 s after the closing phrase (real time)', async () => {
  const a = await agent('1306');
  const callee = await bot('2306');
  await connect(a, callee, '1306');
  const hangup = a.page.getByRole('button', { name: 'Hang up' });
  await expect(hangup).toBeDisabled();
  await a.page.getByRole('button', { name: 'Closing' }).click();
  // C1: first "anything else?" and the recap, as one step; no lock yet.
  await expect(a.page.getByRole('region', { name: 'Before closing' })).toBeVisible();
  await expect(a.page.getByRole('timer', { name: 'Hang-up lock' })).toHaveCount(0);
  await a.page.getByRole('button', { name: 'Nothing else' }).click();
  const closedAt = Date.now();
  await expect(a.page.getByRole('timer', { name: 'Hang-up lock' })).toContainText('Wait');
  await expect(hangup).toBeDisabled();
  await expect(hangup).toBeEnabled({ timeout: 7_000 });
  const waited = Date.now() - closedAt;
  expect(waited).toBeGreaterThan(4_500);
  expect(waited).toBeLessThan(6_500);
  await hangup.click();
  expect((await callee.waitFor('ended')).detail).toMatchObject({ originator: 'remote' });
  await expect(a.page.getByRole('status', { name: 'Call ended' })).toContainText('You hung up after the closing');
});

test('C3: the customer hanging up during the lock is recorded as customer-first', async () => {
  const a = await agent('1307');
  const caller = await bot('2307');
  await connect(a, caller, '1307');
  await a.page.getByRole('button', { name: 'Closing' }).click();
  await a.page.getByRole('button', { name: 'Nothing else' }).click(); // C1: asked, recapped, confirmed
  await expect(a.page.getByRole('button', { name: 'Hang up' })).toBeDisabled();
  await caller.hangup();
  await expect(a.page.getByRole('status', { name: 'Call ended' })).toContainText('Customer hung up first');
});

test('C4/N7: harassment: the warning, then the system hangs up about 3 s later, lock or not', async () => {
  const a = await agent('1308');
  const caller = await bot('2308');
  await connect(a, caller, '1308');
  await a.page.getByRole('button', { name: 'Closing' }).click();
  await a.page.getByRole('button', { name: 'Nothing else' }).click(); // C1: asked, recapped, confirmed
  await a.page.getByRole('button', { name: 'Harassment' }).click();
  const warnedAt = Date.now();
  await expect(a.page.getByRole('alert')).not.toBeEmpty();
  const ended = await caller.waitFor('ended', 6_000);
  expect(ended.detail).toMatchObject({ originator: 'remote' });
  const after = Date.now() - warnedAt;
  expect(after).toBeGreaterThan(2_500);
  expect(after).toBeLessThan(4_500);
  await expect(a.page.getByRole('status', { name: 'Call ended' })).toContainText('The system hung up');
});

test('N9: a silent caller: the silence is noticed, and the silent-call sequence ends in a system hang-up', async () => {
  const a = await agent('1309', { extra: { timings: { silentWait: 800, silenceDetect: 2_000 } } });
  const caller = await bot('2309', { muted: true });
  await connect(a, caller, '1309');
  // Remote audio stays silent: the guidance switches to the silent-call script by itself.
  await expect(a.page.getByRole('region', { name: 'Script' })).toContainText(/silent/i, { timeout: 10_000 });
  await a.page.getByRole('button', { name: 'Silent call' }).click();
  const startedAt = Date.now();
  const ended = await caller.waitFor('ended', 8_000);
  expect(ended.detail).toMatchObject({ originator: 'remote' });
  expect(Date.now() - startedAt).toBeGreaterThan(2_000); // prompt, wait, prompt, wait, closing, wait
  await expect(a.page.getByRole('status', { name: 'Call ended' })).toContainText('The system hung up');
});

test('H1: call waiting: a second call rings during a call; answering holds the first (with consent), and it comes back after', async () => {
  const a = await agent('1310');
  const first = await bot('2310');
  const second = await bot('2311');
  await connect(a, first, '1310');
  const page = a.page;
  await second.call('sip:1310@127.0.0.1');
  await expect(page.getByRole('region', { name: 'Incoming call' })).toContainText('2311');
  await page.getByRole('button', { name: 'Answer' }).click();
  // The first caller is asked before being held; only then is the second call picked up.
  await expect(page.getByText(/Customer agreed/)).toBeVisible();
  await page.getByRole('button', { name: 'Customer agreed' }).click();
  expect(['sendonly', 'inactive']).toContain((await first.waitFor('reinvite')).detail.direction);
  await second.waitFor('confirmed');
  await expect(page.getByRole('region', { name: 'Call waiting on hold' })).toContainText('2310');
  await expect(page.getByRole('region', { name: 'Call in progress' })).toContainText('2311');

  await second.hangup();
  const back = page.getByRole('region', { name: 'Call in progress' });
  await expect(back).toContainText('2310');
  await back.getByRole('button', { name: 'Resume' }).click();
  expect((await first.waitFor('reinvite')).detail.direction).toBe('sendrecv');
});

test('DTMF from the keypad reaches the far end as SIP INFO when chosen', async () => {
  const a = await agent('1312');
  const far = await bot('2312');
  await connect(a, far, '1312');
  await a.page.getByRole('button', { name: 'Keypad' }).click();
  await a.page.getByRole('checkbox', { name: 'Send as SIP INFO' }).check();
  await a.page.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: '5', exact: true }).click();
  const dtmf = await far.waitFor('newDTMF');
  expect(dtmf.detail).toMatchObject({ tone: '5' });
});

test('T5: a call transferred in (attended, SeatMate to SeatMate) shows the receiving agent greeting', async () => {
  const first = await agent('1320');
  const second = await agent('1321');
  const caller = await bot('2320');
  await connect(first, caller, '1320');
  await transfer(first.page, '1321', 'Consult');
  await expect(second.page.getByRole('region', { name: 'Incoming call' })).toContainText('1320');
  await second.page.getByRole('button', { name: 'Answer' }).click();
  await expect(first.page.getByRole('button', { name: 'Complete transfer' })).toBeEnabled();
  await first.page.getByRole('button', { name: 'Complete transfer' }).click();

  await caller.waitFor('refer');
  await expect(first.page.getByRole('region', { name: 'Call in progress' })).toHaveCount(0, { timeout: 10_000 });
  const call = second.page.getByRole('region', { name: 'Call in progress' });
  await expect(call).toContainText('2320', { timeout: 10_000 });
  // The pack's transferIn phrase ("Hello, agent 1321 at your service."), not the opening line.
  const greeting = second.page.getByRole('region', { name: 'Greeting' });
  await expect(greeting).toContainText('agent 1321 at your service');
  await expect(greeting).not.toContainText('How may I help you');
  expect(second.pageErrors).toEqual([]);
});
