// The settings screen: language, mode and audio devices, saved through the host's bridge.
import { test, expect } from '@playwright/test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../harness/browser.ts';
import { startAgent, type Agent } from '../harness/agent.ts';

let browser: Browser;
let agent: Agent | undefined;
test.beforeAll(async () => { browser = await launchBrowser(); });
test.afterEach(async () => { await agent?.close(); agent = undefined; });
test.afterAll(async () => { await browser?.close(); });

test('switching the language to Chinese in Settings reloads the UI in zh-CN and keeps the audio choice', async () => {
  agent = await startAgent(browser, { mode: 'training', lang: 'en' });
  const page = agent.page;
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  const mic = dialog.getByRole('combobox', { name: 'Microphone' });
  const options = await mic.locator('option').allTextContents();
  expect(options[0]).toBe('System default');
  const choice = options.length > 1 ? await mic.locator('option').nth(1).getAttribute('value') : '';
  if (choice) await mic.selectOption(choice);
  await dialog.getByRole('button', { name: 'Save' }).click();

  await expect(page.getByRole('status', { name: '注册状态' })).toContainText('已注册');
  await page.getByRole('button', { name: '设置' }).click();
  await expect(page.getByRole('dialog', { name: '设置' }).getByRole('combobox', { name: '麦克风' })).toHaveValue(choice ?? '');
  expect(agent.pageErrors).toEqual([]);
});

test('a settings patch the host refuses shows its error and keeps the last good settings', async () => {
  agent = await startAgent(browser, { mode: 'training', lang: 'en' });
  const page = agent.page;
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('combobox', { name: 'Mode' }).selectOption('live');
  await dialog.getByRole('textbox', { name: 'SIP address' }).fill('not a sip uri');
  await dialog.getByRole('textbox', { name: 'WebSocket server(s)' }).fill('ws://127.0.0.1:1');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText('sip.uri');
  const settings = await (await fetch(`${agent.host.url}api/settings`, { headers: { authorization: `Bearer ${agent.host.token}` } })).json() as { config: { mode: string } };
  expect(settings.config.mode).toBe('training');
});

test('G1: a hotline whose greeting says the agent\'s name (10086 VIP) takes no call until the name is set; saving it starts the phone', async () => {
  agent = await startAgent(browser, { mode: 'training', lang: 'zh-CN', extra: { pack: 'mobile-10086' } });
  const page = agent.page;
  await expect(page.getByRole('alert').filter({ hasText: '姓名' })).toBeVisible();
  // Not registered: no call can ring while the greeting would lack the agent's name.
  await expect(page.getByRole('status', { name: '注册状态' })).not.toContainText('已注册');
  const dialog = page.getByRole('dialog', { name: '设置' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('坐席姓名').fill('小王');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status', { name: '注册状态' })).toContainText('已注册');
  await expect(page.getByRole('alert').filter({ hasText: '姓名' })).toHaveCount(0);
  expect(agent.pageErrors).toEqual([]);
});
