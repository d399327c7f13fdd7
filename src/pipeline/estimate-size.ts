import { budgetHeadroom, estimateImageBytes, type ImageEstimate, type SizeEstimate } from '../budget/estimate.js';
import type { Limits } from '../budget/profiles.js';
import { type FontSet, exhibitNumbering, type PacketInput, type PacketPlan, renderPacket, type RenderOptions, planPacket } from '../document/index.js';
import type { FactCache } from '../io/fact-cache.js';
import { documentsOf, imagesOf, shrinkDocumentPages } from './packet-images.js';
import type { ImageReader } from './image-reader.js';

/** Predicted image bytes of a planned packet (sharp and at the floor), from a sample. */
export function estimateImages(
  input: PacketInput,
  plan: PacketPlan,
  reader: ImageReader,
  limits: Limits,
  floorMatters?: (sharpTotal: number) => boolean | Promise<boolean>,
  cache?: FactCache,
): Promise<ImageEstimate> {
  const images = imagesOf(input, plan, reader);
  return estimateImageBytes({
    exhibits: images.exhibits,
    placedWidths: images.placedWidths,
    load: (i) => images.load(i),
    grayscale: limits.blackAndWhite,
    textApart: images.textApart,
    ...(floorMatters ? { floorMatters } : {}),
    ...(cache ? { cache } : {}),
  });
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
  const estimate = (input: PacketInput, plan: PacketPlan) => estimateAsPlanned(input, plan, { fonts, limits, render, reader, ...(cache ? { cache } : {}) });
  // As build does: when PDF pages copied as they are do not fit, their JPEGs are recompressed, then the pages painted.
  let best = await estimate(input, plan);
  for (let attempt = input, next = shrinkDocumentPages(attempt); best.floor > limits.maxBytes && next; attempt = next, next = shrinkDocumentPages(attempt)) {
    const shrunk = await estimate(next, planPacket(fonts, next));
    if (shrunk.floor < best.floor) best = shrunk;
  }
  return best;
}

interface EstimateContext {
  readonly fonts: FontSet;
  readonly limits: Limits & { maxBytes: number };
  readonly render: RenderOptions;
  readonly reader: ImageReader;
  readonly cache?: FactCache;
}

async function estimateAsPlanned(input: PacketInput, plan: PacketPlan, { fonts, limits, render, reader, cache }: EstimateContext): Promise<SizeEstimate> {
  const images = imagesOf(input, plan, reader);
  const bare = renderPacket(fonts, plan, async () => undefined, render, documentsOf(input, reader));
  const headroom = budgetHeadroom(limits.maxBytes, images.exhibits.length);
  // The floor is sampled only when the sharp images would not fit (check stays quick).
  const estimate = await estimateImages(
    input,
    plan,
    reader,
    limits,
    async (sharpTotal) => (await bare).length + headroom + sharpTotal > limits.maxBytes,
    cache,
  );
  const fixed = (await bare).length + headroom;
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  const { number } = exhibitNumbering(input);
  // A PDF's painted pages are images of one exhibit: summed, the exhibit is listed once.
  const byExhibit = new Map<number, { sharp: number; floor: number }>();
  images.indexes.forEach((index, slot) => {
    const seen = byExhibit.get(index) ?? { sharp: 0, floor: 0 };
    byExhibit.set(index, { sharp: seen.sharp + estimate.sharp[slot]!, floor: seen.floor + estimate.floor[slot]! });
  });
  return {
    limit: limits.maxBytes,
    fixed,
    sharp: fixed + sum(estimate.sharp),
    floor: fixed + sum(estimate.floor),
    exhibits: [...byExhibit]
      .map(([index, bytes]) => ({ number: number(index), file: input.exhibits[index]!.file, ...bytes }))
      .sort((a, b) => b.floor - a.floor || a.number - b.number),
  };
}
