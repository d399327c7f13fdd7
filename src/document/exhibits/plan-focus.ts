import type { ImageExhibit } from '../../evidence/model.js';
import { visibleSize } from '../../imaging/visible.js';
import { findFocus, findTextBand, mayFocus, regionPad, type FocusRegion } from '../../imaging/find-focus.js';
import { CONTENT_BOTTOM, landscapeOf, MARGIN_X } from '../page/geometry.js';
import type { DrawOp, PageSize } from '../types.js';
import { captionBand } from './caption-band.js';
import { bandDrawn, bandScaleWithin, drawTextBelow, outlineRegion } from './photo-band-view.js';
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
  // context view. Its band shown below, over the floor though less enlarged, keeps them.
  if (below && beside && !holdsBand(beside.focus, below.planned.focus)) return below.planned;
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
  // Only text that would print under the floor whole is worth a focus page.
  const px = textHeightPx(exhibit.ocr!);
  if (px === undefined || px * fit.fitted >= MIN_TEXT_PT) return undefined;
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
    const region = findFocus(exhibit, guess.room, fit.fitted, MIN_GAIN);
    if (!region) continue;
    const f = frame(ctx, exhibit, index, page, focusLine(region, visible.width, visible.height));
    const scale = Math.min(f.room.width / region.width, f.room.height / region.height, region.scale);
    if (!best || scale > best.region.scale) best = { f, region: { ...region, scale } };
  }
  if (!best || best.region.scale < fit.fitted * MIN_GAIN) return undefined;
  return { result: layout(ctx, exhibit, index, best.f, best.region), focus: { ...best.region, exhibit: index, wholeScale: fit.fitted, layout: 'beside' } };
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
 * cannot print it over the floor while keeping the photo at WHOLE_KEEPS of its size alone;
 * `modest` when it prints it less than BELOW_GAIN times larger than alone (then shown so
 * only when the text column would leave part of it out).
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
  if (!band || small === undefined || small * fit.fitted >= MIN_TEXT_PT) return undefined;
  const page = input.paper;
  const width = page.width - 2 * MARGIN_X;
  const visible = visibleSize(exhibit);
  // Its columns side by side (a caption, and the timestamp at the far end of its row): the
  // band's width is mostly the empty stretch between them, and left out it prints larger.
  const compact = (band.columns?.length ?? 0) >= 2 && exhibit.marks.highlight.length === 0;
  const captionOf = (apart: boolean) => {
    const how = apart ? '; shown in its columns side by side, the empty space between them left out' : '';
    const line = `Enlarged below: the text read in it (x ${band.x}–${band.x + band.width}, y ${band.y}–${band.y + band.height} of the ${visible.width} × ${visible.height} px image), outlined in the whole view${how}.`;
    return captionBand(ctx, exhibit, index, undefined, fullWidth(page), [line]);
  };
  // Laid out under the longer caption; a shorter one (columns not shown apart) leaves a little more room.
  const room = belowBand(page, captionOf(compact).height) - CONTENT_BOTTOM - GAP;
  // The band's scale and the photo's in `height`: the photo as large as the band leaves room for, down to WHOLE_KEEPS.
  const fitBand = (apart: boolean, height: number) => {
    const s = Math.min(bandScaleWithin(exhibit, band, width, Infinity, apart), NATURAL_PT_PER_PX);
    const w = Math.min(width / visible.width, NATURAL_PT_PER_PX, (height - bandDrawn(exhibit, band, s, apart).height) / visible.height);
    if (w >= fit.fitted * WHOLE_KEEPS) return { scale: s, whole: w };
    const keep = fit.fitted * WHOLE_KEEPS;
    return { scale: Math.min(s, bandScaleWithin(exhibit, band, width, height - visible.height * keep, apart)), whole: keep };
  };
  // The band drawn whole decides the page (and whether it is worth one: as a page shared with
  // the next exhibit would draw it). Its columns side by side then print its text larger in no
  // more height, so what follows on the page (a transcript) keeps its room.
  // As the band drawn whole in its own height (the rows apart take less): the plain layout.
  const keep = fit.fitted * WHOLE_KEEPS;
  let plainScale = Math.min(width / band.width, NATURAL_PT_PER_PX);
  let plainWhole = Math.min(width / visible.width, NATURAL_PT_PER_PX, (room - band.height * plainScale) / visible.height);
  if (plainWhole < keep) [plainWhole, plainScale] = [keep, Math.min(plainScale, (room - visible.height * keep) / band.height)];
  const plain = { scale: plainScale, whole: plainWhole };
  const used = visible.height * plain.whole + band.height * plain.scale;
  const apartFit = fitBand(compact, used);
  const { scale, whole } = apartFit.scale > plain.scale ? apartFit : plain;
  const shown = apartFit.scale > plain.scale && compact;
  if (small * scale < MIN_TEXT_PT) return undefined;
  const caption = captionOf(shown);
  const top = belowBand(page, caption.height);
  const drawn = drawTextBelow(exhibit, band, { x: MARGIN_X, width, top }, whole, scale, shown);
  const label = `Exhibit ${ctx.numbering.number(index)}`;
  return {
    planned: {
      result: { page: { kind: 'exhibit', label, ops: [...caption.ops, ...drawn.ops], exhibit: index }, placement: drawn.placement, more: drawn.more },
      focus: { ...band, scale, exhibit: index, wholeScale: fit.fitted, layout: 'below' },
    },
    modest: plain.scale < fit.fitted * BELOW_GAIN || small * plain.scale < MIN_TEXT_PT,
  };
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
