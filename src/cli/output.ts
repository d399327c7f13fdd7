import { Chalk, type ChalkInstance } from 'chalk';
import { formatDateFact } from '../evidence/dates.js';
import type { Finding } from '../evidence/model.js';
import type { CheckResult } from '../pipeline/check.js';
import { describeDateSource } from '../evidence/describe.js';
import { describeFinding } from '../rules/codes.js';
import { findingLocation } from '../reporters/json.js';
export { checkToJson, findingToJson } from '../reporters/json.js';
import { isEvidencePacketError } from '../errors.js';

export interface GlobalFlags {
  readonly json?: boolean;
  readonly quiet?: boolean;
}

/** chalk reads FORCE_COLOR; NO_COLOR (https://no-color.org) is honoured here. */
export function makeColors(stream: NodeJS.WriteStream): ChalkInstance {
  const env = process.env;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return new Chalk();
  if ((env.NO_COLOR ?? '') !== '' || !stream.isTTY) return new Chalk({ level: 0 });
  return new Chalk();
}

export const stdoutColors = makeColors(process.stdout);
export const stderrColors = makeColors(process.stderr);

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function printError(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

const LABEL: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', info: 'info' };

/** One finding per block: severity in words (not colour alone), code, where, what, next step. */
export function formatFindings(findings: readonly Finding[], c: ChalkInstance): string {
  return findings
    .map((f) => {
      const { message, hint } = describeFinding(f);
      const paint = f.severity === 'error' ? c.red : f.severity === 'warning' ? c.yellow : c.cyan;
      const where = findingLocation(f);
      const head = `${paint.bold(LABEL[f.severity])} ${c.bold(f.code)}${where ? `  ${where}` : ''}`;
      const next = hint.split('\n').map((l, i) => (i === 0 ? `  ${c.dim('→')} ${l}` : `    ${l}`)).join('\n');
      return `${head}\n  ${message}\n${next}`;
    })
    .join('\n');
}

/** Columns padded to their widest cell, the header in bold. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], c: ChalkInstance): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [c.bold(line(header)), ...rows.map(line)].join('\n');
}

/** "OCR: shows name, date; not email; text prints at 9.5 pt" — in words, not marks alone. */
function describeVisible(v: { name: boolean; email: boolean; date: boolean }, pt: number | undefined): string {
  const facts = (['name', 'email', 'date'] as const).map((k) => [k, v[k]] as const);
  const shown = facts.filter(([, ok]) => ok).map(([k]) => k);
  const not = facts.filter(([, ok]) => !ok).map(([k]) => k);
  const parts = [shown.length > 0 ? `shows ${shown.join(', ')}` : 'shows none of name, email, date', ...(not.length > 0 && shown.length > 0 ? [`not ${not.join(', ')}`] : [])];
  return `OCR: ${parts.join('; ')}${pt !== undefined ? `; text prints at about ${pt} pt` : ''}`;
}

export function countFindings(findings: readonly Finding[]): string {
  const n = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  const part = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${part(n('error'), 'error')}, ${part(n('warning'), 'warning')}`;
}

export function formatExhibitList(check: CheckResult, c: ChalkInstance): string {
  const zone = check.analysis.info.timezone?.value;
  return check.exhibits
    .map((e, i) => {
      const what = e.kind === 'chat' ? `  ${e.format}, ${e.messages.length} of ${e.totalMessages} message(s)${e.excerpt ? `, part ${e.excerpt.part}/${e.excerpt.parts}` : ''}` : '';
      const seen = e.kind === 'image' ? check.screenshots.find((s) => s.file === e.file) : undefined;
      const shows = seen ? `\n         ${c.dim(describeVisible(seen.visible, seen.textPt))}` : '';
      const trim = e.kind === 'image' && e.image.trim;
      const trimmed = trim ? `\n         ${c.dim(`uniform borders trimmed: ${trim[2]} × ${trim[3]} of ${e.image.width} × ${e.image.height} shown (trim: false in case.yaml keeps them)`)}` : '';
      return `  ${String(i + 1).padStart(3)}  ${formatDateFact(e.date, zone)}  ${e.file}${what}  ${c.dim(describeDateSource(e.date))}${shows}${trimmed}`;
    })
    .join('\n');
}

export function reportFailure(error: unknown, flags: GlobalFlags): number {
  if (isEvidencePacketError(error)) {
    if (flags.json) {
      print(JSON.stringify({ ok: false, error: { code: error.code, message: error.message, hint: error.hint, exitCode: error.exitCode, ...(error.details ? { details: error.details } : {}) } }, null, 2));
    } else {
      const c = stderrColors;
      printError(`${c.red.bold('error')} ${c.bold(error.code)}: ${error.message}${error.hint ? `\n  ${c.dim('→')} ${error.hint}` : ''}`);
    }
    return error.exitCode;
  }
  const detail = error instanceof Error ? (process.env.EVIDENCE_PACKET_DEBUG ? error.stack ?? error.message : error.message) : String(error);
  const message = `internal error: ${detail}\n  → This is a bug in evidence-packet. Please report it with the command you ran (set EVIDENCE_PACKET_DEBUG=1 for the stack).`;
  if (flags.json) print(JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: detail, exitCode: 70 } }, null, 2));
  else printError(message);
  return 70;
}
