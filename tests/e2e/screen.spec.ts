// The agent's screen on a real desk (issue 15): at 1366×768 with SeatMate at half width beside the
// CRM, everything the agent needs mid-call is on screen without scrolling; a full-HD screen is
// used; the overlay speaks the agent's language only. Practice calls (training mode), so the
// longest script of the pack can be chosen. Also writes the README's screenshots.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser } from '../harness/browser.ts';
import { startAgent, type Agent } from '../harness/agent.ts';
import { longestScenario, packFor, PracticeDesk, type Lang } from '../harness/practice.ts';

const SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');
/** Check-ins come after 2 s on hold; the hang-up lock holds for a minute, so the test sees it. */
const timings = { checkInEvery: 2_000, hangupWait: 60_000 };

let browser: Browser;
let agent: Agent | undefined;
test.beforeAll(async () => { browser = await launchBrowser(); });
test.afterEach(async () => { await agent?.close(); agent = undefined; });
test.afterAll(async () => { await browser?.close(); });

async function practiceAgent(lang: Lang, viewport: { width: number; height: number }): Promise<PracticeDesk> {
  agent = await startAgent(browser, { mode: 'training', lang, extra: { timings } });
  await agent.page.setViewportSize(viewport);
  const desk = new PracticeDesk(agent.page, lang);
  await desk.registered();
  return desk;
}

/** Fully inside the window with the page scrolled to the top: seen without scrolling. */
async function onScreen(page: Page, what: Record<string, Locator>): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  for (const [name, locator] of Object.entries(what)) {
    await expect(locator, `${name} is on screen`).toBeInViewport({ ratio: 1 });
  }
}

test('half of a 1366×768 screen: greeting, say-now, current step, timers and every call control stay on screen, with the longest script', async () => {
  const pack = await packFor('en');
  const longest = longestScenario(pack);
  const desk = await practiceAgent('en', { width: 683, height: 768 });
  const { page, t } = desk;
  await desk.ring({ scenario: longest.id });
  await desk.answer();

  const guidance = page.getByRole('region', { name: t('guidance') });
  const greeting = guidance.getByRole('region', { name: t('greeting') }).locator('.say');
  const script = guidance.getByRole('region', { name: t('script') });
  const current = script.locator('[aria-current="step"]');
  const controls = page.getByRole('region', { name: t('call'), exact: true }).locator('.call-controls').getByRole('button');
  const everyControl = async (): Promise<Record<string, Locator>> => Object.fromEntries(
    (await controls.all()).map((b, i) => [`call control ${i + 1}`, b]));
  await expect(script.locator('li[aria-current="step"]')).toHaveCount(1);
  expect(await script.locator('ol > li').count()).toBe(longest.steps);

  // Talking: greeting, the first step, the call timer and the controls.
  await onScreen(page, {
    greeting, 'current step': current, 'call time': page.getByRole('timer', { name: t('call.timer') }), ...await everyControl(),
  });
  // Keyboard first: every control announces its key, Tab reaches them, and focus shows a ring.
  for (const button of await controls.all()) await expect(button).toHaveAttribute('aria-keyshortcuts', /^Control\+Alt\+[A-Z]/);
  for (let i = 0; i < 40 && !(await page.evaluate(() => Boolean(document.activeElement?.closest('.call-controls')))); i++) await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => { const s = getComputedStyle(document.activeElement ?? document.body); return [s.outlineStyle, parseFloat(s.outlineWidth)] as const; });
  expect(ring[0]).not.toBe('none');
  expect(ring[1]).toBeGreaterThanOrEqual(2);
  // The last step of the longest script, reached by key: the pane follows, the page does not move.
  for (let i = 1; i < longest.steps; i++) await page.keyboard.press('Control+Alt+KeyN');
  await expect(script.locator('ol > li').last()).toHaveAttribute('aria-current', 'step');
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await onScreen(page, { greeting, 'last step': current, ...await everyControl() });

  // On hold with the check-in alert: what to say, the hold timer, the alert's buttons.
  await desk.holdUntilCheckIn();
  const alert = desk.checkInAlert();
  await onScreen(page, {
    greeting, 'current step': current, 'say now (check-in)': alert.locator('.say-now'),
    'hold time': page.getByRole('timer', { name: t('hold.time') }),
    'checked in': alert.getByRole('button', { name: t('hold.checkedIn') }), ...await everyControl(),
  });
  // The alert is acknowledged by key.
  await page.keyboard.press('Control+Alt+KeyK');
  await expect(alert).toHaveCount(0);

  // The closing lock: the closing phrase, the lock countdown, Hang up (disabled) in sight.
  await desk.resumeAndClose();
  await onScreen(page, {
    greeting, 'current step': current, 'say now (closing)': page.locator('.closing .say-now'),
    'hang-up lock': page.getByRole('timer', { name: t('closing.lock') }), ...await everyControl(),
  });
  await expect(page.getByRole('button', { name: t('hangup') })).toBeDisabled();
  expect(agent?.pageErrors).toEqual([]);
});

