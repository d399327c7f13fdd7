import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { formatBytes } from '../../budget/profiles.js';
import type { Paper } from '../../document/index.js';
import { UsageError } from '../../errors.js';
import { writeFilesAtomic } from '../../io/write-atomic.js';
import type { CheckResult } from '../../pipeline/check.js';
import type { PacketOptions } from '../../pipeline/options.js';
import type { PacketReport } from '../../reporters/build-report.js';
import { checkToJson, findingToJson } from '../../reporters/json.js';
import { countFindings, formatFindings } from '../../reporters/text.js';
import type { CommandContext } from '../command.js';
import { addSharedFlags, CASE_FLAGS, caseOptionsFromFlags, paperOption, type CaseFlags } from '../flags.js';
import { formatTable, print, printError, stderrColors, stdoutColors } from '../output.js';
import { openPacket } from '../open-file.js';
import { progressDisplay } from '../progress-bars.js';

export interface BuildFlags extends CaseFlags {
  /** Undefined when -o is not given: packet.pdf here, never overwritten without --force. */
  output?: string;
  force?: boolean;
  open?: boolean;
  report?: string;
  stripeEvidence?: string;
  paper: Paper;
}

const EXAMPLES = `
Examples:
  evidence-packet build ./case-dp_1234 -o dp_1234.pdf --report dp_1234.json
  evidence-packet build ./my-case --client-name "Jane Doe" --client-email jane@x.com --profile stripe -o out.pdf
  evidence-packet build ./big-case --profile adyen --split -o dp_1234.pdf     # dp_1234-1.pdf, dp_1234-2.pdf…
  evidence-packet build . --open                                            # packet.pdf, then shown in your PDF viewer

The packet is dated when it is built (the cover's "Prepared" and the PDF's CreationDate).
SOURCE_DATE_EPOCH (seconds since 1970) fixes that date instead, so the same inputs give the
same bytes: SOURCE_DATE_EPOCH=$(date +%s) once, then rebuild with it.`;

export function registerBuild(program: Command, context: CommandContext): void {
  const command = program
    .command('build')
    .argument('[dir]', 'the case folder', '.')
    .description('Check the case, then order, annotate and render the packet; writes the PDF only if the check passes.')
    .option('-o, --output <file>', `where to write the PDF (default: ${DEFAULT_OUTPUT} here, which is not overwritten without --force)`)
    .option('--force', `replace an existing ${DEFAULT_OUTPUT} when -o is not given`)
    .option('--open', 'open the packet in your PDF viewer when it is written (the user config’s viewer: names another program)')
    .option('--report <file>', 'also write a JSON report: per exhibit the file, SHA-256, date and its source, pages and bytes')
    .option('--stripe-evidence <file>', 'also write the text fields of Stripe’s dispute evidence object (customer_name, uncategorized_text…) as JSON')
    .option('--split', 'for processors whose limit is per file (paypal, braintree, adyen, visa, generic): write <output>-1.pdf, -2.pdf… each within the limit, each with its own cover and index; exhibits are never cut in half')
    .addOption(paperOption());
  addSharedFlags(command, CASE_FLAGS).addHelpText('after', EXAMPLES).action(context.action(runBuild));
}

const DEFAULT_OUTPUT = 'packet.pdf';

