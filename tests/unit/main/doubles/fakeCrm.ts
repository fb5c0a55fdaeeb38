// A fake CRM on 127.0.0.1 for the look-up tests of both hosts: the path picks the behaviour.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startFakeCrm(): Promise<{ base: string; seen: string[]; close(): Promise<void>; server: Server }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    seen.push(url.searchParams.get('number') ?? '');
    const send = (status: number, body: string) => { res.writeHead(status, { 'content-type': 'application/json' }).end(body); };
    switch (url.pathname) {
      case '/good': return send(200, JSON.stringify({ tier: 'vip', surname: '王', title: '先生', account: 'ignored' }));
      case '/malformed': return send(200, '{"tier": "vip",');
      case '/wrong-tier': return send(200, JSON.stringify({ tier: 'platinum', surname: '王' }));
      case '/unknown': return send(404, '{}');
      case '/empty': return send(200, '{}');
      case '/huge': return send(200, JSON.stringify({ tier: 'vip', pad: 'x'.repeat(100_000) }));
      case '/slow': { const t = setTimeout(() => send(200, JSON.stringify({ tier: 'brand' })), 2_000); res.on('close', () => clearTimeout(t)); return; }
      case '/slow-body': {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"tier":');
        const t = setTimeout(() => res.end('"brand"}'), 2_000);
        res.on('close', () => clearTimeout(t));
        return;
      }
      default: return send(500, 'boom');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`, seen, server,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
