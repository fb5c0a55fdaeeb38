// What the installer ships: electron-builder puts out/ and the production `dependencies` into
// app.asar. So every package the Electron main process loads at run time must be a dependency,
// and nothing else should be one — the renderer's packages are bundled into out/renderer by Vite
// and would otherwise ship a second time; tsx, Vite and Electron itself are build/dev tools.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const root = join(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const builder = parseYaml(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { files: string[] };

/** Module specifiers a file loads at run time: `import type` / `export type` are erased and skipped. */
function runtimeSpecifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  for (const m of code.matchAll(/^\s*(import|export)\s+(?!type\b)([\s\S]*?\bfrom\s+)?['"]([^'"]+)['"]/gm)) found.push(m[3]!);
  for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]!);
  return found;
}

/** Every bare package reached from an entry through its relative imports → the files importing it. */
function packagesReachedFrom(entry: string): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  const seen = new Set<string>();
  const queue = [resolve(root, entry)];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of runtimeSpecifiers(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) { queue.push(resolve(dirname(file), spec)); continue; }
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
      packages.set(name, [...(packages.get(name) ?? []), file.slice(root.length + 1)]);
    }
  }
  return packages;
}

const isBuiltin = (name: string) => name.startsWith('node:') || builtinModules.includes(name);

describe('dependencies (what app.asar ships)', () => {
  const main = packagesReachedFrom('src/main/index.ts');

  it('every package the Electron main process loads is a dependency, Node\'s own, or electron', () => {
    expect(main.size).toBeGreaterThan(3); // the walk found the imports at all
    const missing = [...main].filter(([name]) => !isBuiltin(name) && name !== 'electron' && !(name in pkg.dependencies));
    expect(missing, 'imported by main at run time but not in "dependencies"').toEqual([]);
  });

  it('every dependency is loaded by the main process: renderer-only packages are bundled, not shipped twice', () => {
    expect(Object.keys(pkg.dependencies).filter((name) => !main.has(name))).toEqual([]);
  });

  it('tsx, vite and electron are development tools, not dependencies', () => {
    for (const tool of ['tsx', 'vite', 'electron', 'electron-vite', 'electron-builder']) {
      expect(pkg.dependencies[tool], tool).toBeUndefined();
      expect(pkg.devDependencies[tool], tool).toBeDefined();
    }
  });

  it('the web host and the node services load no development tool (no Vite on a path an installed app reaches)', () => {
    for (const entry of ['src/web/cli.ts', 'src/node/content.ts', 'src/node/settings.ts']) {
      const dev = [...packagesReachedFrom(entry)].filter(([name]) => name in pkg.devDependencies);
      expect(dev, entry).toEqual([]);
    }
  });

  it('the installer packs the build output and package.json, never the sources', () => {
    expect(builder.files).toEqual(expect.arrayContaining(['out/**/*', 'package.json']));
    expect(builder.files.filter((f) => /^(src|tests|scripts|bin|node_modules)\b/.test(f))).toEqual([]);
    expect(builder.files).toContain('!out/web/**'); // the web host's copy of the renderer
  });
});
