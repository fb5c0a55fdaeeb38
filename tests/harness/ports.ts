// Free loopback ports per run, so parallel runs (or a run outside a private namespace) do not collide.
import net from 'node:net';
import dgram from 'node:dgram';

async function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function udpPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

/** A port that is free for both TCP and UDP on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await freeTcpPort();
    if (await udpPortFree(port)) return port;
  }
  throw new Error('no free loopback port found in 20 attempts');
}

/** An even-aligned UDP range for rtpengine's media ports (random, so runs rarely overlap). */
export function mediaPortRange(size = 200): { min: number; max: number } {
  const min = 20000 + 2 * Math.floor(Math.random() * 10000);
  return { min, max: min + size - 1 };
}

/**
 * Send one UDP datagram to a daemon on 127.0.0.1 and wait up to `timeoutMs` for an answer that
 * `accept` likes; false on silence or error. `payload` gets the probe's own port (for a Via).
 */
export function udpProbe(port: number, payload: (localPort: number) => string, accept: (answer: string) => boolean, timeoutMs = 300): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('message', (msg) => done(accept(msg.toString())));
    socket.on('error', () => done(false));
    socket.bind(0, '127.0.0.1', () => socket.send(payload(socket.address().port), port, '127.0.0.1'));
  });
}
