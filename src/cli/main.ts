import { Command, CommanderError, Option } from 'commander';
import { configureImageRuntime } from '../io/image-runtime.js';
import { VERSION } from '../version.js';
import { addCaseFlags } from './case-flags.js';
import { reportFailure, type GlobalFlags } from './output.js';

const EXIT_HELP = `
Exit codes:
  0   ok
  1   problems found (errors, or warnings with --strict)
  2   usage, manifest or input error
  3   file-system error
  4   the size or page budget cannot be met
  70  internal error (please report)`;

/** Builds the command tree; each command's module is imported only when it runs. */
function makeProgram(setExit: (code: number) => void, flagsSeen: GlobalFlags[]): Command {
  const program = new Command('evidence-packet')
    .description('Turn a folder of dispute evidence into one chronological, annotated, size-limited PDF for a chargeback response.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_HELP)
    .exitOverride();

  program
    .command('init')
    .argument('[dir]', 'the case folder, with the evidence already in it', '.')
    .description('Ask for the case facts, walk the evidence files to confirm dates and add notes, and write case.yaml.')
    .option('-y, --yes', 'ask nothing: take the answers from the flags below (for scripts)')
    .option('--force', 'replace an existing case.yaml without asking')
    .option('--case <id>', 'dispute id (default: the folder name)')
    .option('--profile <name>', 'processor profile (default stripe; see `evidence-packet profiles`)')
    .option('--network <name>', 'card network, e.g. mastercard')
    .option('--reason <reason>', 'dispute reason, e.g. product_unacceptable (picks the cover letter)')
    .option('--amount <amount>', 'disputed amount, e.g. 499.00')
    .option('--currency <code>', 'ISO 4217 currency (default USD)')
    .option('--due <datetime>', 'response deadline, ISO 8601')
    .option('--tz <zone>', 'IANA zone for times without an offset (default: this computer’s)')
    .option('--client-name <name>', 'the client’s name (required with --yes)')
    .option('--client-email <email>', 'the client’s email (required with --yes)')
    .option('--alias <text>', 'another name, phone or email the client uses in chats (repeatable)', (v: string, all: string[] = []) => [...all, v])
    .option('--merchant-name <name>', 'your business name')
    .option('--merchant-email <email>', 'your support email')
    .option('--summary <text>', 'what happened, in a sentence or two')
    .addHelpText(
      'after',
      '\nExamples:\n  evidence-packet init ./case-dp_1234                 # asks, file by file\n  evidence-packet init . --yes --client-name "Jane Doe" --client-email jane@example.com --reason product_unacceptable --amount 499 --due 2024-04-02T23:59-04:00\n\nWithout a terminal (CI, pipes) init asks nothing: pass --yes with the flags.',
    )
    .action(async (dir: string, flags) => {
      flagsSeen.push(flags);
      const { runInit } = await import('./commands/init.js');
      const isInteractive = process.stdin.isTTY === true && process.stdout.isTTY === true;
      setExit(await runInit(dir, flags, { isInteractive, prompter: async () => (await import('./prompts.js')).inquirerPrompter }));
    });

  addCaseFlags(
    program
      .command('check')
      .argument('[dir]', 'the case folder', '.')
      .description('Read the case and report every problem with a stable code, the file and the next step. Writes nothing.')
      .addOption(
        new Option('--format <format>', 'text for people; json (as --json); junit (XML, one test case per file and case rule); github (workflow annotations on the files)')
          .choices(['text', 'json', 'junit', 'github'])
          .default('text'),
      )
      .option('--split', 'check as `build --split` will build: a packet over a per-file limit is then split, not a problem'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  evidence-packet check ./case-dp_1234\n  evidence-packet check . --client-name "Jane Doe" --client-email jane@example.com --json\n  evidence-packet check cases/dp_1234 --format junit > check.xml      # CI test report\n  evidence-packet check cases/dp_1234 --format github                 # annotations in a GitHub Actions run\n\nThe exit code is the same whatever the format: 0 ready, 1 problems, 2 bad input.',
    )
    .action(async (dir: string, flags) => {
      flagsSeen.push(flags);
      const { runCheck } = await import('./commands/check.js');
      setExit(await runCheck(dir, flags));
    });

  addCaseFlags(
    program
      .command('build')
      .argument('[dir]', 'the case folder', '.')
      .description('Check the case, then order, annotate and render the packet; writes the PDF only if the check passes.')
      .option('-o, --output <file>', 'where to write the PDF', 'packet.pdf')
      .option('--report <file>', 'also write a JSON report: per exhibit the file, SHA-256, date and its source, pages and bytes')
      .option('--stripe-evidence <file>', 'also write the text fields of Stripe’s dispute evidence object (customer_name, uncategorized_text…) as JSON')
      .option('--split', 'for processors whose limit is per file (paypal, braintree, adyen, visa, generic): write <output>-1.pdf, -2.pdf… each within the limit, each with its own cover and index; exhibits are never cut in half')
      .addOption(new Option('--paper <size>', 'page size').choices(['letter', 'a4']).default('letter')),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  evidence-packet build ./case-dp_1234 -o dp_1234.pdf --report dp_1234.json\n  evidence-packet build ./my-case --client-name "Jane Doe" --client-email jane@x.com --profile stripe -o out.pdf\n  evidence-packet build ./big-case --profile adyen --split -o dp_1234.pdf     # dp_1234-1.pdf, dp_1234-2.pdf…\n\nSOURCE_DATE_EPOCH fixes the date written in the PDF; otherwise the latest exhibit\'s date is used, so the same inputs give the same bytes.',
    )
    .action(async (dir: string, flags) => {
      flagsSeen.push(flags);
      const { runBuild } = await import('./commands/build.js');
      setExit(await runBuild(dir, flags));
    });

  program
    .command('batch')
    .argument('<root>', 'the folder that holds the case folders (each with a case.yaml), searched recursively')
    .description('Build every case folder under root, in parallel, to <out>/<case>.pdf; one broken case never stops the others.')
    .requiredOption('--out <dir>', 'where the packets and batch-report.json are written (outside every case folder)')
    .option('--concurrency <n>', 'cases built at once (default: the number of cores)')
    .option('--shard <i/n>', 'build only share i of n (1-based), the same on every machine: spread one batch over a CI matrix')
    .option('--force', 'rebuild cases whose inputs, options and tool version have not changed')
    .option('--json', 'the batch report as JSON on stdout, nothing else')
    .option('-q, --quiet', 'print only failed cases')
    .option('--strict', 'treat warnings as failures')
    .option('--profile <name>', 'processor profile for cases whose case.yaml names none')
    .option('--network <name>', 'card network, e.g. mastercard')
    .option('--max-size <size>', 'largest packet, e.g. 4.5MB (overrides the profiles)')
    .option('--max-pages <n>', 'most pages (overrides the profiles)')
    .option('--tz <zone>', 'IANA zone for times written without an offset')
    .option('--no-ocr', 'do not read the text in screenshots')
    .option('--cache-dir <dir>', 'where facts read from the evidence (OCR, image reads) are kept, shared by the workers')
    .addOption(new Option('--paper <size>', 'page size').choices(['letter', 'a4']).default('letter'))
    .addHelpText(
      'after',
      `
Each case is built in its own process to <out>/<path-with-dashes>.pdf. A case whose files,
options and evidence-packet version are unchanged since the last run (recorded in
<out>/batch-report.json) is skipped; --force rebuilds it. The exit code is the worst case's.

Examples:
  evidence-packet batch ./disputes --out ./packets
  evidence-packet batch ./disputes --out ./packets --concurrency 4 --json > batch.json
  evidence-packet batch ./disputes --out ./packets --shard 2/4      # machine 2 of 4 in a CI matrix`,
    )
    .action(async (root: string, flags) => {
      flagsSeen.push(flags);
      const { runBatchCommand } = await import('./commands/batch.js');
      setExit(await runBatchCommand(root, flags));
    });

  program
    .command('profiles')
    .description('List the processor profiles, their size and page limits, and where the figures come from.')
    .option('--json', 'machine-readable JSON')
    .action(async (flags) => {
      flagsSeen.push(flags);
      const { runProfiles } = await import('./commands/profiles.js');
      setExit(runProfiles(flags));
    });

  program
    .command('formats')
    .description('List the input formats evidence-packet recognises.')
    .option('--json', 'machine-readable JSON')
    .action(async (flags) => {
      flagsSeen.push(flags);
      const { runFormats } = await import('./commands/formats.js');
      setExit(runFormats(flags));
    });
  return program;
}

/** The only place that sets the process's exit code. */
export async function main(argv: readonly string[]): Promise<void> {
  configureImageRuntime();
  // `evidence-packet check | head`: a reader that goes away is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const flagsSeen: GlobalFlags[] = [];
  let exitCode = 0;
  const program = makeProgram((code) => (exitCode = code), flagsSeen);
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; anything else commander rejects is a usage error.
      exitCode = error.exitCode === 0 ? 0 : 2;
    } else {
      exitCode = reportFailure(error, flagsSeen[0] ?? { json: argv.includes('--json') });
    }
  }
  process.exitCode = exitCode;
}
