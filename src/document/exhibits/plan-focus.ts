import type { ImageExhibit } from '../../evidence/model.js';
import { visibleSize } from '../../imaging/visible.js';
import { findFocus, findTextBand, mayFocus, regionPad, type FocusRegion } from '../../imaging/find-focus.js';
import { CONTENT_BOTTOM, landscapeOf, MARGIN_X } from '../page/geometry.js';
import type { DrawOp, PageSize } from '../types.js';
import { captionBand } from './caption-band.js';
import { bandLine } from './share-forms.js';
import { fullWidth, belowBand, contentTop } from '../page/content-area.js';
import { NATURAL_PT_PER_PX } from '../../imaging/encode.js';
import { highlightOps, type ImageFit, type ImagePageResult } from './plan-image.js';
import { MIN_TEXT_PT, textHeightPx } from '../../rules/visible-facts.js';
import type { PlanContext } from '../plan-context.js';

/** A focus crop as laid out: the region, and the scales it and the whole capture print at. */
export interface PlannedFocus extends FocusRegion {
  readonly exhibit: number;
  /** Points per source pixel of the enlarged view, and of the whole capture shown alone. */
  readonly scale: number;
  readonly wholeScale: number;
  /** How the page shows it: the region enlarged with the whole image small beside the caption, or the whole image above its text enlarged (a photo). */
  readonly layout: 'beside' | 'below';
}

/** A focus view must place its text at least this much larger than the whole capture alone. */
const MIN_GAIN = 1.08;
/**
 * The context view sits beside the caption, about as tall as the caption (it is the same
 * image at full resolution: a reviewer who zooms in on it sees every pixel), and at most this
 * share of the content width.
 */
const CONTEXT_WIDTH_SHARE = 0.3;
const CONTEXT_HEIGHT = 80;
const GAP = 12;

/** The caption's line that says what is shown enlarged, and where the whole capture is. */
function focusLine(region: FocusRegion, width: number, height: number): string {
  const [x0, x1, y0, y1] = [region.x, region.x + region.width, region.y, region.y + region.height];
  return `Enlarged: the text column (x ${x0}–${x1}, y ${y0}–${y1} of the ${width} × ${height} px capture); the whole capture, unedited, is at the right with that part outlined.`;
}

/** How a focus page on `page` is laid out: the context view's size, the caption band, and the room left for the focus. */
function frame(ctx: PlanContext, exhibit: ImageExhibit, index: number, page: PageSize, line: string) {
  const width = page.width - 2 * MARGIN_X;
  const top = contentTop(page);
  const visible = visibleSize(exhibit);
  const context = Math.min((width * CONTEXT_WIDTH_SHARE) / visible.width, CONTEXT_HEIGHT / visible.height);
  const contextWidth = visible.width * context;
  const band = captionBand(ctx, exhibit, index, undefined, { x: MARGIN_X, width: width - contextWidth - GAP, top }, [line]);
  const row = Math.max(band.height, visible.height * context);
  return { page, width, top, context, contextWidth, band, focusTop: top - row - GAP, room: { width, height: top - row - GAP - CONTENT_BOTTOM } };
}

/**
 * A capture whose text would print under the floor even on the page that shows it largest
 * (`fit`), laid out as a focus page: its text column (findFocus) enlarged across the page,
 * and the whole capture reduced at the top right beside the caption, the enlarged part
 * outlined on it, as the reviewer's proof that nothing was cut out of context. The image is
 * embedded once and drawn twice, the focus view clipped. Undefined when the capture needs no
 * focus, or no region places its text clearly larger (see findFocus).
 */
export function planFocusPage(
  ctx: PlanContext,
  exhibit: ImageExhibit,
  index: number,
  fit: ImageFit,
): { result: ImagePageResult; focus: PlannedFocus } | undefined {
  if (!mayFocus(exhibit)) return undefined;
  // Text in a band of the image (a photo's caption): the whole image above it, the band enlarged.
  const below = planTextBelow(ctx, exhibit, index, fit);
  if (below && !below.modest) return below.planned;
  const beside = planBeside(ctx, exhibit, index, fit);
  // A photo's timestamps stand at the end of its caption rows, row by row, as a side bar
  // stands beside a chat: the text column drops them, and they print only in the small
  // context view. Its band shown below, less enlarged, keeps them, and prints them larger
  // than the photo alone: it is shown unless the text column holds the whole band.
  if (below && !(beside && holdsBand(beside.focus, below.planned.focus))) return below.planned;
  return beside;
}

