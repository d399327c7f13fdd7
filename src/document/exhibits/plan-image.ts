import { MIN_TEXT_PT, textHeightPx } from '../../rules/visible-facts.js';
import type { ImageExhibit } from '../../evidence/model.js';
import { NATURAL_PT_PER_PX } from '../../imaging/encode.js';
import { visibleSize } from '../../imaging/visible.js';
import { CONTENT_BOTTOM, imageBoxWidth, landscapeOf, MARGIN_X } from '../page/geometry.js';
import type { DrawOp, PageSize, PlannedFocus, PlannedPage, ImagePlacement } from '../types.js';
import { captionBand } from './caption-band.js';
import { belowBand, contentTop, fullWidth, type CaptionBox } from '../page/content-area.js';
import type { PlanContext } from '../plan-context.js';

/** A capture that would shrink below this share of its readable scale to fit one page may be split. */
const SPLIT_WHEN_SHRUNK_BELOW = 0.6;

/** A page of an exhibit and where its image is drawn on it (`more`: drawn again, as a focus page's context view). */
export type ImagePageResult = { page: PlannedPage; placement: Omit<ImagePlacement, 'exhibit' | 'page'>; more?: Omit<ImagePlacement, 'exhibit' | 'page'>[] };
/**
 * A page two exhibits share, and where each is drawn on it: placement k is of the exhibit
 * `owners[k]` after the first (by default k), and `focus` the text bands shown enlarged.
 */
export type SharedImagePage = {
  page: PlannedPage;
  placements: Omit<ImagePlacement, 'exhibit' | 'page'>[];
  owners?: readonly number[];
  focus?: readonly PlannedFocus[];
};
/** How an image sits alone on the page its orientation chose (see orientationFor). */
export type ImageFit = ReturnType<typeof fitOnPage>;

/** A landscape page must place an image this much larger than a portrait one to be chosen. */
const LANDSCAPE_GAIN = 1.05;

/**
 * How an image sits on a page of a size: its caption, and the scale it is drawn at, whole and
 * readable. On a landscape page the image may be wider than the text column (IMAGE_MARGIN_X);
 * `column` is the scale it would have within the text column. Focus pages are chosen and laid
 * out against `column`, as before the image could be drawn wider: a capture's text column
 * enlarged reads more of its small text than the whole capture a few percent wider (the bench
 * corpus's desktop captures: 203 of 462 timestamps as focus pages, 186 shown whole and wider).
 */
function fitOnPage(ctx: PlanContext, exhibit: ImageExhibit, index: number, page: PageSize) {
  const width = imageBoxWidth(page);
  const visible = visibleSize(exhibit);
  const text = fullWidth(page);
  const band = captionBand(ctx, exhibit, index, undefined, text);
  const boxTop = belowBand(page, band.height);
  const tall = (boxTop - CONTENT_BOTTOM) / visible.height;
  const readable = Math.min(width / visible.width, NATURAL_PT_PER_PX);
  const fitted = Math.min(readable, tall);
  const column = Math.min(text.width / visible.width, NATURAL_PT_PER_PX, tall);
  return { page, width, band, boxTop, readable, fitted, column };
}

/**
 * The page an image exhibit is laid on: the paper upright, or turned to landscape when that
 * places a wide capture or photo clearly larger (its text then prints larger at 100 %).
 */
export function orientationFor(ctx: PlanContext, exhibit: ImageExhibit, index: number): ReturnType<typeof fitOnPage> {
  const { input } = ctx;
  const upright = fitOnPage(ctx, exhibit, index, input.paper);
  const wide = landscapeOf(input.paper);
  if (exhibit.upright || visibleSize(exhibit).width <= visibleSize(exhibit).height) return upright;
  const turned = fitOnPage(ctx, exhibit, index, wide);
  return turned.fitted > upright.fitted * LANDSCAPE_GAIN ? turned : upright;
}

