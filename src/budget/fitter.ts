import pLimit from 'p-limit';
import { encodeAtRung, type PreparedImage } from '../imaging/encode.js';
import { laddersOf, outputPixelsOf, predictSizes, sourceDensityOf, type ImageSet } from './estimate.js';
import { LOSSLESS, type Rung } from './ladder.js';

export interface FitInput extends ImageSet {
  /** Embed every image truecolour at full resolution (a reference for measuring loss). */
  readonly lossless?: boolean;
  /**
   * Bytes the images may take in all, or undefined for no limit. A promise, so the caller
   * can measure the rest of the packet while the first sample images are being encoded.
   */
  readonly imageBudget?: number | Promise<number>;
  /** Told as each image's first encode is done. */
  readonly onEncoded?: (file: string) => void;
}

export type FitResult =
  | { readonly ok: true; readonly images: PreparedImage[] }
  | {
      readonly ok: false;
      /** Bytes per image at the legibility floor, to say what to crop or leave out. */
      readonly floorBytes: number[];
      readonly imageBudget: number;
    };

/**
 * Chooses an encoding per image so that all images together fit `imageBudget`, with the
 * least loss: every image starts at the best rung; cheap steps (fewer colours, lower JPEG
 * quality) are taken everywhere, largest images first, before any step that lowers a
 * screenshot's resolution. A first guess from a sample saves most re-encodes; real sizes then decide.
 * Deterministic: the order depends only on sizes and exhibit order.
 */
export async function fitToBudget(input: FitInput): Promise<FitResult> {
  const { exhibits, placedWidths, load } = input;
  // Three images at once on two libvips threads: while two are in libvips, the third's
  // JavaScript steps (counting colours, the stroke pass) run here: faster than two at once,
  // and a fourth waits on the same two threads.
  const limit = pLimit(Math.max(1, input.concurrency ?? 3));
  const ladders = input.lossless ? exhibits.map(() => LOSSLESS) : laddersOf(input);
  const outputPixels = outputPixelsOf(exhibits, placedWidths, ladders);

  // Sampled encodes are kept, so an image sampled at the rung it ends on is not encoded twice.
  const kept = new Map<string, Promise<PreparedImage>>();
  const encodeFresh = async (i: number, rung: Rung): Promise<PreparedImage> => {
    const exhibit = exhibits[i]!;
    return encodeAtRung(exhibit, await load(i), placedWidths[i]!, rung);
  };
  const encode = (i: number, rung: Rung): Promise<PreparedImage> => kept.get(`${i}\u0000${rung.label}`) ?? encodeFresh(i, rung);

  let budget: number | undefined;
  const level = exhibits.map(() => 0);
  if (input.imageBudget !== undefined) {
    // Guess each image's rung from a sample before encoding all: most images are then
    // encoded once, at the rung they keep.
    const predicting = predictSizes(ladders, outputPixels, sourceDensityOf(exhibits), async (i, rung) => {
      const job = limit(() => encodeFresh(i, rung));
      kept.set(`${i}\u0000${rung.label}`, job);
      return (await job).data.length;
    });
    budget = Math.max(0, await input.imageBudget);
    const predict = await predicting;
    while (exhibits.reduce((sum, _, i) => sum + predict(i, level[i]!), 0) > budget * 0.97) {
      const next = cheapestStep(ladders, level, (i) => predict(i, level[i]!));
      if (next === undefined) break;
      level[next] = level[next]! + 1;
    }
  }
  const images = await Promise.all(
    exhibits.map((exhibit, i) =>
      limit(async () => {
        const image = await encode(i, ladders[i]![level[i]!]!);
        input.onEncoded?.(exhibit.file);
        return image;
      }),
    ),
  );
  const total = () => images.reduce((sum, image) => sum + image.data.length, 0);
  if (budget === undefined || total() <= budget) return { ok: true, images };

  // Then real sizes: keep stepping, one encode at a time, until it fits or nothing is left.
  while (total() > budget) {
    const next = cheapestStep(ladders, level, (i) => images[i]!.data.length);
    if (next === undefined) return { ok: false, floorBytes: images.map((image) => image.data.length), imageBudget: budget };
    level[next] = level[next]! + 1;
    images[next] = await encode(next, ladders[next]![level[next]!]!);
  }
  return { ok: true, images };
}

/** The image whose next rung costs least legibility; among equals, the one with most bytes. */
function cheapestStep(ladders: readonly (readonly Rung[])[], level: readonly number[], bytes: (i: number) => number): number | undefined {
  let best: { i: number; cost: number; bytes: number } | undefined;
  ladders.forEach((ladder, i) => {
    const rung = ladder[level[i]! + 1];
    if (!rung) return;
    const b = bytes(i);
    if (!best || rung.cost < best.cost || (rung.cost === best.cost && b > best.bytes)) best = { i, cost: rung.cost, bytes: b };
  });
  return best?.i;
}
