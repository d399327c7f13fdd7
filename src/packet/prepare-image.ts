import sharp from 'sharp';
import type { ImageExhibit, Rect } from '../evidence/model.js';
import { MAX_IMAGE_PIXELS } from '../formats/image/read-image.js';

/** Images are never embedded above this resolution at their placed size. */
export const MAX_DPI = 200;
/** Screen pixels are shown at 96 per inch when there is room: a reviewer at 100 % sees them 1:1. */
export const NATURAL_PT_PER_PX = 72 / 96;

export type ImageEncoding = 'png-palette' | 'png-gray' | 'jpeg';

export interface PreparedImage {
  readonly encoding: ImageEncoding;
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  /** Pixels per inch at the size the image is placed. */
  readonly dpi: number;
}

/** Size of the image after crop, in source pixels. */
export function visibleSize(exhibit: ImageExhibit): { width: number; height: number } {
  const crop = exhibit.marks.crop;
  return crop ? { width: crop[2], height: crop[3] } : { width: exhibit.image.width, height: exhibit.image.height };
}

/**
 * Decodes the first frame upright, destroys redacted pixels, crops, scales down to at most
 * MAX_DPI at the placed width and encodes: JPEG sources stay JPEG, the rest (screenshots:
 * flat colour and text) become an undithered palette PNG, which keeps text edges crisp.
 * Nothing of the source's metadata is carried over.
 */
export async function prepareImage(
  exhibit: ImageExhibit,
  bytes: Buffer,
  placedWidthPt: number,
  options: { grayscale: boolean },
): Promise<PreparedImage> {
  const decoded = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'truncated', pages: 1 })
    .rotate()
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height, channels } = decoded.info;
  const pixels = decoded.data;
  for (const rect of exhibit.marks.redact) destroyPixels(pixels, width, height, channels, rect);

  const visible = visibleSize(exhibit);
  const targetWidth = Math.max(1, Math.min(visible.width, Math.round((placedWidthPt / 72) * MAX_DPI)));
  let pipeline = sharp(pixels, { raw: { width, height, channels } });
  const crop = exhibit.marks.crop;
  if (crop) pipeline = pipeline.extract({ left: crop[0], top: crop[1], width: crop[2], height: crop[3] });
  if (targetWidth < visible.width) pipeline = pipeline.resize({ width: targetWidth, kernel: 'lanczos3' });
  if (options.grayscale) pipeline = pipeline.grayscale().toColourspace('b-w');

  let encoding: ImageEncoding;
  if (exhibit.image.format === 'jpeg') {
    encoding = 'jpeg';
    pipeline = pipeline.jpeg({ quality: 85, mozjpeg: true, chromaSubsampling: options.grayscale ? '4:2:0' : '4:4:4' });
  } else if (options.grayscale) {
    encoding = 'png-gray';
    pipeline = pipeline.png({ compressionLevel: 9, adaptiveFiltering: true });
  } else {
    encoding = 'png-palette';
    pipeline = pipeline.png({ palette: true, colours: 256, dither: 0, compressionLevel: 9, effort: 7 });
  }
  const out = await pipeline.toBuffer({ resolveWithObject: true });
  return {
    encoding,
    data: out.data,
    width: out.info.width,
    height: out.info.height,
    dpi: Math.round(out.info.width / (placedWidthPt / 72)),
  };
}

/** Overwrites the rectangle with black: the original pixels do not survive into the PDF. */
function destroyPixels(pixels: Buffer, width: number, height: number, channels: number, rect: Rect): void {
  const [x, y, w, h] = rect;
  const x1 = Math.min(width, x + w);
  const y1 = Math.min(height, y + h);
  for (let row = y; row < y1; row++) {
    pixels.fill(0, (row * width + x) * channels, (row * width + x1) * channels);
  }
}
