// The web host: serves the built renderer on 127.0.0.1 and implements the bridge over HTTP, so
// the same UI runs in a plain browser (tests, and machines where Electron cannot start). Settings,
// content (with IT's directoryFile), policy and CRM look-up are the node services Electron main
// calls too (src/node); this file only speaks HTTP.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  appCommandSchema, callSummarySchema, logEntrySchema, lookupCallerRequestSchema,
  type AppCommand, type CallSummary, type ResolvedSettings,
} from '../core/bridge.ts';
import { describeIssues, type AppConfig } from '../core/config.ts';
import { loadContentData } from '../node/content.ts';
import { lookupCaller } from '../node/crmLookup.ts';
import { emptyPolicy, layerConfig, policyValue, type ResolvedPolicy } from '../node/policyMerge.ts';
import { applySettingsPatch, resolveSettings, type UserSettings } from '../node/settings.ts';

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
  log?: (line: string) => void;
}

export interface WebHost {
  url: string;
  port: number;
  close(): Promise<void>;
  sendCommand(command: AppCommand): void;
  lastSummary(): CallSummary | undefined;
  /** The configuration in force: the file, with IT policy laid over it. */
  settings(): ResolvedSettings;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.wav': 'audio/wav', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};
const MAX_BODY = 64 * 1024;

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  let user: UserSettings = options.userConfig ?? options.config;
  const policy = options.policy ?? emptyPolicy;
  let summary: CallSummary | undefined;
  const streams = new Set<ServerResponse>();
  const summaryStreams = new Set<ServerResponse>();
  const log = options.log ?? (() => {});
  let port = 0;

  const settings = (): ResolvedSettings => resolveSettings(user, policy);
  for (const problem of layerConfig(user, policy).problems) log(`settings: ${problem}`);

  const readBody = (req: IncomingMessage): Promise<unknown> => new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) { reject(new Error('body too large')); req.destroy(); return; }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try { resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))); } catch { reject(new Error('body is not JSON')); }
    });
    req.on('error', reject);
  });

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  const serveFile = async (res: ServerResponse, pathname: string) => {
    const relative = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname)).replace(/^([/\\])+/, '');
    const file = join(options.rendererDir, relative);
    if (!file.startsWith(options.rendererDir + sep) && file !== options.rendererDir) { res.writeHead(403).end(); return; }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // Only this machine's loopback names: a page on another origin cannot rebind to us.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) { res.writeHead(421).end(); return; }
    const url = new URL(req.url ?? '/', `http://${host}`);
    const isPost = req.method === 'POST';
    if (isPost && !(req.headers['content-type'] ?? '').startsWith('application/json')) { res.writeHead(415).end(); return; }
    if (isPost && req.headers.origin && req.headers.origin !== `http://${host}`) { res.writeHead(403).end(); return; }
    try {
      switch (`${req.method} ${url.pathname}`) {
        case 'GET /api/settings': return json(res, 200, settings());
        case 'POST /api/settings': {
          const change = applySettingsPatch(user, await readBody(req), policy);
          if (!change.ok) return json(res, 400, { errors: change.errors });
          user = change.user;
          return json(res, 200, change.settings);
        }
        case 'GET /api/content':
          return json(res, 200, await loadContentData({ resourcesDir: options.resourcesDir, directoryFile: policyValue(policy, 'directoryFile'), log }));
        case 'POST /api/log': {
          const entry = logEntrySchema.safeParse(await readBody(req));
          if (entry.success) log(`[renderer ${entry.data.level}] ${entry.data.message}`);
          return json(res, entry.success ? 200 : 400, {});
        }
        case 'POST /api/summary': {
          const s = callSummarySchema.safeParse(await readBody(req));
          if (s.success) { summary = s.data; publish(summaryStreams, s.data); }
          return json(res, s.success ? 200 : 400, {});
        }
        case 'GET /api/summary-events': {
          // The overlay page follows the call like Electron's overlay window: the last summary at once, then each new one.
          openStream(req, res, summaryStreams);
          if (summary) publish(new Set([res]), summary);
          return;
        }
        case 'POST /api/lookup-caller': {
          const request = lookupCallerRequestSchema.safeParse(await readBody(req));
          if (!request.success) return json(res, 400, { errors: describeIssues(request.error) });
          // null on every CRM failure (src/node/crmLookup.ts): a 200 with null, never an error page.
          return json(res, 200, await lookupCaller(settings().config.crm, request.data.number, log));
        }
        case 'POST /api/commands': {
          const c = appCommandSchema.safeParse(await readBody(req));
          if (!c.success) return json(res, 400, { errors: describeIssues(c.error) });
          broadcast(c.data);
          return json(res, 200, {});
        }
        case 'GET /api/commands': {
          openStream(req, res, streams);
          return;
        }
        default:
          if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405).end(); return; }
          return serveFile(res, url.pathname);
      }
    } catch (error) {
      json(res, 400, { errors: [(error as Error).message] });
    }
  };

  const openStream = (req: IncomingMessage, res: ServerResponse, into: Set<ServerResponse>) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    into.add(res);
    req.on('close', () => into.delete(res));
  };
  const publish = (to: Set<ServerResponse>, message: unknown) => {
    for (const s of to) s.write(`data: ${JSON.stringify(message)}\n\n`);
  };
  const broadcast = (command: AppCommand) => publish(streams, command);

  const server = createServer((req, res) => { void handle(req, res); });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    sendCommand: broadcast,
    lastSummary: () => summary,
    settings,
    close: () => new Promise<void>((resolve) => {
      for (const s of [...streams, ...summaryStreams]) s.end();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
