// A real Kamailio per test run: own config, own runtime dir, free loopback ports, foreground.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { startDaemon, waitUntil, type Daemon } from './daemon.ts';
import { freePort, udpProbe } from './ports.ts';
import { kamailioConfig } from './kamailio.cfg.ts';
import { prepareRtpengine, type Rtpengine } from './rtpengine.ts';

export interface Proxy {
  domain: '127.0.0.1';
  wsUrl: string;
  udpPort: number;
  wsPort: number;
  /**
   * Stops Kamailio (and its rtpengine). Safe to call twice. `keepMedia`: rtpengine keeps relaying
   * the calls it has, as a media relay on its own host would while the SIP proxy restarts.
   * `kill`: SIGKILL, no goodbye on any connection.
   */
  stop(opts?: { keepMedia?: boolean; kill?: boolean }): Promise<void>;
  /** Starts it again on the same ports, e.g. for "proxy down, then back" tests. Registrations are lost. */
  start(): Promise<void>;
  /** Kamailio's stderr log (and rtpengine's, when used) of this run so far. */
  logs(): string;
}

export interface KamailioOptions {
  /** Challenge REGISTER with this one password (any user). */
  password?: string;
  /** Start rtpengine too, so plain-RTP UDP peers (SIPp) can call WebRTC clients. */
  withRtpengine?: boolean;
  ports?: { udp?: number; ws?: number };
}

function modulesDir(): string {
  const candidates = ['/usr/lib/x86_64-linux-gnu/kamailio/modules', '/usr/lib/aarch64-linux-gnu/kamailio/modules', '/usr/lib/kamailio/modules'];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'websocket.so')));
  if (!found) throw new Error('Kamailio websocket module not found: apt-get install -y kamailio kamailio-websocket-modules');
  return found;
}

/** True once Kamailio answers an OPTIONS over UDP. */
function answersOptions(port: number): Promise<boolean> {
  return udpProbe(port, (local) => {
    const branch = `z9hG4bK${Math.random().toString(36).slice(2)}`;
    return [
      `OPTIONS sip:127.0.0.1:${port} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${local};branch=${branch};rport`,
      'Max-Forwards: 5',
      `From: <sip:probe@127.0.0.1>;tag=${branch.slice(7)}`,
      `To: <sip:127.0.0.1:${port}>`,
      `Call-ID: ${branch}@127.0.0.1`,
      'CSeq: 1 OPTIONS',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
  }, (answer) => answer.startsWith('SIP/2.0 200'));
}

function acceptsTcp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startKamailio(opts: KamailioOptions = {}): Promise<Proxy> {
  const udpPort = opts.ports?.udp ?? (await freePort());
  const wsPort = opts.ports?.ws ?? (await freePort());
  const mods = modulesDir();
  const rtpengine: Rtpengine | undefined = opts.withRtpengine ? await prepareRtpengine() : undefined;
  let daemon: Daemon | undefined;
  let dir: string | undefined;
  let history = '';

  const stop = async (how: { keepMedia?: boolean; kill?: boolean } = {}): Promise<void> => {
    await daemon?.stop(how.kill ? 0 : undefined);
    if (!how.keepMedia) await rtpengine?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  };

  const start = async (): Promise<void> => {
    if (daemon?.isRunning()) return;
    if (daemon) history += daemon.output();
    // rtpengine first: Kamailio's rtpengine module probes it at start-up.
    await rtpengine?.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatmate-kamailio-'));
    const runDir = path.join(dir, 'run');
    fs.mkdirSync(runDir);
    const cfgFile = path.join(dir, 'kamailio.cfg');
    const config = kamailioConfig({ udpPort, wsPort, password: opts.password, rtpengineSock: rtpengine?.ngSocket, modulesDir: mods });
    fs.writeFileSync(cfgFile, config);
    const started = startDaemon('kamailio', ['-f', cfgFile, '-DD', '-E', '-Y', runDir, '-w', dir], 'kamailio');
    daemon = started;
    try {
      await waitUntil('kamailio', started, async () => (await answersOptions(udpPort)) && (await acceptsTcp(wsPort)), 10_000);
    } catch (err) {
      await stop();
      throw err;
    }
  };

  await start();
  return {
    domain: '127.0.0.1',
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    udpPort,
    wsPort,
    start,
    stop,
    logs: () => history + (daemon?.output() ?? '') + (rtpengine ? `\n--- rtpengine ---\n${rtpengine.logs()}` : ''),
  };
}
