import pLimit from 'p-limit';
import type { ImageExhibit } from '../evidence/model.js';
import { decodeForEmbedding, encodeAtRung, type PreparedImage } from '../packet/prepare-image.js';
import { ladderFor, type Rung } from './ladder.js';

export interface FitInput {
  readonly exhibits: readonly ImageExhibit[];
  /** Width each image is placed at, in points. */
  readonly placedWidths: readonly number[];
  readonly load: (index: number) => Promise<Buffer>;
  readonly grayscale: boolean;
  /** Bytes the images may take in all, or undefined for no limit. */
  readonly imageBudget?: number;
  readonly concurrency?: number;
  readonly onProgress?: (done: number, total: number, file: string) => void;
}

export type FitResult =
  | { readonly ok: true; readonly images: PreparedImage[] }
  | {
      readonly ok: false;
      /** Bytes per image at the legibility floor, and what dropping the dearest would save. */
      readonly floorBytes: number[];
      readonly imageBudget: number;
      readonly images: PreparedImage[];
    };

/**
 * Chooses an encoding per image so that all images together fit `imageBudget`, with the
 * least loss: every image starts at the best rung; cheap steps (fewer colours, lower JPEG
 * quality) are taken everywhere, largest images first, before any step that lowers the
 * resolution. A first guess from each rung's expected ratio saves most re-encodes; real
 * sizes then decide. Deterministic: the order depends only on sizes and exhibit order.
 */
export async function fitToBudget(input: FitInput): Promise<FitResult> {
  const { exhibits, placedWidths, load, grayscale } = input;
  const limit = pLimit(Math.max(1, input.concurrency ?? 2));
  const ladders = exhibits.map((e) => ladderFor(e.image.format === 'jpeg', grayscale));
  let done = 0;

  const encode = async (i: number, rung: Rung): Promise<PreparedImage> => {
    const exhibit = exhibits[i]!;
    const decoded = await decodeForEmbedding(exhibit, await load(i));
    return encodeAtRung(exhibit, decoded, placedWidths[i]!, rung);
  };

  const images = await Promise.all(
    exhibits.map((exhibit, i) =>
      limit(async () => {
        const image = await encode(i, ladders[i]![0]!);
        input.onProgress?.(++done, exhibits.length, exhibit.file);
        return image;
      }),
    ),
  );
  const budget = input.imageBudget;
  const total = () => images.reduce((sum, image) => sum + image.data.length, 0);
  if (budget === undefined || total() <= budget) return { ok: true, images };

  // First guess: step down by expected ratios until the estimate fits with a margin.
  const level = exhibits.map(() => 0);
  const firstBytes = images.map((image) => image.data.length);
  const estimate = (i: number) => firstBytes[i]! * ladders[i]![level[i]!]!.ratio;
  const estimatedTotal = () => exhibits.reduce((sum, _, i) => sum + estimate(i), 0);
  while (estimatedTotal() > budget * 0.95) {
    const next = cheapestStep(ladders, level, estimate);
    if (next === undefined) break;
    level[next] = level[next]! + 1;
  }
  await Promise.all(
    exhibits.map((_, i) =>
      level[i] === 0 ? undefined : limit(async () => void (images[i] = await encode(i, ladders[i]![level[i]!]!))),
    ),
  );

  // Then real sizes: keep stepping, one encode at a time, until it fits or nothing is left.
  while (total() > budget) {
    const next = cheapestStep(ladders, level, (i) => images[i]!.data.length);
    if (next === undefined) return { ok: false, floorBytes: images.map((image) => image.data.length), imageBudget: budget, images };
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

/** The fewest exhibits to leave out (dearest first) so the rest fit; empty if none would help. */
export function exhibitsToDrop(bytes: readonly number[], budget: number): number[] {
  const order = bytes.map((b, i) => ({ b, i })).sort((x, y) => y.b - x.b || x.i - y.i);
  let total = bytes.reduce((a, b) => a + b, 0);
  const dropped: number[] = [];
  for (const { b, i } of order) {
    if (total <= budget) break;
    total -= b;
    dropped.push(i);
  }
  return total <= budget ? dropped.sort((a, b) => a - b) : [];
}
