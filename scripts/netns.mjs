// Network tests run in a private network namespace with only loopback: Chromium then has no
// other interface to put WebRTC media on, and parallel runs cannot collide on ports.
// Shared by scripts/test.mjs and scripts/bench.mjs.
import { spawnSync } from 'node:child_process';

const LO_UP = 'ip link set lo up';

function canUnshare() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'not root';
  const probe = spawnSync('unshare', ['-n', 'sh', '-c', LO_UP], { stdio: 'ignore' });
  if (probe.error) return `unshare unavailable (${probe.error.message})`;
  if (probe.status !== 0) return 'unshare -n is not permitted here';
  return '';
}

/**
 * Re-runs the current script inside `unshare -n` (once: SEATMATE_NETNS=1 marks the inside) and
 * exits with its status. Returns only when the caller should go on in this process: already
 * inside, or a namespace is impossible (then it says so on one line).
 */
export function enterPrivateNetwork(scriptPath, args) {
  if (process.env.SEATMATE_NETNS === '1') return;
  const why = canUnshare();
  if (why) {
    console.log(`[netns] ${why}: running on the host's loopback without a private network namespace.`);
    return;
  }
  console.log('[netns] re-running inside a private network namespace (loopback only).');
  // "$0" "$@" keeps every argument intact without shell quoting.
  const result = spawnSync(
    'unshare',
    ['-n', 'sh', '-c', `${LO_UP} && exec "$0" "$@"`, process.execPath, scriptPath, ...args],
    { stdio: 'inherit', env: { ...process.env, SEATMATE_NETNS: '1' } },
  );
  if (result.error) throw result.error;
  process.exit(result.status ?? 1);
}
