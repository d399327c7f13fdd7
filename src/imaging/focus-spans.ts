import type { OcrLine } from '../evidence/model.js';
import { NATURAL_PT_PER_PX } from './encode.js';

/**
 * The parts of a focus region's width its enlarged view shows side by side: a text region
 * cut where wide blank columns run through it (the gap between the two sides of a chat).
 */

/** A range of columns of the image (visible pixels) an enlarged view shows. */
export interface FocusSpan {
  readonly x: number;
  readonly width: number;
}

/** Columns are told apart by gaps at least this wide (pixels) that no word crosses. */
const GAP_PX = 8;
/** Between two spans of an enlarged view, this many points of page, where the blank columns were left out. */
export const SPAN_GAP_PT = 14;
/**
 * A blank run of columns in a text region at least this many of its text's heights wide is
 * left out of the enlarged view: the two sides of a desktop chat stand hundreds of pixels
 * apart, and drawing that blank at the enlarged scale is what keeps the text near 1:1 at a
 * reviewer's fit-width. Blanks narrower than this (between words, a bubble's margin) stay.
 */
const CUT_GAP_LINES = 8;

/** The scale spans side by side (SPAN_GAP_PT apart) fill a room at, at most the natural scale. */
export function spannedScale(spans: readonly FocusSpan[], height: number, room: { width: number; height: number }): number {
  const width = spans.reduce((s, p) => s + p.width, 0);
  const across = (room.width - (spans.length - 1) * SPAN_GAP_PT) / width;
  return Math.min(across, room.height / height, NATURAL_PT_PER_PX);
}

/**
 * The columns of a region worth showing: its width cut at every blank run (no word nor
 * highlight crosses it) at least CUT_GAP_LINES of its text's heights wide, each part padded
 * as the region is. A highlight is never cut (it joins the columns it spans).
 */
export function spansOf(
  kept: readonly OcrLine[],
  highlights: readonly { x0: number; y0: number; x1: number; y1: number }[],
  region: { x: number; width: number; textPx: number },
): FocusSpan[] {
  const cut = CUT_GAP_LINES * region.textPx;
  const pad = Math.max(8, Math.round(region.textPx));
  const [left, right] = [region.x, region.x + region.width];
  const inside = highlights.filter((h) => h.x1 > left && h.x0 < right);
  const spans: { x0: number; x1: number }[] = [];
  for (const c of columnsOf(kept, inside, right)) {
    const last = spans[spans.length - 1];
    if (last && c.x0 - last.x1 < cut) last.x1 = Math.max(last.x1, c.x1);
    else spans.push({ ...c });
  }
  return spans.map((c, k) => {
    const x0 = k === 0 ? left : Math.max(left, c.x0 - pad);
    const x1 = k === spans.length - 1 ? right : Math.min(right, c.x1 + pad);
    return { x: x0, width: x1 - x0 };
  });
}

/** The capture's columns: runs of x that words (and highlights) cover, split at gaps of GAP_PX or more. */
export function columnsOf(words: readonly OcrLine[], highlights: readonly { x0: number; x1: number }[], width: number): { x0: number; x1: number }[] {
  const spans = [...words.map((w) => ({ x0: w.bbox[0], x1: w.bbox[0] + w.bbox[2] })), ...highlights].sort((p, q) => p.x0 - q.x0);
  const columns: { x0: number; x1: number }[] = [];
  for (const span of spans) {
    const last = columns[columns.length - 1];
    if (last && span.x0 - last.x1 < GAP_PX) last.x1 = Math.max(last.x1, span.x1);
    else columns.push({ x0: Math.max(0, span.x0), x1: Math.min(width, span.x1) });
  }
  return columns;
}
