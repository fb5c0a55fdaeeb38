// The guidance overlay on a real call: the PBX's headers pick the caller's greeting and script.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { useSipLab } from '../harness/lab.ts';
import { launchBrowser } from '../harness/browser.ts';
import { startAgent } from '../harness/agent.ts';
import { loadHostContent } from '../../src/node/content.ts';
import { chooseGreeting } from '../../src/core/guidance/greeting.ts';
import { startFakeCrm } from '../unit/main/doubles/fakeCrm.ts';

const lab = useSipLab('guidance-secret');

test('G5: a VIP complaint call shows the VIP greeting and the complaint script (zh-CN names)', async () => {
  const content = await loadHostContent({ resourcesDir: path.resolve(import.meta.dirname, '../../resources') });
  const pack = content.packs.get('telecom-10000');
  if (!pack) throw new Error('telecom-10000 pack missing');
  // The agent speaks into the microphone (a recorded voice), so the greeting rule can be met by
  // voice; Chromium's default fake microphone only beeps every few seconds.
  const voiced = await launchBrowser([`--use-file-for-fake-audio-capture=${path.resolve(import.meta.dirname, '../../resources/sounds/caller-zh.wav')}`]);
  const agent = await startAgent(voiced, { user: '1201', wsUrl: lab.proxy.wsUrl, password: 'guidance-secret', lang: 'zh-CN' }).catch(async (e) => { await voiced.close(); throw e; });
  try {
    await expect(agent.page.getByRole('status', { name: '注册状态' })).toContainText('已注册', { timeout: 10_000 });
    const caller = await lab.bot('2201');

    await caller.call('sip:1201@127.0.0.1', { headers: ['X-Caller-Tier: vip', 'X-Scenario: complaint'] });
    const guidance = agent.page.getByRole('region', { name: '服务引导' });
    const greeting = guidance.getByRole('region', { name: '问候语' });
    await expect(greeting).toBeVisible();
    // The greeting the engine picks for this instant (either side of a minute boundary).
    const expected = [Date.now() - 60_000, Date.now(), Date.now() + 60_000].map((instant) =>
      chooseGreeting({ tier: 'vip', instant, timeZone: 'Asia/Shanghai', pack, calendars: content.calendars, agent: { id: '1201' } }).text);
    const shown = (await greeting.locator('.say').textContent()) ?? '';
    expect(expected).toContain(shown);
    expect(shown).toContain('大客户专线');
    await expect(greeting).toContainText('VIP客户');

    const script = guidance.getByRole('region', { name: '话术' });
    await expect(script).toContainText('投诉处理');
    const steps = script.getByRole('listitem');
    await expect(steps.first()).toHaveAttribute('aria-current', 'step');
    await expect(steps.first()).toContainText('对不起');

    // The agent moves on in the script; the current step follows.
    await agent.page.getByRole('button', { name: '接听' }).click();
    await caller.waitFor('confirmed');
    // The agent's voice (Chromium's fake microphone) within 3 s counts as the greeting.
    const rules = guidance.getByRole('list', { name: '服务规范' });
    await expect(rules.getByRole('listitem').filter({ hasText: '接通后 3 秒内问候' })).toContainText('已达成', { timeout: 4_000 });
    await expect(rules.getByRole('listitem').filter({ hasText: '三声内接听' })).toContainText('已达成');
    await agent.page.getByRole('button', { name: '下一步' }).click();
    await expect(steps.nth(1)).toHaveAttribute('aria-current', 'step');

    // Search by pinyin initials switches the script (漫游 → "my").
    await agent.page.getByRole('combobox', { name: '场景' }).fill('my');
    await agent.page.getByRole('combobox', { name: '场景' }).press('Enter');
    await expect(script).toContainText('漫游');
    await caller.hangup();
    await expect(guidance).toHaveCount(0);
    expect(agent.pageErrors).toEqual([]);
  } finally {
    await agent.close();
    await voiced.close();
  }
});

test('G7: with no tier header, the CRM look-up (through the host, time-boxed) makes the caller VIP; a slow CRM never delays ringing', async () => {
  const crm = await startFakeCrm();
  try {
    const good = await lab.agent('1202', { extra: { crm: { url: `${crm.base}/good`, timeoutMs: 300 } } });
    const caller = await lab.bot('2202');
    await caller.call('sip:1202@127.0.0.1');
    const incoming = good.page.getByRole('region', { name: 'Incoming call' });
    await expect(incoming).toContainText('VIP');
    await expect(good.page.getByRole('region', { name: 'Greeting' })).toContainText('Key Account Line');
    expect(crm.seen).toContain('2202');
    await good.page.getByRole('button', { name: 'Decline' }).click();

    const slow = await lab.agent('1203', { extra: { crm: { url: `${crm.base}/slow`, timeoutMs: 300 } } });
    const sent = Date.now();
    await caller.call('sip:1203@127.0.0.1');
    const ringing = slow.page.getByRole('region', { name: 'Incoming call' });
    await expect(ringing).toContainText('Ordinary');
    expect(Date.now() - sent).toBeLessThan(1_500);
    await slow.page.waitForTimeout(600); // past the CRM's time limit: the answer never comes
    await expect(ringing).toContainText('Ordinary');
  } finally {
    await crm.close();
  }
});

test('the overlay page follows the agent window: greeting, script step, and what to say now on hold', async () => {
  const agent = await lab.agent('1204');
  const overlay = await agent.context.newPage();
  await overlay.goto(`${agent.host.url}overlay.html`);
  const guidance = overlay.getByRole('region', { name: 'Guidance' });
  const caller = await lab.bot('2204');
  await caller.call('sip:1204@127.0.0.1', { headers: ['X-Caller-Tier: vip', 'X-Scenario: complaint'] });
  await expect(guidance.getByRole('region', { name: 'Greeting' })).toContainText('Key Account Line');
  await expect(guidance.getByRole('region', { name: 'Script' })).toContainText('1/');
  await agent.page.getByRole('button', { name: 'Answer' }).click();
  await caller.waitFor('confirmed');
  await agent.page.getByRole('button', { name: 'Hold' }).click();
  // The consent phrase, as the agent window shows it.
  const consent = (await agent.page.locator('.hold-consent .say-now').textContent()) ?? '';
  expect(consent.length).toBeGreaterThan(3);
  await expect(guidance.getByRole('alert')).toContainText(consent);
  await overlay.close();
});