/** Whether a focus region holds every word of a text band (its box without the padding regionAround gave it). */
function holdsBand(region: FocusRegion, band: FocusRegion): boolean {
  const pad = regionPad(band.textPx);
  const [x0, y0, x1, y1] = [band.x + pad, band.y + pad, band.x + band.width - pad, band.y + band.height - pad];
  return region.x <= x0 && region.y <= y0 && region.x + region.width >= x1 && region.y + region.height >= y1;
}

/** The text column enlarged across the page, the whole capture small beside the caption; undefined when its text reads whole or no region gains enough. */
function planBeside(ctx: PlanContext, exhibit: ImageExhibit, index: number, fit: ImageFit): { result: ImagePageResult; focus: PlannedFocus } | undefined {
  const { input } = ctx;
  // Only text that would print under the floor whole, within the text column, is worth a focus page.
  const px = textHeightPx(exhibit.ocr!);
  if (px === undefined || px * fit.column >= MIN_TEXT_PT) return undefined;
  const visible = visibleSize(exhibit);
  const pages = exhibit.upright ? [input.paper] : [input.paper, landscapeOf(input.paper)];
  let best: { f: ReturnType<typeof frame>; region: NonNullable<ReturnType<typeof findFocus>> } | undefined;
  for (const page of pages) {
    // Laid out with a first guess at the caption's line, then again with the region's own.
    const guess = frame(
      ctx,
      exhibit,
      index,
      page,
      focusLine(
        { x: 9999, y: 9999, width: 9999, height: 9999, textPx: 0, keptWords: 0, words: 0, highlights: 0, notedWords: 0 },
        visible.width,
        visible.height,
      ),
    );
    const region = findFocus(exhibit, guess.room, fit.column, MIN_GAIN);
    if (!region) continue;
    const f = frame(ctx, exhibit, index, page, focusLine(region, visible.width, visible.height));
    const scale = Math.min(f.room.width / region.width, f.room.height / region.height, region.scale);
    if (!best || scale > best.region.scale) best = { f, region: { ...region, scale } };
  }
  if (!best || best.region.scale < fit.column * MIN_GAIN) return undefined;
  return { result: layout(ctx, exhibit, index, best.f, best.region), focus: { ...best.region, exhibit: index, wholeScale: fit.fitted, layout: 'beside' } };
}

/** The enlarged part outlined on the whole view drawn at `scale` with its top left corner at left, top. */
function outlineRegion(region: { x: number; y: number; width: number; height: number }, left: number, top: number, scale: number): DrawOp {
  return {
    op: 'rect',
    x: left + region.x * scale,
    y: top - (region.y + region.height) * scale,
    w: region.width * scale,
    h: region.height * scale,
    strokeGray: 0,
    strokeWidth: 1.5,
  };
}

/** Above its text enlarged, a photo keeps at least this share of the scale it has alone. */
const WHOLE_KEEPS = 0.6;
/** Text shown again under its photo is shown at least this much larger than the photo alone shows it. */
const BELOW_GAIN = 1.5;

/**
 * A photo whose text (a caption, a label, timestamps on it) lies in a band of it, laid out
 * as the whole photo across the page with that band below it, enlarged: the photo stays
 * large, for it is evidence too, and its text is read without zooming. The band is an image
 * of its own, embedded at the resolution its view needs (ImagePlacement.region), so the
 * whole photo need not carry it. Undefined when its text fills the photo, or the page
 * cannot print it larger than alone while keeping the photo at WHOLE_KEEPS of its size
 * alone; `modest` when it prints it under the floor, or less than BELOW_GAIN times larger
 * than alone (then shown so only when the text column would leave part of it out).
 */
