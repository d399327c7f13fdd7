import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { formatBytes } from '../../budget/profiles.js';
import { ProcessorError, UsageError } from '../../errors.js';
import { writeFilesAtomic } from '../../io/write-atomic.js';
import type { Paper } from '../../document/index.js';
import type { StripeAccess } from '../../processors/stripe/index.js';
import type { DisputeSummary, ProcessorMode, PushResult } from '../../processors/types.js';
import { findingToJson } from '../../reporters/json.js';
import { formatFindings } from '../../reporters/text.js';
import type { CommandContext } from '../command.js';
import { addSharedFlags, CASE_FLAGS, caseOptionsFromFlags, paperOption, type CaseFlags } from '../flags.js';
import { formatTable, print, printError, stderrColors, stdoutColors } from '../output.js';

interface PullFlags {
  json?: boolean;
  quiet?: boolean;
}

export interface PushFlags extends CaseFlags {
  dispute: string;
  dryRun?: boolean;
  out?: string;
  submit?: boolean;
  yes?: boolean;
  force?: boolean;
  paper: Paper;
}

const HELP = `
The key is read from STRIPE_API_KEY only and never printed: a restricted key with Disputes and
Files: Write, Charges, Customers and Reviews: Read is enough. STRIPE_API_BASE=http://127.0.0.1:12111
sends every call, file uploads included, to stripe-mock or another local server instead.
See docs/stripe.md.

Examples:
  evidence-packet stripe pull du_1Abc ./case-du_1Abc          # case.yaml and the payment record
  evidence-packet stripe push ./case-du_1Abc --dispute du_1Abc --dry-run
  evidence-packet stripe push ./case-du_1Abc --dispute du_1Abc   # staged (submit=false)
  evidence-packet stripe push ./case-du_1Abc --dispute du_1Abc --submit   # asks, then sends to the bank`;

export function registerStripe(program: Command, context: CommandContext): void {
  const stripe = program
    .command('stripe')
    .description('Pull a dispute from Stripe into case.yaml; push the packet into its evidence fields.')
    .addHelpText('after', HELP);
  stripe
    .command('pull')
    .argument('<dispute>', 'the dispute id (du_… or dp_…)')
    .argument('[dir]', 'the case folder', '.')
    .description('Write or update case.yaml from the dispute and its charge, and add the payment record exhibit. Your values in case.yaml win.')
    .option('--json', 'machine-readable JSON on stdout, nothing else')
    .option('-q, --quiet', 'print only what failed')
    .action(context.action(runPull));
  const push = stripe
    .command('push')
    .argument('[dir]', 'the case folder', '.')
    .requiredOption('--dispute <id>', 'the dispute to stage the evidence on')
    .description('Build the packet as one PDF per Stripe evidence field plus the text fields, upload them and stage them on the dispute (submit=false).')
    .option('--dry-run', 'send nothing: write the files and the request bodies to a folder (no key needed)')
    .option('--out <dir>', 'with --dry-run, the folder to write to (default: .evidence-packet/stripe/<dispute>/dry-run in the case)')
    .option('--submit', 'after staging, show the evidence and, once you confirm, send it to the bank for review (one way)')
    .option('-y, --yes', 'with --submit, do not ask (for scripts)')
    .option('--force', 'with --submit, submit even past the deadline or after an earlier submission')
    .addOption(paperOption());
  addSharedFlags(push, CASE_FLAGS).action(context.action(runPush));
}

/** The key and base URL from the environment variables the adapter names: the only place they are read. */
function accessFromEnv(adapter: { keyVariable: string; baseVariable: string }): StripeAccess {
  const base = process.env[adapter.baseVariable];
  return { apiKey: process.env[adapter.keyVariable] ?? '', ...(base ? { apiBase: base } : {}) };
}

const modeLabel = (mode: ProcessorMode): string => (mode === 'live' ? stdoutColors.red.bold('Stripe LIVE mode') : stdoutColors.bold('Stripe test mode'));

function disputeLine(d: DisputeSummary): string {
  return `dispute ${d.id} (${d.status}, ${d.reason}), ${d.dueBy ? `due ${d.dueBy}${d.pastDue ? ', PAST DUE' : ''}` : 'no deadline'}, submitted ${d.submissionCount} time(s)`;
}

export async function runPull(disputeId: string, dir: string, flags: PullFlags): Promise<number> {
  const { stripeProcessor } = await import('../../processors/stripe/index.js');
  const pulled = await stripeProcessor.pull(disputeId, dir, accessFromEnv(stripeProcessor));
  await writeFilesAtomic(pulled.files);
  const written = pulled.files.map((f) => relative(resolve(dir), f.path));
  if (flags.json) {
    print(
      JSON.stringify(
        {
          ok: true,
          exitCode: 0,
          mode: pulled.mode,
          dispute: pulled.dispute,
          written,
          added: pulled.added,
          differences: pulled.differences,
          staged: {},
          submitted: false,
        },
        null,
        2,
      ),
    );
    return 0;
  }
  if (flags.quiet) return 0;
  print(`${modeLabel(pulled.mode)} · ${disputeLine(pulled.dispute)}`);
  print(`Wrote ${written.join(', ')}${pulled.added.length ? ` (case.yaml gained: ${pulled.added.join(', ')})` : ''}`);
  for (const d of pulled.differences) printError(`${stderrColors.yellow.bold('note')} case.yaml keeps your ${d.key}: ${d.yours} (Stripe says ${d.processor})`);
  return 0;
}

