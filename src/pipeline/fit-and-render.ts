import { type Limits, formatBytes } from '../budget/profiles.js';
import { describeDrop, exhibitsToDrop } from '../budget/drop-advice.js';
import { budgetHeadroom } from '../budget/estimate.js';
import { fitToBudget } from '../budget/fitter.js';
import { LEGIBILITY_FLOOR_DPI } from '../budget/ladder.js';
import { type FontSet, exhibitNumbering, type PacketInput, type PacketPlan, planPacket, renderPacket, type RenderOptions } from '../document/index.js';
import { BudgetError } from '../errors.js';
import type { Exhibit } from '../evidence/model.js';
import { phaseCounter, type ProgressListener } from '../evidence/progress.js';
import type { PreparedImage } from '../imaging/encode.js';
import type { ImageReader } from './image-reader.js';
import { documentsOf, imagesOf, regionKey, shrinkDocumentPages } from './packet-images.js';

export interface FitRenderOptions {
  readonly limits: Limits;
  readonly lossless: boolean;
  readonly render: RenderOptions;
  /** Told as each image is encoded and each page drawn. */
  readonly onProgress?: ProgressListener;
}

export type FitRenderResult =
  | {
      readonly ok: true;
      readonly pdf: Uint8Array;
      /** Each exhibit's image; with the bytes of its region view's own image, when it has one (a photo's text band). */
      readonly images: ((PreparedImage & { readonly regionBytes?: number }) | undefined)[];
      /** What was rendered: the input and plan given, or with PDF pages painted to fit the budget. */
      readonly input: PacketInput;
      readonly plan: PacketPlan;
    }
  | { readonly ok: false; readonly error: BudgetError };

/**
 * Fits the packet's images into what the size limit leaves after the rest of the packet,
 * then renders it. A packet the floor cannot fit comes back as a BudgetError to throw.
 */
export async function fitAndRender(
  fonts: FontSet,
  input: PacketInput,
  plan: PacketPlan,
  reader: ImageReader,
  options: FitRenderOptions,
): Promise<FitRenderResult> {
  let result = await fitOnce(fonts, input, plan, reader, options);
  if (options.lossless || options.limits.maxBytes === undefined) return result;
  // A PDF copied as it is keeps its images as they were saved (a 300 dpi scan, say). When the
  // packet does not fit, their JPEGs go down the photo ladder while the pages stay text;
  // pages that still do not fit, or whose images are not plain JPEGs, are painted whole.
  for (let attempt = input, next = shrinkDocumentPages(attempt); !result.ok && next; attempt = next, next = shrinkDocumentPages(attempt)) {
    result = await fitOnce(fonts, next, planPacket(fonts, next), reader, options);
  }
  return result;
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
    textApart: images.textApart,
    lossless: options.lossless,
    ...(imageBudget !== undefined ? { imageBudget } : {}),
    ...(options.onProgress ? { onEncoded: phaseCounter(options.onProgress, 'encode', images.exhibits.length) } : {}),
  });
  if (!fit.ok) return { ok: false, error: budgetError(input, images.indexes, fit.floorBytes, fit.imageBudget, limits) };
  const byKey = new Map(images.keys.map((key, slot) => [key, fit.images[slot]!]));
  const render = options.onProgress ? { ...options.render, onPage: phaseCounter(options.onProgress, 'render', plan.pages.length) } : options.render;
  const pdf = await renderPacket(
    fonts,
    plan,
    async (i, page, region) => byKey.get(region ? regionKey(i) : `${i}:${page ?? ''}`),
    render,
    documentsOf(input, reader, (key) => byKey.get(key)),
  );
  if (limits.maxBytes !== undefined && !options.lossless && pdf.length > limits.maxBytes) {
    // PDF pages copied as they are may alone be over the limit: the caller paints those with images.
    if (input.exhibits.some((e) => e.kind === 'document' && e.pages.some((p) => p.treatment === 'vector')))
      return { ok: false, error: copiedPagesError(input, pdf.length, limits) };
    // Otherwise the headroom covers the image objects' own dictionaries; reaching here is a bug.
    throw new BudgetError('BUDGET_SIZE', `the packet came out at ${formatBytes(pdf.length)}, over ${formatBytes(limits.maxBytes)}`, {
      hint: 'Please report this; meanwhile pass a slightly lower --max-size.',
    });
  }
  const imageOf = (i: number) => {
    const [image, region] = [byKey.get(`${i}:`), byKey.get(regionKey(i))];
    return image && region ? { ...image, regionBytes: region.data.length } : image;
  };
  return { ok: true, pdf, images: input.exhibits.map((_, i) => imageOf(i)), input, plan };
}

/** The PDF pages copied as they are (with no images to paint smaller) take the packet over its limit. */
function copiedPagesError(input: PacketInput, bytes: number, limits: Limits): BudgetError {
  const files = [...new Set(input.exhibits.filter((e) => e.kind === 'document').map((e) => e.file))];
  return new BudgetError(
    'BUDGET_SIZE',
    `the packet came out at ${formatBytes(bytes)}, over ${formatBytes(limits.maxBytes ?? 0)} (${limits.profile}), with the pages of ${files.join(', ')} copied in as they are`,
    {
      hint: 'Show only the pages that matter (pages: in case.yaml), or save the PDF again smaller (e.g. print it to PDF) before adding it.',
    },
  );
}

/** The exhibits that cost most, for messages: "3 chat.png (1.20 MB)". */
export function costliest(
  exhibits: readonly Exhibit[],
  numbers: readonly number[],
  indexes: readonly number[],
  bytes: readonly number[],
  count = 3,
): { number: number; file: string; bytes: number }[] {
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