test('a 1920×1080 screen is used: call, guidance and the rest side by side, the script filling the window\'s height', async () => {
  const pack = await packFor('en');
  const desk = await practiceAgent('en', { width: 1920, height: 1080 });
  const { page, t } = desk;
  await desk.ring({ scenario: longestScenario(pack).id });
  await desk.answer();
  const call = await page.getByRole('region', { name: t('call'), exact: true }).boundingBox();
  const guidance = await page.getByRole('region', { name: t('guidance') }).boundingBox();
  const training = await page.getByRole('region', { name: t('training'), exact: true }).boundingBox();
  if (!call || !guidance || !training) throw new Error('a column is missing');
  // Three columns, left to right, all starting at the top of the desk.
  expect(call.x + call.width).toBeLessThanOrEqual(guidance.x);
  expect(guidance.x + guidance.width).toBeLessThanOrEqual(training.x);
  expect(Math.abs(call.y - guidance.y)).toBeLessThan(4);
  expect(training.x + training.width - call.x).toBeGreaterThan(1800);
  // The guidance runs down to the bottom of the window; the page itself does not scroll.
  expect(guidance.y + guidance.height).toBeGreaterThan(1000);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(1080);
});

/** Text the agent reads, leaving out what is marked as in another language (lang="…") and keycaps. */
function readableText(root: Locator): Promise<string> {
  return root.evaluate((el) => {
    const pageLang = document.documentElement.lang;
    const out: string[] = [];
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) { out.push(node.textContent ?? ''); return; }
      if (!(node instanceof HTMLElement)) return;
      if (node.lang && node.lang !== pageLang) return; // e.g. a seed phrase quoted in the original
      if (node.tagName === 'KBD') return; // key legends, as printed on the keyboard
      for (const child of node.childNodes) walk(child);
    };
    walk(el);
    return out.join(' ');
  });
}

const HAN = /\p{Script=Han}/u;
/** In zh-CN: no English word; acronyms (VIP, SIP, IT) and the product's name are not words of a language. */
const englishWords = (text: string) => text.replace(/\bSeatMate\b/g, '').match(/\b[A-Za-z]*[a-z][A-Za-z]*\b/g) ?? [];

for (const lang of ['en', 'zh-CN'] as const) {
  test(`no mixed languages (${lang}): the overlay and the call's guidance use the ${lang} pack and UI only`, async () => {
    const pack = await packFor(lang);
    expect(pack.lang).toBe(lang);
    const desk = await practiceAgent(lang, { width: 1366, height: 768 });
    const { page, t } = desk;
    const overlay = await page.context().newPage();
    await overlay.setViewportSize({ width: 360, height: 300 });
    await overlay.goto(`${agent!.host.url}overlay.html`);
    const shown = overlay.getByRole('region', { name: t('guidance') });
    await expect(shown).toBeVisible();

    const check = async (state: string) => {
      for (const [where, root] of [['overlay', shown], ['agent window', page.locator('main')]] as const) {
        const text = await readableText(root);
        if (lang === 'en') expect(text.match(new RegExp(HAN.source, 'gu')) ?? [], `${where}, ${state}: ${text}`).toEqual([]);
        else expect(englishWords(text), `${where}, ${state}: ${text}`).toEqual([]);
      }
    };
    // A scenario, its title and steps shown in the overlay (the issue saw "Scenario 情绪激动的客户").
    await desk.ring({ scenario: 'angry-caller' });
    await expect(shown.getByRole('region', { name: t('script') })).toContainText(lang === 'en' ? 'Emotional or angry caller' : '情绪激动的客户');
    await check('ringing');
    await desk.answer();
    await desk.holdUntilCheckIn();
    await expect(shown.getByRole('alert')).not.toBeEmpty();
    await check('on hold, check-in due');
    await overlay.close();
  });
}

test('README screenshots: the main window in a call and the overlay, taken by the suite so they stay true', async () => {
  mkdirSync(SHOTS, { recursive: true });
  const desk = await practiceAgent('en', { width: 1366, height: 768 });
  const { page, t } = desk;
  await page.emulateMedia({ colorScheme: 'light' });
  await desk.ring({ scenario: 'complaint' });
  await desk.answer();
  await desk.holdUntilCheckIn();
  const overlay = await page.context().newPage();
  await overlay.setViewportSize({ width: 360, height: 300 });
  await overlay.emulateMedia({ colorScheme: 'dark' });
  await overlay.goto(`${agent!.host.url}overlay.html`);
  await expect(overlay.getByRole('region', { name: t('guidance') }).getByRole('alert')).not.toBeEmpty();
  // The clocks tick; the pictures show the layout, not the seconds.
  await page.screenshot({ path: path.join(SHOTS, 'main-window-call.png'), animations: 'disabled' });
  await overlay.screenshot({ path: path.join(SHOTS, 'overlay.png'), animations: 'disabled' });
  await overlay.close();
});
