// Parse one YAML text and validate it, reporting every problem at the line of the offending key
// or value — authors fix content from `FILE:LINE: message`, so a line that points at the parent
// map (or at line 1) would send them hunting.
//
// Two parsers on purpose: js-yaml is ~8× faster and handles the common case (valid content, at
// every start-up); `yaml` keeps node positions and is used only when a line number is needed.
//
// Content files come from a share someone else can write to, so neither parser may be made to
// hang or throw: a file over MAX_CONTENT_FILE_BYTES is refused unread, a file with anchors skips
// js-yaml (which expands aliases without limit) for `yaml`, which stops at MAX_ALIASES, and
// anything either parser still throws becomes that file's error (docs/security.md §4).
import { CORE_SCHEMA, load as fastLoad } from 'js-yaml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { z } from 'zod';

export interface LoadError {
  file: string;
  line: number;
  message: string;
}

type Path = ReadonlyArray<PropertyKey>;

export interface ParsedYaml {
  doc: Document;
  lines: LineCounter;
  value: unknown;
}

/** The largest content file (pack, scenario, calendar, directory) the loader reads: 2 MB. */
export const MAX_CONTENT_FILE_BYTES = 2_000_000;
/** `yaml`'s cap on alias expansion (its maxAliasCount): a "billion laughs" file stops here. */
export const MAX_ALIASES = 100;

/** An anchor (`&name`) at a node's start: without one, no alias can expand. */
const ANCHOR = /(?:^|[\s[{,])&[^\s[\]{},]/m;

function utf8Bytes(text: string): number {
  // A UTF-16 unit is at most 3 UTF-8 bytes: most files need no counting to be judged.
  if (text.length * 3 <= MAX_CONTENT_FILE_BYTES) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A surrogate pair (two units) is 4 bytes: 2 for each half.
    bytes += unit < 0x80 ? 1 : unit < 0x800 || (unit >= 0xd800 && unit < 0xe000) ? 2 : 3;
  }
  return bytes;
}

function tooLarge(file: string, text: string): LoadError[] | undefined {
  if (utf8Bytes(text) <= MAX_CONTENT_FILE_BYTES) return undefined;
  return [{ file, line: 1, message: `larger than ${MAX_CONTENT_FILE_BYTES / 1_000_000} MB: a content file may be at most that` }];
}

export function parseYaml(file: string, text: string): { ok: true; parsed: ParsedYaml } | { ok: false; errors: LoadError[] } {
  const large = tooLarge(file, text);
  if (large) return { ok: false, errors: large };
  const lines = new LineCounter();
  try {
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      return {
        ok: false,
        errors: doc.errors.map((e) => ({
          file,
          line: e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line,
          message: `YAML: ${e.message.split('\n')[0]}`,
        })),
      };
    }
    try {
      return { ok: true, parsed: { doc, lines, value: doc.toJS({ maxAliasCount: MAX_ALIASES }) } };
    } catch (error) {
      if (!/alias/i.test((error as Error).message)) throw error;
      return { ok: false, errors: [{ file, line: firstAliasLine(doc, lines), message: `YAML: aliases expand too far (more than ${MAX_ALIASES}): an alias bomb is not content` }] };
    }
  } catch (error) {
    // Whatever else a parser throws (nesting deep enough to exhaust the stack…) is this file's error.
    return { ok: false, errors: [{ file, line: 1, message: `YAML: cannot be read (${(error as Error).message.split('\n')[0]})` }] };
  }
}

function firstAliasLine(doc: Document, lines: LineCounter): number {
  let line = 1;
  visit(doc, {
    Alias(_key, node) {
      if (node.range) line = lines.linePos(node.range[0]).line;
      return visit.BREAK;
    },
  });
  return line;
}

/** The line of the deepest node along `path` that exists (a missing key points at its parent). */
export function lineOf(parsed: ParsedYaml, path: Path): number {
  const { doc, lines } = parsed;
  let node: unknown = doc.contents;
  let line = node && (node as YamlNode).range ? lines.linePos((node as YamlNode).range![0]).line : 1;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      if (!pair) break;
      const key = pair.key as YamlNode | null;
      if (key?.range) line = lines.linePos(key.range[0]).line;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as YamlNode | undefined;
      if (!item) break;
      if (item.range) line = lines.linePos(item.range[0]).line;
      node = item;
    } else {
      break;
    }
  }
  return line;
}

/** Zod issues with unions resolved to the branch the author most likely meant. */
function flatten(issues: readonly z.core.$ZodIssue[], prefix: Path = []): Array<{ path: Path; issue: z.core.$ZodIssue }> {
  const out: Array<{ path: Path; issue: z.core.$ZodIssue }> = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // The branch whose failure is not "wrong shape at the top" is the one that was meant.
      const ranked = [...issue.errors].sort((a, b) => rank(a) - rank(b));
      out.push(...flatten(ranked[0]!, path));
    } else {
      out.push({ path, issue });
    }
  }
  return out;
}

function rank(branch: readonly z.core.$ZodIssue[]): number {
  const topTypeMismatch = branch.some((i) => i.path.length === 0 && i.code === 'invalid_type');
  return (topTypeMismatch ? 1000 : 0) + branch.length;
}

function describe(path: Path, issue: z.core.$ZodIssue): string {
  const where = path.length ? `${path.map(String).join('.')}: ` : '';
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
    return `${where}missing (required ${issue.expected})`;
  }
  if (issue.code === 'invalid_type') {
    return `${where}expected ${issue.expected}, ${issue.message.replace(/^.*(received \w+)$/, '$1')}`;
  }
  return `${where}${issue.message}`;
}

/** Turn zod issues into line-numbered errors; an unknown key is reported at its own line. */
export function issuesToErrors(file: string, parsed: ParsedYaml, issues: readonly z.core.$ZodIssue[]): LoadError[] {
  const errors: LoadError[] = [];
  for (const { path, issue } of flatten(issues)) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const where = path.length ? `${path.map(String).join('.')}: ` : '';
        errors.push({ file, line: lineOf(parsed, [...path, key]), message: `${where}unknown key "${key}"` });
      }
    } else {
      errors.push({ file, line: lineOf(parsed, path), message: describe(path, issue) });
    }
  }
  return errors;
}

export type LineAt = (path: ReadonlyArray<PropertyKey>) => number;

/** Parse and validate one file against a schema; `at(path)` gives a line for later checks. */
export function loadYamlFile<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
): { ok: true; data: z.output<S>; at: LineAt } | { ok: false; errors: LoadError[] } {
  const large = tooLarge(file, text);
  if (large) return { ok: false, errors: large };
  let fast: unknown;
  let fastOk = !ANCHOR.test(text);
  try {
    if (fastOk) fast = fastLoad(text, { schema: CORE_SCHEMA, filename: file });
  } catch {
    fastOk = false;
  }
  if (fastOk) {
    const checked = schema.safeParse(fast);
    if (checked.success) {
      let parsed: ParsedYaml | undefined;
      const at: LineAt = (path) => {
        if (!parsed) { const r = parseYaml(file, text); parsed = r.ok ? r.parsed : undefined; }
        return parsed ? lineOf(parsed, path) : 1;
      };
      return { ok: true, data: checked.data, at };
    }
  }
  // Slow path: the authoritative parser, with positions for every error.
  const res = parseYaml(file, text);
  if (!res.ok) return res;
  const checked = schema.safeParse(res.parsed.value);
  if (!checked.success) return { ok: false, errors: issuesToErrors(file, res.parsed, checked.error.issues) };
  return { ok: true, data: checked.data, at: (path) => lineOf(res.parsed, path) };
}