export async function runPush(dir: string, flags: PushFlags): Promise<number> {
  if (flags.dryRun && flags.submit)
    throw new UsageError('USAGE_BAD_ARGUMENTS', '--dry-run sends nothing, so it cannot --submit', { hint: 'Drop one of the two flags.' });
  if (flags.submit && !flags.yes && (flags.json || !process.stdin.isTTY)) {
    throw new ProcessorError('STRIPE_NEEDS_CONFIRMATION', '--submit asks before sending the evidence, and there is no terminal to ask on', {
      hint: 'Pass --yes with --submit once you have reviewed what push stages (run it without --submit first).',
    });
  }
  const { stripeProcessor } = await import('../../processors/stripe/index.js');
  const access = flags.dryRun ? undefined : accessFromEnv(stripeProcessor);
  const result = await stripeProcessor.push(dir, {
    ...caseOptionsFromFlags(flags),
    paper: flags.paper,
    disputeId: flags.dispute,
    ...(access ? { access } : {}),
    ...(flags.out ? { dryRunFolder: resolve(flags.out) } : {}),
    ...(process.env.SOURCE_DATE_EPOCH && /^\d+$/.test(process.env.SOURCE_DATE_EPOCH) ? { sourceDateEpoch: Number(process.env.SOURCE_DATE_EPOCH) } : {}),
  });
  if (!result.ok) {
    if (flags.json)
      print(
        JSON.stringify(
          { ok: false, exitCode: result.check.exitCode, findings: result.check.findings.map(findingToJson), staged: {}, submitted: false },
          null,
          2,
        ),
      );
    else printError(`${formatFindings(result.check.findings, stderrColors)}\nNothing pushed: fix the errors above (\`evidence-packet check\` re-checks).`);
    return result.check.exitCode;
  }
  if (!flags.json && !flags.quiet) printStaged(result, flags);
  const submitted = flags.submit ? await maybeSubmit(dir, result, flags, access!) : undefined;
  if (flags.json) {
    const { folder, files, staged, textPages, findings } = result;
    print(
      JSON.stringify(
        {
          ok: true,
          exitCode: 0,
          dryRun: flags.dryRun === true,
          mode: result.mode ?? null,
          dispute: submitted ?? result.dispute ?? { id: flags.dispute },
          staged,
          submitted: submitted !== undefined,
          files,
          textPages,
          folder,
          findings: findings.map(findingToJson),
        },
        null,
        2,
      ),
    );
  }
  return 0;
}

type Pushed = Extract<PushResult, { ok: true }>;

function printStaged(result: Pushed, flags: PushFlags): void {
  const warnings = result.findings.filter((f) => f.severity !== 'error');
  if (warnings.length > 0) printError(formatFindings(warnings, stderrColors) + '\n');
  const where = result.mode ? `${modeLabel(result.mode)} · ${disputeLine(result.dispute!)}` : `Dry run for dispute ${flags.dispute}: nothing was sent`;
  print(where);
  const rows = result.files.map((f) => [
    f.field,
    f.id ?? f.name,
    f.exhibits.join(', '),
    String(f.pages),
    formatBytes(f.bytes),
    f.reused ? 'uploaded before' : flags.dryRun ? 'written' : 'uploaded',
  ]);
  print(formatTable(['field', flags.dryRun ? 'file' : 'file id', 'exhibits', 'pages', 'size', ''], rows, stdoutColors));
  const text = Object.entries(result.text).map(([field, value]) => [field, `${value.length} characters`]);
  if (text.length) print(formatTable(['text field', 'length'], text, stdoutColors));
  const pages = result.files.reduce((n, f) => n + f.pages, 0);
  print(
    `${result.files.length} file(s), ${pages} pages, ${formatBytes(result.files.reduce((n, f) => n + f.bytes, 0))}; text fields about ${result.textPages} page(s) more.`,
  );
  print(flags.dryRun ? `Requests and files: ${result.folder}` : `Staged (submit=false): review it in the Dashboard. State: ${result.folder}/push.json`);
}

/** After showing what is staged: refuse what should not be sent, ask (or --yes), then submit. */
async function maybeSubmit(dir: string, result: Pushed, flags: PushFlags, access: StripeAccess): Promise<DisputeSummary | undefined> {
  const { stripeProcessor } = await import('../../processors/stripe/index.js');
  const obstacle = stripeProcessor.submitObstacle(result.dispute!);
  if (obstacle && !flags.force) {
    throw new ProcessorError('STRIPE_SUBMIT_REFUSED', `staged, not submitted: ${obstacle}`, {
      hint: 'Review the staged evidence in the Dashboard; pass --force with --submit to send it anyway (Stripe may still refuse).',
    });
  }
  if (!flags.yes) {
    const live = result.mode === 'live' ? ' in LIVE mode' : ' in test mode';
    // The prompt library loads only when a question is asked: every command's start would pay for it.
    const { inquirerPrompter } = await import('../prompts.js');
    const yes = await inquirerPrompter.confirm({
      message: `Submit the staged evidence of ${flags.dispute}${live} to the bank? Banks usually review one submission only; this cannot be undone.`,
      default: false,
    });
    if (!yes) {
      if (!flags.json) print('Not submitted: the evidence stays staged.');
      return undefined;
    }
  }
  const after = await stripeProcessor.submit(dir, flags.dispute, access, flags.force === true);
  if (!flags.json && !flags.quiet) print(`Submitted: ${disputeLine(after)}`);
  return after;
}
