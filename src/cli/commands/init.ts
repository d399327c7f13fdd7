import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { InitAnswers } from '../../case/init-case.js';
import { LETTER_FILE, MANIFEST_NAMES } from '../../case/discover-files.js';
import { UsageError } from '../../errors.js';
import { writeFileAtomic } from '../../io/write-atomic.js';
import type { CommandContext } from '../command.js';
import type { InitDefaults } from '../init-flow.js';
import { print, printError } from '../output.js';
import { readUserConfig, userConfigPath } from '../user-config.js';
import type { Prompter } from '../prompts.js';

/** The flags are the defaults of the questions, under their flag names (`--tz`, `--alias`). */
export interface InitFlags extends Omit<InitDefaults, 'timezone' | 'aliases'> {
  yes?: boolean;
  force?: boolean;
  template?: boolean;
  tz?: string;
  alias?: string[];
}

const FLAGS_FOR_YES =
  '--yes --client-name "Jane Doe" --client-email jane@example.com [--case dp_1234 --profile stripe --reason product_unacceptable --amount 499.00 --currency USD --due 2024-04-02T23:59:00-04:00 --tz Europe/London --alias "Jane D" --merchant-name … --merchant-email … --summary …]';

const EXAMPLES = `
Examples:
  evidence-packet init ./case-dp_1234                 # asks, file by file
  evidence-packet init . --yes --client-name "Jane Doe" --client-email jane@example.com --reason product_unacceptable --amount 499 --due 2024-04-02T23:59-04:00
  evidence-packet init . --template                   # a case.yaml there already: copy its reason's letter to letter.md to edit

Without a terminal (CI, pipes) init asks nothing: pass --yes with the flags.`;

export function registerInit(program: Command, context: CommandContext): void {
  program
    .command('init')
    .argument('[dir]', 'the case folder, with the evidence already in it', '.')
    .description('Ask for the case facts, walk the evidence files to confirm dates and add notes, and write case.yaml.')
    .option('-y, --yes', 'ask nothing: take the answers from the flags below (for scripts)')
    .option('--force', 'replace an existing case.yaml without asking')
    .option(
      '--template',
      `copy the built-in cover letter for the reason to ${LETTER_FILE} and point case.yaml at it, to edit (with a case.yaml already there, only that is done)`,
    )
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
    .addHelpText('after', EXAMPLES)
    .action(
      context.action((dir: string, flags: InitFlags) => {
        const isInteractive = process.stdin.isTTY === true && process.stdout.isTTY === true;
        return runInit(dir, flags, { isInteractive, prompter: async () => (await import('../prompts.js')).inquirerPrompter });
      }),
    );
}

/** `init [dir]`: writes case.yaml from answers (prompts on a terminal, flags with --yes). */
export async function runInit(dirArg: string, flags: InitFlags, terminal: { isInteractive: boolean; prompter: () => Promise<Prompter> }): Promise<number> {
  const { renderManifest } = await import('../../case/init-case.js');
  const dir = resolve(dirArg);
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir)
    throw new UsageError('INIT_FOLDER_NOT_FOUND', `${dirArg}: no such folder`, {
      hint: 'Create the case folder and put the evidence in it first, then run init there.',
    });
  const existing = await firstExisting(dir);
  // Adding the letter to a case set up already asks nothing.
  if (existing && !flags.force && flags.template) return addLetter(dir, dirArg, existing);
  if (!flags.yes && !terminal.isInteractive) {
    throw new UsageError('INIT_NEEDS_TERMINAL', 'init asks questions, but this is not an interactive terminal', {
      hint: `Pass the answers as flags: evidence-packet init ${dirArg} ${FLAGS_FOR_YES}`,
    });
  }
  const target = join(dir, 'case.yaml');
  const shown = join(dirArg, 'case.yaml');
  if (existing && !flags.force) {
    if (flags.yes)
      throw new UsageError('INIT_MANIFEST_EXISTS', `${join(dirArg, basename(existing))} already exists`, {
        hint: 'Pass --force to replace it, or edit it by hand.',
      });
    const p = await terminal.prompter();
    if (!(await p.confirm({ message: `${join(dirArg, basename(existing))} already exists. Replace it?`, default: false }))) {
      print(`Left ${join(dirArg, basename(existing))} unchanged.`);
      return 0;
    }
  }

  const defaults = initDefaults(dir, flags);
  const answers = flags.yes
    ? await answersWithoutAsking(dir, defaults, existing)
    : await askAnswers(dir, dirArg, defaults, existing, await terminal.prompter());
  const letter = flags.template ? await copyLetter(dir, answers.reason) : undefined;
  await writeFileAtomic(target, await renderManifest({ ...answers, ...(letter ? { template: LETTER_FILE } : {}) }));
  print(
    `Wrote ${shown}${letter ? ` and ${join(dirArg, LETTER_FILE)} (${letter})` : ''}. Next: ${letter ? `edit ${join(dirArg, LETTER_FILE)}, then ` : ''}evidence-packet check ${dirArg}`,
  );
  return 0;
}

/** --yes: the answers are the flags and defaults; a due date read with an assumed zone or time says so. */
async function answersWithoutAsking(dir: string, defaults: InitDefaults, existing: string | undefined): Promise<InitAnswers> {
  const answers = { ...(await answersFromFlags(defaults)), items: [] };
  const { dueAssumption } = await import('../../evidence/due-date.js');
  const assumed = dueAssumption(defaults.due, defaults.timezone);
  if (assumed) print(assumed);
  // A document whose text and metadata dates disagree: which one the rule kept, and how to change it.
  const { keptDateLines } = await import('../init-date-choice.js');
  for (const line of await keptDateLines(dir, answers, existing)) print(line);
  return answers;
}

