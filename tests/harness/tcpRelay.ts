// A TCP relay between the agent's browser and the proxy, for network faults a test injects on
// one connection only: `cut()` resets every connection through it (the WebSocket drops, as when a
// Wi-Fi roam or a NAT timeout kills it), `down()` keeps refusing new ones until `up()`. Kamailio
// and the other parties' connections are untouched.
import net from 'node:net';

export interface TcpRelay {
  /** ws://127.0.0.1:<relay port>: give this to the agent instead of the proxy's own URL. */
  wsUrl: string;
  port: number;
  /** Connections relayed so far (a reconnect shows as one more). */
  readonly accepted: number;
  /** When the last of them was accepted (epoch ms), if any. */
  readonly lastAcceptedAt: number | undefined;
  /** Resets every open connection (RST both ways). New connections are still relayed. */
  cut(): void;
  /** New connections are refused (reset at once) until up(); open ones are cut. */
  down(): void;
  up(): void;
  close(): Promise<void>;
}

export async function startTcpRelay(target: { host?: string; port: number }): Promise<TcpRelay> {
  const open = new Set<net.Socket>();
  let accepting = true;
  let accepted = 0;
  let lastAcceptedAt: number | undefined;
  const reset = (s: net.Socket) => { if (!s.destroyed) s.resetAndDestroy(); };
  const server = net.createServer((client) => {
    if (!accepting) { reset(client); return; }
    accepted++;
    lastAcceptedAt = Date.now();
    const upstream = net.connect(target.port, target.host ?? '127.0.0.1');
    for (const s of [client, upstream]) {
      open.add(s);
      s.setNoDelay(true);
      s.on('close', () => open.delete(s));
      s.on('error', () => { reset(client); reset(upstream); });
    }
    client.on('close', () => reset(upstream));
    upstream.on('close', () => reset(client));
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  const cutAll = () => { for (const s of [...open]) reset(s); };
  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    get accepted() { return accepted; },
    get lastAcceptedAt() { return lastAcceptedAt; },
    cut: cutAll,
    down() { accepting = false; cutAll(); },
    up() { accepting = true; },
    close: () => new Promise<void>((resolve) => { cutAll(); server.close(() => resolve()); }),
  };
}
