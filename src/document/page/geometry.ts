import type { Paper, PageSize } from '../types.js';

/** The paper sizes a packet is printed on, in points. */
export const PAPER_SIZES: Record<Paper, PageSize> = {
  letter: { width: 612, height: 792 },
  a4: { width: 595.28, height: 841.89 },
};

/** The same paper turned a quarter: a landscape page is a page of its own size, not a rotated one. */
export function landscapeOf(paper: PageSize): PageSize {
  return { width: Math.max(paper.width, paper.height), height: Math.min(paper.width, paper.height) };
}

/** Page geometry in points; generated text is never below 10 pt. */
export const MARGIN_X = 48;
export const HEADER_BASELINE = 36;
export const CONTENT_TOP_GAP = 64;
export const CONTENT_BOTTOM = 56;
export const FOOTER_BASELINE = 28;
export const BODY_SIZE = 10.5;
export const SMALL_SIZE = 10;
export const LINE_FACTOR = 1.3;
