import type { PDFPage } from 'pdf-lib';
import type { PreparedImage } from '../../imaging/encode.js';
import { choosePaper, FLAT_SHARE, isNegative, NEGATIVE_PAPERS, PAPERS, type ColourCounts } from '../../imaging/page-binarize.js';
import { pdfLib, sharp } from '../../io/cjs.js';
import { isDarkMode, negativeCounts } from './negative-page.js';
import { marksAsDrawn, type PageGlyphs, type WindowCounts } from './page-marks.js';
import { FOOTER_BASELINE, HEADER_BASELINE, MARGIN_X, SMALL_SIZE } from '../page/geometry.js';
import type { Box, DrawOp, FontFace, ImageSource, PacketPlan, PageSize, PlannedPage } from '../types.js';

/** The width a reviewer's fit-width view (and the legibility measure) renders a page at. */
const READ_WIDTH_PX = 1920;
/** Pixels counted for an image's colour shares: a regular grid over it as drawn, enough for shares of its area. */
const SAMPLE_PIXELS = 50_000;
/** Text on the page must keep this contrast against the paper under it (WCAG AA). */
const LEAST_CONTRAST = 4.5;

/**
 * An embedded image's colours as shares of its area, as a page rendered READ_WIDTH_PX wide
 * shows them: scaled to the width it is drawn at (`drawnWidth` pixels) with bilinear
 * interpolation, as poppler draws an image, and counted on a regular grid of at most
 * SAMPLE_PIXELS. The colours of the image's own pixels, sampled nearest, count the cores of its
 * antialiased text where the page shows them spread into lighter edges, and which split Otsu
 * takes can turn on how much of the page is that dark (a 1255 px capture drawn 1833 px wide:
 * 1.6 % of its pixels under 64 against 0.6 % drawn; the split then lost its green bubbles).
 */
export async function colourShares(image: PreparedImage, drawnWidth: number): Promise<Map<number, number>> {
  const { data, info } = await sharp(image.data)
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width: w, height: h, channels } = info;
  const drawn = { width: Math.max(1, Math.round(drawnWidth)), height: Math.max(1, Math.round(drawnWidth * (h / w))) };
  const step = Math.max(1, Math.floor(Math.sqrt((drawn.width * drawn.height) / SAMPLE_PIXELS)));
  const xs = gridAxis(w, drawn.width, step);
  const ys = gridAxis(h, drawn.height, step);
  const pixels = { data, width: w, channels };
  // Colours gathered in a typed array, sorted, then counted by runs: one Map entry per colour, not an update per point.
  const colours = drawn.width < w && drawn.height < h ? boxMeans(pixels, xs, ys) : blends(pixels, xs, ys);
  return runShares(colours.sort());
}

type Pixels = { readonly data: Buffer; readonly width: number; readonly channels: number };

/** Each grid point's colour, blended from the pixels its taps name with their weights (one colour as 0xrrggbb). */
function blends({ data, width: w, channels }: Pixels, xs: readonly Taps[], ys: readonly Taps[]): Uint32Array {
  const used = Math.min(3, channels);
  const colours = new Uint32Array(xs.length * ys.length);
  let k = 0;
  for (const y of ys) {
    for (const x of xs) {
      let rgb = 0;
      for (let c = 0; c < used; c++) {
        let value = 0;
        for (let ty = 0; ty < y.taps.length; ty++) {
          const row = y.taps[ty]! * w;
          for (let tx = 0; tx < x.taps.length; tx++) value += data[(row + x.taps[tx]!) * channels + c]! * y.weights[ty]! * x.weights[tx]!;
        }
        rgb = (rgb << 8) | Math.min(255, Math.round(value));
      }
      colours[k++] = used < 3 ? rgb * 0x010101 : rgb;
    }
  }
  return colours;
}

/**
 * Each grid point's colour when the image is drawn smaller on both axes: the mean of the box of
 * pixels it covers (its taps run without gaps), summed in integers row by row, the boxes' rows
 * once for all their columns (a capture drawn 365 px wide: 12 ms against 26 ms blended tap by tap).
 */
function boxMeans(pixels: Pixels, xs: readonly Taps[], ys: readonly Taps[]): Uint32Array {
  const { data, width: w, channels } = pixels;
  // Three bands (what toColourspace('srgb') gives), summed unrolled: a third faster than a loop over bands.
  if (channels !== 3) return blends(pixels, xs, ys);
  const sums = new Uint32Array(w * 3);
  const colours = new Uint32Array(xs.length * ys.length);
  let k = 0;
  for (const y of ys) {
    sums.fill(0);
    for (const r of y.taps) {
      for (let from = r * w * 3, to = 0, end = from + w * 3; from < end; from += 3, to += 3) {
        sums[to]! += data[from]!;
        sums[to + 1]! += data[from + 1]!;
        sums[to + 2]! += data[from + 2]!;
      }
    }
    for (const x of xs) {
      const n = y.taps.length * x.taps.length;
      let rgb = 0;
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (const t of x.taps) sum += sums[t * 3 + c]!;
        rgb = (rgb << 8) | Math.min(255, Math.round(sum / n));
      }
      colours[k++] = rgb;
    }
  }
  return colours;
}

