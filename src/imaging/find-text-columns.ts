import type { OcrLine } from '../evidence/model.js';

/** Words further apart across than this many text heights stand in columns of their own. */
const APART = 3;

/**
 * A photo's text band cut across into its columns of text: the x runs its words cover, split
 * where no word stands for APART text heights or more (a caption row and the timestamp at its
 * far end), each padded by a text height within the band. Shown side by side with the empty
 * stretch between them left out, the band is narrower and so prints larger in the same width.
 * Undefined when the words make one column.
 */
export function findTextColumns(words: readonly OcrLine[], band: { x: number; width: number }, textPx: number): { x: number; width: number }[] | undefined {
  const spans = words.map((w) => ({ x0: w.bbox[0], x1: w.bbox[0] + w.bbox[2] })).sort((p, q) => p.x0 - q.x0);
  const runs: { x0: number; x1: number }[] = [];
  for (const span of spans) {
    const last = runs[runs.length - 1];
    if (last && span.x0 - last.x1 < APART * textPx) last.x1 = Math.max(last.x1, span.x1);
    else runs.push({ ...span });
  }
  if (runs.length < 2) return undefined;
  const pad = Math.max(4, Math.round(textPx));
  return runs.map((r) => {
    const x0 = Math.max(band.x, r.x0 - pad);
    const x1 = Math.min(band.x + band.width, r.x1 + pad);
    return { x: x0, width: x1 - x0 };
  });
}
