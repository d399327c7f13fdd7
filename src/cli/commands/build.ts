import { stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { writeFilesAtomic } from '../../io/write-atomic.js';
import type { PacketOptions } from '../../pipeline/options.js';
import type { CommandContext } from '../command.js';
import { declareFlags, type FlagValues } from '../declare-flags.js';
import { addSharedFlags, CASE_FLAGS, caseOptionsFromFlags, type CaseFlags } from '../flags.js';
import { openPacket } from '../open-file.js';
import { progressDisplay } from '../progress-bars.js';
import { sourceDateEpochOption } from '../source-date-epoch.js';
import { type Built, type Outputs, printPacket, printSplit, reportNotBuilt } from './print-packet.js';

const DEFAULT_OUTPUT = 'packet.pdf';

/** build's own flags, declared once: commander reads them from here, and BuildFlags is their type. */
const BUILD_FLAGS = {
  output: {
    flags: '-o, --output <file>',
    help: `where to write the PDF (default: ${DEFAULT_OUTPUT} here, or <folder>-packet.pdf beside the case when here is the case folder; not overwritten without --force)`,
  },
  force: { flags: '--force', help: `replace an existing ${DEFAULT_OUTPUT} when -o is not given` },
  open: { flags: '--open', help: 'open the packet in your PDF viewer when it is written (the user config’s viewer: names another program)' },
  report: { flags: '--report <file>', help: 'also write a JSON report: per exhibit the file, SHA-256, date and its source, pages and bytes' },
  stripeEvidence: {
    flags: '--stripe-evidence <file>',
    help: 'also write the text fields of Stripe’s dispute evidence object (customer_name, uncategorized_text…) as JSON',
  },
  split: {
    flags: '--split',
    help: 'for processors whose limit is per file (paypal, braintree, adyen, visa, generic): write <output>-1.pdf, -2.pdf… each within the limit, each with its own cover and index; exhibits are never cut in half',
  },
  paper: { flags: '--paper <size>', help: 'page size', choices: ['letter', 'a4'], fallback: 'letter' },
} as const;

/** `output` is undefined when -o is not given: packet.pdf here (beside the case when here is inside it), never overwritten without --force. */
export type BuildFlags = CaseFlags & FlagValues<typeof BUILD_FLAGS>;

const EXAMPLES = `
Examples:
  evidence-packet build ./case-dp_1234 -o dp_1234.pdf --report dp_1234.json
  evidence-packet build ./my-case --client-name "Jane Doe" --client-email jane@x.com --profile stripe -o out.pdf
  evidence-packet build ./big-case --profile adyen --split -o dp_1234.pdf     # dp_1234-1.pdf, dp_1234-2.pdf…
  evidence-packet build . --open                                            # ../<folder>-packet.pdf, then shown in your PDF viewer

The packet is dated when it is built (the cover's "Prepared" and the PDF's CreationDate).
SOURCE_DATE_EPOCH (seconds since 1970) fixes that date instead, so the same inputs give the
same bytes: SOURCE_DATE_EPOCH=$(date +%s) once, then rebuild with it.`;

export function registerBuild(program: Command, context: CommandContext): void {
  const command = program
    .command('build')
    .argument('[dir]', 'the case folder', '.')
    .description('Check the case, then order, annotate and render the packet; writes the PDF only if the check passes.');
  declareFlags(command, BUILD_FLAGS);
  addSharedFlags(command, CASE_FLAGS).addHelpText('after', EXAMPLES).action(context.action(runBuild));
}

/**
 * Checks and builds the packet, then writes it: its files (one, or a part per file with
 * --split), the report and Stripe's fields all or nothing, then says what was written.
 */
export async function runBuild(dir: string, flags: BuildFlags): Promise<number> {
  const outputs = await outputsOf(dir, flags);
  const epoch = sourceDateEpochOption();
  const progress = await progressDisplay(flags);
  const options: PacketOptions = {
    ...caseOptionsFromFlags(flags),
    paper: flags.paper,
    // Earlier outputs inside the case folder are not evidence.
    exclude: [outputs.output, ...outputs.parts, ...(outputs.report ? [outputs.report] : []), ...(outputs.stripe ? [outputs.stripe] : [])],
    stripeEvidence: outputs.stripe !== undefined,
    ...epoch,
    ...(progress.listener ? { onProgress: progress.listener } : {}),
  };
  const built = await buildFiles(dir, flags, outputs, options).finally(() => progress.stop());
  if (!built.ok) return reportNotBuilt(built.check, flags);
  const { report, stripe } = outputs;
  // All or nothing: a report that cannot be written leaves no PDF (and no folder made for it).
  await writeFilesAtomic([
    ...built.files.map((f) => ({ path: f.path, data: f.pdf })),
    ...(report ? [{ path: report, data: JSON.stringify(built.report, null, 2) + '\n' }] : []),
    ...(stripe && built.stripeEvidence ? [{ path: stripe, data: JSON.stringify(built.stripeEvidence.fields, null, 2) + '\n' }] : []),
  ]);
  if (flags.open) await openPacket(built.files[0]!.path);
  if (flags.split) printSplit(built, flags, outputs);
  else printPacket(built, flags, outputs);
  return 0;
}

/**
 * Where the packet goes without -o: packet.pdf here, unless here is the case folder or inside
 * it; then beside the case folder (`<folder>-packet.pdf`), so the packet never lands among the
 * evidence it was made from.
 */
export function defaultOutput(caseDir: string, cwd: string): string {
  const root = resolve(caseDir);
  const rel = relative(root, resolve(cwd));
  const inside = rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  return inside ? relative(cwd, join(dirname(root), `${basename(root)}-packet.pdf`)) : DEFAULT_OUTPUT;
}

/** Where the packet goes; the default name is not overwritten unasked, and it must be a .pdf. */
async function outputsOf(dir: string, flags: BuildFlags): Promise<Outputs> {
  const named = flags.output ?? defaultOutput(dir, process.cwd());
  const output = resolve(named);
  // A packet left from an earlier build may be the one already sent: replaced only when asked.
  if (flags.output === undefined && !flags.force && (await isFile(output))) {
    throw new UsageError('USAGE_OUTPUT_EXISTS', `${named} already exists${named === DEFAULT_OUTPUT ? ' here' : ''}: not overwritten`, {
      hint: `Pass --force to replace it, or -o to write the packet elsewhere (-o always replaces what it names).`,
    });
  }
  if (!output.toLowerCase().endsWith('.pdf')) {
    throw new UsageError('USAGE_OUTPUT_NOT_PDF', `-o ${named}: the packet must be written to a .pdf file`, { hint: 'Pass e.g. -o packet.pdf.' });
  }
  return {
    named,
    output,
    report: flags.report ? resolve(flags.report) : undefined,
    stripe: flags.stripeEvidence ? resolve(flags.stripeEvidence) : undefined,
    parts: flags.split ? await existingParts(output) : [],
  };
}

/** The packet as files: one file, or with --split a part per file (each named after the output). */
async function buildFiles(dir: string, flags: BuildFlags, outputs: Outputs, options: PacketOptions): Promise<Built> {
  const { output } = outputs;
  if (flags.split) {
    const { buildSplitPacket } = await import('../../pipeline/split.js');
    const result = await buildSplitPacket(dir, { ...options, fileName: (part) => basename(partPath(output, part)) });
    if (!result.ok) return result;
    const files = result.files.map((f, i) => ({ ...f, path: partPath(output, i + 1) }));
    const report = { split: true, files: files.map((f) => ({ file: f.name, ...f.report })) };
    return { ok: true, check: result.check, files, report, ...(result.stripeEvidence ? { stripeEvidence: result.stripeEvidence } : {}) };
  }
  const { buildPacket } = await import('../../pipeline/build.js');
  const result = await buildPacket(dir, options);
  if (!result.ok) return result;
  const file = { name: basename(output), path: output, pdf: result.pdf, report: result.report };
  return { ok: true, check: result.check, files: [file], report: result.report, ...(result.stripeEvidence ? { stripeEvidence: result.stripeEvidence } : {}) };
}

const isFile = (path: string): Promise<boolean> =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  );

/** `-o dp.pdf` → dp-1.pdf, dp-2.pdf… beside it. */
function partPath(output: string, part: number): string {
  return `${output.slice(0, -'.pdf'.length)}-${part}.pdf`;
}

/** Part files an earlier split left beside the output: dp-1.pdf, dp-2.pdf… while they exist. */
async function existingParts(output: string): Promise<string[]> {
  const found: string[] = [];
  for (let part = 1; await isFile(partPath(output, part)); part++) found.push(partPath(output, part));
  return found;
}