/** Each colour's share of `sorted` (equal colours next to each other), in ascending order of colour. */
function runShares(sorted: Uint32Array): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    counts.set(sorted[i]!, (j - i) / sorted.length);
    i = j;
  }
  return counts;
}

/** The image's pixels one drawn pixel blends, and their weights. */
interface Taps {
  readonly taps: Int32Array;
  readonly weights: Float64Array;
}

/**
 * Every `step`-th pixel of `drawn` along one axis of an image `own` pixels long, as poppler's
 * Splash draws an image scaled: enlarged, a bilinear blend of the two nearest pixels (centres
 * aligned); reduced, the mean of the pixels its box covers.
 */
function gridAxis(own: number, drawn: number, step: number): Taps[] {
  const out: Taps[] = [];
  for (let i = 0; i < drawn; i += step) {
    if (drawn >= own) {
      const at = Math.min(own - 1, Math.max(0, ((i + 0.5) * own) / drawn - 0.5));
      const low = Math.floor(at);
      const f = at - low;
      out.push({ taps: Int32Array.of(low, Math.min(own - 1, low + 1)), weights: Float64Array.of(1 - f, f) });
    } else {
      const start = Math.floor((i * own) / drawn);
      const end = Math.max(start + 1, Math.floor(((i + 1) * own) / drawn));
      const taps = Int32Array.from({ length: end - start }, (_, t) => start + t);
      out.push({ taps, weights: new Float64Array(taps.length).fill(1 / taps.length) });
    }
  }
  return out;
}

function grey(level: number): number {
  return Math.round(level * 255) * 0x010101;
}

function luminance(rgb: number): number {
  const lin = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(((rgb >> 16) & 0xff) / 255) + 0.7152 * lin(((rgb >> 8) & 0xff) / 255) + 0.0722 * lin((rgb & 0xff) / 255);
}

function contrast(a: number, b: number): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function inside(x: number, y: number, box: Box): boolean {
  return x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height;
}

type Fill = { box: Box; gray: number };

function fillsOf(planned: PlannedPage): Fill[] {
  return planned.ops.flatMap((op) =>
    op.op === 'rect' && op.fillGray !== undefined ? [{ box: { x: op.x, y: op.y, width: op.w, height: op.h }, gray: op.fillGray }] : [],
  );
}

/** Whether every text of the page drawn straight on the paper (not on a filled box), and the running head, keeps its contrast on this paper (in negative on a dark one). */
function textReadableOn(planned: PlannedPage, paper: number): boolean {
  const fills = fillsOf(planned);
  const inks = [0, ...planned.ops.flatMap((op) => (op.op === 'text' && !fills.some((f) => inside(op.x, op.y, f.box)) ? [op.gray ?? 0] : []))];
  return inks.every((ink) => contrast(grey(isNegative(paper) ? 1 - ink : ink), paper) >= LEAST_CONTRAST);
}

function visibleBox(p: PacketPlan['placements'][number]): Box {
  return p.cut ?? p.clip ?? p;
}

function visibleArea(p: PacketPlan['placements'][number], size: PageSize): number {
  const box = visibleBox(p);
  const w = Math.max(0, Math.min(box.x + box.width, size.width) - Math.max(box.x, 0));
  const h = Math.max(0, Math.min(box.y + box.height, size.height) - Math.max(box.y, 0));
  return w * h;
}

function add(counts: Map<number, number>, rgb: number, n: number): void {
  if (n > 0) counts.set(rgb, (counts.get(rgb) ?? 0) + n);
}

/** Measures a text's width in points (the packet's fonts). */
export type MeasureText = (text: string, size: number, face: FontFace) => number;

/** The running head and footer drawn on every page, placed as draw-text.ts drawRunningHead places them. */
export function runningHeadOps(size: PageSize, head: { left: string; right: string; footer: string }, measure: MeasureText): DrawOp[] {
  const y = size.height - HEADER_BASELINE;
  return [
    { op: 'text', x: MARGIN_X, y, text: head.left, size: SMALL_SIZE, face: 'bold' },
    { op: 'text', x: size.width - MARGIN_X - measure(head.right, SMALL_SIZE, 'regular'), y, text: head.right, size: SMALL_SIZE, face: 'regular' },
    { op: 'line', x1: MARGIN_X, y1: y - 6, x2: size.width - MARGIN_X, y2: y - 6, width: 0.6, gray: 0.4 },
    { op: 'text', x: (size.width - measure(head.footer, SMALL_SIZE, 'regular')) / 2, y: FOOTER_BASELINE, text: head.footer, size: SMALL_SIZE, face: 'regular' },
  ];
}