function planTextBelow(
  ctx: PlanContext,
  exhibit: ImageExhibit,
  index: number,
  fit: ImageFit,
): { planned: { result: ImagePageResult; focus: PlannedFocus }; modest: boolean } | undefined {
  const { input } = ctx;
  const band = findTextBand(exhibit);
  // Worth it when its small text (timestamps) would print under the floor with the photo alone.
  const small = band?.smallPx ?? band?.textPx;
  if (!band || small === undefined || small * fit.column >= MIN_TEXT_PT) return undefined;
  const page = input.paper;
  const width = page.width - 2 * MARGIN_X;
  const visible = visibleSize(exhibit);
  const line = bandLine(band, visible.width, visible.height);
  const caption = captionBand(ctx, exhibit, index, undefined, fullWidth(page), [line]);
  const top = belowBand(page, caption.height);
  const room = top - CONTENT_BOTTOM - GAP;
  let scale = Math.min(width / band.width, NATURAL_PT_PER_PX);
  let whole = Math.min(width / visible.width, NATURAL_PT_PER_PX, (room - band.height * scale) / visible.height);
  if (whole < fit.column * WHOLE_KEEPS) {
    whole = fit.column * WHOLE_KEEPS;
    scale = Math.min(scale, (room - visible.height * whole) / band.height);
  }
  // Under the floor at the most the page gives it (or its natural size, the most its pixels
  // give): still the largest its small text prints when the text column leaves it out.
  const under = small * scale < Math.min(MIN_TEXT_PT, small * NATURAL_PT_PER_PX) - 1e-9;
  if (scale < fit.column * MIN_GAIN) return undefined;
  const drawn = drawTextBelow(exhibit, band, { x: MARGIN_X, width, top }, whole, scale);
  const label = `Exhibit ${ctx.numbering.number(index)}`;
  return {
    planned: {
      result: { page: { kind: 'exhibit', label, ops: [...caption.ops, ...drawn.ops], exhibit: index }, placement: drawn.placement, more: drawn.more },
      focus: { ...band, scale, exhibit: index, wholeScale: fit.fitted, layout: 'below' },
    },
    modest: under || scale < fit.column * BELOW_GAIN,
  };
}

/**
 * An image whole at `whole` at the top of a box, and its text band again under it at
 * `scale` (embedded as a region of its own), each centred, the whole view framed and the band
 * outlined on it: the ops, and where the whole image and the band are drawn.
 *
 * The enlarged band itself has no frame, not even a rule above and below it. A photo's rows
 * end in right-aligned timestamps: a vertical rule beside them (round 45), or rules above and
 * below that meet the photo's own edge at the rows' ends (a label's border: round 48), made
 * tesseract's reading of the page (fit-width, its defaults) take the timestamps' column for a
 * framed box and leave it out while it read every caption. Unframed, the band reads the same
 * or better on every page measured (docs/benchmark.md, round 48).
 */
export function drawTextBelow(
  exhibit: ImageExhibit,
  band: FocusRegion,
  box: { x: number; width: number; top: number },
  whole: number,
  scale: number,
): { ops: DrawOp[]; placement: ImagePageResult['placement']; more: NonNullable<ImagePageResult['more']> } {
  const { top, width } = box;
  const visible = visibleSize(exhibit);
  const [ww, wh] = [visible.width * whole, visible.height * whole];
  const wx = box.x + (width - ww) / 2;
  const [fw, fh] = [band.width * scale, band.height * scale];
  const fx = box.x + (width - fw) / 2;
  const focusTop = top - wh - GAP;
  const ops: DrawOp[] = [];
  ops.push({ op: 'rect', x: wx - 0.5, y: top - wh - 0.5, w: ww + 1, h: wh + 1, strokeGray: 0.5, strokeWidth: 0.5 });
  ops.push(...highlightOps(exhibit, wx, top, whole, ww));
  ops.push(outlineRegion(band, wx, top, whole));
  const strips = stripsOf(exhibit, band, scale);
  ops.push(...highlightOps(exhibit, fx - band.x * scale, focusTop + band.y * scale, scale, visible.width * scale, undefined, { left: box.x, width }));
  const region = { x: band.x, y: band.y, width: band.width, height: band.height };
  // The band's view, moved up by `lift` points (a row of it drawn nearer the one above).
  const view = (lift: number) => ({
    x: fx - band.x * scale,
    y: focusTop + band.y * scale - visible.height * scale + lift,
    width: visible.width * scale,
    height: visible.height * scale,
    clip: { x: fx, y: focusTop - fh + lift, width: fw, height: fh },
    region,
  });
  return {
    ops,
    placement: { x: wx, y: top - wh, width: ww, height: wh },
    more: strips ? strips.map((s) => ({ ...view(s.lift), cut: { x: fx, y: focusTop - s.shift - s.height, width: fw, height: s.height } })) : [view(0)],
  };
}

