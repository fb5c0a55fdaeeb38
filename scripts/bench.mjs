// `npm run bench`: the call-setup benchmark against real Kamailio, in the same private network
// namespace as the tests, plus the guidance and bundle-size checks. Arguments go to
// tests/bench/run.ts (--calls N, --only NAME[,NAME], --out FILE); `--only bundle` weighs the
// agent page's JavaScript without starting any server.
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureSystemParts } from './system-deps.mjs';
import { enterPrivateNetwork } from './netns.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

// 'guidance' and 'bundle' measure code and build output only: no Kamailio, no private network.
const onlyAt = args.findIndex((a) => a === '--only' || a.startsWith('--only='));
const only = onlyAt < 0 ? undefined : (args[onlyAt].includes('=') ? args[onlyAt].split('=')[1] : args[onlyAt + 1] ?? '').split(',');
const needsSip = !only || only.some((name) => name !== 'guidance' && name !== 'bundle');

if (needsSip) {
  ensureSystemParts();
  enterPrivateNetwork(fileURLToPath(import.meta.url), args);
}

const r = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join('tests', 'bench', 'run.ts'), ...args], { cwd: root, stdio: 'inherit' });
// The long reliability runs (soak, hidden-long) feed docs/reliability.md, pass or fail.
if (only?.some((name) => name === 'soak' || name === 'hidden-long')) {
  spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join('scripts', 'reliabilityDoc.ts')], { cwd: root, stdio: 'inherit' });
}
process.exit(r.status ?? 1);
