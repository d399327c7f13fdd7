import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { parseSize } from '../budget/profiles.js';
import { UsageError } from '../errors.js';
import type { PacketOptions } from '../pipeline/options.js';

export interface CaseFlags {
  json?: boolean;
  quiet?: boolean;
  strict?: boolean;
  profile?: string;
  network?: string;
  maxSize?: string;
  maxPages?: string;
  tz?: string;
  case?: string;
  clientName?: string;
  clientEmail?: string;
  due?: string;
  template?: string;
  /** check and build: the packet may be written as several files. */
  split?: boolean;
  /** False with --no-ocr. */
  ocr?: boolean;
  cacheDir?: string;
}

/** The flags check and build share. */
export function addCaseFlags(command: Command): Command {
  return command
    .option('--json', 'machine-readable JSON on stdout, nothing else')
    .option('-q, --quiet', 'print only errors')
    .option('--strict', 'treat warnings as failures (exit 1)')
    .option('--profile <name>', 'processor profile: sets size and page limits (see `evidence-packet profiles`)')
    .option('--network <name>', 'card network, e.g. mastercard (tightens some page limits)')
    .option('--max-size <size>', 'largest packet, e.g. 4.5MB, 900KB or 2000000 (overrides the profile)')
    .option('--max-pages <n>', 'most pages (overrides the profile)')
    .option('--tz <zone>', 'IANA zone for times written without an offset, e.g. Europe/London')
    .option('--case <id>', 'dispute id printed on every page (default: case.yaml, then the folder name)')
    .option('--client-name <name>', 'the client’s name as the processor knows it')
    .option('--client-email <email>', 'the client’s email address')
    .option('--due <datetime>', 'response deadline, ISO 8601 (overrides case.yaml `due`); warns under 3 days, fails once passed')
    .option('--template <file>', 'cover-letter template (Markdown with {{placeholders}}) instead of templates/cover/<reason>.md')
    .option('--no-ocr', 'do not read the text in screenshots (skips the checks that they show the client and a date)')
    .option('--cache-dir <dir>', `where facts read from the evidence (OCR text, image sizes and borders, sample encodes) are kept by file hash, so a second check is quick (default ${defaultCacheDir()})`);
}

export function caseOptionsFromFlags(flags: CaseFlags): PacketOptions {
  let maxBytes: number | undefined;
  if (flags.maxSize !== undefined) {
    maxBytes = parseSize(flags.maxSize);
    if (maxBytes === undefined) {
      throw new UsageError('USAGE_BAD_SIZE', `--max-size "${flags.maxSize}" is not a size`, { hint: 'Write it as bytes or with a unit: 4.5MB, 900KB, 2000000.' });
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
    nowMs: Date.now(),
    userTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    ...(maxBytes !== undefined ? { maxBytes } : {}),
    ...(maxPages !== undefined ? { maxPages } : {}),
    strict: flags.strict ?? false,
    ...(flags.split ? { split: true } : {}),
    cacheDir: flags.cacheDir ? resolve(flags.cacheDir) : defaultCacheDir(),
    ...(flags.ocr !== false ? { ocr: {} } : {}),
  };
}

/** The OS's cache folder for evidence-packet (XDG on Linux, Library/Caches on macOS, LOCALAPPDATA on Windows). */
export function defaultCacheDir(): string {
  const env = process.env;
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'evidence-packet', 'Cache');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'evidence-packet');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'evidence-packet');
}

export function choiceOption(flags: string, description: string, choices: string[], fallback: string): Option {
  return new Option(flags, description).choices(choices).default(fallback);
}
