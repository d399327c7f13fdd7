import { createHash } from 'node:crypto';
import type { Limits } from '../budget/profiles.js';
import { formatBytes } from '../budget/profiles.js';
import { describeDrop, estimateImageBytes, exhibitsToDrop, fitToBudget, type ImageEstimate } from '../budget/fitter.js';
import { LEGIBILITY_FLOOR_DPI } from '../budget/ladder.js';
import { nodeCaseFs, type CaseFs } from '../io/case-fs.js';
import { openZip, type ZipArchive } from '../io/zip.js';
import { BudgetError, errnoCode, FileSystemError, UsageError } from '../errors.js';
import type { Exhibit, ImageExhibit } from '../evidence/model.js';
import type { FactCache } from '../io/fact-cache.js';
import type { FontSet } from '../document/fonts.js';
import { exhibitNumbering, type PacketInput, type PacketPlan } from '../document/packet-input.js';
import type { PreparedImage } from '../imaging/encode.js';
import { renderPacket, type RenderOptions } from '../document/render.js';

/**
 * Reads evidence images back for encoding, checking each is the file that was analysed.
 * A zip's images come out of one opened archive, not one opening per image.
 */
export class ImageReader {
  private readonly archives = new Map<string, Promise<ZipArchive>>();
  constructor(private readonly fs: CaseFs = nodeCaseFs) {}

  async read(exhibit: ImageExhibit): Promise<Buffer> {
    let bytes: Buffer;
    try {
      const archive = exhibit.source.archive;
      if (archive) {
        // Opened by path: entries are read from the file as needed, not the whole zip into memory.
        let zip = this.archives.get(archive.absolutePath);
        if (!zip) this.archives.set(archive.absolutePath, (zip = openZip(archive.absolutePath)));
        bytes = await (await zip).read(archive.entry);
      } else bytes = await this.fs.readFile(exhibit.source.absolutePath);
    } catch (error) {
      throw new FileSystemError('INPUT_VANISHED', `${exhibit.file} could not be read again (${errnoCode(error) ?? String(error)})`, {
        hint: 'Leave the case folder unchanged while a build runs, then build again.',
      });
    }
    if (createHash('sha256').update(bytes).digest('hex') !== exhibit.source.sha256) {
      throw new UsageError('INPUT_CHANGED', `${exhibit.file} changed while the packet was being built`, {
        hint: 'Leave the case folder unchanged while a build runs, then build again.',
      });
    }
    return bytes;
  }

  close(): void {
    for (const archive of this.archives.values()) void archive.then((zip) => zip.close(), () => undefined);
    this.archives.clear();
  }
}

/** The image exhibits of a planned packet, with the packet index and placed width of each. */
export function imagesOf(input: PacketInput, plan: PacketPlan): { exhibits: ImageExhibit[]; indexes: number[]; placedWidths: number[] } {
  const exhibits: ImageExhibit[] = [];
  const indexes: number[] = [];
  const placedWidths: number[] = [];
  input.exhibits.forEach((e, i) => {
    if (e.kind !== 'image') return;
    exhibits.push(e);
    indexes.push(i);
    placedWidths.push(plan.placements.find((p) => p.exhibit === i)!.width);
  });
  return { exhibits, indexes, placedWidths };
}

/** Room left for each image object's dictionary and for rounding: 1 % plus 1 KB an image. */
export function budgetHeadroom(maxBytes: number, images: number): number {
  return Math.ceil(maxBytes * 0.01) + images * 1024;
}

export interface FitRenderOptions {
  readonly limits: Limits;
  readonly lossless: boolean;
  readonly render: RenderOptions;
  readonly onProgress?: (done: number, total: number, file: string) => void;
}

export type FitRenderResult =
  | { readonly ok: true; readonly pdf: Uint8Array; readonly images: (PreparedImage | undefined)[] }
  | { readonly ok: false; readonly error: BudgetError };

/**
 * Fits the packet's images into what the size limit leaves after the rest of the packet,
 * then renders it. A packet the floor cannot fit comes back as a BudgetError to throw.
 */
