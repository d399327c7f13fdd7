import { maskCardNumbers, maskStrings } from '../../chat/sensitive.js';
import { availableParallelism } from 'node:os';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { BATCH_REPORT_NAME, previousCases, worstExitCode, type BatchCaseResult, type BatchReport } from '../../batch/batch-report.js';
import { isInside } from '../../case/discover-files.js';
import { scanCaseFolders, parseShard, selectShard, type CaseFolder } from '../../batch/find-cases.js';
import { readCaseSummary, type CaseSummary } from '../../batch/case-summary.js';
import { BATCH_CSV_NAME, formatBatchCsv } from '../../batch/format-batch-csv.js';
import { formatBytes } from '../../budget/profiles.js';
import { UsageError } from '../../errors.js';
import { writeFileAtomic } from '../../io/write-atomic.js';
import { VERSION } from '../../version.js';
import { runBatch } from '../batch-runner.js';
import type { CommandContext } from '../command.js';
import { addSharedFlags, caseOptionsFromFlags, paperOption, type CaseFlags, type SharedFlag } from '../flags.js';
import { formatTable, print, printError, stderrColors, stdoutColors, printJson } from '../output.js';

export interface BatchFlags extends Pick<CaseFlags, 'json' | 'quiet' | 'strict' | 'profile' | 'network' | 'maxSize' | 'maxPages' | 'tz' | 'ocr' | 'cacheDir'> {
  out: string;
  concurrency?: string;
  shard?: string;
  force?: boolean;
  case?: string;
  paper: string;
}

/** The case flags batch passes on to each case's build. */
const BATCH_FLAGS: readonly SharedFlag[] = ['json', 'quiet', 'strict', 'profile', 'network', 'maxSize', 'maxPages', 'tz', 'ocr', 'cacheDir'];

const HELP = `
Each case is built in its own process to <out>/<path-with-dashes>.pdf. A case whose files,
options and evidence-packet version are unchanged since the last run (recorded in
<out>/batch-report.json) is skipped; --force rebuilds it. The exit code is the worst case's.
<out>/batch-report.csv lists each case for a spreadsheet (id, client, amount, due, status, pages, size).

Examples:
  evidence-packet batch ./disputes --out ./packets
  evidence-packet batch ./disputes --out ./packets --concurrency 4 --json > batch.json
  evidence-packet batch ./disputes --out ./packets --shard 2/4      # machine 2 of 4 in a CI matrix`;

export function registerBatch(program: Command, context: CommandContext): void {
  const command = program
    .command('batch')
    .argument('<root>', 'the folder that holds the case folders (each with a case.yaml), searched recursively')
    .description('Build every case folder under root, in parallel, to <out>/<case>.pdf; one broken case never stops the others.')
    .requiredOption('--out <dir>', 'where the packets and batch-report.json are written (outside every case folder)')
    .option('--concurrency <n>', 'cases built at once (default: the number of cores)')
    .option('--shard <i/n>', 'build only share i of n (1-based), the same on every machine: spread one batch over a CI matrix')
    .option('--force', 'rebuild cases whose inputs, options and tool version have not changed')
    .option('--case <id>', 'build only the case whose case.yaml says `case: <id>` (the dispute id)');
  addSharedFlags(command, BATCH_FLAGS).addOption(paperOption()).addHelpText('after', HELP).action(context.action(runBatchCommand));
}

