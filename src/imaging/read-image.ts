import type { Metadata } from 'sharp';
import { sharp } from '../io/cjs.js';
import type { ImageFormat, ImageInfo, Rect } from '../evidence/model.js';
import { isHeif } from './heif.js';

/** Images above this many pixels are refused before decoding (a 30 000² PNG is 900 MP). */
export const MAX_IMAGE_PIXELS = 100_000_000;

/**
 * Above this many pixels (more than a 50 MP phone photo), an image's borders are looked for on
 * a copy reduced while it is decoded, not on every pixel held at once: a 99 MP capture would
 * take 300 MB (600 MB at 16 bits) and seconds of scanning for a box the page shows reduced anyway.
 */
export const LARGE_IMAGE_PIXELS = 51_000_000;
/** The reduced copy's size at most. */
const TRIM_SCAN_PIXELS = 16_000_000;

export function sniffImageFormat(sample: Buffer): ImageFormat | undefined {
  if (sample.length >= 8 && sample.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (sample.length >= 3 && sample[0] === 0xff && sample[1] === 0xd8 && sample[2] === 0xff) return 'jpeg';
  const ascii = sample.subarray(0, 12).toString('latin1');
  if (ascii.startsWith('GIF87a') || ascii.startsWith('GIF89a')) return 'gif';
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return 'webp';
  if (ascii.startsWith('II*\0') || ascii.startsWith('MM\0*')) return 'tiff';
  if (isHeif(sample)) return 'heif';
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
export async function readImage(
  bytes: Buffer,
  format: ImageFormat,
  options: {
    findTrim?: boolean;
    /** Above this many pixels, borders are looked for on a reduced copy of at most `scanPixels` (LARGE_IMAGE_PIXELS, TRIM_SCAN_PIXELS). */
    largePixels?: number;
    scanPixels?: number;
  } = {},
): Promise<ImageReadResult> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    return { ok: false, reason: 'broken', detail: cleanSharpMessage(error) };
  }
  const { width, height } = meta;
  if (!width || !height) return { ok: false, reason: 'broken', detail: 'the image has no size' };
  if (width * height > MAX_IMAGE_PIXELS) return { ok: false, reason: 'too-large', width, height };
  let trim: Rect | undefined;
  let opaque: boolean | undefined;
  const large = width * height > (options.largePixels ?? LARGE_IMAGE_PIXELS);
  try {
    if (options.findTrim && large) trim = await findTrimReduced(bytes, meta, options.scanPixels ?? TRIM_SCAN_PIXELS);
    else if (options.findTrim) ({ trim, opaque } = await findTrimFull(bytes, meta));
    else {
      // Decoding down to the last row reads every byte (a truncated or corrupt file fails
      // here) without keeping the image: a third faster than a full raw decode, far less memory.
      await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'truncated', pages: 1 })
        .extract({ left: 0, top: height - 1, width: 1, height: 1 })
        .raw()
        .toBuffer();
    }
    if (!meta.hasAlpha) opaque = true;
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
      ...(opaque ? { opaque } : {}),
      ...(trim ? { trim } : {}),
    },
  };
}

/**
 * The whole first frame, upright, to find uniform borders (this read checks every byte too).
 * Turned upright and converted only when the file needs it (each is a pass); transparency is
 * judged on white in the scan. Opacity is learnt while the borders are looked for, and claimed
 * only when known: a file with alpha whose read lost the channel is not claimed.
 */
async function findTrimFull(bytes: Buffer, meta: Metadata): Promise<{ trim: Rect | undefined; opaque: boolean | undefined }> {
  let pipeline = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'truncated', pages: 1 });
  if ((meta.orientation ?? 1) > 1) pipeline = pipeline.rotate();
  if (meta.space !== 'srgb' && meta.space !== 'b-w') pipeline = pipeline.toColourspace('srgb');
  const pixels = await pipeline.raw().toBuffer({ resolveWithObject: true });
  const { width: w, height: h, channels } = pixels.info;
  const alpha = meta.hasAlpha === true && (channels === 2 || channels === 4);
  const opaquePromise = alpha ? allOpaque(pixels.data, w, h, channels) : Promise.resolve(!meta.hasAlpha);
  const trim = findTrim(pixels.data, w, h, channels, alpha);
  return { trim, opaque: await opaquePromise };
}

