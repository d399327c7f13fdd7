import { isPhotoFormat, type ImageExhibit } from '../../evidence/model.js';
import { MIN_TEXT_PT, textHeightPx } from '../../rules/visible-facts.js';
import { visibleSize } from '../../imaging/visible.js';
import type { PageSize } from '../types.js';

/**
 * The width in pixels of the screen a reviewer fits a page to. A screenshot drawn there at a
 * whole number of screen pixels a pixel, from a screen pixel's edge, is shown as captured;
 * at 1.17 or 1.32 the viewer resamples it and thin light text blurs (and OCR reads less).
 */
export const SCREEN_PX = 1920;

/** Screen pixels a point on `page` at fit-width. */
const perPoint = (page: PageSize): number => SCREEN_PX / page.width;

/** A length in points from the page's left or top edge, rounded by `round` to a screen pixel's edge at fit-width. */
export function onScreenPixel(pt: number, page: PageSize, round: (n: number) => number = Math.floor): number {
  const px = pt * perPoint(page);
  // A length already on a pixel's edge, but for the float's last bits, stays there.
  return (Math.abs(px - Math.round(px)) < 1e-6 ? Math.round(px) : round(px)) / perPoint(page);
}

/**
 * Where a screenshot drawn whole at `scale` (points a pixel) in `box` is drawn instead: at the
 * largest whole number of screen pixels a pixel at fit-width, centred across the box, its left
 * and top edges on screen pixels. Undefined (draw it as fitted) for a photo, which is resampled
 * anyway, under 1:1, where rounding up would overflow the box, and when its measured text
 * would drop under the floor it prints over at `scale`.
 */
export function snapToScreen(
  exhibit: ImageExhibit,
  box: { x: number; width: number; top: number },
  scale: number,
  page: PageSize,
): { x: number; top: number; scale: number } | undefined {
  if (isPhotoFormat(exhibit.image.format)) return undefined;
  const n = Math.floor(scale * perPoint(page) + 1e-6);
  if (n < 1) return undefined;
  const snapped = n / perPoint(page);
  const textPx = exhibit.ocr ? textHeightPx(exhibit.ocr) : undefined;
  if (textPx !== undefined && textPx * snapped < MIN_TEXT_PT && textPx * scale >= MIN_TEXT_PT) return undefined;
  const left = onScreenPixel(box.x + (box.width - visibleSize(exhibit).width * snapped) / 2, page);
  // The top edge on a screen pixel's edge, counted from the page's top: a fraction of one lower.
  const top = page.height - onScreenPixel(page.height - box.top, page, Math.ceil);
  return { x: left, top, scale: snapped };
}
