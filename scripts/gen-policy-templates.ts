// Writes the IT policy templates and the IT guide's key table from src/node/policyKeys.ts.
//   npx tsx scripts/gen-policy-templates.ts          write them
//   npx tsx scripts/gen-policy-templates.ts --check  exit 1 if a committed copy is stale
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { templateFiles, withPolicyTable } from './policyTemplates.ts';

const root = join(import.meta.dirname, '..');
const check = process.argv.includes('--check');
let stale = 0;

async function emit(rel: string, text: string): Promise<void> {
  const file = join(root, rel);
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current === text) return;
  if (check) { console.error(`${rel}: out of date — run npx tsx scripts/gen-policy-templates.ts`); stale++; return; }
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  console.log(`wrote ${rel}`);
}

for (const [rel, render] of Object.entries(templateFiles)) await emit(rel, render());
const doc = await readFile(join(root, 'docs/deploy.md'), 'utf8').catch(() => undefined);
if (doc !== undefined) await emit('docs/deploy.md', withPolicyTable(doc));
else { console.error('docs/deploy.md missing'); stale++; }
process.exit(stale ? 1 : 0);
