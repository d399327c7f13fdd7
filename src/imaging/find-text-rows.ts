import type { OcrLine } from '../evidence/model.js';

/**
 * The band's rows of text: words whose boxes overlap in height form a row, padded by half its
 * height (within the band), rows that then touch merged. Between rows a photo's grain or
 * edges stand; shown apart by white, the rows read as lines of text and not as a picture.
 */
export function findTextRows(words: readonly OcrLine[], band: { y: number; height: number }): { y: number; height: number }[] {
  const spans: { y0: number; y1: number }[] = [];
  for (const w of [...words].sort((p, q) => p.bbox[1] - q.bbox[1])) {
    const last = spans[spans.length - 1];
    if (last && w.bbox[1] < last.y1) last.y1 = Math.max(last.y1, w.bbox[1] + w.bbox[3]);
    else spans.push({ y0: w.bbox[1], y1: w.bbox[1] + w.bbox[3] });
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
