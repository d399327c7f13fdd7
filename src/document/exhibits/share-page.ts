import type { ImageExhibit } from '../../evidence/model.js';
import { MIN_TEXT_PT } from '../../rules/visible-facts.js';
import { belowBand, contentTop } from '../page/content-area.js';
import { CONTENT_BOTTOM, landscapeOf, MARGIN_X } from '../page/geometry.js';
import type { PlanContext } from '../plan-context.js';
import type { DrawOp, ImagePlacement, PageSize, PlannedFocus } from '../types.js';
import { captionBand } from './caption-band.js';
import { drawTextBelow } from './plan-focus.js';
import { orientationFor, placeWhole, type SharedImagePage } from './plan-image.js';
import { type FittedForm, fitForm, formsOf, type ShareForm } from './share-forms.js';

export { judgedTextPx } from './share-forms.js';

/** The shares of the width (side by side) or of the height (one above the other) the first image is tried at. */
const SPLITS = [0.25, 0.33, 0.4, 0.5, 0.6, 0.67, 0.75];
const COLUMN_GAP = 12;
const ROW_GAP = 18;
/** Between a caption band and its image. */
const BAND_GAP = 12;

type Pair = readonly [ImageExhibit, ImageExhibit];
type Indexes = readonly [number, number];
export type Box = { x: number; width: number; top: number; height: number };
/** A candidate layout: the page, each image's box and fitted form, and the top of each caption band. */
type Layout = { page: PageSize; boxes: Box[]; fitted: FittedForm[]; bandTops: number[] };
/** One arrangement to try: the pair on `page` in `forms`, the first given `split`; `alone` is each one's scale on a page of its own. */
type Trial = { ctx: PlanContext; pair: Pair; indexes: Indexes; page: PageSize; forms: readonly ShareForm[]; split: number; alone: number[] };

/**
 * Two consecutive images of any kinds on one page, side by side or one above the other, on
 * the paper upright or turned, each under its own caption band, whole or (a photo) with its
 * text band enlarged below it, at the scale the split of the page gives it: of the layouts
 * where both print their text at the floor or over, the one whose smaller text is largest
 * (then the larger). Undefined when none keeps both.
 */
export function planSharedPage(ctx: PlanContext, pair: Pair, indexes: Indexes): SharedImagePage | undefined {
  const { paper } = ctx.input;
  const pages = pair.some((e) => e.upright) ? [paper] : [paper, landscapeOf(paper)];
  const alone = pair.map((e, k) => orientationFor(ctx, e, indexes[k]!).fitted);
  const forms = formsOf(pair[0]).flatMap((a) => formsOf(pair[1]).map((b) => [a, b] as const));
  let best: Layout | undefined;
  for (const page of pages) {
    for (const pairForms of forms) {
      for (const split of SPLITS) {
        const trial: Trial = { ctx, pair, indexes, page, forms: pairForms, split, alone };
        for (const layout of [beside(trial), stacked(trial)]) {
          if (!layout || Math.min(...layout.fitted.map((f) => f.pt)) < MIN_TEXT_PT) continue;
          if (!best || isBetter(layout, best)) best = layout;
        }
      }
    }
  }
  return best && draw(ctx, pair, indexes, best, alone);
}

/** Larger smaller text, then larger larger text, then the larger images. */
function isBetter(a: Layout, b: Layout): boolean {
  const [pa, pb] = [a.fitted.map((f) => f.pt), b.fitted.map((f) => f.pt)];
  if (Math.abs(Math.min(...pa) - Math.min(...pb)) > 1e-6) return Math.min(...pa) > Math.min(...pb);
  if (Math.abs(Math.max(...pa) - Math.max(...pb)) > 1e-6) return Math.max(...pa) > Math.max(...pb);
  return a.fitted[0]!.whole + a.fitted[1]!.whole > b.fitted[0]!.whole + b.fitted[1]!.whole + 1e-9;
}

/** Caption band heights by exhibit, form and width: the splits of a page ask for the same ones again. */
const bandHeights = new WeakMap<PlanContext, Map<string, number>>();

function bandHeight(ctx: PlanContext, e: ImageExhibit, index: number, form: ShareForm, width: number, top: number): number {
  const known = bandHeights.get(ctx) ?? new Map<string, number>();
  bandHeights.set(ctx, known);
  const key = `${index} ${form.kind} ${width}`;
  let height = known.get(key);
  if (height === undefined) {
    height = captionBand(ctx, e, index, undefined, { x: MARGIN_X, width, top }, form.kind === 'below' ? [form.line] : []).height;
    known.set(key, height);
  }
  return height;
}

