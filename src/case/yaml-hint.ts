import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Finding } from '../evidence/model.js';

/** Findings whose hint shows a key to add to the file's item in case.yaml, and the value shown. */
const ITEM_KEY_HINTS: Readonly<Record<string, (f: Finding) => { key: string; value: string }>> = {
  ITEM_DATE_MISSING: () => ({ key: 'date', value: '2024-03-14T10:22:00Z   # the real date and time' }),
  ITEM_DATE_AMBIGUOUS: () => ({ key: 'dateOrder', value: 'dmy   # or mdy, ymd' }),
  ITEM_DATE_FROM_TEXT: (f) => ({ key: 'date', value: manifestDate(String(f.args.date)) }),
  ITEM_DATE_FROM_OCR: (f) => ({ key: 'date', value: manifestDate(String(f.args.date)) }),
};

/** Where to paste a YAML snippet into case.yaml: after `afterLine` (0 = at the top), as `text`. */
export interface YamlEdit {
  readonly afterLine: number;
  readonly text: string;
}

/**
 * Gives each finding whose hint shows YAML the exact lines to add and where, read from the case's
 * own case.yaml: under the file's item when it has one, as a new entry of `items:` when the list
 * exists, or a new `items:` block at the end. A hint that printed a fresh `items:` block for a
 * case that has one made case.yaml invalid (a key twice) when pasted.
 */
export function placeYamlHints(findings: readonly Finding[], text: string, caseFile: (file: string) => { index?: number } | undefined): Finding[] {
  return findings.map((f) => {
    const hint = ITEM_KEY_HINTS[f.code];
    const known = f.file ? caseFile(f.file) : undefined;
    // A file inside an export (an mbox's attachment) has no item of its own to add to.
    if (!hint || !f.file || !known) return f;
    const { key, value } = hint(f);
    const edit = yamlEdit(text, f.file, known.index, key, value);
    return edit ? { ...f, args: { ...f.args, at: edit.afterLine === 0 ? 'at the top' : `after line ${edit.afterLine}`, snippet: edit.text } } : f;
  });
}

/** The lines that add `key: value` to `file`'s item of case.yaml, and where; undefined for a layout it cannot place (flow style). */
export function yamlEdit(text: string, file: string, index: number | undefined, key: string, value: string): YamlEdit | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) return undefined;
  const lastLine = (node: Node) => lineCounter.linePos(Math.max(node.range![0], node.range![1] - 1)).line;
  const column = (node: Node) => lineCounter.linePos(node.range![0]).col - 1;
  const items = doc.get('items', true);
  if (items === undefined || items === null) {
    const end = text.length === 0 ? 0 : text.replace(/\n+$/, '').split('\n').length;
    return { afterLine: end, text: `items:\n  - file: ${quote(file)}\n    ${key}: ${value}` };
  }
  if (!isSeq(items) || items.flow || !items.range) return undefined;
  const item = index === undefined ? undefined : items.items[index];
  if (item !== undefined) {
    if (!isMap(item) || item.flow || !item.range || item.items.length === 0) return undefined;
    const first = item.items[0]!.key;
    if (!isScalar(first) || !first.range) return undefined;
    return { afterLine: lastLine(item as Node), text: `${' '.repeat(column(first))}${key}: ${value}` };
  }
  const sibling = items.items[0];
  const indent = sibling && isMap(sibling) && sibling.range ? column(sibling as Node) : 4;
  const dash = ' '.repeat(Math.max(0, indent - 2));
  return { afterLine: lastLine(items as Node), text: `${dash}- file: ${quote(file)}\n${dash}  ${key}: ${value}` };
}

/** A date as the finding shows it ("2024-03-14 10:22 UTC+01:00", "2024-03-14 (date only)") as case.yaml takes it. */
function manifestDate(shown: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2}(?::\d{2})?) UTC([+-]\d{2}:\d{2}))?/.exec(shown);
  if (!m) return '2024-03-14T10:22:00Z   # the real date and time';
  return m[2] ? `${m[1]}T${m[2]}${m[3]}` : m[1]!;
}

/** A path as a YAML scalar: quoted when plain style would misread it. */
function quote(file: string): string {
  return /^[\w./-]+$/.test(file) && !/^[-.]/.test(file) ? file : JSON.stringify(file);
}
