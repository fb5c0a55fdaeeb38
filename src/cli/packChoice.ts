// Load the content and pick the pack a command works on (--pack, --lang), shared by greet,
// scenarios and script.
import type { Lang } from '../core/config.ts';
import { langSchema } from '../core/config.ts';
import type { LoadedContent, Pack } from '../core/pack/load.ts';
import { packForLang } from '../core/guidance/greeting.ts';
import { defaultResourcesDir, loadHostContent } from '../node/content.ts';
import { UsageError } from './usage.ts';

const DEFAULT_PACK = 'telecom-10000';

export async function loadPackChoice(opts: { pack?: string; lang?: string }): Promise<{ content: LoadedContent; pack: Pack }> {
  let lang: Lang | undefined;
  if (opts.lang !== undefined) {
    const parsed = langSchema.safeParse(opts.lang);
    if (!parsed.success) throw new UsageError(`--lang must be zh-CN or en, not "${opts.lang}"`);
    lang = parsed.data;
  }
  const content = await loadHostContent({ resourcesDir: defaultResourcesDir() });
  const id = opts.pack ?? (content.packs.has(DEFAULT_PACK) ? DEFAULT_PACK : [...content.packs.keys()].sort()[0]);
  if (id === undefined) throw new UsageError(describeMissing(content, 'no valid content pack found'));
  if (!content.packs.has(id)) throw new UsageError(describeMissing(content, `no valid pack "${id}" (loaded: ${[...content.packs.keys()].join(', ') || 'none'})`));
  const pack = packForLang(content.packs, id, lang);
  if (!pack) throw new UsageError(`pack "${id}" has no ${lang} version`);
  return { content, pack };
}

function describeMissing(content: LoadedContent, message: string): string {
  return content.errors.length ? `${message}; run "seatmate validate" (${content.errors.length} content errors)` : message;
}
