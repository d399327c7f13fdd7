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
/**
 * How close to the paper's sides an image drawn alone on a landscape page may reach: wider
 * than the text column. A reviewer's screen shows a page at its width, so a desktop capture
 * drawn wider shows its small text larger (a 1920 px capture at 0.95 of its own pixels on a
 * page shown 1920 px wide, against 0.88 within the text margins); and its edges then do not
 * run on from the running head's and the caption's, which OCR of the page (tesseract's
 * column finding) took as one column with the capture's text, leaving its timestamps out.
 * Measured in docs/benchmark.md, round 44. A quarter inch: within what office printers print.
 */
export const IMAGE_MARGIN_X = 18;

/** The width an image drawn alone may take on a page: the text column's upright, wider on a landscape page. */
export function imageBoxWidth(page: PageSize): number {
  return page.width - 2 * (page.width > page.height ? IMAGE_MARGIN_X : MARGIN_X);
}
export const HEADER_BASELINE = 36;
export const CONTENT_TOP_GAP = 64;
export const CONTENT_BOTTOM = 56;
export const FOOTER_BASELINE = 28;
export const BODY_SIZE = 10.5;
export const SMALL_SIZE = 10;
export const LINE_FACTOR = 1.3;