/** Two columns, the first `split` of the width, each image under the taller of the two caption bands. */
function beside({ ctx, pair, indexes, page, forms, split, alone }: Trial): Layout | undefined {
  const room = page.width - 2 * MARGIN_X - COLUMN_GAP;
  const widths = [room * split, room * (1 - split)];
  const xs = [MARGIN_X, MARGIN_X + widths[0]! + COLUMN_GAP];
  const bands = pair.map((e, k) => bandHeight(ctx, e, indexes[k]!, forms[k]!, widths[k]!, contentTop(page)));
  const top = belowBand(page, Math.max(...bands));
  const boxes = [0, 1].map((k) => ({ x: xs[k]!, width: widths[k]!, top, height: top - CONTENT_BOTTOM }));
  const fitted = pair.map((e, k) => fitForm(e, forms[k]!, boxes[k]!, alone[k]!));
  if (fitted.some((f) => !f)) return undefined;
  return { page, boxes, fitted: fitted as FittedForm[], bandTops: [contentTop(page), contentTop(page)] };
}

/** Two rows across the page, the first image given `split` of the height left after both caption bands. */
function stacked({ ctx, pair, indexes, page, forms, split, alone }: Trial): Layout | undefined {
  const width = page.width - 2 * MARGIN_X;
  const bands = pair.map((e, k) => bandHeight(ctx, e, indexes[k]!, forms[k]!, width, contentTop(page)));
  const room = contentTop(page) - CONTENT_BOTTOM - bands[0]! - bands[1]! - 2 * BAND_GAP - ROW_GAP;
  const firstTop = contentTop(page) - bands[0]! - BAND_GAP;
  const first = fitForm(pair[0], forms[0]!, { width, height: room * split }, alone[0]!);
  if (!first) return undefined;
  // The second row starts under the first image as drawn, so it gets the height the first did not use.
  const secondBand = firstTop - first.height - ROW_GAP;
  const secondTop = secondBand - bands[1]! - BAND_GAP;
  const second = fitForm(pair[1], forms[1]!, { width, height: secondTop - CONTENT_BOTTOM }, alone[1]!);
  if (!second) return undefined;
  const boxes = [
    { x: MARGIN_X, width, top: firstTop, height: room * split },
    { x: MARGIN_X, width, top: secondTop, height: secondTop - CONTENT_BOTTOM },
  ];
  return { page, boxes, fitted: [first, second], bandTops: [contentTop(page), secondBand] };
}

/** The shared page drawn: each caption band over its box, each image in its form. */
function draw(ctx: PlanContext, pair: Pair, indexes: Indexes, layout: Layout, alone: number[]): SharedImagePage {
  const ops: DrawOp[] = [];
  const placements: Omit<ImagePlacement, 'exhibit' | 'page'>[] = [];
  const focus: PlannedFocus[] = [];
  const owners: number[] = [];
  pair.forEach((e, k) => {
    const drawn = drawInBox(ctx, e, indexes[k]!, { box: layout.boxes[k]!, bandTop: layout.bandTops[k]! }, layout.fitted[k]!, alone[k]!);
    ops.push(...drawn.ops);
    placements.push(...drawn.placements);
    owners.push(...drawn.placements.map(() => k));
    if (drawn.focus) focus.push(drawn.focus);
  });
  const { number } = ctx.numbering;
  const size = layout.page === ctx.input.paper ? {} : { size: layout.page };
  const label = `Exhibits ${number(indexes[0])}–${number(indexes[1])}`;
  return { page: { kind: 'exhibit', label, ops, exhibit: indexes[0], ...size }, placements, owners, ...(focus.length > 0 ? { focus } : {}) };
}

/**
 * One image drawn in its part of a page: its caption band from `bandTop` down, then the image
 * in its fitted form in `box` (whole; or whole and smaller with its text band enlarged under it).
 */
export function drawInBox(
  ctx: PlanContext,
  e: ImageExhibit,
  index: number,
  at: { box: Box; bandTop: number },
  fitted: FittedForm,
  alone: number,
): { ops: DrawOp[]; placements: Omit<ImagePlacement, 'exhibit' | 'page'>[]; focus?: PlannedFocus } {
  const { box } = at;
  const { form, whole, scale } = fitted;
  const band = captionBand(ctx, e, index, undefined, { x: box.x, width: box.width, top: at.bandTop }, form.kind === 'below' ? [form.line] : []);
  if (form.kind === 'whole') {
    const placed = placeWhole(e, band.ops, box, whole);
    return { ops: placed.ops, placements: [placed.placement] };
  }
  const drawn = drawTextBelow(e, form.band, box, whole, scale);
  return {
    ops: [...band.ops, ...drawn.ops],
    placements: [drawn.placement, ...drawn.more],
    focus: { ...form.band, scale, exhibit: index, wholeScale: alone, layout: 'below' },
  };
}
