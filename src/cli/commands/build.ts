import { resolve } from 'node:path';
import { formatBytes } from '../../budget/profiles.js';
import { UsageError } from '../../errors.js';
import { writeFileAtomic } from '../../io/write-atomic.js';
import { buildPacket } from '../../packet/build-packet.js';
import type { Paper } from '../../packet/layout.js';
import { caseOptionsFromFlags, type CaseFlags } from '../case-flags.js';
import { checkToJson, countFindings, findingToJson, formatFindings, print, printError, stderrColors, stdoutColors } from '../output.js';

export interface BuildFlags extends CaseFlags {
  output: string;
  report?: string;
  stripeEvidence?: string;
  paper: Paper;
}

export async function runBuild(dir: string, flags: BuildFlags): Promise<number> {
  const output = resolve(flags.output);
  if (!output.toLowerCase().endsWith('.pdf')) {
    throw new UsageError('USAGE_OUTPUT_NOT_PDF', `-o ${flags.output}: the packet must be written to a .pdf file`, { hint: 'Pass e.g. -o packet.pdf.' });
  }
  const report = flags.report ? resolve(flags.report) : undefined;
  const stripe = flags.stripeEvidence ? resolve(flags.stripeEvidence) : undefined;
  const sourceDateEpoch = parseSourceDateEpoch(process.env.SOURCE_DATE_EPOCH);
  const progress = !flags.json && !flags.quiet && process.stderr.isTTY;
  const result = await buildPacket(dir, {
    ...caseOptionsFromFlags(flags),
    paper: flags.paper,
    exclude: [output, ...(report ? [report] : []), ...(stripe ? [stripe] : [])],
    stripeEvidence: stripe !== undefined,
    ...(sourceDateEpoch !== undefined ? { sourceDateEpoch } : {}),
    ...(progress ? { onProgress: (done: number, total: number, file: string) => process.stderr.write(`\r\u001b[2K${stderrColors.dim(`preparing images ${done}/${total}`)} ${file}`) } : {}),
  });
  if (progress) process.stderr.write('\r\u001b[2K');

  if (!result.ok) {
    if (flags.json) print(JSON.stringify({ ...checkToJson(result.check), output: null }, null, 2));
    else {
      print(formatFindings(result.check.findings, stdoutColors));
      printError(`\nNo packet written: ${countFindings(result.check.findings)}. Fix the errors above (\`evidence-packet check\` re-checks).`);
    }
    return result.check.exitCode;
  }
  await writeFileAtomic(output, result.pdf);
  if (report) await writeFileAtomic(report, JSON.stringify(result.report, null, 2) + '\n');
  if (stripe && result.stripeEvidence) await writeFileAtomic(stripe, JSON.stringify(result.stripeEvidence.fields, null, 2) + '\n');

  const { output: out } = result.report;
  if (flags.json) {
    print(JSON.stringify({ ok: true, exitCode: 0, file: output, reportFile: report ?? null, ...result.report, findings: result.check.findings.map(findingToJson) }, null, 2));
    return 0;
  }
  if (!flags.quiet) {
    const warnings = result.check.findings.filter((f) => f.severity !== 'error');
    if (warnings.length > 0) print(formatFindings(warnings, stdoutColors) + '\n');
    const limit = result.report.limits.maxBytes ? ` (limit ${formatBytes(result.report.limits.maxBytes)})` : '';
    print(`Wrote ${flags.output}: ${result.report.exhibits.length} exhibit(s), ${out.pages} pages, ${formatBytes(out.bytes)}${limit}`);
    if (report) print(`Report: ${flags.report}`);
    if (stripe) print(`Stripe evidence fields: ${flags.stripeEvidence}`);
  }
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
