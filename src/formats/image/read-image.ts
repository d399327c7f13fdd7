import sharp, { type Metadata } from 'sharp';
import type { ImageFormat, ImageInfo } from '../../evidence/model.js';

/** Images above this many pixels are refused before decoding (a 30 000² PNG is 900 MP). */
export const MAX_IMAGE_PIXELS = 100_000_000;

export function sniffImageFormat(sample: Buffer): ImageFormat | undefined {
  if (sample.length >= 8 && sample.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (sample.length >= 3 && sample[0] === 0xff && sample[1] === 0xd8 && sample[2] === 0xff) return 'jpeg';
  const ascii = sample.subarray(0, 12).toString('latin1');
  if (ascii.startsWith('GIF87a') || ascii.startsWith('GIF89a')) return 'gif';
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return 'webp';
  if (ascii.startsWith('II*\0') || ascii.startsWith('MM\0*')) return 'tiff';
  return undefined;
}

export type ImageReadResult =
  | { readonly ok: true; readonly info: ImageInfo }
  | { readonly ok: false; readonly reason: 'too-large'; readonly width: number; readonly height: number }
  | { readonly ok: false; readonly reason: 'broken'; readonly detail: string };

/**
 * Reads the header, refuses images too large to decode safely, then decodes the first
 * frame once so a truncated or corrupt file is caught by `check`, not halfway into a build.
 */
export async function readImage(bytes: Buffer, format: ImageFormat): Promise<ImageReadResult> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    return { ok: false, reason: 'broken', detail: cleanSharpMessage(error) };
  }
  const { width, height } = meta;
  if (!width || !height) return { ok: false, reason: 'broken', detail: 'the image has no size' };
  if (width * height > MAX_IMAGE_PIXELS) return { ok: false, reason: 'too-large', width, height };
  try {
    // Decoding down to the last row reads every byte (a truncated or corrupt file fails here)
    // without keeping the image: a third faster than a full raw decode, and far less memory.
    await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'truncated', pages: 1 })
      .extract({ left: 0, top: height - 1, width: 1, height: 1 })
      .raw()
      .toBuffer();
  } catch (error) {
    return { ok: false, reason: 'broken', detail: cleanSharpMessage(error) };
  }
  const orientation = meta.orientation ?? 1;
  const swap = orientation >= 5 && orientation <= 8;
  return {
    ok: true,
    info: {
      format,
      width: swap ? height : width,
      height: swap ? width : height,
      frames: meta.pages ?? 1,
      orientation,
      hasAlpha: meta.hasAlpha ?? false,
    },
  };
}

/** libvips messages carry internal prefixes and trailing newlines; keep the useful part. */
export function cleanSharpMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  return (line ?? 'unknown decoder error').replace(/^(?:Input (?:buffer|file) )?/, '').replace(/^vips\w*: ?/, '');
}