/** What the paper choice needs of the page besides the plan. */
export interface PaperContext {
  readonly imageFor: ImageSource;
  /** Colour shares of the images sampled last (SHARES_KEPT), by placement key and width drawn: a capture split over pages is sampled once. */
  readonly shares: Map<string, ColourCounts>;
  /** The page's fonts, to draw its marks and count their pixels (page-marks.ts). */
  readonly glyphs: PageGlyphs;
  /** Windows of marks already drawn for earlier pages, and their counts. */
  readonly windows: WindowCounts;
  /** Placement keys of PDF pages copied as they are. */
  readonly copied: ReadonlySet<string>;
}

/**
 * Colour shares kept for the pages that follow: the last few images' (a capture split over
 * pages is drawn on pages one after another). Kept for the whole render, they grew with the
 * packet (a photo's hold tens of thousands of colours) for images almost all drawn on one page.
 */
const SHARES_KEPT = 4;

async function sharesOf(context: PaperContext, key: string, sample: () => Promise<ColourCounts | undefined>): Promise<ColourCounts | undefined> {
  let counts = context.shares.get(key);
  context.shares.delete(key);
  counts ??= await sample();
  if (!counts) return undefined;
  context.shares.set(key, counts);
  for (const old of context.shares.keys()) {
    if (context.shares.size <= SHARES_KEPT) break;
    context.shares.delete(old);
  }
  return counts;
}

/**
 * The paper colour page `i` is drawn on so that OCR at fit-width splits its images' pixels
 * into ink and paper as it would each image alone (see imaging/page-binarize.ts); undefined
 * keeps the white page: when white already agrees, when the page shows a PDF page as it is
 * (its pixels are not known here) or no image, or when no candidate agrees.
 */
export async function paperFor(plan: PacketPlan, i: number, size: PageSize, head: DrawOp[], context: PaperContext): Promise<number | undefined> {
  const placements = plan.placements.filter((p) => p.page === i + 1);
  if (placements.length === 0) return undefined;
  const scale = READ_WIDTH_PX / size.width;
  const images = new Map<number, number>();
  let imageArea = 0;
  for (const p of placements) {
    const key = `${p.exhibit}:${p.sourcePage ?? ''}${p.region ? ':region' : ''}`;
    if (context.copied.has(key)) return undefined;
    const drawn = p.width * scale;
    const counts = await sharesOf(context, `${key}:${drawn}`, async () => {
      const image = await context.imageFor(p.exhibit, p.sourcePage, p.region !== undefined);
      return image && colourShares(image, drawn);
    });
    if (!counts) return undefined;
    const area = visibleArea(p, size) * scale * scale;
    imageArea += area;
    for (const [rgb, share] of counts) add(images, rgb, share * area);
  }
  // Without a flat area (photos' continuous tones) no paper changes what is read: white.
  if (![...images.values()].some((n) => n >= imageArea * FLAT_SHARE)) return undefined;
  const planned = plan.pages[i]!;
  const marks = await marksAsDrawn(
    [...planned.ops, ...head],
    size,
    scale,
    context.glyphs,
    placements.map((p) => visibleBox(p)),
    context.windows,
  );
  const paper = Math.max(0, size.width * size.height * scale * scale - imageArea - marks.area);
  // A dark-mode capture (flat panes and bubbles over most of it, read alone as light on dark) is
  // given a dark page, its marks in negative, when no light one agrees; a photo is not.
  const dark = isDarkMode(images, imageArea) ? NEGATIVE_PAPERS : [];
  const candidates = [...PAPERS, ...dark].filter((c) => textReadableOn(planned, c));
  const page = { images, fills: marks.counts, paper };
  const chosen = choosePaper(page, candidates, dark.length > 0 ? { images, fills: negativeCounts(marks.counts), paper } : undefined);
  return chosen === 0xffffff ? undefined : chosen;
}

/** Fills the whole page with its paper colour, under everything drawn after it. */
export function drawPaper(page: PDFPage, size: PageSize, paper: number): void {
  const { rgb } = pdfLib();
  const colour = rgb(((paper >> 16) & 0xff) / 255, ((paper >> 8) & 0xff) / 255, (paper & 0xff) / 255);
  page.drawRectangle({ x: 0, y: 0, width: size.width, height: size.height, color: colour });
}
