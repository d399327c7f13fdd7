import type { Shard } from './find-cases.js';

export type CaseStatus = 'built' | 'unchanged' | 'failed';

/** One case's line in `<out>/batch-report.json`. */
export interface BatchCaseResult {
  readonly case: string;
  /** Relative to the batch root, forward slashes. */
  readonly path: string;
  /** The PDF's file name inside the output folder. */
  readonly output: string;
  readonly status: CaseStatus;
  /** The exit code `build` gave (0 for an unchanged case). */
  readonly exitCode: number;
  readonly fingerprint: string;
  readonly timeMs: number;
  readonly pages?: number;
  readonly bytes?: number;
  readonly sha256?: string;
  readonly findings: { code: string; severity: string; file?: string; line?: number; message: string }[];
  /** Why the build stopped, when it failed with an error rather than findings. */
  readonly error?: { code: string; message: string; hint?: string };
  /** A failed case whose PDF from an earlier run is still in the output folder. */
  readonly staleOutput?: boolean;
}

export interface BatchReport {
  readonly tool: { name: 'evidence-packet'; version: string };
  readonly shard: Shard | null;
  readonly options: Record<string, unknown>;
  readonly summary: {
    readonly cases: number;
    readonly built: number;
    readonly unchanged: number;
    readonly failed: number;
    readonly exitCode: number;
    readonly timeMs: number;
    readonly concurrency: number;
  };
  /** Folders next to the cases that hold files but no case.yaml (relative to the root). */
  readonly skipped: string[];
  readonly cases: BatchCaseResult[];
}

export const BATCH_REPORT_NAME = 'batch-report.json';

/** The worst exit code wins: internal (70) over budget (4), file system (3), input (2), problems (1). */
export function worstExitCode(codes: readonly number[]): number {
  return codes.reduce((worst, code) => Math.max(worst, code), 0);
}

/** Reads a previous report's cases, keyed by path; anything unreadable means "nothing known". */
export function previousCases(text: string | undefined): Map<string, BatchCaseResult> {
  if (text === undefined) return new Map();
  try {
    const parsed = JSON.parse(text) as Partial<BatchReport>;
    if (!Array.isArray(parsed.cases)) return new Map();
    return new Map(parsed.cases.filter((c) => typeof c?.path === 'string').map((c) => [c.path, c]));
  } catch {
    return new Map();
  }
}
