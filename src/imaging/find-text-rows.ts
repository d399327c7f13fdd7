import type { OcrLine } from '../evidence/model.js';

/**
 * A word's box this many times the band's median word height or taller, level with words of
 * the usual height, is not the height of its row: OCR's box took in the photo's grain or an
 * edge above or below the word with it.
 */
const TALL = 1.5;

const top = (w: OcrLine) => w.bbox[1];
const bottom = (w: OcrLine) => w.bbox[1] + w.bbox[3];

/** The words a row's height is measured by: all but the tall boxes that stand level with a word of the usual height. */
function measuredWords(words: readonly OcrLine[]): OcrLine[] {
  const heights = words.map((w) => w.bbox[3]).sort((a, b) => a - b);
  const median = heights[Math.floor(heights.length / 2)] ?? 0;
  const usual = words.filter((w) => w.bbox[3] < TALL * median);
  const level = (w: OcrLine) => usual.some((u) => top(u) < bottom(w) && top(w) < bottom(u));
  return words.filter((w) => w.bbox[3] < TALL * median || !level(w));
}

/**
 * The band's rows of text: words whose boxes overlap in height form a row, padded by half its
 * height (within the band), rows that then touch merged. Between rows a photo's grain or
 * edges stand; shown apart by white, the rows read as lines of text and not as a picture. A
 * row is measured by its words of the usual height (see TALL): a box that took in the grain
 * would join two rows, or a row and the grain under it, into one cut that reads as a picture.
 */
export function findTextRows(words: readonly OcrLine[], band: { y: number; height: number }): { y: number; height: number }[] {
  const spans: { y0: number; y1: number }[] = [];
  for (const w of measuredWords(words).sort((p, q) => top(p) - top(q))) {
    const last = spans[spans.length - 1];
    if (last && top(w) < last.y1) last.y1 = Math.max(last.y1, bottom(w));
    else spans.push({ y0: top(w), y1: bottom(w) });
  }
  const rows: { y0: number; y1: number }[] = [];
  for (const { y0, y1 } of spans) {
    const pad = Math.max(4, Math.round((y1 - y0) / 2));
    const row = { y0: Math.max(band.y, y0 - pad), y1: Math.min(band.y + band.height, y1 + pad) };
    const last = rows[rows.length - 1];
    if (last && row.y0 <= last.y1) last.y1 = Math.max(last.y1, row.y1);
    else rows.push(row);
  }
  return rows.map((r) => ({ y: r.y0, height: r.y1 - r.y0 }));
}
