import { formatBytes } from '../budget/profiles.js';
import type { SizeEstimate } from '../budget/estimate.js';
import { numberExhibits } from '../evidence/number-exhibits.js';
import { formatDateFact } from '../evidence/dates.js';
import { describeDateSource } from '../evidence/describe.js';
import type { Finding } from '../evidence/model.js';
import { describeFinding } from '../rules/codes.js';
import type { CheckResult } from './check-result.js';
import { findingLocation } from './json.js';
import type { Style } from './style.js';
import { formatChecklist } from './checklist-text.js';

const LABEL: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', info: 'info' };

/**
 * A value from the input (a file name, a case.yaml key, a message) on one line: a line break
 * in it is shown as \n, so it cannot start a line that reads as a finding of ours. (Other
 * control characters are escaped where the text is written to the terminal.)
 */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\u000b\u000c\u0085\u2028\u2029]/g, (m) => LINE_BREAKS[m] ?? m);
}

const LINE_BREAKS: Readonly<Record<string, string>> = {
  '\r': '\\r',
  '\n': '\\n',
  '\u000b': '\\v',
  '\u000c': '\\f',
  '\u0085': '\\u0085',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** A finding whose values from the input are each on one line. */
function oneLineFinding(f: Finding): Finding {
  const args = Object.fromEntries(Object.entries(f.args).map(([k, v]) => [k, typeof v === 'string' ? oneLine(v) : v]));
  return { ...f, args, ...(f.file !== undefined ? { file: oneLine(f.file) } : {}), ...(f.path !== undefined ? { path: oneLine(f.path) } : {}) } as Finding;
}

/** One finding per block: severity in words (not colour alone), code, where, what, next step. */
export function formatFindings(findings: readonly Finding[], c: Style): string {
  return findings
    .map(oneLineFinding)
    .map((f) => {
      const { message, hint } = describeFinding(f);
      const paint = f.severity === 'error' ? c.red : f.severity === 'warning' ? c.yellow : c.cyan;
      const where = findingLocation(f);
      const head = `${paint.bold(LABEL[f.severity])} ${c.bold(f.code)}${where ? `  ${where}` : ''}`;
      // Lines after the first are YAML to paste: printed as they are, their indentation exact.
      const next = hint
        .split('\n')
        .map((l, i) => (i === 0 ? `  ${c.dim('→')} ${l}` : l))
        .join('\n');
      return `${head}\n  ${message}\n${next}`;
    })
    .join('\n');
}

/** "2 errors, 1 warning" */
export function countFindings(findings: readonly Finding[]): string {
  const n = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  const part = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${part(n('error'), 'error')}, ${part(n('warning'), 'warning')}`;
}

/** `check`'s report for people: the case, its size, the exhibits in packet order, every finding and a verdict. */
export function formatCheckText(check: CheckResult, options: { quiet: boolean; style: Style }): string {
  const { quiet, style: c } = options;
  const { info, limits } = check.analysis;
  const blocks: string[] = [];
  const shown = quiet ? check.findings.filter((f) => f.severity === 'error') : check.findings;
  // A manifest that does not parse leaves nothing else to say: the header would show defaults, not the case.
  const unparsed = check.findings.some((f) => f.code === 'MANIFEST_SYNTAX');
  if (!quiet && !unparsed) {
    const pages = check.plan ? `${check.plan.pages.length} pages` : 'no pages';
    blocks.push(`${c.bold(`case ${oneLine(info.id)}`)} · ${check.exhibits.length} exhibit(s) · ${pages} · profile ${limits.profile}`);
    if (check.size) blocks.push(describeSize(check.size));
    if (check.exhibits.length > 0) blocks.push(formatExhibitList(check, c));
    if (check.evidence?.checklist) blocks.push(formatChecklist(check.evidence.checklist, c));
    blocks.push('');
  }
  if (shown.length > 0) blocks.push(formatFindings(shown, c) + '\n');
  if (!quiet || check.exitCode !== 0) {
    const verdict = check.exitCode === 0 ? c.green('ready to build') : c.red('not ready');
    blocks.push(`${countFindings(check.findings)} — ${verdict}`);
  }
  return blocks.map((b) => (b.endsWith('\n') ? b : `${b}\n`)).join('');
}

/** "size: about 3.9 MB with every image sharp, 2.1 MB at the legibility floor; limit 4.50 MB (…)". */
function describeSize(size: SizeEstimate): string {
  const fits =
    size.sharp <= size.limit
      ? 'fits with every image sharp'
      : size.floor <= size.limit
        ? 'some images will be reduced to fit'
        : 'over the limit even at the floor';
  return `size: about ${formatBytes(size.sharp)} with every image sharp (screenshots in 16 colours as captured, photos JPEG q65 at 200 dpi), ${formatBytes(size.floor)} at the legibility floor; limit ${formatBytes(size.limit)} (${fits})`;
}

/** "OCR: shows name, date; not email; text prints at 9.5 pt" — in words, not marks alone. */
function describeVisible(v: { name: boolean; email: boolean; date: boolean }, pt: number | undefined, from: 'ocr' | 'pdf' = 'ocr'): string {
  const facts = (from === 'pdf' ? (['name', 'email'] as const) : (['name', 'email', 'date'] as const)).map((k) => [k, v[k]] as const);
  const shown = facts.filter(([, ok]) => ok).map(([k]) => k);
  const not = facts.filter(([, ok]) => !ok).map(([k]) => k);
  const parts = [
    shown.length > 0 ? `shows ${shown.join(', ')}` : `shows none of ${facts.map(([k]) => k).join(', ')}`,
    ...(not.length > 0 && shown.length > 0 ? [`not ${not.join(', ')}`] : []),
  ];
  return `${from === 'pdf' ? 'text' : 'OCR'}: ${parts.join('; ')}${pt !== undefined ? `; text prints at about ${pt} pt` : ''}`;
}

function formatExhibitList(check: CheckResult, c: Style): string {
  const zone = check.analysis.info.timezone?.value;
  // A chat's excerpts are one exhibit: the numbers the packet gives them.
  const numbers = numberExhibits(check.exhibits);
  return check.exhibits
    .map((e, i) => {
      const what =
        e.kind === 'chat'
          ? `  ${e.format}, ${e.messages.length} of ${e.totalMessages} message(s)${e.excerpt ? `, part ${e.excerpt.part}/${e.excerpt.parts}` : ''}`
          : '';
      const seen = e.kind !== 'chat' ? check.screenshots.find((s) => s.file === e.file) : undefined;
      const shows = seen ? `\n         ${c.dim(describeVisible(seen.visible, seen.textPt, seen.from))}` : '';
      const trim = e.kind === 'image' && e.image.trim;
      const trimmed = trim
        ? `\n         ${c.dim(`uniform borders trimmed: ${trim[2]} × ${trim[3]} of ${e.image.width} × ${e.image.height} shown (trim: false in case.yaml keeps them)`)}`
        : '';
      const category = check.evidence?.categories[i];
      const proves = category ? `\n         ${c.dim(`proves: ${category.categories.join(', ')} (from ${category.source})`)}` : '';
      return `  ${String(numbers[i]).padStart(3)}  ${formatDateFact(e.date, zone)}  ${oneLine(e.file)}${what}  ${c.dim(describeDateSource(e.date, check.analysis.info.timezone))}${shows}${trimmed}${proves}`;
    })
    .join('\n');
}