/** On a terminal: the case facts, then each evidence file in turn. */
async function askAnswers(dir: string, dirArg: string, defaults: InitDefaults, existing: string | undefined, p: Prompter): Promise<InitAnswers> {
  const { describeCaseFiles } = await import('../../case/init-case.js');
  const { askAboutFiles, askCaseFacts } = await import('../init-flow.js');
  p.say(`Setting up ${dirArg}: answers go to case.yaml, which you can edit later. Ctrl+C stops without writing.\n`);
  const facts = await askCaseFacts(p, defaults);
  p.say('Reading the evidence files…');
  const files = await describeCaseFiles(dir, {
    ...(facts.timezone ? { tz: facts.timezone } : {}),
    clientName: facts.client.name,
    clientEmail: facts.client.email,
    exclude: existing ? [existing] : [],
  });
  const items = await askAboutFiles(p, files, facts.timezone);
  return { ...facts, items };
}

/** What the questions start from: the flags, then the user config (the business and the usual processor), then the folder's name and the system's zone. */
function initDefaults(dir: string, flags: InitFlags): InitDefaults {
  const { yes: _yes, force: _force, template: _template, tz, alias, ...named } = flags;
  // The user config fills what the flags leave out: the business and the usual processor.
  const { config, problem } = readUserConfig();
  if (problem) printError(`warning ${problem}`);
  const merchantName = named.merchantName ?? config.merchant?.name;
  const merchantEmail = named.merchantEmail ?? config.merchant?.email;
  const fromConfig = named.merchantName === undefined && named.merchantEmail === undefined && config.merchant?.name && config.merchant?.email;
  const defaults: InitDefaults = {
    ...named,
    ...((named.profile ?? config.profile) ? { profile: named.profile ?? config.profile } : {}),
    ...(merchantName ? { merchantName } : {}),
    ...(merchantEmail ? { merchantEmail } : {}),
    ...(fromConfig ? { merchantFrom: userConfigPath() } : {}),
    case: flags.case ?? basename(dir).replace(/^case[-_]/, ''),
    timezone: tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    ...(alias ? { aliases: alias } : {}),
  };
  return defaults;
}

/** Copies the built-in letter for the reason into the case, unless the case has that file already (never overwritten). */
async function copyLetter(dir: string, reason: string | undefined): Promise<string> {
  const { builtInLetter } = await import('../../case/letter-copy.js');
  const path = join(dir, LETTER_FILE);
  if (
    await stat(path).then(
      () => true,
      () => false,
    )
  )
    return 'kept as it was';
  const letter = await builtInLetter(reason);
  await writeFileAtomic(path, letter.text);
  return `the built-in ${letter.name} letter, to edit`;
}

/** `init --template` in a case set up already: the letter copied in, and case.yaml told to use it (its comments kept). */
async function addLetter(dir: string, dirArg: string, manifest: string): Promise<number> {
  const { withTemplate } = await import('../../case/letter-copy.js');
  const name = basename(manifest);
  const updated = withTemplate(name, await readFile(manifest, 'utf8'), LETTER_FILE);
  if (updated.already) {
    print(`${join(dirArg, name)} already uses its own letter (template: ${updated.already}): nothing changed.`);
    return 0;
  }
  const letter = await copyLetter(dir, updated.reason);
  await writeFileAtomic(manifest, updated.text);
  print(
    `Wrote ${join(dirArg, LETTER_FILE)} (${letter}) and set template: ${LETTER_FILE} in ${join(dirArg, name)}. Next: edit the letter, then evidence-packet check ${dirArg}`,
  );
  return 0;
}

/** --yes: every answer from a flag, each validated like at the prompt. */
async function answersFromFlags(d: InitDefaults): Promise<Omit<InitAnswers, 'items'>> {
  const { validate } = await import('../../case/init-case.js');
  const { factsFromAnswers } = await import('../init-flow.js');
  const problems: string[] = [];
  const check = (flag: string, value: string | undefined, v: (s: string) => true | string, required = false) => {
    if (value === undefined || value === '') {
      if (required) problems.push(`${flag} is required`);
      return;
    }
    const ok = v(value);
    if (ok !== true) problems.push(`${flag}: ${ok.replace(/\.$/, '')}`);
  };
  check('--client-name', d.clientName, validate.name, true);
  check('--client-email', d.clientEmail, validate.email, true);
  check('--case', d.case, validate.caseId, true);
  check('--profile', d.profile, validate.profile);
  check('--network', d.network, validate.network);
  check('--reason', d.reason, validate.reason);
  check('--amount', d.amount, validate.amount);
  check('--currency', d.currency, validate.currency);
  check('--tz', d.timezone, validate.timezone);
  check('--due', d.due, validate.date(d.timezone));
  check('--merchant-email', d.merchantEmail, validate.optionalEmail);
  if (problems.length > 0) {
    throw new UsageError('INIT_BAD_FLAGS', `init --yes cannot write case.yaml: ${problems.join('; ')}`, { hint: `Pass e.g. ${FLAGS_FOR_YES}` });
  }
  return factsFromAnswers({ ...d, case: d.case!, clientName: d.clientName!, clientEmail: d.clientEmail! });
}

async function firstExisting(dir: string): Promise<string | undefined> {
  for (const name of MANIFEST_NAMES) {
    const path = join(dir, name);
    if (
      await stat(path).then(
        () => true,
        () => false,
      )
    )
      return path;
  }
  return undefined;
}
