// The web host: serves the built renderer on 127.0.0.1 and implements the bridge over HTTP, so
// the same UI runs in a plain browser (tests, and machines where Electron cannot start). Settings,
// content (with IT's directoryFile), policy and CRM look-up are the node services Electron main
// calls too (src/node); this file only speaks HTTP. Who may ask is accessToken.ts; what a request
// may look like, and what every answer carries, is requests.ts (docs/security.md).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  appCommandSchema, callSummarySchema, logEntrySchema, lookupCallerRequestSchema, recordUploadSchema,
  type AppCommand, type CallSummary, type ResolvedSettings,
} from '../core/bridge.ts';
import { describeIssues, type AppConfig } from '../core/config.ts';
import type { ContentData } from '../core/pack/contentData.ts';
import { desktopSettingsPatchSchema } from '../core/desktopSettings.ts';
import { liveContent } from '../node/liveContent.ts';
import { writeFileAtomic } from '../node/atomicFile.ts';
import { desktopSettingsView } from '../node/desktopSettings.ts';
import { lookupCaller } from '../node/crmLookup.ts';
import { uploadRecord } from '../node/recordUpload.ts';
import { emptyPolicy, layerConfig, policyValue, type ResolvedPolicy } from '../node/policyMerge.ts';
import { redactText } from '../node/redact.ts';
import { applySettingsPatch, resolveCredentials, resolveSettings, type UserSettings } from '../node/settings.ts';
import { createAccess, newAccessToken } from './accessToken.ts';
import {
  checkServer, DEFAULT_LIMITS, HttpError, parseTarget, readJsonBody, SECURITY_HEADERS, serverOptions, type Limits,
} from './requests.ts';
import { serveFile } from './staticFiles.ts';

export interface WebHostOptions {
  config: AppConfig;
  /**
   * The configuration file as written (before defaults), so recommended policy fills only what
   * the file leaves unset, as in Electron. Defaults to `config`.
   */
  userConfig?: Record<string, unknown>;
  /** IT policy (src/node/policyFile.ts); enforced keys win and are reported as locked. */
  policy?: ResolvedPolicy;
  rendererDir: string;
  /** The folder with packs/, calendars/ and directory.yaml (IT's directoryFile policy replaces the last). */
  resourcesDir: string;
  port?: number;
  /** This launch's access token (SEATMATE_WEB_TOKEN); a random one by default. */
  token?: string;
  /** Tests shorten the timers and lower the caps; the defaults suit an agent's browser. */
  limits?: Partial<Limits>;
  /** The host's own log; every line arrives redacted (src/node/redact.ts). */
  log?: (line: string) => void;
  /**
   * The configuration file the host was started with: a saved settings change is written back to
   * it (atomically, before the page hears "saved"), so a restart — or a kill -9 — loses nothing.
   * Without one, saved settings live as long as the host.
   */
  configFile?: string;
}

export interface WebHost {
  /** The host's address, without the token: a page opened here gets 401 from the API. */
  url: string;
  /** The address to open once, with this launch's token: what `seatmate web` prints. */
  launchUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
  sendCommand(command: AppCommand): void;
  lastSummary(): CallSummary | undefined;
  /** The configuration in force, as a page sees it: the file with IT policy over it, no password. */
  settings(): ResolvedSettings;
  /** The IT policy in force (the last good one, once it is followed: followFiles.ts). */
  policy(): ResolvedPolicy;
  /** A changed configuration file or policy, already validated by the caller (web/cli.ts), takes effect. */
  update(change: { userConfig?: Record<string, unknown>; policy?: ResolvedPolicy }): void;
  /** The content as a page would get it now (a broken file keeps its last good version). */
  content(): Promise<ContentData>;
}

/** What a page without the token shows (the web bridge passes it on as the error). */
export const UNAUTHORIZED = 'This page has no access to the SeatMate web host: open the URL "seatmate web" printed '
  + '(it carries the access token). 请打开 seatmate web 显示的网址。';

