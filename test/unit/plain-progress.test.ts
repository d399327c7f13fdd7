import { describe, expect, it } from 'vitest';
import { plainProgress, PLAIN_PROGRESS_EVERY_MS, type PlainProgressClock } from '../../src/cli/plain-progress.js';

/** A clock the test moves by hand: no real time passes, so the test does not depend on the machine's speed. */
function manualClock(): PlainProgressClock & { advance: (ms: number) => void; cancelled: () => boolean } {
  let now = 1_000_000;
  let timer: { ms: number; tick: () => void; next: number } | undefined;
  let cancelled = false;
  return {
    now: () => now,
    every: (ms, tick) => {
      timer = { ms, tick, next: now + ms };
      return () => {
        cancelled = true;
        timer = undefined;
      };
    },
    advance: (ms) => {
      const end = now + ms;
      while (timer && timer.next <= end) {
        now = timer.next;
        timer.next += timer.ms;
        timer.tick();
      }
      now = end;
    },
    cancelled: () => cancelled,
  };
}

describe('plain progress without a terminal (issue 36, point 9)', () => {
  it('prints a line when a phase starts and at least every 10 s while one slow step runs', () => {
    const lines: string[] = [];
    const clock = manualClock();
    const progress = plainProgress((l) => lines.push(l), clock);
    progress.listener({ phase: 'read', done: 1, total: 2, file: 'a.png' });
    progress.listener({ phase: 'read', done: 2, total: 2, file: 'b.png' });
    progress.listener({ phase: 'ocr', done: 1, total: 3, file: 'a.png' });
    expect(lines).toEqual(['reading 1/2 a.png (0 s)', 'OCR 1/3 a.png (0 s)']);
    // The second image's OCR takes 31 minutes: a line every 10 s all along.
    clock.advance(31 * 60_000);
    expect(lines).toHaveLength(2 + (31 * 60_000) / PLAIN_PROGRESS_EVERY_MS);
    expect(lines[2]).toBe('OCR 1/3, still working (10 s)');
    expect(lines[3]).toBe('OCR 1/3, still working (20 s)');
    expect(lines.at(-1)).toBe('OCR 1/3, still working (31 min 0 s)');
    progress.listener({ phase: 'ocr', done: 2, total: 3, file: 'b.png' });
    clock.advance(PLAIN_PROGRESS_EVERY_MS);
    expect(lines.at(-1)).toBe('OCR 2/3 b.png (31 min 10 s)');
    progress.stop();
    expect(clock.cancelled()).toBe(true);
  });

  it('prints nothing and starts no timer for a run with no progress', () => {
    const lines: string[] = [];
    const clock = manualClock();
    plainProgress((l) => lines.push(l), clock).stop();
    clock.advance(60_000);
    expect(lines).toEqual([]);
  });
});
