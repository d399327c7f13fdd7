/** Exit codes are a public contract (README "Exit codes"). */
export const ExitCode = {
  ok: 0,
  problems: 1,
  input: 2,
  fileSystem: 3,
  budget: 4,
  internal: 70,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure the user can act on: what happened, where, and what to do next. */
export class EvidencePacketError extends Error {
  readonly code: string;
  readonly exitCode: ExitCodeValue;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: string,
    message: string,
    options: { exitCode: ExitCodeValue; hint?: string; details?: Record<string, unknown>; cause?: unknown },
  ) {
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
  constructor(code: string, message: string, options: SubclassOptions = {}) {
    super(code, message, { ...options, exitCode: ExitCode.input });
  }
}

export class ManifestError extends EvidencePacketError {
  constructor(code: string, message: string, options: SubclassOptions = {}) {
    super(code, message, { ...options, exitCode: ExitCode.input });
  }
}

export class FileSystemError extends EvidencePacketError {
  constructor(code: string, message: string, options: SubclassOptions = {}) {
    super(code, message, { ...options, exitCode: ExitCode.fileSystem });
  }
}

export class BudgetError extends EvidencePacketError {
  constructor(code: string, message: string, options: SubclassOptions = {}) {
    super(code, message, { ...options, exitCode: ExitCode.budget });
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
