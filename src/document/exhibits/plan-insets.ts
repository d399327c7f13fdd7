import type { ImageExhibit, OcrLine } from '../../evidence/model.js';
import { visibleSize } from '../../imaging/visible.js';
import { textHeightPx } from '../../rules/visible-facts.js';
import { CONTENT_BOTTOM, MARGIN_X, SMALL_SIZE } from '../page/geometry.js';
import type { DrawOp, PageSize, ImagePlacement } from '../types.js';
import { bandOps } from './caption-band.js';
import type { ImagePageResult } from './plan-image.js';
import { belowBand, contentTop } from '../page/content-area.js';
import type { PlanContext } from '../plan-context.js';

/**
 * Detail insets: each highlighted region whose text prints under INSET_TEXT_PT where the
 * capture is drawn is shown again, enlarged so its text prints at that size, numbered like
 * its outline: below the capture when there is room, else beside it, else on a page of
 * details right after it. The image is embedded once; an inset draws it clipped.
 */

/** The size a highlighted region's text is shown at in its inset. */
export const INSET_TEXT_PT = 9;
/** Text height assumed in a highlight when OCR did not run or read nothing in it (typical UI text). */
export const ASSUMED_TEXT_PX = 14;
const GAP = 12;
/** The inset's label line above it. */
const LABEL_HEIGHT = SMALL_SIZE * 1.6;
/** Pixels of the capture kept around the highlighted region in its inset. */
const INSET_PAD = 3;
/** An inset shows its region at least this many times the size of the view it details. */
const MIN_ENLARGEMENT = 1.25;

type Placement = Omit<ImagePlacement, 'exhibit' | 'page'>;

interface Inset {
  readonly number: number;
  /** The region shown, in visible pixels. */
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** Points per pixel it is shown at, and the points its text prints at there. */
  readonly scale: number;
  readonly textPt: number;
}

/**
 * The height of the text in a rectangle: the median of the lines OCR read there (a line's box
 * spans its capitals and descenders, as textHeightPx measures), else of the words there (a
 * line reaching out of it), else of all its text, else a typical size.
 */
function textPxIn(exhibit: ImageExhibit, x: number, y: number, w: number, h: number): number {
  const ocr = exhibit.ocr;
  const inside = (b: OcrLine['bbox']) => b[0] + b[2] / 2 >= x && b[0] + b[2] / 2 <= x + w && b[1] + b[3] / 2 >= y && b[1] + b[3] / 2 <= y + h;
  for (const items of [ocr?.lines, ocr?.words]) {
    const heights = (items ?? [])
      .filter((l) => l.confidence >= 50 && inside(l.bbox))
      .map((l) => l.bbox[3])
      .sort((a, b) => a - b);
    if (heights.length > 0) return heights[Math.floor(heights.length / 2)]!;
  }
  return (ocr ? textHeightPx(ocr) : undefined) ?? ASSUMED_TEXT_PX;
}

/**
 * The highlights whose text prints under INSET_TEXT_PT at `scale`, each at the scale its
 * inset shows it: its text at INSET_TEXT_PT, and clearly larger than at `scale`, at most
 * `maxWidth` wide (a region too wide for that is shown as large as the width allows).
 */
export function insetsFor(exhibit: ImageExhibit, scale: number, maxWidth: number): Inset[] {
  const [cropX, cropY] = exhibit.marks.crop ?? [0, 0];
  const size = visibleSize(exhibit);
  const insets: Inset[] = [];
  exhibit.marks.highlight.forEach(([hx, hy, hw, hh], i) => {
    const x = Math.max(0, hx - cropX - INSET_PAD);
    const y = Math.max(0, hy - cropY - INSET_PAD);
    const w = Math.min(size.width - x, hw + 2 * INSET_PAD);
    const h = Math.min(size.height - y, hh + 2 * INSET_PAD);
    if (w <= 0 || h <= 0) return;
    const px = textPxIn(exhibit, hx - cropX, hy - cropY, hw, hh);
    if (px * scale >= INSET_TEXT_PT) return;
    const inset = Math.min(Math.max(INSET_TEXT_PT / px, scale * MIN_ENLARGEMENT), maxWidth / w);
    insets.push({ number: i + 1, x, y, w, h, scale: inset, textPt: Math.round(px * inset * 10) / 10 });
  });
  return insets;
}

/** Whether an image drawn at `scale` on `page` gets detail insets (then it shares its page with no other). */
export function needsInsets(exhibit: ImageExhibit, scale: number, page: PageSize): boolean {
  return insetsFor(exhibit, scale, page.width - 2 * MARGIN_X).length > 0;
}