/**
 * The borders of a large image, found on a copy reduced by box averaging as it is decoded
 * (libvips streams the rows: every byte is still read, so a truncated file fails here too),
 * and mapped back grown by two reduced pixels on each side (the reduction's kernel spreads a
 * pixel over its neighbours), so what was found is never cut. Content so faint and thin that
 * averaging hides it may be taken for border.
 * Transparency is judged on white as in findTrim; opacity is not claimed from a copy.
 */
async function findTrimReduced(bytes: Buffer, meta: Metadata, scanPixels: number): Promise<Rect | undefined> {
  const swap = (meta.orientation ?? 1) >= 5 && (meta.orientation ?? 1) <= 8;
  const [w, h] = swap ? [meta.height!, meta.width!] : [meta.width!, meta.height!];
  const factor = Math.max(1, Math.sqrt((w * h) / scanPixels));
  const [rw, rh] = [Math.max(1, Math.round(w / factor)), Math.max(1, Math.round(h / factor))];
  let pipeline = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'truncated', pages: 1, sequentialRead: true });
  if ((meta.orientation ?? 1) > 1) pipeline = pipeline.rotate();
  pipeline = pipeline.resize({ width: rw, height: rh, fit: 'fill', kernel: 'linear' });
  if (meta.space !== 'srgb' && meta.space !== 'b-w') pipeline = pipeline.toColourspace('srgb');
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  const alpha = meta.hasAlpha === true && (info.channels === 2 || info.channels === 4);
  const box = findTrim(data, info.width, info.height, info.channels, alpha);
  return box ? scaleTrimOut(box, w / info.width, h / info.height, w, h) : undefined;
}

/** A box found on a reduced copy, in the source's pixels: grown by two reduced pixels each side, within the image. */
export function scaleTrimOut([x, y, bw, bh]: Rect, sx: number, sy: number, width: number, height: number): Rect | undefined {
  const x0 = Math.max(0, Math.floor((x - 2) * sx));
  const y0 = Math.max(0, Math.floor((y - 2) * sy));
  const x1 = Math.min(width, Math.ceil((x + bw + 2) * sx));
  const y1 = Math.min(height, Math.ceil((y + bh + 2) * sy));
  if ((width - (x1 - x0)) / width < TRIM_MIN_SHARE && (height - (y1 - y0)) / height < TRIM_MIN_SHARE) return undefined;
  return [x0, y0, x1 - x0, y1 - y0];
}

/** A border counts only when trimming it removes at least this share of the width or height. */
const TRIM_MIN_SHARE = 0.05;
/** Channel difference from the corner colour still counted as border (JPEG noise, antialiasing). */
const TRIM_TOLERANCE = 12;
/** Pixels of border kept around the content, so nothing sits flush against the frame. */
const TRIM_PAD = 8;

/**
 * The box inside uniform borders: rows and columns, from each edge inwards, whose every pixel
 * is within a small tolerance of the top-left pixel's colour. With `alpha` (the last channel),
 * colours are compared as shown on white. Undefined when the borders are too thin to matter,
 * or the whole image is that colour (a blank capture is left as it is).
 */
export function findTrim(data: Buffer, width: number, height: number, channels: number, alpha = false): Rect | undefined {
  const scan = new BorderScan(data, width, channels, alpha);
  let top = 0;
  while (top < height && !scan.rowHasContent(top)) top++;
  if (top === height) return undefined;
  let bottom = height - 1;
  while (bottom > top && !scan.rowHasContent(bottom)) bottom--;
  let left = 0;
  while (left < width && !scan.columnHasContent(left, top, bottom)) left++;
  let right = width - 1;
  while (right > left && !scan.columnHasContent(right, top, bottom)) right--;
  const x0 = Math.max(0, left - TRIM_PAD);
  const y0 = Math.max(0, top - TRIM_PAD);
  const x1 = Math.min(width, right + 1 + TRIM_PAD);
  const y1 = Math.min(height, bottom + 1 + TRIM_PAD);
  if ((width - (x1 - x0)) / width < TRIM_MIN_SHARE && (height - (y1 - y0)) / height < TRIM_MIN_SHARE) return undefined;
  return [x0, y0, x1 - x0, y1 - y0];
}

