import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { describeCaseFiles, renderManifest, validate, type InitAnswers } from '../../case/init-case.js';
import { MANIFEST_NAMES } from '../../case/discover-files.js';
import { UsageError } from '../../errors.js';
import { writeFileAtomic } from '../../io/write-atomic.js';
import { askAboutFiles, askCaseFacts, type InitDefaults } from '../init-flow.js';
import { print } from '../output.js';
import type { Prompter } from '../prompts.js';

export interface InitFlags {
  yes?: boolean;
  force?: boolean;
  case?: string;
  profile?: string;
  network?: string;
  reason?: string;
  amount?: string;
  currency?: string;
  due?: string;
  tz?: string;
  clientName?: string;
  clientEmail?: string;
  alias?: string[];
  merchantName?: string;
  merchantEmail?: string;
  summary?: string;
}

const FLAGS_FOR_YES = '--yes --client-name "Jane Doe" --client-email jane@example.com [--case dp_1234 --profile stripe --reason product_unacceptable --amount 499.00 --currency USD --due 2024-04-02T23:59:00-04:00 --tz Europe/London --alias "Jane D" --merchant-name … --merchant-email … --summary …]';

/** `init [dir]`: writes case.yaml from answers (prompts on a terminal, flags with --yes). */
export async function runInit(dirArg: string, flags: InitFlags, terminal: { isInteractive: boolean; prompter: () => Promise<Prompter> }): Promise<number> {
  const dir = resolve(dirArg);
  const isDir = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isDir) throw new UsageError('INIT_FOLDER_NOT_FOUND', `${dirArg}: no such folder`, { hint: 'Create the case folder and put the evidence in it first, then run init there.' });
  if (!flags.yes && !terminal.isInteractive) {
    throw new UsageError('INIT_NEEDS_TERMINAL', 'init asks questions, but this is not an interactive terminal', { hint: `Pass the answers as flags: evidence-packet init ${dirArg} ${FLAGS_FOR_YES}` });
  }
  const target = join(dir, 'case.yaml');
  const existing = await firstExisting(dir);
  const shown = join(dirArg, 'case.yaml');
  if (existing && !flags.force) {
    if (flags.yes) throw new UsageError('INIT_MANIFEST_EXISTS', `${join(dirArg, basename(existing))} already exists`, { hint: 'Pass --force to replace it, or edit it by hand.' });
    const p = await terminal.prompter();
    if (!(await p.confirm({ message: `${join(dirArg, basename(existing))} already exists. Replace it?`, default: false }))) {
      print(`Left ${join(dirArg, basename(existing))} unchanged.`);
      return 0;
    }
  }

  const defaults: InitDefaults = {
    case: flags.case ?? basename(dir).replace(/^case[-_]/, ''),
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(flags.network ? { network: flags.network } : {}),
    ...(flags.reason ? { reason: flags.reason } : {}),
    ...(flags.amount ? { amount: flags.amount } : {}),
    ...(flags.currency ? { currency: flags.currency } : {}),
    ...(flags.due ? { due: flags.due } : {}),
    timezone: flags.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    ...(flags.clientName ? { clientName: flags.clientName } : {}),
    ...(flags.clientEmail ? { clientEmail: flags.clientEmail } : {}),
    ...(flags.alias ? { aliases: flags.alias } : {}),
    ...(flags.merchantName ? { merchantName: flags.merchantName } : {}),
    ...(flags.merchantEmail ? { merchantEmail: flags.merchantEmail } : {}),
    ...(flags.summary ? { summary: flags.summary } : {}),
  };

  let answers: InitAnswers;
  if (flags.yes) {
    answers = { ...answersFromFlags(defaults), items: [] };
  } else {
    const p = await terminal.prompter();
    p.say(`Setting up ${dirArg}: answers go to case.yaml, which you can edit later. Ctrl+C stops without writing.\n`);
    const facts = await askCaseFacts(p, defaults);
    p.say('Reading the evidence files…');
    const files = await describeCaseFiles(dir, { ...(facts.timezone ? { tz: facts.timezone } : {}), clientName: facts.client.name, clientEmail: facts.client.email, exclude: existing ? [existing] : [] });
    const items = await askAboutFiles(p, files, facts.timezone);
    answers = { ...facts, items };
  }
  await writeFileAtomic(target, await renderManifest(answers));
  print(`Wrote ${shown}. Next: evidence-packet check ${dirArg}`);
  return 0;
}

/** --yes: every answer from a flag, each validated like at the prompt. */
function answersFromFlags(d: InitDefaults): Omit<InitAnswers, 'items'> {
  const problems: string[] = [];
  const check = (flag: string, value: string | undefined, v: (s: string) => true | string, required = false) => {
    if (value === undefined || value === '') {
      if (required) problems.push(`${flag} is required`);
      return;
    }
    const ok = v(value);
    if (ok !== true) problems.push(`${flag}: ${ok.replace(/\.$/, "")}`);
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
  return {
    case: d.case!,
    profile: d.profile ?? 'stripe',
    ...(d.network ? { network: d.network } : {}),
    ...(d.reason ? { reason: d.reason } : {}),
    ...(d.amount ? { amount: Number(d.amount), currency: (d.currency ?? 'USD').toUpperCase() } : {}),
    ...(d.due ? { due: d.due } : {}),
    ...(d.timezone ? { timezone: d.timezone } : {}),
    client: { name: d.clientName!, email: d.clientEmail!, aliases: d.aliases ?? [] },
    ...(d.merchantName || d.merchantEmail ? { merchant: { ...(d.merchantName ? { name: d.merchantName } : {}), ...(d.merchantEmail ? { email: d.merchantEmail } : {}) } } : {}),
    ...(d.summary ? { summary: d.summary } : {}),
  };
}

async function firstExisting(dir: string): Promise<string | undefined> {
  for (const name of MANIFEST_NAMES) {
    const path = join(dir, name);
    if (await stat(path).then(() => true, () => false)) return path;
  }
  return undefined;
}
