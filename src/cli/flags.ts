import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { readUserConfig } from './user-config.js';
import { printError, stderrColors } from './output.js';
import { Option, type Command } from 'commander';
import { parseSize } from '../budget/profiles.js';
import { UsageError } from '../errors.js';
import type { PacketOptions } from '../pipeline/options.js';

/** Every flag more than one command takes, declared once: [flags, help]. */
const SHARED_FLAGS = {
  json: ['--json', 'machine-readable JSON on stdout, nothing else'],
  quiet: ['-q, --quiet', 'print only what failed (errors; in batch, the cases that failed)'],
  strict: ['--strict', 'treat warnings as failures (exit 1)'],
  profile: ['--profile <name>', 'processor profile: sets size and page limits (see `evidence-packet profiles`)'],
  network: ['--network <name>', 'card network, e.g. mastercard (tightens some page limits)'],
  maxSize: ['--max-size <size>', 'largest packet, e.g. 4.5MB, 900KB or 2000000 (overrides the profile)'],
  maxPages: ['--max-pages <n>', 'most pages (overrides the profile)'],
  tz: ['--tz <zone>', 'IANA zone for times written without an offset, e.g. Europe/London'],
  case: ['--case <id>', 'dispute id printed on every page (default: case.yaml, then the folder name)'],
  clientName: ['--client-name <name>', 'the client’s name as the processor knows it'],
  clientEmail: ['--client-email <email>', 'the client’s email address'],
  due: ['--due <datetime>', 'response deadline, ISO 8601 (overrides case.yaml `due`); warns under 3 days, fails once passed'],
  template: [
    '--template <file>',
    'cover-letter template (Markdown with {{placeholders}}) instead of the built-in one for the reason (`init --template` copies that into the case to edit)',
  ],
  ocr: ['--no-ocr', 'do not read the text in screenshots (skips the checks that they show the client and a date)'],
  cacheDir: [
    '--cache-dir <dir>',
    `where facts read from the evidence (OCR text, image sizes and borders, sample encodes) are kept by file hash, so a second check is quick (default ${defaultCacheDir()})`,
  ],
} as const satisfies Record<string, readonly [string, string]>;

export type SharedFlag = keyof typeof SHARED_FLAGS;

/** The shared flags a command receives, typed from their declaration: `<value>` a string, else a switch (`--no-ocr` sets ocr false). */
export type CaseFlags = { [K in SharedFlag]?: (typeof SHARED_FLAGS)[K][0] extends `${string}<${string}>` ? string : boolean } & {
  /** check and build: the packet may be written as several files. */
  split?: boolean;
};

/** The case flags check and build share; batch passes a subset on to each build. */
export const CASE_FLAGS: readonly SharedFlag[] = [
  'json',
  'quiet',
  'strict',
  'profile',
  'network',
  'maxSize',
  'maxPages',
  'tz',
  'case',
  'clientName',
  'clientEmail',
  'due',
  'template',
  'ocr',
  'cacheDir',
];

/** Declares the named shared flags on a command, in the order given. */
export function addSharedFlags(command: Command, names: readonly SharedFlag[]): Command {
  for (const name of names) {
    const [flags, help] = SHARED_FLAGS[name];
    command.option(flags, help);
  }
  return command;
}

/** A flag that takes one of a few words. */
export function choiceOption(flags: string, description: string, choices: readonly string[], fallback: string): Option {
  return new Option(flags, description).choices(choices).default(fallback);
}

/** `--paper letter|a4`, for build and batch. */
export const paperOption = (): Option => choiceOption('--paper <size>', 'page size', ['letter', 'a4'], 'letter');

export function caseOptionsFromFlags(flags: CaseFlags): PacketOptions {
  let maxBytes: number | undefined;
  if (flags.maxSize !== undefined) {
    maxBytes = parseSize(flags.maxSize);
    if (maxBytes === undefined) {
      throw new UsageError('USAGE_BAD_SIZE', `--max-size "${flags.maxSize}" is not a size`, {
        hint: 'Write it as bytes or with a unit: 4.5MB, 900KB, 2000000.',
      });
    }
  }
  let maxPages: number | undefined;
  if (flags.maxPages !== undefined) {
    maxPages = Number(flags.maxPages);
    if (!Number.isInteger(maxPages) || maxPages < 1) {
      throw new UsageError('USAGE_BAD_PAGES', `--max-pages "${flags.maxPages}" is not a whole number of pages`, { hint: 'Pass a number such as 19 or 49.' });
    }
  }
  return {
    ...(flags.case !== undefined ? { caseId: flags.case } : {}),
    ...(flags.clientName !== undefined ? { clientName: flags.clientName } : {}),
    ...(flags.clientEmail !== undefined ? { clientEmail: flags.clientEmail } : {}),
    ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
    ...(flags.network !== undefined ? { network: flags.network } : {}),
    ...(flags.tz !== undefined ? { tz: flags.tz } : {}),
    ...(flags.due !== undefined ? { due: flags.due } : {}),
    ...(flags.template !== undefined ? { template: flags.template } : {}),
    ...userDefaults(),
    nowMs: Date.now(),
    userTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    ...(maxBytes !== undefined ? { maxBytes } : {}),
    ...(maxPages !== undefined ? { maxPages } : {}),
    strict: flags.strict ?? false,
    ...(flags.split ? { split: true } : {}),
    cacheDir: flags.cacheDir ? resolve(flags.cacheDir) : defaultCacheDir(),
    ...(flags.ocr !== false ? { ocr: nativeOcr() } : {}),
  };
}

/**
 * The system's tesseract speeds OCR up when installed (the bundled engine reads otherwise);
 * EVIDENCE_PACKET_NATIVE_OCR=0 keeps to the bundled engine, any other value names the command.
 */
function nativeOcr(): { native?: string } {
  const value = process.env.EVIDENCE_PACKET_NATIVE_OCR;
  if (value === '0' || value === 'off') return {};
  return { native: value && value !== '1' ? value : 'tesseract' };
}

/** The OS's cache folder for evidence-packet (XDG on Linux, Library/Caches on macOS, LOCALAPPDATA on Windows). */
export function defaultCacheDir(): string {
  const env = process.env;
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'evidence-packet', 'Cache');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'evidence-packet');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'evidence-packet');
}

/** The user config's defaults for check and build (weaker than case.yaml); a config that cannot be used is said once. */
function userDefaults(): { defaultProfile?: string; defaultMerchant?: { name?: string; email?: string } } {
  const { config, problem } = readUserConfig();
  if (problem) printError(`${stderrColors.yellow.bold('warning')} ${problem}`);
  return {
    ...(config.profile ? { defaultProfile: config.profile } : {}),
    ...(config.merchant?.name || config.merchant?.email
      ? {
          defaultMerchant: {
            ...(config.merchant.name ? { name: config.merchant.name } : {}),
            ...(config.merchant.email ? { email: config.merchant.email } : {}),
          },
        }
      : {}),
  };
}
