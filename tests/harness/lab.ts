// One real SIP lab per spec file: Chromium, a Kamailio with digest auth, and everything a test
// opens (agents, bots) closed after it, with the proxy's log attached when a test fails.
import { test, expect } from '@playwright/test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { startKamailio, type Proxy } from './kamailio.ts';
import { Bot } from './bot.ts';
import { startAgent, type Agent, type AgentOptions } from './agent.ts';

export interface SipLab {
  readonly browser: Browser;
  readonly proxy: Proxy;
  /** A SeatMate agent registered on the lab's proxy (waits for Registered). */
  agent(user: string, opts?: Partial<AgentOptions>): Promise<Agent>;
  /** A JsSIP bot, registered. */
  bot(user: string, opts?: { muted?: boolean; displayName?: string }): Promise<Bot>;
}

export function useSipLab(password: string): SipLab {
  let browser: Browser | undefined;
  let proxy: Proxy | undefined;
  const open: Array<{ close(): Promise<void> }> = [];

  test.beforeAll(async () => {
    browser = await launchBrowser();
    proxy = await startKamailio({ password });
  });
  test.afterEach(async () => {
    const info = test.info();
    await Promise.all(open.splice(0).map((c) => c.close().catch(() => {})));
    if (info.status !== info.expectedStatus && proxy) await info.attach('kamailio.log', { body: proxy.logs() });
  });
  test.afterAll(async () => {
    await proxy?.stop();
    await browser?.close();
  });

  const lab: SipLab = {
    get browser() { if (!browser) throw new Error('lab not started'); return browser; },
    get proxy() { if (!proxy) throw new Error('lab not started'); return proxy; },
    async agent(user, opts = {}) {
      const a = await startAgent(lab.browser, { user, wsUrl: lab.proxy.wsUrl, password, ...opts });
      open.push(a);
      if (opts.mode !== 'training' && opts.password === undefined) {
        const zh = opts.lang === 'zh-CN';
        await expect(a.page.getByRole('status', { name: zh ? '注册状态' : 'Registration' }))
          .toContainText(zh ? '已注册' : 'Registered', { timeout: 10_000 });
      }
      return a;
    },
    async bot(user, opts = {}) {
      const b = await Bot.launch(lab.browser, { uri: `sip:${user}@127.0.0.1`, wsUrl: lab.proxy.wsUrl, password, ...opts });
      open.push(b);
      await b.register();
      return b;
    },
  };
  return lab;
}