/** The web host's answer to a change of hotkeys or start-on-login. */
export const DESKTOP_ONLY = 'desktop only: hotkeys and start on login are set in the SeatMate desktop app';

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  let user: UserSettings = options.userConfig ?? options.config;
  let policy = options.policy ?? emptyPolicy;
  const content = liveContent(() => ({ resourcesDir: options.resourcesDir, directoryFile: policyValue(policy, 'directoryFile'), log }));
  // One save at a time, each on the settings the one before left; on disk before it counts.
  let saving: Promise<unknown> = Promise.resolve();
  const save = async (patch: unknown) => {
    const change = applySettingsPatch(user, patch, policy);
    if (!change.ok) return change;
    if (options.configFile) {
      try {
        await writeFileAtomic(options.configFile, `${JSON.stringify(change.user, null, 2)}\n`);
      } catch (error) {
        log(`settings not saved: ${(error as Error).message}`);
        throw new HttpError(500, `settings not saved: cannot write ${options.configFile} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    }
    user = change.user;
    return change;
  };
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const token = options.token ?? newAccessToken();
  let summary: CallSummary | undefined;
  const streams = new Set<ServerResponse>();
  const summaryStreams = new Set<ServerResponse>();
  const sink = options.log ?? (() => {});
  const log = (line: string) => sink(redactText(line));

  const server = createServer(serverOptions(limits));
  checkServer(server, limits);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  // After listen, a server error (EMFILE on accept…) is logged: it must not take the host down.
  server.on('error', (error: Error) => log(`web host: server error: ${error.message}`));
  const { port } = server.address() as AddressInfo;
  const access = createAccess(token, port);

  const settings = (): ResolvedSettings => resolveSettings(user, policy);
  for (const problem of layerConfig(user, policy).problems) log(`settings: ${problem}`);

  const json = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const api = async (req: IncomingMessage, res: ServerResponse, route: string): Promise<void> => {
    const body = () => readJsonBody(req, limits);
    switch (route) {
      case 'GET /api/settings': return json(res, 200, settings());
      case 'POST /api/settings': {
        const patch = await body();
        const saved = saving.then(() => save(patch));
        saving = saved.catch(() => undefined);
        const change = await saved;
        if (!change.ok) return json(res, 400, { errors: change.errors });
        return json(res, 200, change.settings);
      }
      // The agent page's engine, at boot: the token is the only door (docs/security.md §1).
      case 'GET /api/credentials': return json(res, 200, resolveCredentials(user, policy));
      // A browser has no system-wide hotkeys or login items: reported, never pretended (core/desktopSettings.ts).
      case 'GET /api/desktop-settings': return json(res, 200, desktopSettingsView({ available: false, policy, prefs: { hotkeys: {} }, conflicts: [], startOnLoginSupported: false }));
      case 'POST /api/desktop-settings': {
        const patch = desktopSettingsPatchSchema.safeParse(await body());
        return json(res, 400, { errors: patch.success ? [DESKTOP_ONLY] : describeIssues(patch.error) });
      }
      case 'GET /api/content':
        return json(res, 200, await content.load());
      case 'POST /api/log': {
        const entry = logEntrySchema.safeParse(await body());
        if (entry.success) log(`[renderer ${entry.data.level}] ${entry.data.message}`);
        return json(res, entry.success ? 200 : 400, {});
      }
      case 'POST /api/summary': {
        const s = callSummarySchema.safeParse(await body());
        if (s.success) { summary = s.data; publish(summaryStreams, s.data); }
        return json(res, s.success ? 200 : 400, {});
      }
      case 'GET /api/summary-events':
        // The overlay page follows the call like Electron's overlay window: the last summary at once, then each new one.
        openStream(req, res, summaryStreams);
        if (summary) publish(new Set([res]), summary);
        return;
      case 'POST /api/lookup-caller': {
        const request = lookupCallerRequestSchema.safeParse(await body());
        if (!request.success) return json(res, 400, { errors: describeIssues(request.error) });
        // null on every CRM failure (src/node/crmLookup.ts): a 200 with null, never an error page.
        return json(res, 200, await lookupCaller(settings().config.crm, request.data.number, log));
      }
      case 'POST /api/upload-record': {
        const upload = recordUploadSchema.safeParse(await body());
        if (!upload.success) return json(res, 400, { errors: describeIssues(upload.error) });
        const url = settings().config.records.url;
        return json(res, 200, { result: await uploadRecord(url ? { url } : undefined, upload.data, log) });
      }
      case 'POST /api/commands': {
        const c = appCommandSchema.safeParse(await body());
        if (!c.success) return json(res, 400, { errors: describeIssues(c.error) });
        broadcast(c.data);
        return json(res, 200, {});
      }
      case 'GET /api/commands': return openStream(req, res, streams);
      default: throw new HttpError(404, 'no such API');
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    // Only this machine's loopback names: a page on another origin cannot rebind to us.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) throw new HttpError(421, 'unknown host name');
    const method = req.method ?? '';
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') throw new HttpError(405, 'method not allowed', { allow: 'GET, HEAD, POST' });
    const { pathname, query } = parseTarget(req.url, limits);
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      // The token, whatever Origin says; then Origin, against pages that hold the cookie.
      if (!access.admits(req)) throw new HttpError(401, UNAUTHORIZED);
      if (method === 'POST' && req.headers.origin && req.headers.origin !== `http://${host}`) throw new HttpError(403, 'cross-origin request');
      return api(req, res, `${method} ${pathname}`);
    }
    if (method === 'POST') throw new HttpError(405, 'method not allowed', { allow: 'GET, HEAD' });
    if (query.has('token')) return admit(res, pathname, query);
    return serveFile(res, options.rendererDir, pathname);
  };

  /**
   * The URL `seatmate web` printed: the right token earns the cookie; either way the browser goes
   * on to the same page without the token, so it does not stay in the address bar or history.
   */
  const admit = (res: ServerResponse, pathname: string, query: URLSearchParams) => {
    const ok = access.matches(query.get('token'));
    if (!ok) log('web host: a page offered a wrong access token');
    query.delete('token');
    const rest = query.toString();
    // One leading slash: "//evil.example" must not become a redirect to another host.
    const location = `/${pathname.replace(/^\/+/, '')}${rest ? `?${rest}` : ''}`;
    res.writeHead(303, { location, 'cache-control': 'no-store', ...(ok ? { 'set-cookie': access.cookie } : {}) });
    res.end();
  };

  const fail = (res: ServerResponse, error: unknown) => {
    const known = error instanceof HttpError;
    if (!known) log(`web host: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    try {
      if (res.headersSent) { res.destroy(); return; }
      for (const [name, value] of Object.entries(known ? error.headers : {})) res.setHeader(name, value);
      json(res, known ? error.status : 500, { errors: [known ? error.message : 'internal error'] });
    } catch {
      res.destroy();
    }
  };

  const openStream = (req: IncomingMessage, res: ServerResponse, into: Set<ServerResponse>) => {
    if (into.size >= limits.streamsPerKind) throw new HttpError(429, `at most ${limits.streamsPerKind} open streams of a kind`);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    into.add(res);
    res.on('error', () => into.delete(res));
    req.on('close', () => into.delete(res));
  };
  const publish = (to: Set<ServerResponse>, message: unknown) => {
    for (const s of to) s.write(`data: ${JSON.stringify(message)}\n\n`);
  };
  const broadcast = (command: AppCommand) => publish(streams, command);

  // Attached in the same tick as listen() resolved: no request can arrive before it.
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => fail(res, error));
  });
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    launchUrl: `${url}?token=${token}`,
    token,
    port,
    sendCommand: broadcast,
    lastSummary: () => summary,
    settings,
    policy: () => policy,
    update(change) {
      if (change.userConfig) user = change.userConfig;
      if (change.policy) policy = change.policy;
      for (const problem of layerConfig(user, policy).problems) log(`settings: ${problem}`);
    },
    content: () => content.load(),
    close: () => new Promise<void>((resolve) => {
      for (const s of [...streams, ...summaryStreams]) s.end();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
