import { Chalk, type ChalkInstance } from 'chalk';
import { maskText } from '../chat/sensitive.js';
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

/**
 * Text as it may reach a terminal or a log: control characters (a file named with ESC or BEL
 * in it) shown as \x1b, \x07…, except the colour sequences chalk writes, and card numbers masked.
 */
export function safeText(text: string): string {
  const escaped = text.replace(/\u001b\[[0-9;]*m|\u001b\[2K|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (m) => (m.length > 1 || m === '\r' ? m : `\\x${m.charCodeAt(0).toString(16).padStart(2, '0')}`));
  return maskText(escaped);
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
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], c: ChalkInstance): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [c.bold(line(header)), ...rows.map(line)].join('\n');
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
