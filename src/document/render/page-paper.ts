import type { PDFPage } from 'pdf-lib';
import type { PreparedImage } from '../../imaging/encode.js';
import { choosePaper, PAPERS, type ColourCounts } from '../../imaging/page-binarize.js';
import { pdfLib, sharp } from '../../io/cjs.js';
import { FOOTER_BASELINE, HEADER_BASELINE, MARGIN_X, SMALL_SIZE } from '../page/geometry.js';
import type { Box, DrawOp, FontFace, ImageSource, PacketPlan, PageSize, PlannedPage } from '../types.js';

/** The width a reviewer's fit-width view (and the legibility measure) renders a page at. */
const READ_WIDTH_PX = 1920;
/** Enough pixels for area shares of colours: every pixel of a smaller image, a nearest-neighbour sample of a larger one. */
const SAMPLE_WIDTH = 320;
/** Text on the page must keep this contrast against the paper under it (WCAG AA). */
const LEAST_CONTRAST = 4.5;
/**
 * Share of a text line's box (its measured width × its size) whose pixels pdftoppm draws
 * darker than the paper at fit-width, glyph cores and antialiased edges together (taken from
 * the packet's own pages as rendered).
 */
const TEXT_INK_SHARE = 0.3;
/** Of those pixels, the share at the text's full grey; the others are edges, spread evenly between the grey and what is under it. */
const CORE_SHARE = 0.5;
const EDGE_STEPS = 8;

