// A records collector as IT would run one: accepts POSTed call records, keeps each call once by
// its Idempotency-Key, and can go down (stop listening) and come back on the same port, or answer
// with a chosen status. Used by the bridge contract test, the node service's tests and the E2E.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Collector {
  url: string;
  /** Each call's record, once, by Idempotency-Key. */
  readonly stored: Map<string, Record<string, unknown>>;
  /** Every POST that arrived (key, status answered), duplicates included. */
  readonly posts: Array<{ key: string; status: number }>;
  /** Answer every request with this status (e.g. 503) instead of storing; undefined: normal. */
  answer: number | undefined;
  /** Delay each answer by this many ms. */
  delayMs: number;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startCollector(port = 0): Promise<Collector> {
  let server: Server | undefined;
  const collector: Collector = {
    url: '',
    stored: new Map(),
    posts: [],
    answer: undefined,
    delayMs: 0,
    async down() {
      const s = server;
      server = undefined;
      if (!s) return;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    async up() {
      if (server) return;
      const s = createServer((req, res) => { void handle(req, res); });
      await new Promise<void>((resolve, reject) => { s.once('error', reject); s.listen(port, '127.0.0.1', () => resolve()); });
      port = (s.address() as AddressInfo).port;
      collector.url = `http://127.0.0.1:${port}/records`;
      server = s;
    },
    close: () => collector.down(),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (collector.delayMs) await new Promise((r) => setTimeout(r, collector.delayMs));
    const key = String(req.headers['idempotency-key'] ?? '');
    const status = collector.answer ?? (req.method !== 'POST' || !key ? 400 : 201);
    if (status === 201) {
      try {
        const record = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        if (!collector.stored.has(key)) collector.stored.set(key, record);
      } catch {
        collector.posts.push({ key, status: 400 });
        res.writeHead(400).end();
        return;
      }
    }
    collector.posts.push({ key, status });
    res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
  }

  await collector.up();
  return collector;
}