/**
 * One page per screenshot, placed whole under its caption band, on the orientation that
 * places it largest. A scroll capture that would have to shrink to well under its readable
 * size to fit one page is instead shown at that size across several pages, each a slice of
 * it, with a little overlap so no line is lost at a cut. The image is embedded once and
 * drawn clipped on each page.
 */
export function planImagePages(ctx: PlanContext, exhibit: ImageExhibit, index: number, fit: ImageFit): ImagePageResult[] {
  const { input } = ctx;
  const { page, width, band: first, boxTop, fitted } = fit;
  const size = page === input.paper ? undefined : page;
  const label = `Exhibit ${ctx.numbering.number(index)}`;
  if (!needsSlices(exhibit, fit)) {
    const whole = placeWhole(exhibit, first.ops, { x: (page.width - width) / 2, width, top: boxTop }, fitted);
    return [{ page: { kind: 'exhibit', label, ops: whole.ops, exhibit: index, ...(size ? { size } : {}) }, placement: whole.placement }];
  }
  return planSlices(ctx, exhibit, index, label, fit);
}

/**
 * Whether an image is shown in slices: a scroll capture (taller than three widths), or any
 * image whose text OCR measured would print under the floor on one page, when one page
 * would shrink it well under its readable scale. A phone screenshot's large text shrinks fine.
 */
export function needsSlices(exhibit: ImageExhibit, fit: { readonly readable: number; readonly fitted: number }): boolean {
  const { readable, fitted } = fit;
  const visible = visibleSize(exhibit);
  const textPx = exhibit.ocr ? textHeightPx(exhibit.ocr) : undefined;
  const isScroll = visible.height > 3 * visible.width;
  const isUnreadable = textPx !== undefined && textPx * fitted < MIN_TEXT_PT && textPx * readable >= MIN_TEXT_PT;
  return fitted < readable * SPLIT_WHEN_SHRUNK_BELOW && (isScroll || isUnreadable);
}

/** A tall capture at its readable scale, a slice a page, each with its caption (later ones a line). */
function planSlices(
  ctx: PlanContext,
  exhibit: ImageExhibit,
  index: number,
  label: string,
  fit: { readonly page: PageSize; readonly readable: number },
): ImagePageResult[] {
  const { input } = ctx;
  const { page: paper, readable } = fit;
  const size = paper === input.paper ? undefined : paper;
  const width = paper.width - 2 * MARGIN_X;
  const visible = visibleSize(exhibit);
  const box = fullWidth(paper);
  // Source pixels per page at the readable scale; later pages have a one-line caption.
  const later = captionBand(ctx, exhibit, index, { part: 2, parts: 2 }, box);
  const laterBox = belowBand(paper, later.height) - CONTENT_BOTTOM;
  const overlap = Math.round(Math.min(48, (laterBox / readable) * 0.04));
  const slices: { top: number; height: number }[] = [];
  let top = 0;
  const firstSplit = captionBand(ctx, exhibit, index, { part: 1, parts: 99 }, box);
  let available = Math.floor((belowBand(paper, firstSplit.height) - CONTENT_BOTTOM) / readable);
  while (top < visible.height) {
    const height = Math.min(available, visible.height - top);
    slices.push({ top, height });
    if (top + height >= visible.height) break;
    top += height - overlap;
    available = Math.floor(laterBox / readable);
  }
  return slices.map((slice, part) => {
    const band = captionBand(ctx, exhibit, index, { part: part + 1, parts: slices.length }, box);
    const sliceTop = belowBand(paper, band.height);
    const placedWidth = visible.width * readable;
    const sliceHeight = slice.height * readable;
    const x = MARGIN_X + (width - placedWidth) / 2;
    // The whole image is positioned so that this slice falls in the box; the clip hides the rest.
    const imageTop = sliceTop + slice.top * readable;
    const ops = [...band.ops];
    ops.push({ op: 'rect', x: x - 0.5, y: sliceTop - sliceHeight - 0.5, w: placedWidth + 1, h: sliceHeight + 1, strokeGray: 0.5, strokeWidth: 0.5 });
    ops.push(...highlightOps(exhibit, x, imageTop, readable, placedWidth, { top: slice.top, bottom: slice.top + slice.height }));
    return {
      page: { kind: 'exhibit' as const, label, ops, exhibit: index, ...(size ? { size } : {}) },
      placement: {
        x,
        y: imageTop - visible.height * readable,
        width: placedWidth,
        height: visible.height * readable,
        clip: { x, y: sliceTop - sliceHeight, width: placedWidth, height: sliceHeight },
      },
    };
  });
}

