/** The long phases of check and build, reported as they go (the shell draws them as bars on a TTY). */
export type ProgressPhase = 'read' | 'ocr' | 'encode' | 'render';

export interface ProgressEvent {
  readonly phase: ProgressPhase;
  /** Steps finished in this phase, out of `total`. */
  readonly done: number;
  readonly total: number;
  /** The file (or page) just finished, when there is one. */
  readonly file?: string;
}

export type ProgressListener = (event: ProgressEvent) => void;

/**
 * A counter for one phase: each call reports one more finished step. `total` is what is known
 * at the start; a phase that turns out longer (OCR of a PDF's scanned pages) grows it.
 */
export function phaseCounter(listener: ProgressListener | undefined, phase: ProgressPhase, total: number): (file?: string) => void {
  let done = 0;
  let known = total;
  if (!listener) return () => {};
  return (file) => {
    done++;
    known = Math.max(known, done);
    listener({ phase, done, total: known, ...(file !== undefined ? { file } : {}) });
  };
}
