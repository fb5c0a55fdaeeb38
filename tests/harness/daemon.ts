// Starts a test daemon in its own process group and guarantees it dies with us: Kamailio forks
// workers, so stopping only the main pid would leave listeners holding the ports.
import { spawn, type ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

let hooked = false;
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  // 'exit' handlers must be synchronous: SIGKILL the groups, no waiting.
  process.on('exit', () => {
    for (const child of live) killGroup(child, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      for (const child of live) killGroup(child, 'SIGKILL');
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}

export interface Daemon {
  readonly pid: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves once the process has exited (immediately if it already has). */
  exited(): Promise<void>;
  isRunning(): boolean;
  /** Exit code once exited (null while running or when killed by a signal). */
  exitCode(): number | null;
  /** SIGTERM to the whole group, SIGKILL after graceMs (0: SIGKILL at once, no clean shutdown). */
  stop(graceMs?: number): Promise<void>;
}

export function startDaemon(command: string, args: string[], label: string, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Daemon {
  hookExit();
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], ...options });
  if (child.pid === undefined) throw new Error(`${label}: could not spawn ${command}`);
  const pid = child.pid;
  live.add(child);
  let text = '';
  const MAX = 2_000_000; // keep the tail: a verbose daemon must not eat the test's memory
  const append = (chunk: Buffer): void => {
    text += chunk.toString('utf8');
    if (text.length > MAX) text = text.slice(-MAX / 2);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      text += `\n[${label} exited code=${code} signal=${signal}]\n`;
      resolve();
    });
    child.once('error', (err) => {
      live.delete(child);
      text += `\n[${label} spawn error: ${err.message}]\n`;
      resolve();
    });
  });
  return {
    pid,
    output: () => text,
    exited: () => exit,
    isRunning: () => live.has(child),
    exitCode: () => child.exitCode,
    async stop(graceMs = 3000) {
      if (!live.has(child)) return;
      killGroup(child, graceMs === 0 ? 'SIGKILL' : 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
      // Workers may outlive the main process for a moment; make sure the group is gone.
      killGroup(child, 'SIGKILL');
    },
  };
}

/** Polls `probe` until it returns true, the daemon dies, or the deadline passes. */
export async function waitUntil(
  label: string,
  daemon: Daemon,
  probe: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!daemon.isRunning()) throw new Error(`${label} exited during start-up:\n${daemon.output().slice(-4000)}`);
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${label} did not become ready in ${timeoutMs} ms:\n${daemon.output().slice(-4000)}`);
}
