import { Chalk, type ChalkInstance } from 'chalk';
import { maskStrings, maskText } from '../chat/sensitive.js';
import { isEvidencePacketError } from '../errors.js';
import type { Paint, Style } from '../reporters/style.js';

/**
 * Our own colour sequences carry this private-use character in place of ESC until they are
 * written, so the one place that writes to the terminal (safeText) tells them from an ESC that
 * came from the input (a file name, a chat message), which it shows escaped.
 */
const OUR_ESC = '\uE000';

export interface GlobalFlags {
  readonly json?: boolean;
  readonly quiet?: boolean;
}

/** chalk reads FORCE_COLOR; NO_COLOR (https://no-color.org) is honoured here. */
export function makeColors(stream: NodeJS.WriteStream): Style {
  const env = process.env;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return marked(new Chalk());
  if ((env.NO_COLOR ?? '') !== '' || !stream.isTTY) return marked(new Chalk({ level: 0 }));
  return marked(new Chalk());
}

/** chalk's colours, their ESC written as OUR_ESC. */
function marked(chalk: ChalkInstance): Style {
  const mark =
    (paint: (text: string) => string): Paint =>
    (text) =>
      paint(text).replaceAll('\u001b', OUR_ESC);
  const withBold = (paint: ChalkInstance) => Object.assign(mark(paint), { bold: mark(paint.bold) });
  return {
    bold: mark(chalk.bold),
    dim: mark(chalk.dim),
    green: mark(chalk.green),
    red: withBold(chalk.red),
    yellow: withBold(chalk.yellow),
    cyan: withBold(chalk.cyan),
  };
}

export const stdoutColors = makeColors(process.stdout);
export const stderrColors = makeColors(process.stderr);

/**
 * Text as it may reach a terminal or a log: every control character (ESC, BEL, CR, DEL, the C1
 * controls such as CSI U+009B and NEL U+0085, a line or paragraph separator) shown as \x1b,
 * \u2028…, the colour sequences we paint written as they are, and card numbers masked. Line
 * feeds and tabs are the report's own: a line break inside a value is escaped by the reporter.
 */
export function safeText(text: string): string {
  const escaped = text.replace(/\uE000\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\uE000]/g, (m) => {
    if (m.length > 1) return `\u001b${m.slice(1)}`;
    const code = m.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  return maskText(escaped);
}

/** Machine output: JSON.stringify's text as it is (valid JSON whatever the strings hold), card numbers masked in the values first. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(maskStrings(value), null, 2)}\n`);
}

/** JSON text a reporter made with JSON.stringify: written as it is (its values are masked by the reporter). */
export function writeJsonText(text: string): void {
  process.stdout.write(maskText(text));
}

export function print(text: string): void {
  const safe = safeText(text);
  process.stdout.write(safe.endsWith('\n') ? safe : `${safe}\n`);
}

/** Writes text to stdout as it is (a report that ends its own lines, or nothing), made safe. */
export function write(text: string): void {
  if (text !== '') process.stdout.write(safeText(text));
}

export function printError(text: string): void {
  const safe = safeText(text);
  process.stderr.write(safe.endsWith('\n') ? safe : `${safe}\n`);
}

/** Columns padded to their widest cell, the header in bold. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], c: Style): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [c.bold(line(header)), ...rows.map(line)].join('\n');
}

export function reportFailure(error: unknown, flags: GlobalFlags): number {
  if (isEvidencePacketError(error)) {
    if (flags.json) {
      printJson({
        ok: false,
        error: { code: error.code, message: error.message, hint: error.hint, exitCode: error.exitCode, ...(error.details ? { details: error.details } : {}) },
      });
    } else {
      const c = stderrColors;
      printError(`${c.red.bold('error')} ${c.bold(error.code)}: ${error.message}${error.hint ? `\n  ${c.dim('→')} ${error.hint}` : ''}`);
    }
    return error.exitCode;
  }
  const detail = error instanceof Error ? (process.env.EVIDENCE_PACKET_DEBUG ? (error.stack ?? error.message) : error.message) : String(error);
  const message = `internal error: ${detail}\n  → This is a bug in evidence-packet. Please report it with the command you ran (set EVIDENCE_PACKET_DEBUG=1 for the stack).`;
  if (flags.json) printJson({ ok: false, error: { code: 'INTERNAL', message: detail, exitCode: 70 } });
  else printError(message);
  return 70;
}
