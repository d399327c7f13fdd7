import { basename } from 'node:path';
import { formatBytes } from '../../budget/profiles.js';
import type { CheckResult } from '../../pipeline/check.js';
import type { PacketReport } from '../../reporters/build-report.js';
import { checkToJson, findingToJson } from '../../reporters/json.js';
import type { StripeEvidence } from '../../reporters/stripe-evidence.js';
import { countFindings, formatFindings } from '../../reporters/text.js';
import { formatTable, print, printError, printJson, stderrColors, stdoutColors } from '../output.js';

/** The build flags that change what is printed. */
interface PrintFlags {
  readonly json?: boolean | undefined;
  readonly quiet?: boolean | undefined;
  readonly report?: string | undefined;
  readonly stripeEvidence?: string | undefined;
}

/** Where build writes: the PDF (the name parts take theirs from), the report, Stripe's fields, and the parts an earlier split left. */
export interface Outputs {
  /** The packet's path as the user named it (or the default's, relative to here). */
  readonly named: string;
  readonly output: string;
  readonly report: string | undefined;
  readonly stripe: string | undefined;
  readonly parts: readonly string[];
}

/** A packet file as written: one for a packet, one per part for a split. */
export interface PacketFile {
  readonly name: string;
  readonly path: string;
  readonly pdf: Uint8Array;
  readonly report: PacketReport;
}

/** What a build made: its files, the report written for them, and Stripe's fields. */
export type Built =
  | { readonly ok: false; readonly check: CheckResult }
  | {
      readonly ok: true;
      readonly check: CheckResult;
      readonly files: readonly PacketFile[];
      readonly report: unknown;
      readonly stripeEvidence?: StripeEvidence;
    };

/** The check's findings, and that no packet was written. */
export function reportNotBuilt(check: CheckResult, flags: PrintFlags): number {
  if (flags.json) printJson({ ...checkToJson(check), output: null });
  else {
    printError(formatFindings(check.findings, stderrColors));
    printError(`\nNo packet written: ${countFindings(check.findings)}. Fix the errors above (\`evidence-packet check\` re-checks).`);
  }
  return check.exitCode;
}

type BuiltOk = Extract<Built, { ok: true }>;

/** What one file holds: its exhibits in a table. */
export function printPacket(built: BuiltOk, flags: PrintFlags, outputs: Outputs): void {
  const [{ report }] = built.files as [PacketFile];
  if (flags.json) {
    printJson({
      ok: true,
      exitCode: 0,
      file: outputs.output,
      reportFile: outputs.report ?? null,
      ...report,
      findings: built.check.findings.map(findingToJson),
    });
    return;
  }
  if (flags.quiet) return;
  printWarnings(built.check);
  const limit = report.limits.maxBytes ? ` (limit ${formatBytes(report.limits.maxBytes)})` : '';
  print(`Wrote ${outputs.named}: ${report.exhibits.length} exhibit(s), ${report.output.pages} pages, ${formatBytes(report.output.bytes)}${limit}`);
  print(exhibitTable(report));
  printSideFiles(flags);
}

/** What each part holds, and the parts an earlier split left that are not part of this packet. */
export function printSplit(built: BuiltOk, flags: PrintFlags, outputs: Outputs): void {
  const { files } = built;
  // Never deleted (they may be someone's files), but a left-over part must not be sent.
  const stale = outputs.parts.slice(files.length);
  if (flags.json) {
    printJson({
      ok: true,
      exitCode: 0,
      files: files.map((f) => ({ path: f.path, ...f.report, findings: undefined })),
      stale,
      reportFile: outputs.report ?? null,
      findings: built.check.findings.map(findingToJson),
    });
  } else if (!flags.quiet) {
    printWarnings(built.check);
    const limits = files[0]!.report.limits;
    const limit = [limits.maxBytes ? formatBytes(limits.maxBytes) : '', limits.maxPages ? `${limits.maxPages} pages` : ''].filter(Boolean).join(', ');
    print(`Wrote ${files.length} file(s)${limit ? `, each within ${limit}` : ''}:`);
    for (const f of files) {
      const first = f.report.exhibits[0]!.number;
      const last = f.report.exhibits[f.report.exhibits.length - 1]!.number;
      print(`  ${f.name}: exhibits ${first}–${last}, ${f.report.output.pages} pages, ${formatBytes(f.report.output.bytes)}`);
    }
    printSideFiles(flags);
  }
  if (flags.json) return;
  for (const path of stale)
    printError(
      `${stderrColors.yellow.bold('warning')} ${basename(path)} is left from an earlier build and is not part of this packet: delete it before sending.`,
    );
}

function printWarnings(check: CheckResult): void {
  const warnings = check.findings.filter((f) => f.severity !== 'error');
  if (warnings.length > 0) printError(formatFindings(warnings, stderrColors) + '\n');
}

function printSideFiles(flags: PrintFlags): void {
  if (flags.report) print(`Report: ${flags.report}`);
  if (flags.stripeEvidence) print(`Stripe evidence fields: ${flags.stripeEvidence}`);
}

/** Per exhibit, what went in: its number, date, file, pages and how it was embedded. */
function exhibitTable(report: PacketReport): string {
  const rows = report.exhibits.map((e) => [
    String(e.number),
    e.date.shown.slice(0, 16),
    e.file.length > 48 ? `…${e.file.slice(-47)}` : e.file,
    e.pages.start === e.pages.end ? `${e.pages.start}` : `${e.pages.start}–${e.pages.end}`,
    e.embedded
      ? `${e.embedded.rung}, ${formatBytes(e.embedded.bytes)}${e.focus ? ', focus crop' : ''}`
      : e.messages
        ? `${e.messages.shown} of ${e.messages.total} message(s)`
        : e.document
          ? `${e.document.pages.length} of ${e.document.totalPages} page(s)`
          : '',
  ]);
  return formatTable(['#', 'date', 'file', 'page', 'in the packet'], rows, stdoutColors);
}
