// Node-side handle on a caller/agent bot: a bare JsSIP UA in its own Chromium page.
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { botPageUrl } from './bot-server.ts';
import type { BotEvent, BotPageConfig, BotStats, CallOptions } from './bot-page/protocol.ts';

export type { BotEvent, BotStats, CallOptions };

export interface BotOptions {
  uri: string;
  wsUrl: string;
  password?: string;
  displayName?: string;
  /** WAV file played in a loop as the microphone (default: Chromium's fake beep). */
  audioFile?: string;
  /** Send silence. */
  muted?: boolean;
  iceServers?: RTCIceServer[];
  /** Default true; false reproduces JsSIP's wait for full ICE gathering. */
  earlyIceRelease?: boolean;
}

type PageApi = Record<string, (...args: never[]) => unknown>;

export class Bot {
  private constructor(
    readonly uri: string,
    readonly page: Page,
    private readonly ownContext: BrowserContext | undefined,
  ) {}

  /** Opens a page in `browserOrContext` (a fresh context when given a Browser) and starts the UA. */
  static async launch(browserOrContext: Browser | BrowserContext, opts: BotOptions): Promise<Bot> {
    const ownContext = 'newContext' in browserOrContext ? await browserOrContext.newContext() : undefined;
    const context = ownContext ?? (browserOrContext as BrowserContext);
    const page = await context.newPage();
    const bot = new Bot(opts.uri, page, ownContext);
    try {
      page.on('pageerror', (err) => bot.pageErrors.push(err.message));
      await page.goto(await botPageUrl());
      await page.waitForFunction(() => document.title === 'bot-ready', undefined, { timeout: 10_000 });
      const config: BotPageConfig = {
        uri: opts.uri,
        wsUrl: opts.wsUrl,
        password: opts.password,
        displayName: opts.displayName,
        iceServers: opts.iceServers,
        earlyIceRelease: opts.earlyIceRelease ?? true,
        muted: opts.muted ?? false,
        audioBase64: opts.audioFile ? fs.readFileSync(opts.audioFile).toString('base64') : undefined,
      };
      await bot.invoke('init', config);
      await bot.waitFor('connected', 10_000);
    } catch (err) {
      await bot.close();
      throw err;
    }
    return bot;
  }

  /** Uncaught errors on the bot page: a test can assert there were none. */
  readonly pageErrors: string[] = [];

  private invoke<T = void>(method: string, ...args: unknown[]): Promise<T> {
    return this.page.evaluate(
      ([name, params]) => {
        const api = (window as unknown as { seatmateBot: PageApi }).seatmateBot;
        const fn = api[name as string] as ((...a: unknown[]) => unknown) | undefined;
        if (!fn) throw new Error(`bot has no method ${String(name)}`);
        return fn(...(params as unknown[]));
      },
      [method, args] as const,
    ) as Promise<T>;
  }

  /** Resolves on 'registered'; rejects with the status (e.g. 401) on 'registrationFailed'. */
  register(): Promise<void> {
    return this.invoke('register');
  }
  unregister(): Promise<void> {
    return this.invoke('unregister');
  }
  /** Starts a call; follow it with waitFor('progress' | 'confirmed' | 'failed'). */
  call(target: string, opts: CallOptions = {}): Promise<void> {
    return this.invoke('call', target, opts);
  }
  answer(): Promise<void> {
    return this.invoke('answer');
  }
  decline(code: 486 | 603 = 486): Promise<void> {
    return this.invoke('decline', code);
  }
  hangup(): Promise<void> {
    return this.invoke('hangup');
  }
  sendDTMF(tones: string, opts: { transportType: 'RFC2833' | 'INFO' } = { transportType: 'RFC2833' }): Promise<void> {
    return this.invoke('sendDTMF', tones, opts.transportType);
  }
  sendInfo(contentType: string, body: string): Promise<void> {
    return this.invoke('sendInfo', contentType, body);
  }
  /** Blind transfer of the current call, or attended: oldest call replaced into the newest. */
  transfer(target: string, opts: { attended?: boolean } = {}): Promise<void> {
    return this.invoke('transfer', target, opts.attended ?? false);
  }
  /** Resolves once the far end accepted the hold re-INVITE. */
  hold(): Promise<void> {
    return this.invoke('hold');
  }
  unhold(): Promise<void> {
    return this.invoke('unhold');
  }
  stats(): Promise<BotStats> {
    return this.invoke('stats');
  }
  /** The next event of this type not returned by an earlier waitFor (it may already have fired). */
  waitFor(type: string, timeoutMs = 10_000): Promise<BotEvent> {
    return this.invoke('waitFor', type, timeoutMs);
  }
  events(): Promise<BotEvent[]> {
    return this.invoke('events');
  }

  async close(): Promise<void> {
    await this.invoke('stop').catch(() => undefined);
    await this.page.close().catch(() => undefined);
    await this.ownContext?.close().catch(() => undefined);
  }
}
