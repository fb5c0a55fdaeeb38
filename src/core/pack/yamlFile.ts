// Parse one YAML text and validate it, reporting every problem at the line of the offending key
// or value — authors fix content from `FILE:LINE: message`, so a line that points at the parent
// map (or at line 1) would send them hunting.
//
// Two parsers on purpose: js-yaml is ~8× faster and handles the common case (valid content, at
// every start-up); `yaml` keeps node positions and is used only when a line number is needed.
import { CORE_SCHEMA, load as fastLoad } from 'js-yaml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
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

export function parseYaml(file: string, text: string): { ok: true; parsed: ParsedYaml } | { ok: false; errors: LoadError[] } {
  const lines = new LineCounter();
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
  return { ok: true, parsed: { doc, lines, value: doc.toJS({ maxAliasCount: 100 }) } };
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
  let fast: unknown;
  let fastOk = true;
  try {
    fast = fastLoad(text, { schema: CORE_SCHEMA, filename: file });
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
