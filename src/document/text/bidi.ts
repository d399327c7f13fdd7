import { createRequire } from 'node:module';

type BidiFactory = typeof import('bidi-js')['default'];

// bidi-js is CommonJS for Node, its module.exports the factory (its types describe the ESM build).
const bidiFactory = createRequire(import.meta.url)('bidi-js') as BidiFactory;

/** Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms). */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

let engine: ReturnType<BidiFactory> | undefined;

/** A stretch of a line in one direction, its text in logical (typed) order. */
export interface DirectionRun {
  readonly text: string;
  readonly rtl: boolean;
}

/**
 * A line as a reader sees it, left to right: its runs in visual order (the Unicode
 * Bidirectional Algorithm, by bidi-js), each run's text in logical order. fontkit shapes a run
 * and lays a right-to-left one out right to left; given a whole mixed line it would reverse
 * the Latin words and the numbers in it too ("SENTINEL-A1" printed "1A-LENITNES").
 */
export function visualRuns(text: string): DirectionRun[] {
  if (!RTL.test(text)) return [{ text, rtl: false }];
  engine ??= bidiFactory();
  const levels = engine.getEmbeddingLevels(text);
  const order = Array.from({ length: text.length }, (_, i) => i);
  for (const [start, end] of engine.getReorderSegments(text, levels) as [number, number][]) {
    const reversed = order.slice(start, end + 1).reverse();
    order.splice(start, reversed.length, ...reversed);
  }
  const runs: { from: number; to: number; rtl: boolean }[] = [];
  for (const index of order) {
    const rtl = (levels.levels[index]! & 1) === 1;
    const last = runs[runs.length - 1];
    if (last && last.rtl === rtl && (rtl ? index === last.from - 1 : index === last.to + 1)) {
      if (rtl) last.from = index;
      else last.to = index;
    } else runs.push({ from: index, to: index, rtl });
  }
  return runs.map((r) => ({ text: text.slice(r.from, r.to + 1), rtl: r.rtl }));
}

/** Whether a paragraph reads right to left: its first strong character is (the Unicode Bidirectional Algorithm's rule, by bidi-js). */
export function isRightToLeft(paragraph: string): boolean {
  if (!RTL.test(paragraph)) return false;
  engine ??= bidiFactory();
  return (engine.getEmbeddingLevels(paragraph).paragraphs[0]?.level ?? 0) % 2 === 1;
}
