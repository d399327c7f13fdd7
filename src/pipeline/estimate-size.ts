import { budgetHeadroom, estimateImageBytes, type ImageEstimate, type SizeEstimate } from '../budget/estimate.js';
import type { Limits } from '../budget/profiles.js';
import type { FontSet } from '../document/fonts.js';
import { exhibitNumbering, type PacketInput, type PacketPlan } from '../document/packet-input.js';
import { renderPacket, type RenderOptions } from '../document/render.js';
import type { FactCache } from '../io/fact-cache.js';
import { documentsOf, imagesOf, paintImagePages } from './fit-and-render.js';
import { planPacket } from '../document/plan.js';
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
  const copied = await estimateAsPlanned(fonts, input, plan, limits, render, reader, cache);
  // As build does: PDF pages whose images are too heavy copied as they are are painted instead.
  const painted = copied.floor > limits.maxBytes ? paintImagePages(input) : undefined;
  if (!painted) return copied;
  const repainted = await estimateAsPlanned(fonts, painted, planPacket(fonts, painted), limits, render, reader, cache);
  return repainted.floor < copied.floor ? repainted : copied;
}

async function estimateAsPlanned(
  fonts: FontSet,
  input: PacketInput,
  plan: PacketPlan,
  limits: Limits & { maxBytes: number },
  render: RenderOptions,
  reader: ImageReader,
  cache?: FactCache,
): Promise<SizeEstimate> {
  const images = imagesOf(input, plan, reader);
  const bare = renderPacket(fonts, plan, async () => undefined, render, documentsOf(input, reader));
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
