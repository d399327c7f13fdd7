import type { Sharp } from 'sharp';
import { sharp } from '../io/cjs.js';
import type { ImageExhibit } from '../evidence/model.js';
import type { EncodeSettings } from './encoding.js';
import { keepInkContrast, neighbourhoodOf } from './ink-contrast.js';
import { quantiseByCounts } from './palette.js';
import { readIndexedPng, writeIndexedPng } from './png.js';
import { openVisible, visibleSize } from './visible.js';

/** Screen pixels are shown at 96 per inch when there is room: a reviewer at 100 % sees them 1:1. */
export const NATURAL_PT_PER_PX = 72 / 96;

export type ImageEncoding = EncodeSettings['encoding'];

export interface PreparedImage {
  readonly encoding: ImageEncoding;
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  /** Pixels per inch at the size the image is placed. */
  readonly dpi: number;
  /** The ladder rung it was encoded at (see budget/ladder.ts). */
  readonly rung: EncodeSettings;
}

/** Bump when an encoding's settings change: sizes cached for the old ones are then ignored. */
export const ENCODER_VERSION = 7;

/**
 * A screenshot is not scaled by less than this: it would blur its text and save nothing
 * (a slightly scaled capture comes out larger in 16 colours than the one as captured, and
 * reads worse). JPEG photos always take the rung's dpi:
 * their bytes follow their pixels.
 */
const LEAST_SCREENSHOT_SCALE = 0.85;

/** Width in pixels an image is encoded at: the rung's dpi at its placed width, never above its own (nor, for a screenshot, just below it). */
export function encodedWidth(exhibit: ImageExhibit, placedWidthPt: number, rung: Pick<EncodeSettings, 'dpi' | 'encoding'>): number {
  const own = visibleSize(exhibit).width;
  const width = Math.max(1, Math.min(own, Math.round((placedWidthPt / 72) * rung.dpi)));
  return rung.encoding !== 'jpeg' && width >= own * LEAST_SCREENSHOT_SCALE ? own : width;
}

/** Crops, scales to the width encodedWidth gives and encodes. */
export async function encodeAtRung(exhibit: ImageExhibit, bytes: Buffer, placedWidthPt: number, rung: EncodeSettings): Promise<PreparedImage> {
  const visible = visibleSize(exhibit);
  const targetWidth = encodedWidth(exhibit, placedWidthPt, rung);
  let pipeline = await openVisible(exhibit, bytes);
  // Lanczos2 rings less than lanczos3 round text: smaller 16-colour PNGs that OCR reads better.
  if (targetWidth < visible.width) pipeline = pipeline.resize({ width: targetWidth, kernel: 'lanczos2' });
  const gray = rung.gray === true;
  if (gray) pipeline = pipeline.grayscale().toColourspace('b-w');
  if (rung.encoding === 'jpeg') {
    // Trellis quantisation is most of mozjpeg's saving. Its progressive scan search costs
    // much time for little on photos (more on text-like JPEGs such as receipts): the fitter
    // steps a JPEG's quality down a little sooner instead.
    pipeline = pipeline.jpeg({
      quality: rung.quality ?? 80,
      trellisQuantisation: true,
      overshootDeringing: true,
      optimiseCoding: true,
      quantisationTable: 3,
      chromaSubsampling: '4:2:0',
    });
  } else if (rung.encoding === 'png-rgb' || (gray && rung.colours === 256)) {
    pipeline = pipeline.png({ compressionLevel: 9, adaptiveFiltering: true });
  } else if (rung.colours !== 16) {
    pipeline = pipeline.png({ ...QUANTISER, colours: 256, compressionLevel: 9 });
  }
  const out = rung.encoding === 'png-palette' && rung.colours === 16 ? await sixteenColours(pipeline) : await pipeline.toBuffer({ resolveWithObject: true });
  return {
    encoding: rung.encoding,
    data: out.data,
    width: out.info.width,
    height: out.info.height,
    dpi: Math.round(out.info.width / (placedWidthPt / 72)),
    rung,
  };
}

// libimagequant at effort 3 (speed 8): much less time than sharp's default 7 for slightly
// more bytes, which the smaller lanczos2 output more than pays. At this speed it
// posterises colours by one bit (a flat colour may move by 1 of 255).
const QUANTISER = { palette: true, dither: 0, effort: 3 } as const;

/**
 * 16 colours, with small text kept as dark as it was (see ink-contrast.ts): libimagequant
 * chooses the palette and a first index per pixel, strokes that lost contrast are re-indexed,
 * and the PNG is written here (libvips writes it uncompressed, so it is deflated only once).
 */
async function sixteenColours(pipeline: Sharp): Promise<{ data: Buffer; info: { width: number; height: number } }> {
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;
  const source = { data, width, height, channels };
  // The blur runs in libvips while the colours are counted here (see palette.ts).
  const blurring = neighbourhoodOf(source);
  const image =
    (await quantiseByCounts(source, { quantiser: QUANTISER, colours: 16 })) ??
    readIndexedPng(
      await sharp(data, { raw: { width, height, channels } })
        .png({ ...QUANTISER, colours: 16, compressionLevel: 0 })
        .toBuffer(),
    );
  const blurred = await blurring;
  keepInkContrast(source, blurred, image);
  return { data: await writeIndexedPng(image), info };
}