/** Lays two consecutive images on one page, given how each sits alone: undefined when they do not share one. */
export type PairPlanner = (
  ctx: PlanContext,
  pair: readonly [ImageExhibit, ImageExhibit],
  indexes: readonly [number, number],
  alone: readonly [ImageFit, ImageFit],
) => SharedImagePage | undefined;

/** Between two images stacked on one page. */
const STACK_GAP = 18;

/**
 * Two consecutive small images (each shown whole on an upright page, at the size it has on
 * a page of its own) stacked on one page when both fit, each under its own caption band:
 * undefined when they do not fit without shrinking.
 */
export const planImageStack: PairPlanner = (ctx, pair, indexes, alone) => {
  const { paper } = ctx.input;
  if (pair.some((e, k) => alone[k]!.page !== paper || needsSlices(e, alone[k]!))) return undefined;
  const heights = pair.map((e, k) => alone[k]!.band.height + 12 + visibleSize(e).height * alone[k]!.fitted);
  if (heights[0]! + STACK_GAP + heights[1]! > contentTop(paper) - CONTENT_BOTTOM) return undefined;
  const ops: DrawOp[] = [];
  const placements: Omit<ImagePlacement, 'exhibit' | 'page'>[] = [];
  let top = contentTop(paper);
  pair.forEach((e, k) => {
    const box = { ...fullWidth(paper), top };
    const band = captionBand(ctx, e, indexes[k]!, undefined, box);
    const placed = placeWhole(e, band.ops, { ...box, top: top - band.height - 12 }, alone[k]!.fitted);
    ops.push(...placed.ops);
    placements.push(placed.placement);
    top -= heights[k]! + STACK_GAP;
  });
  const { number } = ctx.numbering;
  return { page: { kind: 'exhibit', label: `Exhibits ${number(indexes[0])}–${number(indexes[1])}`, ops, exhibit: indexes[0] }, placements };
};

/** Two upright captures side by side keep at least this share of the scale each has alone. */
const PAIR_KEEPS = 0.9;
const PAIR_GAP = 12;

/**
 * Two consecutive upright captures (phone screenshots) on one page, side by side at the same
 * scale, each under its own caption band: undefined when either would lose more than a
 * tenth of its size alone, or its text would drop under the floor.
 */
export const planImagePair: PairPlanner = (ctx, pair, indexes, alone) => {
  const { paper } = ctx.input;
  const upright = pair.every((e, k) => visibleSize(e).height > visibleSize(e).width && alone[k]!.page === paper);
  // A scroll capture is shown in slices at its readable size, never shrunk beside another.
  if (!upright || pair.some((e, k) => needsSlices(e, alone[k]!))) return undefined;
  const columnWidth = (paper.width - 2 * MARGIN_X - PAIR_GAP) / 2;
  const boxes = [0, 1].map((k) => ({ x: MARGIN_X + k * (columnWidth + PAIR_GAP), width: columnWidth, top: contentTop(paper) }));
  const bands = pair.map((e, k) => captionBand(ctx, e, indexes[k]!, undefined, boxes[k]!));
  const boxTop = belowBand(paper, Math.max(...bands.map((b) => b.height)));
  const scale = Math.min(
    ...pair.map((e) => Math.min(columnWidth / visibleSize(e).width, (boxTop - CONTENT_BOTTOM) / visibleSize(e).height, NATURAL_PT_PER_PX)),
  );
  const keeps = pair.every((e, k) => {
    const textPx = e.ocr ? textHeightPx(e.ocr) : undefined;
    return scale >= alone[k]!.fitted * PAIR_KEEPS && (textPx === undefined || textPx * scale >= MIN_TEXT_PT);
  });
  if (!keeps) return undefined;
  const { number } = ctx.numbering;
  const label = `Exhibits ${number(indexes[0])}–${number(indexes[1])}`;
  const placed = pair.map((e, k) => placeWhole(e, bands[k]!.ops, { ...boxes[k]!, top: boxTop }, scale));
  return { page: { kind: 'exhibit', label, ops: placed.flatMap((p) => p.ops), exhibit: indexes[0] }, placements: placed.map((p) => p.placement) };
};

