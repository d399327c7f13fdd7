import type { Sharp } from 'sharp';
import { sharp } from '../io/cjs.js';
import type { ImageExhibit, ImageInfo, Rect } from '../evidence/model.js';
import { darkenText } from './darken-text.js';
import { MAX_IMAGE_PIXELS } from './read-image.js';

/** Size of the image after crop, in source pixels. */
export function visibleSize(exhibit: Pick<ImageExhibit, 'marks'> & { readonly image: Pick<ImageInfo, 'width' | 'height'> }): { width: number; height: number } {
  const crop = exhibit.marks.crop;
  return crop ? { width: crop[2], height: crop[3] } : { width: exhibit.image.width, height: exhibit.image.height };
}

/**
 * The image as the packet shows it: first frame, upright, on white, in sRGB, redacted pixels
 * destroyed, cropped. Without redactions libvips streams it from the file; with them, the
 * pixels are decoded and overwritten first, so nothing under a redaction reaches any encoding
 * (a mask drawn later in the pipeline would come after resizing and leak at its edges).
 * Metadata (EXIF, GPS) is never carried over. A view marked `darken` (a photo's text shown
 * enlarged) has its text darkened after the crop.
 */
export async function openVisible(exhibit: Pick<ImageExhibit, 'marks'> & { readonly image?: Pick<ImageInfo, 'opaque'> }, bytes: Buffer): Promise<Sharp> {
  // An image known to be opaque only drops its alpha channel: flattening is a pass of its own.
  const onWhite = (p: Sharp) => (exhibit.image?.opaque ? p.removeAlpha() : p.flatten({ background: '#ffffff' }));
  const source = () => onWhite(sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'truncated', pages: 1 }).rotate()).toColourspace('srgb');
  let pipeline: Sharp;
  if (exhibit.marks.redact.length === 0) pipeline = source();
  else {
    const decoded = await source().raw().toBuffer({ resolveWithObject: true });
    const { width, height, channels } = decoded.info;
    for (const rect of exhibit.marks.redact) destroyPixels(decoded.data, width, height, channels, rect);
    pipeline = sharp(decoded.data, { raw: { width, height, channels } });
  }
  const crop = exhibit.marks.crop;
  const cropped = crop ? pipeline.extract({ left: crop[0], top: crop[1], width: crop[2], height: crop[3] }) : pipeline;
  if (!exhibit.marks.darken) return cropped;
  const { data, info } = await cropped.raw().toBuffer({ resolveWithObject: true });
  darkenText(data, info.channels);
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
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
