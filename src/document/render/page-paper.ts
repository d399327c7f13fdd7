import type { PDFPage } from 'pdf-lib';
import type { PreparedImage } from '../../imaging/encode.js';
import { choosePaper, paperCandidates, type ColourCounts } from '../../imaging/page-binarize.js';
import { pdfLib, sharp } from '../../io/cjs.js';
import type { Box, ImageSource, PacketPlan, PageSize, PlannedPage } from '../types.js';

/** The width a reviewer's fit-width view (and the legibility measure) renders a page at. */
const READ_WIDTH_PX = 1920;
/** Enough pixels for area shares of colours: every pixel of a smaller image, a nearest-neighbour sample of a larger one. */
const SAMPLE_WIDTH = 320;
/** Text on the page must keep this contrast against the paper under it (WCAG AA). */
const LEAST_CONTRAST = 4.5;
/** Share of a text line's box that is ink, to weigh the page's own text in the simulation. */
const TEXT_INK_SHARE = 0.12;

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

/** Whether every text of the page drawn straight on the paper (not on a filled box), and the running head, keeps its contrast on this paper. */
function textReadableOn(planned: PlannedPage, paper: number): boolean {
  const fills = planned.ops.flatMap((op) => (op.op === 'rect' && op.fillGray !== undefined ? [{ box: { x: op.x, y: op.y, width: op.w, height: op.h }, gray: op.fillGray }] : []));
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

/**
 * The paper colour page `i` is drawn on so that OCR at fit-width splits its images' pixels
 * into ink and paper as it would each image alone (see imaging/page-binarize.ts); undefined
 * keeps the white page: when white already agrees, when the page shows a PDF page as it is
 * (its pixels are not known here) or no image, or when no candidate agrees.
 */
export async function paperFor(
  plan: PacketPlan,
  i: number,
  size: PageSize,
  imageFor: ImageSource,
  shares: Map<string, ColourCounts>,
  copied: ReadonlySet<string>,
): Promise<number | undefined> {
  const placements = plan.placements.filter((p) => p.page === i + 1);
  if (placements.length === 0) return undefined;
  const scale = READ_WIDTH_PX / size.width;
  const images = new Map<number, number>();
  let imageArea = 0;
  for (const p of placements) {
    const key = `${p.exhibit}:${p.sourcePage ?? ''}${p.region ? ':region' : ''}`;
    if (copied.has(key)) return undefined;
    let counts = shares.get(key);
    if (!counts) {
      const image = await imageFor(p.exhibit, p.sourcePage, p.region !== undefined);
      if (!image) return undefined;
      shares.set(key, (counts = await colourShares(image)));
    }
    const area = visibleArea(p, size) * scale * scale;
    imageArea += area;
    for (const [rgb, share] of counts) add(images, rgb, Math.round(share * area));
  }
  const planned = plan.pages[i]!;
  const furniture = new Map<number, number>();
  let furnitureArea = 0;
  for (const op of planned.ops) {
    if (op.op === 'rect' && op.fillGray !== undefined) {
      furnitureArea += op.w * op.h * scale * scale;
      add(furniture, grey(op.fillGray), Math.round(op.w * op.h * scale * scale));
    } else if (op.op === 'text') {
      add(furniture, grey(op.gray ?? 0), Math.round(op.text.length * op.size * 0.5 * op.size * TEXT_INK_SHARE * scale * scale));
    }
  }
  const paper = Math.max(0, Math.round(size.width * size.height * scale * scale - imageArea - furnitureArea));
  const candidates = paperCandidates(images).filter((c) => textReadableOn(planned, c));
  const chosen = choosePaper({ images, furniture, paper }, candidates);
  return chosen === undefined || chosen === 0xffffff ? undefined : chosen;
}

/** Fills the whole page with its paper colour, under everything drawn after it. */
export function drawPaper(page: PDFPage, size: PageSize, paper: number): void {
  const { rgb } = pdfLib();
  const colour = rgb(((paper >> 16) & 0xff) / 255, ((paper >> 8) & 0xff) / 255, (paper & 0xff) / 255);
  page.drawRectangle({ x: 0, y: 0, width: size.width, height: size.height, color: colour });
}
