import { relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { CHECK_FORMATS, CHECK_REPORTERS, type CheckFormat } from '../../reporters/index.js';
import type { CommandContext } from '../command.js';
import { addSharedFlags, CASE_FLAGS, caseOptionsFromFlags, choiceOption, type CaseFlags } from '../flags.js';
import { stdoutColors, write, writeJsonText } from '../output.js';
import { sourceDateEpochOption } from '../source-date-epoch.js';
import { progressDisplay } from '../progress-bars.js';

export interface CheckFlags extends CaseFlags {
  format?: CheckFormat;
}

const EXAMPLES = `
Examples:
  evidence-packet check ./case-dp_1234
  evidence-packet check . --client-name "Jane Doe" --client-email jane@example.com --json
  evidence-packet check cases/dp_1234 --format junit > check.xml      # CI test report
  evidence-packet check cases/dp_1234 --format github                 # annotations in a GitHub Actions run

The exit code is the same whatever the format: 0 ready, 1 problems, 2 bad input.
SOURCE_DATE_EPOCH dates the packet whose size is predicted, as it dates build's: the same inputs then give
the same report whenever check runs.`;

export function registerCheck(program: Command, context: CommandContext): void {
  const command = program
    .command('check')
    .argument('[dir]', 'the case folder', '.')
    .description('Read the case and report every problem with a stable code, the file and the next step. Writes nothing.')
    .addOption(
      choiceOption(
        '--format <format>',
        'text for people; json (as --json); junit (XML, one test case per file and case rule); github (workflow annotations on the files)',
        CHECK_FORMATS,
        'text',
      ),
    )
    .option('--split', 'check as `build --split` will build: a packet over a per-file limit is then split, not a problem');
  addSharedFlags(command, CASE_FLAGS).addHelpText('after', EXAMPLES).action(context.action(runCheck));
}

export async function runCheck(dir: string, flags: CheckFlags): Promise<number> {
  // The predicted size is of the packet build would write now, or at SOURCE_DATE_EPOCH as build dates it.
  const epoch = sourceDateEpochOption();
  const { checkCase } = await import('../../pipeline/check.js');
  const progress = await progressDisplay({ quiet: flags.quiet, json: flags.json || (flags.format !== undefined && flags.format !== 'text') });
  const result = await checkCase(dir, { ...caseOptionsFromFlags(flags), ...epoch, ...(progress.listener ? { onProgress: progress.listener } : {}) }).finally(
    () => progress.stop(),
  );
  const format: CheckFormat = flags.json ? 'json' : (flags.format ?? 'text');
  // Annotations name files from where the workflow runs (the repository root).
  const casePath = relative(process.cwd(), resolve(dir)).split(sep).join('/') || '.';
  const text = CHECK_REPORTERS[format](result, { strict: flags.strict ?? false, quiet: flags.quiet ?? false, casePath, style: stdoutColors });
  // JSON is written as JSON.stringify made it: escaping it again for a terminal would break it.
  if (format === 'json') writeJsonText(text);
  else write(text);
  return result.exitCode;
}
