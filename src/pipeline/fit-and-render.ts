import type { Limits } from '../budget/profiles.js';
import { formatBytes } from '../budget/profiles.js';
import { describeDrop, exhibitsToDrop } from '../budget/drop-advice.js';
import { budgetHeadroom } from '../budget/estimate.js';
import { fitToBudget } from '../budget/fitter.js';
import { LEGIBILITY_FLOOR_DPI } from '../budget/ladder.js';
import type { FontSet } from '../document/fonts.js';
import { exhibitNumbering, type PacketInput, type PacketPlan } from '../document/packet-input.js';
import { planPacket } from '../document/plan.js';
import { renderPacket, type DocumentSource, type RenderOptions } from '../document/render.js';
import { BudgetError } from '../errors.js';
import type { DocumentExhibit, DocumentPage, Exhibit, ImageExhibit } from '../evidence/model.js';
import { paintedSize } from '../imaging/pdf-raster.js';
import type { PreparedImage } from '../imaging/encode.js';
import type { ImageReader } from './image-reader.js';

/** PDF pages shown as pictures are painted at this resolution, then encoded down the screenshot or photo ladder. */
export const PAGE_PAINT_DPI = 300;

/** The images a planned packet embeds: image exhibits, and the PDF pages shown as pictures. */
export interface PacketImages {
  /** Each as an image exhibit; a painted PDF page is one of its own ("contract.pdf page 2"). */
  readonly exhibits: ImageExhibit[];
  /** The packet exhibit each belongs to, and for a PDF page its page number. */
  readonly indexes: number[];
  readonly pages: (number | undefined)[];
  readonly placedWidths: number[];
  load(slot: number): Promise<Buffer>;
}

export function imagesOf(input: PacketInput, plan: PacketPlan, reader: ImageReader): PacketImages {
  const exhibits: ImageExhibit[] = [];
  const indexes: number[] = [];
  const pages: (number | undefined)[] = [];
  const placedWidths: number[] = [];
  const loads: (() => Promise<Buffer>)[] = [];
  input.exhibits.forEach((e, i) => {
    if (e.kind === 'chat') return;
    if (e.kind === 'image') {
      exhibits.push(e);
      indexes.push(i);
      pages.push(undefined);
      placedWidths.push(plan.placements.find((p) => p.exhibit === i)!.width);
      loads.push(() => reader.image(e));
      return;
    }
    for (const page of e.pages) {
      if (page.treatment !== 'raster') continue;
      exhibits.push(paintedPage(e, page));
      indexes.push(i);
      pages.push(page.number);
      placedWidths.push(plan.placements.find((p) => p.exhibit === i && p.sourcePage === page.number)!.width);
      loads.push(() => reader.paint(e, page.number, PAGE_PAINT_DPI));
    }
  });
  return { exhibits, indexes, pages, placedWidths, load: (slot) => loads[slot]!() };
}

/** A PDF page shown as a picture, as the image it is painted into: a scan goes down the photo ladder. */
function paintedPage(exhibit: DocumentExhibit, page: DocumentPage): ImageExhibit {
  const size = paintedSize(page.width, page.height, PAGE_PAINT_DPI);
  return {
    kind: 'image',
    file: `${exhibit.file} page ${page.number}`,
    source: exhibit.source,
    image: { format: page.images ? 'jpeg' : 'png', ...size, frames: 1, orientation: 1, hasAlpha: false, opaque: true },
    date: exhibit.date,
    dateCandidates: [],
    marks: { highlight: [], redact: [] },
  };
}

export interface FitRenderOptions {
  readonly limits: Limits;
  readonly lossless: boolean;
  readonly render: RenderOptions;
  readonly onProgress?: (done: number, total: number, file: string) => void;
}

export type FitRenderResult =
  | {
      readonly ok: true;
      readonly pdf: Uint8Array;
      readonly images: (PreparedImage | undefined)[];
      /** What was rendered: the input and plan given, or with PDF pages painted to fit the budget. */
      readonly input: PacketInput;
      readonly plan: PacketPlan;
    }
  | { readonly ok: false; readonly error: BudgetError };

/**
 * Fits the packet's images into what the size limit leaves after the rest of the packet,
 * then renders it. A packet the floor cannot fit comes back as a BudgetError to throw.
 */
export async function fitAndRender(fonts: FontSet, input: PacketInput, plan: PacketPlan, reader: ImageReader, options: FitRenderOptions): Promise<FitRenderResult> {
  const first = await fitOnce(fonts, input, plan, reader, options);
  if (first.ok || options.lossless || options.limits.maxBytes === undefined) return first;
  // A PDF copied as it is keeps its images as they were saved (a 300 dpi scan, say). When the
  // packet does not fit, those pages are painted and go down the ladders like any image.
  const painted = paintImagePages(input);
  if (!painted) return first;
  return fitOnce(fonts, painted, planPacket(fonts, painted), reader, options);
}

/** The input with every copied PDF page that paints images turned into a painted one; undefined when there is none. */
export function paintImagePages(input: PacketInput): PacketInput | undefined {
  let changed = false;
  const exhibits = input.exhibits.map((e) => {
    if (e.kind !== 'document' || !e.pages.some((p) => p.treatment === 'vector' && p.images)) return e;
    changed = true;
    return { ...e, pages: e.pages.map((p) => (p.treatment === 'vector' && p.images ? { ...p, treatment: 'raster' as const, rasterReason: 'budget' as const } : p)) };
  });
  return changed ? { ...input, exhibits } : undefined;
}

