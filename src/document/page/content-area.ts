import type { PageSize } from '../types.js';
import { CONTENT_TOP_GAP, MARGIN_X } from './geometry.js';

/** Where a caption band goes: its left edge, width and top, in points. */
export interface CaptionBox {
  readonly x: number;
  readonly width: number;
  readonly top: number;
}

/** Between a caption band and what it captions. */
export const BAND_GAP = 12;

/** The top of a page's content area, under its running head. */
export function contentTop(page: PageSize): number {
  return page.height - CONTENT_TOP_GAP;
}

/** The top of what sits under a caption band `bandHeight` tall at the head of the content area. */
export function belowBand(page: PageSize, bandHeight: number): number {
  return page.height - CONTENT_TOP_GAP - bandHeight - BAND_GAP;
}

/** The full-width caption box of a page. */
export function fullWidth(page: PageSize): CaptionBox {
  return { x: MARGIN_X, width: page.width - 2 * MARGIN_X, top: contentTop(page) };
}
