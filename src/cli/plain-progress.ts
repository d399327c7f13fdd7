import type { ProgressEvent, ProgressListener, ProgressPhase } from '../evidence/progress.js';

const LABELS: Record<ProgressPhase, string> = { read: 'reading', ocr: 'OCR', encode: 'encoding', render: 'rendering' };
/** A log or a pipe hears from a long run at least this often, so it is not taken for hung. */
export const PLAIN_PROGRESS_EVERY_MS = 10_000;

export interface PlainProgressClock {
  /** Milliseconds, for the time since the run started. */
  readonly now: () => number;
  /** Calls `tick` every `ms` until the returned function is called. */
  readonly every: (ms: number, tick: () => void) => () => void;
}

const realClock: PlainProgressClock = {
  now: () => Date.now(),
  every: (ms, tick) => {
    const timer = setInterval(tick, ms);
    // The run's own work keeps the process alive, never this timer.
    timer.unref();
    return () => clearInterval(timer);
  },
};

/**
 * Progress without a terminal (a CI log, `2> log.txt`): one plain line on `write` when a phase
 * starts, and the phase's count again every PLAIN_PROGRESS_EVERY_MS while the run goes on — a
 * single slow OCR says it is still working. No cursor moves, no colour.
 */
export function plainProgress(
  write: (line: string) => void,
  clock: PlainProgressClock = realClock,
  everyMs = PLAIN_PROGRESS_EVERY_MS,
): { listener: ProgressListener; stop: () => void } {
  let last: ProgressEvent | undefined;
  let printed: ProgressEvent | undefined;
  let started: number | undefined;
  let cancel: (() => void) | undefined;
  const line = (e: ProgressEvent) => {
    const elapsed = formatElapsed(Math.round((clock.now() - (started ?? clock.now())) / 1000));
    const what = e === printed ? ', still working' : e.file !== undefined ? ` ${e.file}` : '';
    write(`${LABELS[e.phase]} ${e.done}/${e.total}${what} (${elapsed})`);
    printed = e;
  };
  return {
    listener: (event) => {
      if (started === undefined) {
        started = clock.now();
        cancel = clock.every(everyMs, () => last && line(last));
      }
      if (last?.phase !== event.phase) line(event);
      last = event;
    },
    stop: () => cancel?.(),
  };
}

function formatElapsed(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
