import pLimit from 'p-limit';
import { sharp } from '../io/cjs.js';
import { isPhotoFormat, type ImageExhibit } from '../evidence/model.js';
import { cached, type FactCache } from '../io/fact-cache.js';
import { ENCODER_VERSION, encodeAtRung, encodedWidth } from '../imaging/encode.js';
import { visibleSize } from '../imaging/visible.js';
import { ladderFor, MAX_DPI, type Rung } from './ladder.js';

/** The images a fitter or an estimate works on, in packet order. */
export interface ImageSet {
  readonly exhibits: readonly ImageExhibit[];
  /** Width each image is placed at, in points. */
  readonly placedWidths: readonly number[];
  readonly load: (index: number) => Promise<Buffer>;
  readonly grayscale: boolean;
  readonly concurrency?: number;
  /** Whether each image's text is shown enlarged apart (a photo's text band, an image of its own): its whole view may go lower. */
  readonly textApart?: readonly boolean[];
}

/** Each image's ladder (see ladderFor). */
export function laddersOf(set: ImageSet): (readonly Rung[])[] {
  return set.exhibits.map((e, i) => ladderFor(isPhotoFormat(e.image.format), set.grayscale, set.textApart?.[i] ?? false));
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

/** Room left for each image object's dictionary and for rounding: 1 % plus 1 KB an image. */
export function budgetHeadroom(maxBytes: number, images: number): number {
  return Math.ceil(maxBytes * 0.01) + images * 1024;
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
  input: ImageSet & {
    /** Given the predicted bytes with every image sharp: is the floor worth sampling too? */
    readonly floorMatters?: (sharpTotal: number) => boolean | Promise<boolean>;
    /** Where the sample's sizes are kept, so a second check encodes nothing. */
    readonly cache?: FactCache;
  },
): Promise<ImageEstimate> {
  const { exhibits, placedWidths, load } = input;
  const limit = pLimit(Math.max(1, input.concurrency ?? 2));
  const ladders = laddersOf(input);
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
export async function predictSizes(
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
    darken: exhibit.marks.darken ?? false,
    width: encodedWidth(exhibit, placedWidth, rung),
    rung: { encoding, colours: colours ?? null, quality: quality ?? null, gray: gray ?? false },
  };
}

function isByteCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** Pixels each image is encoded with at a rung (see encodedWidth); at its ladder's top rung by default. */
export function outputPixelsOf(
  exhibits: readonly ImageExhibit[],
  placedWidths: readonly number[],
  ladders: readonly (readonly Rung[])[],
): (i: number, rung?: Rung) => number {
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
export function sourceDensityOf(exhibits: readonly ImageExhibit[]): (i: number) => number {
  return (i) => {
    const { source, image } = exhibits[i]!;
    return Math.max(1e-3, source.bytes / Math.max(1, image.width * image.height));
  };
}
