import pLimit from 'p-limit';
import { sharp } from '../io/cjs.js';
import type { ImageExhibit } from '../evidence/model.js';
import { cached, type FactCache } from '../io/fact-cache.js';
import { ENCODER_VERSION, encodeAtRung, encodedWidth, type PreparedImage } from '../imaging/encode.js';
import { visibleSize } from '../imaging/visible.js';
import { LOSSLESS, ladderFor, MAX_DPI, type Rung } from './ladder.js';

export interface FitInput {
  readonly exhibits: readonly ImageExhibit[];
  /** Width each image is placed at, in points. */
  readonly placedWidths: readonly number[];
  readonly load: (index: number) => Promise<Buffer>;
  readonly grayscale: boolean;
  /** Embed every image truecolour at full resolution (a reference for measuring loss). */
  readonly lossless?: boolean;
  /**
   * Bytes the images may take in all, or undefined for no limit. A promise, so the caller
   * can measure the rest of the packet while the first sample images are being encoded.
   */
  readonly imageBudget?: number | Promise<number>;
  readonly concurrency?: number;
  readonly onProgress?: (done: number, total: number, file: string) => void;
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
  const { exhibits, placedWidths, load, grayscale } = input;
  // Three images at once on two libvips threads: while two are in libvips, the third's
  // JavaScript steps (counting colours, the stroke pass) run here. 3 % faster on the bench
  // than two at once; four are no faster than three.
  const limit = pLimit(Math.max(1, input.concurrency ?? 3));
  const ladders = exhibits.map((e) => (input.lossless ? LOSSLESS : ladderFor(e.image.format === 'jpeg', grayscale)));
  const outputPixels = outputPixelsOf(exhibits, placedWidths, ladders);
  let done = 0;

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
        input.onProgress?.(++done, exhibits.length, exhibit.file);
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

/** Pixels each image is encoded with at a rung (see encodedWidth); at its ladder's top rung by default. */
function outputPixelsOf(exhibits: readonly ImageExhibit[], placedWidths: readonly number[], ladders: readonly (readonly Rung[])[]): (i: number, rung?: Rung) => number {
  return (i, rung = ladders[i]![0]!) => {
    const { width, height } = visibleSize(exhibits[i]!);
    const w = encodedWidth(exhibits[i]!, placedWidths[i]!, rung);
    return w * (w * (height / width));
  };
}

/**
 * How busy an image is, from its own file: bytes per pixel as it came. A chat screenshot
 * with a photo in it compresses worse than a near-empty one at any encoding, so the
 * sample's bytes per pixel are shared out by this (it tells `check` which exhibits cost most).
 */
function sourceDensityOf(exhibits: readonly ImageExhibit[]): (i: number) => number {
  return (i) => {
    const { source, image } = exhibits[i]!;
    return Math.max(1e-3, source.bytes / Math.max(1, image.width * image.height));
  };
}

/** Predicted bytes per image at two points of its ladder. */
export interface ImageEstimate {
  /** At the sharp rung (screenshots in 16 colours as captured, photos JPEG q65 at 200 dpi): what a split packs by. */
  readonly sharp: number[];
  /** At the legibility floor. */
  readonly floor: number[];
}

/** The sharp rung: the last one at the ladder's top resolution that costs at most one step of colour or quality. */
export function sharpLevel(ladder: readonly Rung[]): number {
  let level = 0;
  ladder.forEach((rung, i) => {
    if (rung.dpi === ladder[0]!.dpi && rung.cost <= 1) level = i;
  });
  return level;
}

/**
 * Predicts each image's bytes without encoding them all: the sample the fitter takes (every
 * eighth image of each kind, at the sharp rung), and the floor sampled too unless
 * `floorMatters` says it cannot matter. For `check` and for planning a split.
 */
export async function estimateImageBytes(
  input: Pick<FitInput, 'exhibits' | 'placedWidths' | 'load' | 'grayscale' | 'concurrency'> & {
    /** Given the predicted bytes with every image sharp: is the floor worth sampling too? */
    readonly floorMatters?: (sharpTotal: number) => boolean | Promise<boolean>;
    /** Where the sample's sizes are kept, so a second check encodes nothing. */
    readonly cache?: FactCache;
  },
): Promise<ImageEstimate> {
  const { exhibits, placedWidths, load, grayscale } = input;
  const limit = pLimit(Math.max(1, input.concurrency ?? 2));
  const ladders = exhibits.map((e) => ladderFor(e.image.format === 'jpeg', grayscale));
  const encodeAt = (i: number, rung: Rung) =>
    cached(input.cache, encodedBytesKey(exhibits[i]!, placedWidths[i]!, rung), isByteCount, () =>
      limit(async () => (await encodeAtRung(exhibits[i]!, await load(i), placedWidths[i]!, rung)).data.length),
    );
  const pixels = outputPixelsOf(exhibits, placedWidths, ladders);
  const density = sourceDensityOf(exhibits);
  const predict = await predictSizes(ladders, pixels, density, encodeAt);
  const sharp = exhibits.map((_, i) => Math.round(predict(i, sharpLevel(ladders[i]!))));
  // When the sharp images are over, the floor decides: it is sampled too, as how much a
  // lower resolution saves depends on the images. Otherwise the ladder's ratios will do.
  const predictFloor =
    (await input.floorMatters?.(sharp.reduce((a, b) => a + b, 0))) === false
      ? predict
      : await predictSizes(ladders, pixels, density, encodeAt, (ladder) => ladder.length - 1);
  return {
    sharp,
    floor: exhibits.map((_, i) => Math.round(Math.min(predictFloor(i, ladders[i]!.length - 1), sharp[i]!))),
  };
}

/**
 * Bytes each image would take at each rung, from a deterministic sample: every eighth image
 * of each kind (at least one), encoded once at the sharp rung, where big packets end up.
 * Its bytes per output pixel, scaled by the ladder's measured ratios, predict every rung.
 */
async function predictSizes(
  ladders: readonly (readonly Rung[])[],
  pixels: (i: number, rung?: Rung) => number,
  density: (i: number) => number,
  encodeAt: (i: number, rung: Rung) => Promise<number>,
  sampleLevel: (ladder: readonly Rung[]) => number = sharpLevel,
): Promise<(i: number, level: number) => number> {
  const kind = (i: number) => ladders[i]![0]!.encoding;
  const samples = new Map<string, number[]>();
  ladders.forEach((_, i) => samples.set(kind(i), [...(samples.get(kind(i)) ?? []), i]));
  // Every sample is queued at once, so both cores stay busy across kinds.
  const sampled = [...samples].map(([k, members]) => {
    const picked = members.filter((_, n) => n % 8 === 0);
    const measured = Promise.all(
      picked.map(async (i) => {
        const level = sampleLevel(ladders[i]!);
        const rung = ladders[i]![level]!;
        const nominal = (Math.min(rung.dpi, MAX_DPI) / MAX_DPI) ** 2;
        const scale = rung.ratio * (pixels(i, rung) / pixels(i) / nominal);
        return { i, bytes: (await encodeAt(i, rung)) / scale };
      }),
    );
    return { k, measured };
  });
  const perPixel = new Map<string, number>();
  for (const { k, measured: pending } of sampled) {
    const measured = await pending;
    perPixel.set(k, measured.reduce((s, m) => s + m.bytes, 0) / measured.reduce((s, m) => s + pixels(m.i) * density(m.i), 0));
  }
  // A ladder's ratios assume the image is scaled down by the full step in dpi; an image
  // already smaller than that loses fewer pixels. And no rung is predicted above the one before.
  const raw = (i: number, level: number) => {
    const rung = ladders[i]![level]!;
    const nominal = (Math.min(rung.dpi, MAX_DPI) / MAX_DPI) ** 2;
    const actual = pixels(i, rung) / pixels(i);
    return perPixel.get(kind(i))! * pixels(i) * density(i) * rung.ratio * (actual / nominal);
  };
  return (i, level) => {
    let bytes = raw(i, 0);
    for (let k = 1; k <= level; k++) bytes = Math.min(bytes, raw(i, k));
    return bytes;
  };
}

/** Everything an encoding's size depends on: the file, the marks drawn into its pixels, the rung and width, libvips. */
function encodedBytesKey(exhibit: ImageExhibit, placedWidth: number, rung: Rung): unknown {
  const { encoding, colours, quality, gray } = rung;
  return {
    fact: 'encoded-bytes',
    version: ENCODER_VERSION,
    vips: sharp.versions.vips,
    sha256: exhibit.source.sha256,
    crop: exhibit.marks.crop ?? null,
    redact: exhibit.marks.redact,
    width: encodedWidth(exhibit, placedWidth, rung),
    rung: { encoding, colours: colours ?? null, quality: quality ?? null, gray: gray ?? false },
  };
}

function isByteCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
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

/** "exhibits 3, 7" — or, when it would take many, how many of them. */
export function describeDrop(numbers: readonly number[]): string {
  const sorted = [...numbers].sort((a, b) => a - b);
  if (sorted.length > 6) return `${sorted.length} of the exhibits (the largest first)`;
  return `exhibit${sorted.length > 1 ? 's' : ''} ${sorted.join(', ')}`;
}