async function fitOnce(fonts: FontSet, input: PacketInput, plan: PacketPlan, reader: ImageReader, options: FitRenderOptions): Promise<FitRenderResult> {
  const { limits } = options;
  const images = imagesOf(input, plan, reader);
  const documentFor = documentsOf(input, reader);
  // Measured while the fitter encodes its first samples: the render is JavaScript on this
  // thread, the encoding runs on libvips threads.
  const imageBudget =
    limits.maxBytes === undefined || options.lossless
      ? undefined
      : renderPacket(fonts, plan, async () => undefined, options.render, documentFor).then(
          (bare) => limits.maxBytes! - bare.length - budgetHeadroom(limits.maxBytes!, images.exhibits.length),
        );
  const fit = await fitToBudget({
    exhibits: images.exhibits,
    placedWidths: images.placedWidths,
    load: (i) => images.load(i),
    grayscale: limits.blackAndWhite,
    lossless: options.lossless,
    ...(imageBudget !== undefined ? { imageBudget } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  if (!fit.ok) return { ok: false, error: budgetError(input, images.indexes, fit.floorBytes, fit.imageBudget, limits) };
  const bySlot = new Map(images.indexes.map((index, slot) => [`${index}:${images.pages[slot] ?? ''}`, fit.images[slot]!]));
  const pdf = await renderPacket(fonts, plan, async (i, page) => bySlot.get(`${i}:${page ?? ''}`), options.render, documentFor);
  if (limits.maxBytes !== undefined && !options.lossless && pdf.length > limits.maxBytes) {
    // PDF pages copied as they are may alone be over the limit: the caller paints those with images.
    if (input.exhibits.some((e) => e.kind === 'document' && e.pages.some((p) => p.treatment === 'vector'))) return { ok: false, error: copiedPagesError(input, pdf.length, limits) };
    // Otherwise the headroom covers the image objects' own dictionaries; reaching here is a bug.
    throw new BudgetError('BUDGET_SIZE', `the packet came out at ${formatBytes(pdf.length)}, over ${formatBytes(limits.maxBytes)}`, {
      hint: 'Please report this; meanwhile pass a slightly lower --max-size.',
    });
  }
  return { ok: true, pdf, images: input.exhibits.map((_, i) => bySlot.get(`${i}:`)), input, plan };
}

/** The pdf-lib document of each PDF exhibit with pages shown as they are, for the renderer to copy them from. */
export function documentsOf(input: PacketInput, reader: ImageReader): DocumentSource {
  return async (i) => {
    const e = input.exhibits[i];
    const vector = e?.kind === 'document' ? e.pages.filter((p) => p.treatment === 'vector').map((p) => p.number) : [];
    return e?.kind === 'document' && vector.length > 0 ? { pdf: await reader.vector(e), vector } : undefined;
  };
}

/** The PDF pages copied as they are (with no images to paint smaller) take the packet over its limit. */
function copiedPagesError(input: PacketInput, bytes: number, limits: Limits): BudgetError {
  const files = [...new Set(input.exhibits.filter((e) => e.kind === 'document').map((e) => e.file))];
  return new BudgetError('BUDGET_SIZE', `the packet came out at ${formatBytes(bytes)}, over ${formatBytes(limits.maxBytes ?? 0)} (${limits.profile}), with the pages of ${files.join(', ')} copied in as they are`, {
    hint: 'Show only the pages that matter (pages: in case.yaml), or save the PDF again smaller (e.g. print it to PDF) before adding it.',
  });
}

/** The exhibits that cost most, for messages: "3 chat.png (1.20 MB)". */
export function costliest(exhibits: readonly Exhibit[], numbers: readonly number[], indexes: readonly number[], bytes: readonly number[], count = 3): { number: number; file: string; bytes: number }[] {
  return indexes
    .map((e, i) => ({ number: numbers[e]!, file: exhibits[e]!.file, bytes: bytes[i] ?? 0 }))
    .sort((a, b) => b.bytes - a.bytes || a.number - b.number)
    .slice(0, count);
}

function budgetError(input: PacketInput, slotIndexes: readonly number[], slotFloorBytes: readonly number[], imageBudget: number, limits: Limits): BudgetError {
  const { number } = exhibitNumbering(input);
  const numbers = input.exhibits.map((_, i) => number(i));
  // A PDF's painted pages are images of one exhibit: counted, named and left out together.
  const summed = new Map<number, number>();
  slotIndexes.forEach((index, slot) => summed.set(index, (summed.get(index) ?? 0) + (slotFloorBytes[slot] ?? 0)));
  const indexes = [...summed.keys()];
  const floorBytes = [...summed.values()];
  const floorTotal = floorBytes.reduce((a, b) => a + b, 0);
  const costly = costliest(input.exhibits, numbers, indexes, floorBytes);
  const drop = exhibitsToDrop(floorBytes, imageBudget).map((i) => numbers[indexes[i]!]!);
  const dropText = drop.length ? ` Leaving out ${describeDrop(drop)} would fit.` : '';
  const splitText = limits.files === 'several' ? ', or pass --split to write several files, each within the limit' : '';
  return new BudgetError(
    'BUDGET_SIZE',
    `the packet cannot fit ${formatBytes(limits.maxBytes ?? 0)} (${limits.profile}) without going below the legibility floor (${LEGIBILITY_FLOOR_DPI} dpi): at the floor its images need ${formatBytes(floorTotal)} and ${formatBytes(Math.max(0, imageBudget))} is left for them. Largest exhibits: ${costly
      .map((c) => `${c.number} ${c.file} (${formatBytes(c.bytes)})`)
      .join(', ')}.${dropText}`,
    {
      hint: `Crop those exhibits to the part that matters (crop: in case.yaml), leave out the least important${splitText || ', or split the case into several files if your processor accepts them'}.`,
      details: { floorBytes: floorTotal, imageBudget, costly, drop },
    },
  );
}
