// rtpengine for calls between plain-RTP peers (SIPp, trunks) and WebRTC clients. Userspace
// forwarding only (--table=-1): no kernel module, no root-only state left behind.
import { startDaemon, waitUntil, type Daemon } from './daemon.ts';
import { freePort, mediaPortRange, udpProbe } from './ports.ts';

export interface Rtpengine {
  /** For Kamailio's rtpengine_sock, e.g. 'udp:127.0.0.1:40123'. */
  ngSocket: string;
  ngPort: number;
  /** Starts (or restarts) on the same ports; no-op while running. */
  start(): Promise<void>;
  stop(): Promise<void>;
  logs(): string;
}

/** True once rtpengine answers an ng "ping" (bencoded) on its control port. */
function answersPing(port: number): Promise<boolean> {
  return udpProbe(port, () => 'probe1 d7:command4:pinge', (answer) => answer.includes('pong'));
}

/** Allocates ports but starts nothing yet. */
export async function prepareRtpengine(): Promise<Rtpengine> {
  const ngPort = await freePort();
  const media = mediaPortRange();
  let daemon: Daemon | undefined;
  let history = '';
  return {
    ngSocket: `udp:127.0.0.1:${ngPort}`,
    ngPort,
    async start() {
      if (daemon?.isRunning()) return;
      if (daemon) history += daemon.output();
      const args = [
        '--config-file=none', '--table=-1', '--interface=127.0.0.1', `--listen-ng=127.0.0.1:${ngPort}`,
        `--port-min=${media.min}`, `--port-max=${media.max}`, '--foreground', '--log-stderr', '--log-level=5',
        // Free a call's ports at once when it is deleted: a flood of refused calls must not use up the range.
        '--delete-delay=0',
      ];
      const started = startDaemon('rtpengine', args, 'rtpengine');
      daemon = started;
      try {
        await waitUntil('rtpengine', started, () => answersPing(ngPort), 10_000);
      } catch (err) {
        await started.stop();
        throw err;
      }
    },
    async stop() {
      await daemon?.stop();
    },
    logs: () => history + (daemon?.output() ?? ''),
  };
}

export async function startRtpengine(): Promise<Rtpengine> {
  const engine = await prepareRtpengine();
  await engine.start();
  return engine;
}
