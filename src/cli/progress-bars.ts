import type { MultiBar, SingleBar } from 'cli-progress';
import type { ProgressListener, ProgressPhase } from '../evidence/progress.js';
import { safeText } from './output.js';
import { plainProgress } from './plain-progress.js';

const LABELS: Record<ProgressPhase, string> = { read: 'reading', ocr: 'OCR', encode: 'encoding', render: 'rendering' };

export interface ProgressDisplay {
  /** Undefined when nothing is drawn: the core then does not count. */
  readonly listener: ProgressListener | undefined;
  /** Clears the bars (call before printing anything else). */
  stop(): void;
}

/**
 * One bar per long phase of check and build (reading, OCR, encoding, rendering), on stderr, on a
 * terminal; a pipe or a CI log gets plain lines (plain-progress.ts); `--json` or `--quiet` nothing.
 */
export async function progressDisplay(flags: { json?: boolean; quiet?: boolean }): Promise<ProgressDisplay> {
  if (flags.json || flags.quiet) return { listener: undefined, stop: () => {} };
  // A log or a pipe gets plain lines, at least every 10 s, instead of bars.
  if (!process.stderr.isTTY) return plainProgress((line) => process.stderr.write(`${safeText(line)}\n`));
  const { default: cliProgress } = await import('cli-progress');
  let multi: MultiBar | undefined;
  const bars = new Map<ProgressPhase, SingleBar>();
  return {
    listener: (event) => {
      // Started at the first event, so a run that is over at once draws nothing.
      multi ??= new cliProgress.MultiBar(
        { stream: process.stderr, hideCursor: true, clearOnComplete: true, format: '{phase} {bar} {value}/{total} {file}', barsize: 24, fps: 8 },
        cliProgress.Presets.shades_classic,
      );
      let bar = bars.get(event.phase);
      const started = !bar;
      if (!bar) bars.set(event.phase, (bar = multi.create(event.total, 0, { phase: LABELS[event.phase].padEnd(9), file: '' })));
      if (bar.getTotal() !== event.total) bar.setTotal(event.total);
      bar.update(event.done, { file: event.file !== undefined ? safeText(event.file) : '' });
      // Drawn at once when a phase starts and ends, between the timed redraws: a quick phase is seen too.
      if (started || event.done === event.total) multi.update();
    },
    stop: () => multi?.stop(),
  };
}
