/** Exit codes are a public contract (docs/exit-codes.md). */
export const ExitCode = {
  ok: 0,
  problems: 1,
  input: 2,
  fileSystem: 3,
  budget: 4,
  internal: 70,
  /** The user stopped it (Ctrl-C): 128 + SIGINT, as a shell reports a process the signal ended. */
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * Every failure's code, by the kind of failure (which sets the exit code). Public like the
 * finding codes (docs/findings.md, generated from here): add, never rename.
 */
export const ERROR_CODES = {
  usage: [
    'USAGE_BAD_ARGUMENTS',
    'USAGE_UNKNOWN_PROFILE',
    'USAGE_BAD_TIMEZONE',
    'USAGE_BAD_DATE',
    'USAGE_BAD_SIZE',
    'USAGE_BAD_PAGES',
    'USAGE_BAD_CONCURRENCY',
    'USAGE_BAD_SHARD',
    'USAGE_BAD_SOURCE_DATE_EPOCH',
    'USAGE_OUTPUT_NOT_PDF',
    'USAGE_OUTPUT_EXISTS',
    'USAGE_SPLIT_LOSSLESS',
    'USAGE_SPLIT_NOT_ACCEPTED',
    'USAGE_TEMPLATE_NOT_FOUND',
    // capture <url>: no browser to drive, a URL it cannot load.
    'CAPTURE_NO_BROWSER',
    'CAPTURE_BAD_URL',
    'CAPTURE_FAILED',
    'INPUT_CHANGED',
    'CASE_NOT_A_CASE',
    'INIT_BAD_FLAGS',
    'INIT_FOLDER_NOT_FOUND',
    'INIT_MANIFEST_EXISTS',
    'INIT_MANIFEST_INVALID',
    'INIT_NEEDS_TERMINAL',
    'BATCH_NAME_CLASH',
    'BATCH_NO_CASES',
    'BATCH_OUT_INSIDE_CASE',
    'BATCH_ROOT_NOT_FOUND',
    'BATCH_CASE_NOT_FOUND',
  ],
  fileSystem: ['CASE_FOLDER_NOT_FOUND', 'CASE_FOLDER_NOT_A_FOLDER', 'MANIFEST_UNREADABLE', 'INPUT_VANISHED', 'OUTPUT_NOT_WRITTEN', 'BATCH_ROOT_UNREADABLE'],
  budget: ['BUDGET_SIZE', 'BUDGET_PAGES', 'STRIPE_PAGE_LIMIT'],
  /** A payment processor's API refused or could not be reached (exit 2: the key, the id or the network is the input to fix). */
  processor: [
    'STRIPE_KEY_MISSING',
    'STRIPE_KEY_REJECTED',
    'STRIPE_API_BASE_INVALID',
    'STRIPE_NOT_FOUND',
    'STRIPE_REFUSED',
    'STRIPE_UNREACHABLE',
    'STRIPE_SUBMIT_REFUSED',
    'STRIPE_NEEDS_CONFIRMATION',
  ],
  internal: ['INTERNAL'],
  interrupted: ['INTERRUPTED'],
} as const;

export type UsageCode = (typeof ERROR_CODES.usage)[number];
export type FileSystemCode = (typeof ERROR_CODES.fileSystem)[number];
export type BudgetCode = (typeof ERROR_CODES.budget)[number];
export type ProcessorCode = (typeof ERROR_CODES.processor)[number];
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES][number];

/** A failure the user can act on: what happened, where, and what to do next. */
export class EvidencePacketError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: ExitCodeValue;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: { exitCode: ExitCodeValue; hint?: string; details?: Record<string, unknown>; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = options.exitCode;
    this.hint = options.hint;
    this.details = options.details;
  }
}

type SubclassOptions = { hint?: string; details?: Record<string, unknown>; cause?: unknown };

export class UsageError extends EvidencePacketError {
  constructor(code: UsageCode, message: string, options: SubclassOptions = {}) {
    super(code, message, { ...options, exitCode: ExitCode.input });
  }
}

export class FileSystemError extends EvidencePacketError {
  constructor(code: FileSystemCode, message: string, options: SubclassOptions = {}) {
    super(code, message, { ...options, exitCode: ExitCode.fileSystem });
  }
}

export class BudgetError extends EvidencePacketError {
  constructor(code: BudgetCode, message: string, options: SubclassOptions = {}) {
    super(code, message, { ...options, exitCode: ExitCode.budget });
  }
}

export class ProcessorError extends EvidencePacketError {
  constructor(code: ProcessorCode, message: string, options: SubclassOptions = {}) {
    super(code, message, { ...options, exitCode: ExitCode.input });
  }
}

export class InternalError extends EvidencePacketError {
  constructor(message: string, options: SubclassOptions = {}) {
    super('INTERNAL', message, {
      ...options,
      exitCode: ExitCode.internal,
      hint: options.hint ?? 'This is a bug in evidence-packet. Please report it with the command you ran.',
    });
  }
}

export function isEvidencePacketError(error: unknown): error is EvidencePacketError {
  return error instanceof EvidencePacketError;
}

/** Node's errno code of a failed fs call, when there is one. */
export function errnoCode(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

/** The user stopped the command (Ctrl-C at a question): exit 130, nothing written. */
export class InterruptedError extends EvidencePacketError {
  constructor(message: string) {
    super('INTERRUPTED', message, { exitCode: ExitCode.interrupted, hint: 'Run the command again when you are ready.' });
  }
}