export async function runBuild(dir: string, given: BuildFlags): Promise<number> {
  const flags = { ...given, output: given.output ?? DEFAULT_OUTPUT };
  const output = resolve(flags.output);
  // A packet left from an earlier build may be the one already sent: replaced only when asked.
  if (given.output === undefined && !given.force && (await stat(output).then((s) => s.isFile(), () => false))) {
    throw new UsageError('USAGE_OUTPUT_EXISTS', `${DEFAULT_OUTPUT} already exists here: not overwritten`, {
      hint: `Pass --force to replace it, or -o to write the packet elsewhere (-o always replaces what it names).`,
    });
  }
  if (!output.toLowerCase().endsWith('.pdf')) {
    throw new UsageError('USAGE_OUTPUT_NOT_PDF', `-o ${flags.output}: the packet must be written to a .pdf file`, { hint: 'Pass e.g. -o packet.pdf.' });
  }
  const report = flags.report ? resolve(flags.report) : undefined;
  const stripe = flags.stripeEvidence ? resolve(flags.stripeEvidence) : undefined;
  const sourceDateEpoch = parseSourceDateEpoch(process.env.SOURCE_DATE_EPOCH);
  const progress = await progressDisplay(flags);
  const parts = flags.split ? await existingParts(output) : [];
  const options = {
    ...caseOptionsFromFlags(flags),
    paper: flags.paper,
    // Earlier outputs inside the case folder are not evidence.
    exclude: [output, ...parts, ...(report ? [report] : []), ...(stripe ? [stripe] : [])],
    stripeEvidence: stripe !== undefined,
    ...(sourceDateEpoch !== undefined ? { sourceDateEpoch } : {}),
    ...(progress.listener ? { onProgress: progress.listener } : {}),
  };
  if (flags.split) {
    try {
      return await writeSplit(dir, flags, { output, report, stripe, parts }, options);
    } finally {
      progress.stop();
    }
  }
  const { buildPacket } = await import('../../pipeline/build.js');
  const result = await buildPacket(dir, options).finally(() => progress.stop());

  if (!result.ok) return reportNotBuilt(result.check, flags);
  // All or nothing: a report that cannot be written leaves no PDF (and no folder made for it).
  await writeFilesAtomic([
    { path: output, data: result.pdf },
    ...(report ? [{ path: report, data: JSON.stringify(result.report, null, 2) + '\n' }] : []),
    ...(stripe && result.stripeEvidence ? [{ path: stripe, data: JSON.stringify(result.stripeEvidence.fields, null, 2) + '\n' }] : []),
  ]);

  if (flags.open) await openPacket(output);
  const { output: out } = result.report;
  if (flags.json) {
    print(JSON.stringify({ ok: true, exitCode: 0, file: output, reportFile: report ?? null, ...result.report, findings: result.check.findings.map(findingToJson) }, null, 2));
    return 0;
  }
  if (!flags.quiet) {
    const warnings = result.check.findings.filter((f) => f.severity !== 'error');
    if (warnings.length > 0) printError(formatFindings(warnings, stderrColors) + '\n');
    const limit = result.report.limits.maxBytes ? ` (limit ${formatBytes(result.report.limits.maxBytes)})` : '';
    print(`Wrote ${flags.output}: ${result.report.exhibits.length} exhibit(s), ${out.pages} pages, ${formatBytes(out.bytes)}${limit}`);
    print(exhibitTable(result.report));
    if (report) print(`Report: ${flags.report}`);
    if (stripe) print(`Stripe evidence fields: ${flags.stripeEvidence}`);
  }
  return 0;
}

function reportNotBuilt(check: CheckResult, flags: BuildFlags): number {
  if (flags.json) print(JSON.stringify({ ...checkToJson(check), output: null }, null, 2));
  else {
    printError(formatFindings(check.findings, stderrColors));
    printError(`\nNo packet written: ${countFindings(check.findings)}. Fix the errors above (\`evidence-packet check\` re-checks).`);
  }
  return check.exitCode;
}

/** `-o dp.pdf` → dp-1.pdf, dp-2.pdf… beside it. */
function partPath(output: string, part: number): string {
  return `${output.slice(0, -'.pdf'.length)}-${part}.pdf`;
}

/** Part files an earlier split left beside the output: dp-1.pdf, dp-2.pdf… while they exist. */
async function existingParts(output: string): Promise<string[]> {
  const found: string[] = [];
  for (let part = 1; ; part++) {
    const path = partPath(output, part);
    if (!(await stat(path).then((s) => s.isFile(), () => false))) return found;
    found.push(path);
  }
}

/** Where build writes: the PDF (the name the parts take theirs from), the report, Stripe's fields, and the parts an earlier split left. */
interface Outputs {
  readonly output: string;
  readonly report: string | undefined;
  readonly stripe: string | undefined;
  readonly parts: readonly string[];
}

