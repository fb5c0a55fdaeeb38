// Chromium as an agent's machine runs it: with background throttling ON. Playwright's own launch
// turns throttling off (--disable-background-timer-throttling, --disable-renderer-backgrounding,
// --disable-backgrounding-occluded-windows) and emulates focus on the pages of contexts it
// creates, so its pages never become hidden (LAB-NOTES "Timers in the background"). Here we start
// the binary ourselves, attach over CDP with noDefaults, and hide a page by bringing another tab
// of the browser's default context to the front.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser.ts';

/** The switches that would hide throttling; asserted absent from what we pass. */
export const ANTI_THROTTLING_SWITCHES = [
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
] as const;

/** Playwright's usual Chromium switches (playwright-core 1.65 chromiumSwitches) minus the three above. */
const PLAYWRIGHT_LIKE_SWITCHES = [
  '--disable-field-trial-config',
  '--disable-back-forward-cache',
  '--disable-breakpad',
  '--disable-component-extensions-with-background-pages',
  '--no-default-browser-check',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-extensions',
  '--disable-hang-monitor',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--force-color-profile=srgb',
  '--metrics-recording-only',
  '--password-store=basic',
  '--use-mock-keychain',
  '--no-service-autorun',
  '--disable-search-engine-choice-screen',
];

export interface ThrottledBrowser {
  /** Attached with connectOverCDP(…, { noDefaults: true }). */
  browser: Browser;
  /** The browser's default context: its pages share one window, so a tab brought to the front hides the others. */
  context: BrowserContext;
  args: readonly string[];
  /** Makes `page` hidden (another tab of the default context to the front) and checks visibilityState. */
  hide(page: Page): Promise<void>;
  /** Brings `page` back to the front and waits until it is visible. */
  show(page: Page): Promise<void>;
  close(): Promise<void>;
}

function waitForEndpoint(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => finish(new Error(`Chromium printed no DevTools endpoint within ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      stderr += chunk.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(stderr);
      if (m?.[1]) finish(undefined, m[1]);
    };
    const onExit = (code: number | null) => finish(new Error(`Chromium exited (${code}) before it listened:\n${stderr}`));
    function finish(err?: Error, url?: string) {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(url!);
    }
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

export async function visibility(page: Page): Promise<string> {
  return page.evaluate('document.visibilityState') as Promise<string>;
}

async function waitVisibility(page: Page, want: 'hidden' | 'visible', timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let state = await visibility(page);
  while (state !== want) {
    if (Date.now() > until) throw new Error(`page stayed ${state}, wanted ${want}`);
    await new Promise((r) => setTimeout(r, 20));
    state = await visibility(page);
  }
}

/** Starts /usr/bin/chromium with throttling left on, in a throwaway profile, and attaches over CDP. */
export async function launchThrottledChromium(extraArgs: string[] = []): Promise<ThrottledBrowser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'seatmate-cdp-'));
  const args = [...CHROMIUM_ARGS, ...PLAYWRIGHT_LIKE_SWITCHES, ...extraArgs, '--remote-debugging-port=0', `--user-data-dir=${profile}`];
  const bad = args.filter((a) => ANTI_THROTTLING_SWITCHES.some((s) => a.startsWith(s)));
  if (bad.length) throw new Error(`refusing to measure throttling with ${bad.join(' ')}`);
  const child = spawn(CHROMIUM_PATH, [...args, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const running = () => child.exitCode === null && child.signalCode === null;
  const signal = (sig: NodeJS.Signals) => {
    if (running() && child.pid) {
      try { process.kill(child.pid, sig); } catch { /* already gone */ }
    }
  };
  const kill = () => signal('SIGKILL');
  const removeProfile = () => {
    try {
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch (err) {
      console.warn(`[cdp] could not remove ${profile}: ${(err as Error).message}`);
    }
  };
  process.once('exit', kill);
  let browser: Browser;
  try {
    const endpoint = await waitForEndpoint(child, 15_000);
    browser = await chromium.connectOverCDP(endpoint, { noDefaults: true });
  } catch (err) {
    kill();
    removeProfile();
    throw err;
  }
  child.stderr?.resume(); // keep draining: a full pipe would block Chromium
  const context = browser.contexts()[0];
  if (!context) throw new Error('Chromium has no default context');
  let cover: Page | undefined;
  return {
    browser,
    context,
    args,
    async hide(page) {
      cover ??= await context.newPage();
      await cover.bringToFront();
      await waitVisibility(page, 'hidden');
    },
    async show(page) {
      await page.bringToFront();
      await waitVisibility(page, 'visible');
    },
    async close() {
      await browser.close().catch(() => undefined);
      if (running()) {
        // SIGTERM lets Chromium shut its renderers down and release the profile; SIGKILL if it hangs.
        const exited = new Promise((r) => child.once('exit', r));
        signal('SIGTERM');
        const timer = setTimeout(kill, 5_000);
        await exited;
        clearTimeout(timer);
      }
      process.off('exit', kill);
      removeProfile();
    },
  };
}