export async function runBatchCommand(rootArg: string, flags: BatchFlags): Promise<number> {
  const root = resolve(rootArg);
  const out = resolve(flags.out);
  const concurrency = parseConcurrency(flags.concurrency);
  const shard = flags.shard !== undefined ? parseShard(flags.shard) : undefined;
  caseOptionsFromFlags(flags); // the same checks of --max-size and --max-pages as build, before any work
  const buildArgs = buildArgsOf(flags);

  const { cases: found, skipped } = await findCases(root, rootArg, out, flags);
  const summaries = new Map<string, CaseSummary>();
  for (const c of found) summaries.set(c.path, await readCaseSummary(c.absolutePath));
  const all = flags.case === undefined ? found : casesWithId(found, summaries, flags.case, rootArg);
  const cases = shard ? selectShard(all, shard) : all;
  await mkdir(out, { recursive: true });
  const reportPath = join(out, BATCH_REPORT_NAME);
  const previous = previousCases(await readFile(reportPath, 'utf8').catch(() => undefined));

  const progress = await makeProgress(cases.length, flags);
  const started = performance.now();
  const results = await runBatch(cases, {
    out,
    concurrency,
    force: flags.force ?? false,
    buildArgs,
    // Where the OCR cache is changes nothing in a packet.
    fingerprintOptions: { buildArgs: buildArgs.filter((a, i) => a !== '--cache-dir' && buildArgs[i - 1] !== '--cache-dir') },
    previous,
    onDone: progress.done,
  });
  progress.stop();

  const exitCode = worstExitCode(results.map((r) => r.exitCode));
  const count = (status: BatchCaseResult['status']) => results.filter((r) => r.status === status).length;
  const report: BatchReport = {
    tool: { name: 'evidence-packet', version: VERSION },
    shard: shard ?? null,
    options: { buildArgs, concurrency, force: flags.force ?? false },
    summary: {
      cases: results.length,
      built: count('built'),
      unchanged: count('unchanged'),
      failed: count('failed'),
      exitCode,
      timeMs: Math.round(performance.now() - started),
      concurrency,
    },
    skipped,
    cases: results,
  };
  await writeFileAtomic(reportPath, JSON.stringify(maskStrings(report), null, 2) + '\n');
  const csvPath = join(out, BATCH_CSV_NAME);
  await writeFileAtomic(csvPath, formatBatchCsv(results, summaries));

  if (flags.json) printJson({ ...report, reportFile: reportPath, csvFile: csvPath });
  else if (!flags.quiet || exitCode !== 0) printSummary(report, flags, reportPath, csvPath);
  return exitCode;
}

/** The build flags each case's build is run with: the batch's own, passed on. */
function buildArgsOf(flags: BatchFlags): string[] {
  return [
    ...pass('--profile', flags.profile),
    ...pass('--network', flags.network),
    ...pass('--max-size', flags.maxSize),
    ...pass('--max-pages', flags.maxPages),
    ...pass('--tz', flags.tz),
    '--paper',
    flags.paper,
    ...(flags.strict ? ['--strict'] : []),
    ...(flags.ocr === false ? ['--no-ocr'] : []),
    ...pass('--cache-dir', flags.cacheDir ? resolve(flags.cacheDir) : undefined),
  ];
}

/** The case folders under root; none, or an --out inside one, is a usage error. */
async function findCases(root: string, rootArg: string, out: string, flags: BatchFlags): Promise<{ cases: CaseFolder[]; skipped: string[] }> {
  const scan = await scanCaseFolders(root);
  const all = scan.cases;
  const inside = all.find((c) => c.absolutePath === out || isInside(c.absolutePath, out));
  if (inside) {
    throw new UsageError('BATCH_OUT_INSIDE_CASE', `--out ${flags.out} is inside the case folder ${inside.path}: its packets would be read as evidence`, {
      hint: 'Write the packets to a folder outside every case, e.g. --out ./packets next to the cases folder.',
    });
  }
  if (all.length === 0) {
    throw new UsageError('BATCH_NO_CASES', `no case folder under ${rootArg} (a case folder holds a case.yaml)`, {
      hint: 'Run `evidence-packet init <folder>` in each case folder, or point batch at the folder that holds them.',
    });
  }
  // The output folder under the root holds packets, not a case without its case.yaml.
  const skipped = scan.skipped
    .filter((p) => {
      const absolute = resolve(root, p);
      return absolute !== out && !isInside(absolute, out);
    })
    .map((p) => maskCardNumbers(p).text);
  return { cases: all, skipped };
}

/** `--case <id>`: the case(s) whose case.yaml gives that id; none is a usage error naming the ids there are. */
function casesWithId(all: readonly CaseFolder[], summaries: ReadonlyMap<string, CaseSummary>, id: string, rootArg: string): CaseFolder[] {
  const chosen = all.filter((c) => summaries.get(c.path)?.disputeId === id);
  if (chosen.length > 0) return chosen;
  const ids = [...new Set(all.map((c) => summaries.get(c.path)?.disputeId).filter((x): x is string => x !== undefined))].sort();
  const shown = ids.slice(0, 10).join(', ') + (ids.length > 10 ? ` and ${ids.length - 10} more` : '');
  throw new UsageError('BATCH_CASE_NOT_FOUND', `no case under ${rootArg} has \`case: ${id}\` in its case.yaml`, {
    hint: ids.length > 0 ? `The case ids there: ${shown}.` : 'No case.yaml there gives a `case:` id; add one, or run batch without --case.',
  });
}

