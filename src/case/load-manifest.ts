import { LineCounter, isMap, isScalar, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { Finding } from '../evidence/model.js';
import { makeFinding } from '../rules/codes.js';
import { formatKeyPath, lineOpt, type KeyPath, type ManifestPlace } from '../rules/manifest-place.js';
import { manifestSchema, type CaseManifest } from '../evidence/manifest-schema.js';

export interface LoadedManifest extends ManifestPlace {
  /** Undefined when the manifest has errors that make its content unusable. */
  readonly manifest?: CaseManifest;
  readonly findings: Finding[];
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
    const findings = doc.errors.map((e) =>
      makeFinding('MANIFEST_SYNTAX', { file, ...lineOpt(lineAt(e.pos[0])) }, { format, detail: e.message.split('\n')[0] ?? e.code }),
    );
    return { file, findings, lineOf };
  }
  const raw: unknown = doc.toJS() ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      file,
      findings: [makeFinding('MANIFEST_INVALID_VALUE', { file, line: 1 }, { detail: 'the manifest must be a mapping of keys (case:, client:, items: …)' })],
      lineOf,
    };
  }
  const result = manifestSchema.safeParse(raw);
  if (result.success) return { file, manifest: result.data, findings: [], lineOf };
  return { file, findings: result.error.issues.flatMap((issue) => issueToFindings(file, issue, doc, lineAt)), lineOf };
}

function issueToFindings(
  file: string,
  issue: z.core.$ZodIssue,
  doc: Document,
  lineAt: (offset: number | undefined) => number | undefined,
): Finding[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const keyPath = [...path, key];
      return makeFinding(
        'MANIFEST_UNKNOWN_KEY',
        { file, path: formatKeyPath(keyPath), ...lineOpt(lineAt(locateKey(doc, path, key))) },
        { key },
      );
    });
  }
  return [
    makeFinding(
      'MANIFEST_INVALID_VALUE',
      { file, path: formatKeyPath(path), ...lineOpt(lineAt(locate(doc, path))) },
      { detail: `${formatKeyPath(path) || 'manifest'}: ${describeIssue(issue)}` },
    ),
  ];
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map(String).join(', ')}`;
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
