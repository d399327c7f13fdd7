import { LineCounter, isMap, isScalar, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { Finding } from '../evidence/model.js';
import { maskCardNumbers } from '../chat/sensitive.js';
import { makeFinding } from '../rules/codes.js';
import { formatKeyPath, lineOpt, type KeyPath, type ManifestPlace } from '../rules/manifest-place.js';
import { manifestSchema, TEXT_LIMITS, type CaseManifest } from '../evidence/manifest-schema.js';
import { didYouMean, nearest } from '../evidence/suggest.js';

export interface LoadedManifest extends ManifestPlace {
  /** Undefined when the manifest has errors that make its content unusable. */
  readonly manifest?: CaseManifest;
  readonly findings: Finding[];
  /** The manifest as written, for hints that show where to add a key. */
  readonly text?: string;
  /** The file does not parse: nothing else about the case can be trusted, so check stops at this one error. */
  readonly syntaxError?: boolean;
}

/**
 * Parses case.yaml or case.json (JSON is read by the YAML parser, which gives line numbers
 * for both) and validates it; every problem becomes a finding with its line and key path.
 */
export function parseManifest(file: string, text: string): LoadedManifest {
  const lineCounter = new LineCounter();
  const format = file.endsWith('.json') ? 'JSON' : 'YAML';
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : lineCounter.linePos(offset).line);
  const lineOf = (path: KeyPath) => lineAt(locate(doc, path));

  if (doc.errors.length > 0) {
    // The first error only: the parser's later ones follow from it, and a user fixes one at a time.
    const first = doc.errors[0]!;
    const pos = lineCounter.linePos(first.pos[0]);
    const detail = (first.message.split('\n')[0] ?? first.code).replace(/ at line \d+, column \d+:?$/, '');
    const finding = makeFinding('MANIFEST_SYNTAX', { file, line: pos.line }, { format, detail, column: pos.col, fix: syntaxFix(first.code) });
    return { file, findings: [finding], lineOf, syntaxError: true };
  }
  let raw: unknown;
  try {
    // The YAML parser stops an alias bomb ("a: &a [*b, *b, …]" nested) at 100 aliases.
    raw = doc.toJS({ maxAliasCount: MAX_ALIASES }) ?? {};
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      file,
      findings: [
        makeFinding(
          'MANIFEST_SYNTAX',
          { file },
          { format, detail: /alias/i.test(detail) ? `more than ${MAX_ALIASES} aliases (*name) are expanded: it would grow without bound` : detail },
        ),
      ],
      lineOf,
      syntaxError: true,
    };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      file,
      findings: [makeFinding('MANIFEST_INVALID_VALUE', { file, line: 1 }, { detail: 'the manifest must be a mapping of keys (case:, client:, items: …)' })],
      lineOf,
    };
  }
  const findings: Finding[] = [];
  let result = manifestSchema.safeParse(raw);
  if (!result.success) {
    // Every error at once, with its line; then the values refused are left out and the rest
    // is read, so one typo does not lose the profile, the time zone and every date.
    findings.push(...result.error.issues.flatMap((issue) => issueToFindings(file, issue, doc, lineAt)));
    const pruned = structuredClone(raw) as Record<string, unknown>;
    for (let pass = 0; pass < MAX_PRUNE_PASSES && !result.success; pass++) {
      if (!result.error.issues.every((issue) => prune(pruned, issue))) break;
      result = manifestSchema.safeParse(pruned);
    }
    if (!result.success) return { file, findings, lineOf };
  }
  const manifest = guardText(result.data, [], (path, finding) => findings.push(finding(file, lineOpt(lineOf(path)))));
  return { file, manifest, findings, lineOf, text };
}

/** What to do about a YAML parse error, by the parser's error code. */
function syntaxFix(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'a key appears twice in the same block: keep one (merge their values, e.g. the two `items:` lists into one)';
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'line the key up with its siblings (same number of spaces) and put a space after each colon';
    case 'BAD_SCALAR_START':
    case 'UNEXPECTED_TOKEN':
      return 'quote a value that starts with a special character (@, `, %, |, >, *, &, !) or holds ": ", e.g. note: "Re: invoice"';
    case 'MISSING_CLOSING_QUOTE':
    case 'UNEXPECTED_END':
      return 'close the quote or bracket opened on this line';
    default:
      return 'fix the syntax at that line and column';
  }
}

/** Passes of leaving out refused values: a value left out can show another (an item missing its file). */
const MAX_PRUNE_PASSES = 5;