/** An embedded image's colours as shares of its area (nearest-neighbour sampled: no new colours). */
export async function colourShares(image: PreparedImage): Promise<Map<number, number>> {
  let pipeline = sharp(image.data).flatten({ background: '#ffffff' }).toColourspace('srgb');
  if (image.width > SAMPLE_WIDTH) pipeline = pipeline.resize({ width: SAMPLE_WIDTH, kernel: 'nearest' });
  const { data, info } = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const counts = new Map<number, number>();
  const step = info.channels;
  for (let i = 0; i + 2 < data.length; i += step) {
    const rgb = step >= 3 ? (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]! : data[i]! * 0x010101;
    counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
  }
  const total = info.width * info.height;
  for (const [rgb, n] of counts) counts.set(rgb, n / total);
  return counts;
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

/** Whether every text of the page drawn straight on the paper (not on a filled box), and the running head, keeps its contrast on this paper. */
function textReadableOn(planned: PlannedPage, paper: number): boolean {
  const fills = fillsOf(planned);
  const inks = [0, ...planned.ops.flatMap((op) => (op.op === 'text' && !fills.some((f) => inside(op.x, op.y, f.box)) ? [op.gray ?? 0] : []))];
  return inks.every((ink) => contrast(grey(ink), paper) >= LEAST_CONTRAST);
}

function visibleArea(p: PacketPlan['placements'][number], size: PageSize): number {
  let box: Box = p.clip ?? p;
  if (p.cut) box = p.cut;
  const w = Math.max(0, Math.min(box.x + box.width, size.width) - Math.max(box.x, 0));
  const h = Math.max(0, Math.min(box.y + box.height, size.height) - Math.max(box.y, 0));
  return w * h;
}

function add(counts: Map<number, number>, rgb: number, n: number): void {
  if (n > 0) counts.set(rgb, (counts.get(rgb) ?? 0) + n);
}

/** `n` ink pixels of grey `level` drawn over grey `under`: a core at the grey, edges evenly between. */
function addInk(counts: Map<number, number>, level: number, under: number, n: number): void {
  add(counts, grey(level), n * CORE_SHARE);
  for (let k = 1; k <= EDGE_STEPS; k++) add(counts, grey(level + ((under - level) * k) / (EDGE_STEPS + 1)), (n * (1 - CORE_SHARE)) / EDGE_STEPS);
}

/** Measures a text's width in points (the packet's fonts). */
export type MeasureText = (text: string, size: number, face: FontFace) => number;

/** The running head and footer drawn on every page (draw-text.ts drawRunningHead), as ops to count. */
export function runningHeadOps(size: PageSize, head: { left: string; right: string; footer: string }): DrawOp[] {
  const y = size.height - HEADER_BASELINE;
  return [
    { op: 'text', x: MARGIN_X, y, text: head.left, size: SMALL_SIZE, face: 'bold' },
    { op: 'text', x: MARGIN_X, y, text: head.right, size: SMALL_SIZE, face: 'regular' },
    { op: 'line', x1: MARGIN_X, y1: y - 6, x2: size.width - MARGIN_X, y2: y - 6, width: 0.6, gray: 0.4 },
    { op: 'text', x: MARGIN_X, y: FOOTER_BASELINE, text: head.footer, size: SMALL_SIZE, face: 'regular' },
  ];
}

/** The page's own marks as pixels read at fit-width: filled boxes (known) and text and rules (estimated ink). */
function marksOf(
  ops: readonly DrawOp[],
  fills: Fill[],
  scale: number,
  measure: MeasureText,
): { fills: Map<number, number>; ink: Map<number, number>; area: number } {
  const out = { fills: new Map<number, number>(), ink: new Map<number, number>(), area: 0 };
  const under = (x: number, y: number) => fills.findLast((f) => inside(x, y, f.box))?.gray ?? 1;
  const px = scale * scale;
  for (const op of ops) {
    if (op.op === 'rect' && op.fillGray !== undefined) {
      out.area += op.w * op.h * px;
      add(out.fills, grey(op.fillGray), op.w * op.h * px);
    }
    if (op.op === 'rect' && op.strokeGray !== undefined) addInk(out.ink, op.strokeGray, under(op.x, op.y), 2 * (op.w + op.h) * (op.strokeWidth ?? 1) * px);
    if (op.op === 'line') addInk(out.ink, op.gray, under(op.x1, op.y1), Math.hypot(op.x2 - op.x1, op.y2 - op.y1) * op.width * px);
    if (op.op === 'text') addInk(out.ink, op.gray ?? 0, under(op.x, op.y), measure(op.text, op.size, op.face) * op.size * TEXT_INK_SHARE * px);
  }
  return out;
}

/** What the paper choice needs of the page besides the plan. */
export interface PaperContext {
  readonly imageFor: ImageSource;
  readonly measure: MeasureText;
  /** Colour shares of images already sampled, by placement key. */
  readonly shares: Map<string, ColourCounts>;
  /** Placement keys of PDF pages copied as they are. */
  readonly copied: ReadonlySet<string>;
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
    let counts = context.shares.get(key);
    if (!counts) {
      const image = await context.imageFor(p.exhibit, p.sourcePage, p.region !== undefined);
      if (!image) return undefined;
      context.shares.set(key, (counts = await colourShares(image)));
    }
    const area = visibleArea(p, size) * scale * scale;
    imageArea += area;
    for (const [rgb, share] of counts) add(images, rgb, share * area);
  }
  const planned = plan.pages[i]!;
  const marks = marksOf([...planned.ops, ...head], fillsOf(planned), scale, context.measure);
  const paper = Math.max(0, size.width * size.height * scale * scale - imageArea - marks.area);
  const candidates = PAPERS.filter((c) => textReadableOn(planned, c));
  const chosen = choosePaper({ images, fills: marks.fills, ink: marks.ink, paper }, candidates);
  return chosen === 0xffffff ? undefined : chosen;
}

/** Fills the whole page with its paper colour, under everything drawn after it. */
export function drawPaper(page: PDFPage, size: PageSize, paper: number): void {
  const { rgb } = pdfLib();
  const colour = rgb(((paper >> 16) & 0xff) / 255, ((paper >> 8) & 0xff) / 255, (paper & 0xff) / 255);
  page.drawRectangle({ x: 0, y: 0, width: size.width, height: size.height, color: colour });
}