async function writeSplit(dir: string, flags: BuildFlags, outputs: Outputs, options: PacketOptions): Promise<number> {
  const { output, report, stripe, parts: before } = outputs;
  const { buildSplitPacket } = await import('../../pipeline/split.js');
  const result = await buildSplitPacket(dir, { ...options, fileName: (part) => basename(partPath(output, part)) });
  if (!result.ok) return reportNotBuilt(result.check, flags);
  const files = result.files.map((f, i) => ({ ...f, path: partPath(output, i + 1) }));
  const splitReport = { split: true, files: files.map((f) => ({ file: f.name, ...f.report })) };
  await writeFilesAtomic([
    ...files.map((f) => ({ path: f.path, data: f.pdf })),
    ...(report ? [{ path: report, data: JSON.stringify(splitReport, null, 2) + '\n' }] : []),
    ...(stripe && result.stripeEvidence ? [{ path: stripe, data: JSON.stringify(result.stripeEvidence.fields, null, 2) + '\n' }] : []),
  ]);
  if (flags.open) await openPacket(files[0]!.path);
  // Never deleted (they may be someone's files), but a left-over part must not be sent.
  const stale = before.slice(files.length);
  if (flags.json) {
    print(JSON.stringify({ ok: true, exitCode: 0, files: files.map((f) => ({ path: f.path, ...f.report, findings: undefined })), stale, reportFile: report ?? null, findings: result.check.findings.map(findingToJson) }, null, 2));
    return 0;
  }
  if (!flags.quiet) {
    const warnings = result.check.findings.filter((f) => f.severity !== 'error');
    if (warnings.length > 0) printError(formatFindings(warnings, stderrColors) + '\n');
    const limits = files[0]!.report.limits;
    const limit = [limits.maxBytes ? formatBytes(limits.maxBytes) : '', limits.maxPages ? `${limits.maxPages} pages` : ''].filter(Boolean).join(', ');
    print(`Wrote ${files.length} file(s)${limit ? `, each within ${limit}` : ''}:`);
    for (const f of files) {
      const first = f.report.exhibits[0]!.number;
      const last = f.report.exhibits[f.report.exhibits.length - 1]!.number;
      print(`  ${f.name}: exhibits ${first}–${last}, ${f.report.output.pages} pages, ${formatBytes(f.report.output.bytes)}`);
    }
    if (report) print(`Report: ${flags.report}`);
    if (stripe) print(`Stripe evidence fields: ${flags.stripeEvidence}`);
  }
  for (const path of stale) printError(`${stderrColors.yellow.bold('warning')} ${basename(path)} is left from an earlier build and is not part of this packet: delete it before sending.`);
  return 0;
}

function parseSourceDateEpoch(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 0) {
    throw new UsageError('USAGE_BAD_SOURCE_DATE_EPOCH', `SOURCE_DATE_EPOCH="${value}" is not a whole number of seconds`, {
      hint: 'Unset it, or set it to seconds since 1970, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct).',
    });
  }
  return seconds;
}

/** Per exhibit, what went in: its number, date, file, pages and how it was embedded. */
function exhibitTable(report: PacketReport): string {
  const rows = report.exhibits.map((e) => [
    String(e.number),
    e.date.shown.slice(0, 16),
    e.file.length > 48 ? `…${e.file.slice(-47)}` : e.file,
    e.pages.start === e.pages.end ? `${e.pages.start}` : `${e.pages.start}–${e.pages.end}`,
    e.embedded ? `${e.embedded.rung}, ${formatBytes(e.embedded.bytes)}${e.focus ? ', focus crop' : ''}` : e.messages ? `${e.messages.shown} of ${e.messages.total} message(s)` : e.document ? `${e.document.pages.length} of ${e.document.totalPages} page(s)` : '',
  ]);
  return formatTable(['#', 'date', 'file', 'page', 'in the packet'], rows, stdoutColors);
}