/** White between two rows of a photo's text shown apart, at most (points). */
const ROW_GAP = 6;
/** Rows are shown apart only when that leaves at least this much white between them (points). */
const MIN_ROW_GAP = 2;

/**
 * A photo's text band shown as its rows of text, one under the other with white between,
 * in no more height than the band itself takes at `scale`: what lies between the rows (the
 * photo's grain, edges) is in the whole view, and the rows alone read as lines of text.
 * Each row: its top below the stack's top (`shift`), its height, and how far it is drawn
 * above where the band would put it (`lift`), in points. Undefined (the band shown whole)
 * for one row, rows with no room between them, or highlights (drawn over the band as it is).
 */
export function stripsOf(exhibit: ImageExhibit, band: FocusRegion, scale: number): { shift: number; height: number; lift: number }[] | undefined {
  const rows = band.rows ?? [];
  if (rows.length < 2 || exhibit.marks.highlight.length > 0) return undefined;
  const total = rows.reduce((h, r) => h + r.height * scale, 0);
  const gap = Math.min(ROW_GAP, (band.height * scale - total) / (rows.length - 1));
  if (gap < MIN_ROW_GAP) return undefined;
  let shift = 0;
  return rows.map((r) => {
    const strip = { shift, height: r.height * scale, lift: (r.y - band.y) * scale - shift };
    shift += r.height * scale + gap;
    return strip;
  });
}

function layout(ctx: PlanContext, exhibit: ImageExhibit, index: number, f: ReturnType<typeof frame>, region: FocusRegion & { scale: number }): ImagePageResult {
  const { input } = ctx;
  const { page, width, top, context, contextWidth, band, focusTop } = f;
  const visible = visibleSize(exhibit);
  const s = region.scale;
  const fw = region.width * s;
  const fh = region.height * s;
  const fx = MARGIN_X + (width - fw) / 2;
  // The whole image is positioned so that the region falls in the box; the clip hides the rest.
  const imageLeft = fx - region.x * s;
  const imageTop = focusTop + region.y * s;
  const ops: DrawOp[] = [...band.ops];
  ops.push({ op: 'rect', x: fx - 0.5, y: focusTop - fh - 0.5, w: fw + 1, h: fh + 1, strokeGray: 0.5, strokeWidth: 0.5 });
  // Their numbers may stand in the page's margin beside the focus view.
  ops.push(...highlightOps(exhibit, imageLeft, imageTop, s, visible.width * s, undefined, { left: MARGIN_X, width }));
  // The context view, and the enlarged part outlined on it.
  const cx = MARGIN_X + width - contextWidth;
  const ch = visible.height * context;
  ops.push({ op: 'rect', x: cx - 0.5, y: top - ch - 0.5, w: contextWidth + 1, h: ch + 1, strokeGray: 0.5, strokeWidth: 0.5 });
  ops.push(outlineRegion(region, cx, top, context));
  const size = page === input.paper ? undefined : page;
  const label = `Exhibit ${ctx.numbering.number(index)}`;
  return {
    page: { kind: 'exhibit', label, ops, exhibit: index, ...(size ? { size } : {}) },
    placement: {
      x: imageLeft,
      y: imageTop - visible.height * s,
      width: visible.width * s,
      height: visible.height * s,
      clip: { x: fx, y: focusTop - fh, width: fw, height: fh },
    },
    more: [{ x: cx, y: top - ch, width: contextWidth, height: ch }],
  };
}
