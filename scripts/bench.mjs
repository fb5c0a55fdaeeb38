// `npm run bench`: the call-setup benchmark against real Kamailio, in the same private network
// namespace as the tests. Arguments go to tests/bench/run.ts (--calls N, --only NAME, --out FILE).
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureSystemParts } from './system-deps.mjs';
import { enterPrivateNetwork } from './netns.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

ensureSystemParts();
enterPrivateNetwork(fileURLToPath(import.meta.url), args);

const r = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join('tests', 'bench', 'run.ts'), ...args], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