/** An image whole at `scale`, centred in the box under its caption band, outlined, with its highlights. */
export function placeWhole(
  exhibit: ImageExhibit,
  bandOps: DrawOp[],
  box: CaptionBox,
  scale: number,
): { ops: DrawOp[]; placement: Omit<ImagePlacement, 'exhibit' | 'page'> } {
  const visible = visibleSize(exhibit);
  const placedWidth = visible.width * scale;
  const placedHeight = visible.height * scale;
  const x = box.x + (box.width - placedWidth) / 2;
  const y = box.top - placedHeight;
  const ops = [...bandOps];
  ops.push({ op: 'rect', x: x - 0.5, y: y - 0.5, w: placedWidth + 1, h: placedHeight + 1, strokeGray: 0.5, strokeWidth: 0.5 });
  ops.push(...highlightOps(exhibit, x, y + placedHeight, scale, placedWidth));
  return { ops, placement: { x, y, width: placedWidth, height: placedHeight } };
}

/**
 * Outlines drawn over the image (its top left corner at left, top), each with its number:
 * meaning never rests on colour. Numbers stay within `labels` (by default the image's width).
 */
export function highlightOps(
  exhibit: ImageExhibit,
  left: number,
  top: number,
  scale: number,
  imageWidth: number,
  slice?: { top: number; bottom: number },
  labels: { left: number; width: number } = { left, width: imageWidth },
): DrawOp[] {
  const ops: DrawOp[] = [];
  const [cropX, cropY] = exhibit.marks.crop ?? [0, 0];
  exhibit.marks.highlight.forEach((rect, i) => {
    const [rx, ry0, rw, rh0] = rect;
    // On a slice of a split capture, only the part of the outline inside the slice is drawn.
    const from = slice ? Math.max(ry0 - cropY, slice.top) : ry0 - cropY;
    const to = slice ? Math.min(ry0 - cropY + rh0, slice.bottom) : ry0 - cropY + rh0;
    if (to <= from) return;
    const ry = from + cropY;
    const rh = to - from;
    const h = rh * scale;
    ops.push(...outlineOps({ x: left + (rx - cropX) * scale, y: top - (ry - cropY) * scale - h, w: rw * scale, h }, i + 1, labels.left, labels.width));
  });
  return ops;
}

/** A marked region's outline and its number, which sits outside it (left, else right, else above) so it hides nothing marked. */
export function outlineOps(box: { x: number; y: number; w: number; h: number }, number: number, left: number, imageWidth: number): DrawOp[] {
  const { x, y, w, h } = box;
  const label = String(number);
  const labelWidth = 8 + label.length * 7;
  const labelX = x - labelWidth - 3 >= left ? x - labelWidth - 3 : x + w + labelWidth + 3 <= left + imageWidth ? x + w + 3 : x;
  const labelY = labelX === x ? y + h + 2 : y + h - 14;
  return [
    { op: 'rect', x, y, w, h, strokeGray: 0, strokeWidth: 2.5 },
    { op: 'rect', x: labelX, y: labelY, w: labelWidth, h: 14, fillGray: 1, strokeGray: 0, strokeWidth: 1.5 },
    { op: 'text', x: labelX + 4, y: labelY + 3.5, text: label, size: 10, face: 'bold' },
  ];
}
