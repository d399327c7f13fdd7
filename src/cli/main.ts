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

  addCaseFlags(
    program
      .command('check')
      .argument('[dir]', 'the case folder', '.')
      .description('Read the case and report every problem with a stable code, the file and the next step. Writes nothing.')
      .addOption(
        new Option('--format <format>', 'text for people; json (as --json); junit (XML, one test case per file and case rule); github (workflow annotations on the files)')
          .choices(['text', 'json', 'junit', 'github'])
          .default('text'),
      ),
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
      .addOption(new Option('--paper <size>', 'page size').choices(['letter', 'a4']).default('letter')),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  evidence-packet build ./case-dp_1234 -o dp_1234.pdf --report dp_1234.json\n  evidence-packet build ./my-case --client-name "Jane Doe" --client-email jane@x.com --profile stripe -o out.pdf\n\nSOURCE_DATE_EPOCH fixes the date written in the PDF; otherwise the latest exhibit\'s date is used, so the same inputs give the same bytes.',
    )
    .action(async (dir: string, flags) => {
      flagsSeen.push(flags);
      const { runBuild } = await import('./commands/build.js');
      setExit(await runBuild(dir, flags));
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