/** Insets packed in rows into a box (left, top, width, bottom): their ops and placements, or undefined when they do not fit. */
function pack(
  exhibit: ImageExhibit,
  insets: readonly Inset[],
  box: { x: number; top: number; width: number; bottom: number },
): { ops: DrawOp[]; placements: Placement[] } | undefined {
  const visible = visibleSize(exhibit);
  const ops: DrawOp[] = [];
  const placements: Placement[] = [];
  let [x, top, rowHeight] = [box.x, box.top, 0];
  for (const inset of insets) {
    const [w, h] = [inset.w * inset.scale, inset.h * inset.scale];
    if (w > box.width) return undefined;
    if (x + w > box.x + box.width) [x, top, rowHeight] = [box.x, top - rowHeight - GAP, 0];
    const imageTop = top - LABEL_HEIGHT;
    if (imageTop - h < box.bottom) return undefined;
    ops.push({ op: 'text', x, y: top - SMALL_SIZE, text: `[${inset.number}] enlarged, text about ${inset.textPt} pt`, size: SMALL_SIZE, face: 'bold' });
    ops.push({ op: 'rect', x: x - 1, y: imageTop - h - 1, w: w + 2, h: h + 2, strokeGray: 0, strokeWidth: 1.5 });
    placements.push({
      x: x - inset.x * inset.scale,
      y: imageTop + inset.y * inset.scale - visible.height * inset.scale,
      width: visible.width * inset.scale,
      height: visible.height * inset.scale,
      clip: { x, y: imageTop - h, width: w, height: h },
      detail: true,
    });
    x += w + GAP;
    rowHeight = Math.max(rowHeight, h + LABEL_HEIGHT);
  }
  return { ops, placements };
}

/**
 * An image exhibit's page with its detail insets: below the capture, else beside it, else on
 * a page of details after it. `result` is its one page (whole, or a focus page).
 */
export function withInsets(ctx: PlanContext, exhibit: ImageExhibit, index: number, result: ImagePageResult): ImagePageResult[] {
  const { input } = ctx;
  const page = result.page.size ?? input.paper;
  const main = result.placement;
  const visible = visibleSize(exhibit);
  const scale = main.width / visible.width;
  const width = page.width - 2 * MARGIN_X;
  const insets = insetsFor(exhibit, scale, width);
  if (insets.length === 0) return [result];
  const drawn = main.clip ?? main;
  const below = pack(exhibit, insets, { x: MARGIN_X, top: drawn.y - GAP, width, bottom: CONTENT_BOTTOM });
  const besideX = drawn.x + drawn.width + GAP;
  const beside = below ?? pack(exhibit, insets, { x: besideX, top: drawn.y + drawn.height, width: MARGIN_X + width - besideX, bottom: CONTENT_BOTTOM });
  if (beside) return [{ ...result, page: { ...result.page, ops: [...result.page.ops, ...beside.ops] }, more: [...(result.more ?? []), ...beside.placements] }];
  // A page of details on upright paper: a one-line caption, then the insets.
  const paper = input.paper;
  const paperWidth = paper.width - 2 * MARGIN_X;
  const label = `Exhibit ${ctx.numbering.number(index)}`;
  const band = bandOps([{ text: `${label} · ${exhibit.file} · the marked regions, enlarged`, face: 'bold' }], {
    x: MARGIN_X,
    width: paperWidth,
    top: contentTop(paper),
  });
  const top = belowBand(paper, band.height);
  const box = { x: MARGIN_X, top, width: paperWidth, bottom: CONTENT_BOTTOM };
  const sized = insetsFor(exhibit, scale, paperWidth);
  const fitted = pack(exhibit, sized, box) ?? pack(exhibit, shrunk(sized, paperWidth, top - CONTENT_BOTTOM), box);
  if (!fitted) return [result];
  const [first, ...rest] = fitted.placements;
  return [result, { page: { kind: 'exhibit', label, ops: [...band.ops, ...fitted.ops], exhibit: index }, placement: first!, more: rest }];
}

/** Insets scaled down together until each fits the box alone (one to a row at worst). */
function shrunk(insets: readonly Inset[], width: number, height: number): Inset[] {
  const total = insets.reduce((s, i) => s + i.h * i.scale + LABEL_HEIGHT + GAP, 0);
  const factor = Math.min(1, (height - insets.length * (LABEL_HEIGHT + GAP)) / Math.max(1, total - insets.length * (LABEL_HEIGHT + GAP)));
  return insets.map((i) => {
    const scale = Math.min(i.scale * factor, width / i.w);
    return { ...i, scale, textPt: Math.round((i.textPt * scale * 10) / i.scale) / 10 };
  });
}