/**
 * Rows and columns compared with the top-left pixel's colour. A class, not closures made per
 * image: V8 keeps its optimised methods from one image to the next, where each image's new
 * closures made it throw the optimised code away ("wrong call target") and compile it again.
 */
class BorderScan {
  private readonly colours: number;
  private readonly background: number[];
  private readonly rowBytes: number;
  /** A row of the top-left pixel repeated: most border rows equal it, compared at memcmp speed. */
  private readonly plainRow: Buffer;

  constructor(
    private readonly data: Buffer,
    private readonly width: number,
    private readonly channels: number,
    private readonly alpha: boolean,
  ) {
    this.colours = alpha ? channels - 1 : channels;
    this.background = Array.from({ length: this.colours }, (_, c) => (alpha ? this.onWhite(0, c) : data[c]!));
    this.rowBytes = width * channels;
    this.plainRow = Buffer.alloc(this.rowBytes);
    for (let o = 0; o < this.rowBytes; o += channels) data.copy(this.plainRow, o, 0, channels);
  }

  /** A see-through pixel's channel as shown on white: v·a + 255·(1 − a), in whole numbers. */
  private onWhite(offset: number, c: number): number {
    const a = this.data[offset + this.colours]!;
    return ((this.data[offset + c]! * a + 255 * (255 - a) + 127) / 255) | 0;
  }

  private differs(offset: number): boolean {
    const { data, colours, background } = this;
    if (this.alpha && data[offset + colours] !== 255) {
      for (let c = 0; c < colours; c++) if (Math.abs(this.onWhite(offset, c) - background[c]!) > TRIM_TOLERANCE) return true;
      return false;
    }
    for (let c = 0; c < colours; c++) if (Math.abs(data[offset + c]! - background[c]!) > TRIM_TOLERANCE) return true;
    return false;
  }

  /** Only rows that are not the plain row are looked at pixel by pixel. */
  rowHasContent(y: number): boolean {
    const o0 = y * this.rowBytes;
    if (this.plainRow.equals(this.data.subarray(o0, o0 + this.rowBytes))) return false;
    for (let x = 0, o = o0; x < this.width; x++, o += this.channels) if (this.differs(o)) return true;
    return false;
  }

  columnHasContent(x: number, top: number, bottom: number): boolean {
    for (let y = top; y <= bottom; y++) if (this.differs((y * this.width + x) * this.channels)) return true;
    return false;
  }
}

/**
 * Whether every pixel's alpha (the last channel) is fully opaque: libvips takes the band out,
 * off the main thread, and it is compared with an opaque one at memcmp speed rather than by a
 * JavaScript loop over every pixel on the main thread.
 */
async function allOpaque(data: Buffer, width: number, height: number, channels: 2 | 4): Promise<boolean> {
  const band = await sharp(data, { raw: { width, height, channels } })
    .extractChannel(channels === 4 ? 3 : 1)
    .raw()
    .toBuffer();
  for (let at = 0; at < band.length; at += OPAQUE.length) {
    const part = band.subarray(at, at + OPAQUE.length);
    if (!part.equals(OPAQUE.subarray(0, part.length))) return false;
  }
  return true;
}

const OPAQUE = Buffer.alloc(64 * 1024, 255);

/** libvips messages carry internal prefixes and trailing newlines; keep the useful part. */
export function cleanSharpMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  return (line ?? 'unknown decoder error').replace(/^(?:Input (?:buffer|file) )?/, '').replace(/^vips\w*: ?/, '');
}