export async function fitAndRender(fonts: FontSet, input: PacketInput, plan: PacketPlan, reader: ImageReader, options: FitRenderOptions): Promise<FitRenderResult> {
  const { limits } = options;
  const images = imagesOf(input, plan);
  // Measured while the fitter encodes its first samples: the render is JavaScript on this
  // thread, the encoding runs on libvips threads.
  const imageBudget =
    limits.maxBytes === undefined || options.lossless
      ? undefined
      : renderPacket(fonts, plan, async () => undefined, options.render).then(
          (bare) => limits.maxBytes! - bare.length - budgetHeadroom(limits.maxBytes!, images.exhibits.length),
        );
  const fit = await fitToBudget({
    exhibits: images.exhibits,
    placedWidths: images.placedWidths,
    load: (i) => reader.read(images.exhibits[i]!),
    grayscale: limits.blackAndWhite,
    lossless: options.lossless,
    ...(imageBudget !== undefined ? { imageBudget } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  if (!fit.ok) return { ok: false, error: budgetError(input, images.indexes, fit.floorBytes, fit.imageBudget, limits) };
  const byIndex = new Map(images.indexes.map((index, slot) => [index, fit.images[slot]!]));
  const pdf = await renderPacket(fonts, plan, async (i) => byIndex.get(i), options.render);
  if (limits.maxBytes !== undefined && !options.lossless && pdf.length > limits.maxBytes) {
    // The headroom covers the image objects' own dictionaries; reaching here is a bug.
    throw new BudgetError('BUDGET_SIZE', `the packet came out at ${formatBytes(pdf.length)}, over ${formatBytes(limits.maxBytes)}`, {
      hint: 'Please report this; meanwhile pass a slightly lower --max-size.',
    });
  }
  return { ok: true, pdf, images: input.exhibits.map((_, i) => byIndex.get(i)) };
}

/** Predicted image bytes of a planned packet (sharp and at the floor), from a sample. */
export function estimateImages(
  input: PacketInput,
  plan: PacketPlan,
  reader: ImageReader,
  limits: Limits,
  floorMatters?: (sharpTotal: number) => boolean | Promise<boolean>,
  cache?: FactCache,
): Promise<ImageEstimate> {
  const images = imagesOf(input, plan);
  return estimateImageBytes({
    exhibits: images.exhibits,
    placedWidths: images.placedWidths,
    load: (i) => reader.read(images.exhibits[i]!),
    grayscale: limits.blackAndWhite,
    ...(floorMatters ? { floorMatters } : {}),
    ...(cache ? { cache } : {}),
  });
}

/** The exhibits that cost most, for messages: "3 chat.png (1.20 MB)". */
export function costliest(exhibits: readonly Exhibit[], numbers: readonly number[], indexes: readonly number[], bytes: readonly number[], count = 3): { number: number; file: string; bytes: number }[] {
  return indexes
    .map((e, i) => ({ number: numbers[e]!, file: exhibits[e]!.file, bytes: bytes[i] ?? 0 }))
    .sort((a, b) => b.bytes - a.bytes || a.number - b.number)
    .slice(0, count);
}

function budgetError(input: PacketInput, indexes: readonly number[], floorBytes: readonly number[], imageBudget: number, limits: Limits): BudgetError {
  const { number } = exhibitNumbering(input);
  const numbers = input.exhibits.map((_, i) => number(i));
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

/** check's prediction of the packet's size, before anything is encoded in full. */
export interface SizeEstimate {
  readonly limit: number;
  /** The packet without its images, with the headroom the fitter keeps. */
  readonly fixed: number;
  /**
   * Predicted total with every image sharp (screenshots in 16 colours as captured, photos
   * JPEG q65 at 200 dpi: the rung the sample is encoded at, so the closest estimate), and at
   * the legibility floor.
   */
  readonly sharp: number;
  readonly floor: number;
  /** Image exhibits, costliest at the floor first. */
  readonly exhibits: { readonly number: number; readonly file: string; readonly sharp: number; readonly floor: number }[];
}

export async function estimatePacketSize(
  fonts: FontSet,
  input: PacketInput,
  plan: PacketPlan,
  limits: Limits & { maxBytes: number },
  render: RenderOptions,
  reader: ImageReader,
  cache?: FactCache,
): Promise<SizeEstimate> {
  const images = imagesOf(input, plan);
  const bare = renderPacket(fonts, plan, async () => undefined, render);
  const headroom = budgetHeadroom(limits.maxBytes, images.exhibits.length);
  // The floor is sampled only when the sharp images would not fit (check stays quick).
  const estimate = await estimateImages(input, plan, reader, limits, async (sharpTotal) => (await bare).length + headroom + sharpTotal > limits.maxBytes, cache);
  const fixed = (await bare).length + headroom;
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  const { number } = exhibitNumbering(input);
  return {
    limit: limits.maxBytes,
    fixed,
    sharp: fixed + sum(estimate.sharp),
    floor: fixed + sum(estimate.floor),
    exhibits: images.indexes
      .map((index, slot) => ({ number: number(index), file: input.exhibits[index]!.file, sharp: estimate.sharp[slot]!, floor: estimate.floor[slot]! }))
      .sort((a, b) => b.floor - a.floor || a.number - b.number),
  };
}
