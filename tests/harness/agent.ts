// The SeatMate agent under test: the real web host (the same renderer Electron loads) serving a
// page in Chromium, configured like an IT-deployed seat.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { appConfigSchema, type AppConfig, type SipConfig } from '../../src/core/config.ts';
import { startWebHost, type WebHost } from '../../src/web/server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const WEB_BUILD = path.join(ROOT, 'out', 'web');

export interface Agent {
  host: WebHost;
  page: Page;
  context: BrowserContext;
  pageErrors: string[];
  close(): Promise<void>;
}

export interface AgentOptions {
  user?: string;
  password?: string;
  wsUrl?: string;
  mode?: 'live' | 'training';
  lang?: 'en' | 'zh-CN';
  extra?: Partial<AppConfig>;
  iceServers?: SipConfig['iceServers'];
  /** Several servers in order of preference (default: [wsUrl]). */
  wsUrls?: string[];
  /** More SIP settings (e.g. failbackProbeMs), merged into the sip section. */
  sip?: Partial<SipConfig>;
  /** Scripts the page runs before the app's own (page instrumentation). */
  initScripts?: string[];
}

export function liveConfig(opts: AgentOptions): AppConfig {
  const user = opts.user ?? '1001';
  return appConfigSchema.parse({
    mode: opts.mode ?? 'live',
    lang: opts.lang ?? 'en',
    timeZone: 'Asia/Shanghai',
    agent: { id: user },
    ...(opts.mode === 'training' ? {} : {
      sip: {
        uri: `sip:${user}@127.0.0.1`,
        ws: opts.wsUrls ?? [opts.wsUrl],
        authUser: user,
        password: opts.password,
        displayName: `Agent ${user}`,
        iceServers: opts.iceServers ?? [],
        ...opts.sip,
      },
    }),
    ...opts.extra,
  });
}

export async function startAgent(browser: Browser, opts: AgentOptions): Promise<Agent> {
  if (!existsSync(path.join(WEB_BUILD, 'index.html'))) {
    throw new Error('out/web is missing: run `npm run build:web` (npm test does it) before the end-to-end tests');
  }
  // A token of the harness's own, as automation sets SEATMATE_WEB_TOKEN; the page opens the URL
  // `seatmate web` would print, and keeps the host's cookie for the overlay page and reloads.
  const host = await startWebHost({
    config: liveConfig(opts),
    rendererDir: WEB_BUILD,
    resourcesDir: path.join(ROOT, 'resources'),
    token: randomBytes(32).toString('base64url'),
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  for (const script of opts.initScripts ?? []) await page.addInitScript(script);
  await page.goto(host.launchUrl);
  return {
    host, page, context, pageErrors,
    async close() {
      await context.close().catch(() => {});
      await host.close();
    },
  };
}

/** Inbound RTP packets the agent's UI reports in its Media status (0 when not shown yet). */
export async function agentInboundPackets(page: Page, label = 'Media'): Promise<number> {
  const status = page.getByRole('status', { name: label });
  if (!(await status.count())) return 0;
  const text = (await status.textContent()) ?? '';
  return Number(/(\d+)/.exec(text)?.[1] ?? 0);
}