function printSummary(report: BatchReport, flags: BatchFlags, reportPath: string, csvPath: string): void {
  const c = stdoutColors;
  const shown = flags.quiet ? report.cases.filter((r) => r.status === 'failed') : report.cases;
  const rows = shown.map((r) => {
    const errors = r.findings.filter((f) => f.severity === 'error').length;
    const warnings = r.findings.filter((f) => f.severity === 'warning').length;
    const why = r.error ? `${r.error.code}: ${r.error.message}` : r.status === 'failed' ? firstError(r) : '';
    return [
      r.case,
      r.status === 'failed' ? `failed (exit ${r.exitCode})` : r.status,
      r.pages !== undefined ? String(r.pages) : '',
      r.bytes !== undefined ? formatBytes(r.bytes) : '',
      `${(r.timeMs / 1000).toFixed(1)} s`,
      `${errors} error(s), ${warnings} warning(s)`,
      why + (r.staleOutput ? ` (the ${r.output} in the output folder is from an earlier build)` : ''),
    ];
  });
  print(formatTable(['case', 'status', 'pages', 'size', 'time', 'findings', ''], rows, c));
  const { summary } = report;
  const minutes = summary.timeMs / 60_000;
  const rate = minutes > 0 ? ` · ${((summary.built + summary.failed) / minutes).toFixed(1)} cases/min` : '';
  print(
    `\n${summary.cases} case(s): ${summary.built} built, ${summary.unchanged} unchanged, ${summary.failed} failed in ${(summary.timeMs / 1000).toFixed(1)} s with ${summary.concurrency} worker(s)${rate}`,
  );
  if (report.skipped.length > 0 && !flags.quiet)
    print(
      `Skipped ${report.skipped.length} folder(s) without a case.yaml: ${report.skipped.join(', ')} — run \`evidence-packet init <folder>\` to make one a case`,
    );
  print(
    `Report: ${reportPath} and ${csvPath}${summary.failed > 0 ? ` — run \`evidence-packet check <case>\` on a failed case to see each problem and its fix` : ''}`,
  );
}

function firstError(r: BatchCaseResult): string {
  const f = r.findings.find((x) => x.severity === 'error') ?? r.findings[0];
  return f ? `${f.code}${f.file ? ` ${f.file}` : ''}${r.findings.length > 1 ? ` and ${r.findings.length - 1} more` : ''}` : '';
}

/** A bar on a TTY; one plain line per finished case otherwise (CI logs). Both on stderr. */
async function makeProgress(total: number, flags: BatchFlags): Promise<{ done: (r: BatchCaseResult) => void; stop: () => void }> {
  if (flags.quiet) return { done: () => {}, stop: () => {} };
  if (process.stderr.isTTY && !flags.json) {
    const { default: cliProgress } = await import('cli-progress');
    const bar = new cliProgress.SingleBar(
      { format: 'building {bar} {value}/{total} cases · {failed} failed · {last}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    let failed = 0;
    bar.start(total, 0, { failed, last: '' });
    return {
      done: (r) => {
        if (r.status === 'failed') failed++;
        bar.increment(1, { failed, last: r.case });
      },
      stop: () => bar.stop(),
    };
  }
  let finished = 0;
  const c = stderrColors;
  return {
    done: (r) => {
      finished++;
      const what = r.status === 'failed' ? c.red(`failed (exit ${r.exitCode})`) : r.status;
      const size = r.bytes !== undefined ? ` ${r.pages} pages ${formatBytes(r.bytes)}` : '';
      printError(`[${finished}/${total}] ${r.case} ${what}${size} ${(r.timeMs / 1000).toFixed(1)} s`);
    },
    stop: () => {},
  };
}

function pass(flag: string, value: string | undefined): string[] {
  return value === undefined ? [] : [flag, value];
}

function parseConcurrency(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new UsageError('USAGE_BAD_CONCURRENCY', `--concurrency "${value}" is not a number of workers from 1 to 64`, {
      hint: `Pass e.g. --concurrency ${availableParallelism()} (the number of cores).`,
    });
  }
  return n;
}