/** Leaves out what an issue refuses: the unknown keys, or the value at its path. False when there is nothing to leave out (the whole manifest). */
function prune(raw: Record<string, unknown>, issue: z.core.$ZodIssue): boolean {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const parentPath = issue.code === 'unrecognized_keys' ? path : path.slice(0, -1);
  let parent: unknown = raw;
  for (const key of parentPath) parent = parent && typeof parent === 'object' ? (parent as Record<string | number, unknown>)[key] : undefined;
  if (!parent || typeof parent !== 'object') return false;
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) delete (parent as Record<string, unknown>)[key];
    return true;
  }
  const last = path[path.length - 1];
  if (last === undefined) return false;
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else delete (parent as Record<string | number, unknown>)[last];
  return true;
}

/** Aliases a manifest may expand (the yaml package's own default): enough for any real case.yaml. */
const MAX_ALIASES = 100;
/** Keys whose values are never masked: paths to files, and match patterns. */
const VERBATIM = new Set(['file', 'match']);

type Place = (file: string, line: { line?: number }) => Finding;

/**
 * Every string of the manifest as the packet may show it: card numbers masked (with a
 * finding naming the key), and notes and summaries cut at TEXT_LIMITS (with a finding).
 */
function guardText<T>(value: T, path: KeyPath, report: (path: KeyPath, finding: Place) => void): T {
  if (typeof value === 'string') {
    const key = String(path[path.length - 1] ?? '');
    if (path.some((p) => VERBATIM.has(String(p)))) return value;
    const masked = maskCardNumbers(value);
    const where = `case.yaml ${formatKeyPath(path)}`;
    if (masked.masked.length > 0)
      report(path, (file, line) =>
        makeFinding('SENSITIVE_CARD_NUMBER', { file, path: formatKeyPath(path), ...line }, { where, last4: masked.masked.join(', ') }),
      );
    const limit = TEXT_LIMITS[key];
    if (limit !== undefined && masked.text.length > limit) {
      report(path, (file, line) =>
        makeFinding('MANIFEST_TEXT_TOO_LONG', { file, path: formatKeyPath(path), ...line }, { key, length: masked.text.length, limit }),
      );
      return `${masked.text.slice(0, limit - 1)}…` as T;
    }
    return masked.text as T;
  }
  if (Array.isArray(value)) return value.map((v, i) => guardText(v, [...path, i], report)) as T;
  if (value && typeof value === 'object' && !(value instanceof RegExp) && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, guardText(v, [...path, k], report)])) as T;
  }
  return value;
}

function issueToFindings(file: string, issue: z.core.$ZodIssue, doc: Document, lineAt: (offset: number | undefined) => number | undefined): Finding[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const keyPath = [...path, key];
      const suggestion = nearest(key, keysAt(manifestSchema, path));
      return makeFinding(
        'MANIFEST_UNKNOWN_KEY',
        { file, path: formatKeyPath(keyPath), ...lineOpt(lineAt(locateKey(doc, path, key))) },
        { key, ...(suggestion ? { suggestion } : {}) },
      );
    });
  }
  return [
    makeFinding(
      'MANIFEST_INVALID_VALUE',
      { file, path: formatKeyPath(path), ...lineOpt(lineAt(locate(doc, path))) },
      { detail: `${formatKeyPath(path) || 'manifest'}: ${describeIssue(issue, doc.getIn(path))}` },
    ),
  ];
}

function describeIssue(issue: z.core.$ZodIssue, written: unknown): string {
  if (issue.code === 'invalid_value')
    return `expected one of ${issue.values.map(String).join(', ')}.${typeof written === 'string' ? didYouMean(written, issue.values.map(String)) : ''}`;
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  return issue.message;
}

function locate(doc: Document, path: KeyPath): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
    if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) return node.range[0] as number;
  }
  return undefined;
}

function locateKey(doc: Document, parent: KeyPath, key: string): number | undefined {
  const node = parent.length === 0 ? doc.contents : doc.getIn(parent, true);
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
  }
  return locate(doc, parent);
}

/** What a schema's definition holds, as zod 4 exposes it (`schema._zod.def`). */
interface SchemaDef {
  readonly type: string;
  readonly shape?: Record<string, unknown>;
  readonly element?: unknown;
  readonly innerType?: unknown;
  readonly options?: readonly unknown[];
  readonly in?: unknown;
  readonly out?: unknown;
}

/** The keys the schema allows in the object at `path` (through arrays, optionals, unions and transforms). */
function keysAt(schema: unknown, path: readonly (string | number)[]): string[] {
  const def = (schema as { _zod?: { def?: SchemaDef } })?._zod?.def;
  if (!def) return [];
  const [head, ...rest] = path;
  switch (def.type) {
    case 'object':
      if (head === undefined) return Object.keys(def.shape ?? {});
      return typeof head === 'string' ? keysAt(def.shape?.[head], rest) : [];
    case 'array':
      return typeof head === 'number' ? keysAt(def.element, rest) : [];
    case 'union':
      return [...new Set((def.options ?? []).flatMap((o) => keysAt(o, path)))];
    case 'pipe':
      return keysAt(def.in, path);
    default:
      return def.innerType ? keysAt(def.innerType, path) : [];
  }
}
