// The agent page carries no content parser and no pinyin dictionary: the host parses, validates
// and indexes content, and the page receives data (docs/hosts.md). Checked on the last web build.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialScripts } from '../../bench/bundle.ts';

const WEB = join(import.meta.dirname, '../../../out/web');

/** A string each library's code contains, and nothing else in the page does. */
const MARKERS = {
  'js-yaml': 'unknown document directive',
  yaml: 'Implicit map keys need to be',
  'pinyin-pro': 'zhōng',
};

// npm test builds out/web before the unit suite; a bare `vitest run` on a fresh clone skips this.
describe.skipIf(!existsSync(join(WEB, 'index.html')))('agent page initial JS (out/web)', () => {
  const code = () => initialScripts(WEB).map((f) => readFileSync(join(WEB, f), 'utf8')).join('\n');

  it.each(Object.entries(MARKERS))('has no %s', (_library, marker) => {
    expect(code().includes(marker)).toBe(false);
  });
});
