import { crc32, deflate, inflateSync } from 'node:zlib';
import { promisify } from 'node:util';
import { InternalError } from '../errors.js';
import { sharp } from '../io/cjs.js';
import { IntMap } from './int-map.js';
import { parsePng } from './pdf-image.js';

const deflateAsync = promisify(deflate);

/**
 * Keeping small text dark when a screenshot is reduced to 16 colours.
 *
 * A palette quantiser (libimagequant) rounds every pixel to the nearest of its colours. The
 * strokes of 11–12 px text are one or two pixels wide and never reach their full ink colour:
 * they are blends of ink and background, and nearest-colour rounding sends many of them to a
 * lighter entry. On the bench's desktop captures the grey timestamps' darkest pixels went from
 * luma 146–155 to 151–168 against a 240 background; read back at fit-width, OCR then kept 295
 * of 511 timestamps instead of 426 in the lossless packet. With the correction below it reads
 * 428, for 4 % more bytes (54 KB a page instead of 52) and about a third more CPU time per
 * screenshot (the blur, the pass below, and deflating the PNG here rather than in libvips).
 *
 * So each pixel is compared with its neighbourhood (a Gaussian blur, sigma 1.5 px). Where it
 * stands out by more than a few levels of luma (it is part of a stroke or an edge) and the
 * quantiser's colour has less contrast with that neighbourhood than the pixel had, the pixel
 * takes the nearest palette colour that stands out at least as far, plus a small margin
 * (rounding towards the ink, not the background). Candidates whose hue is much further from
 * the pixel than the quantiser's own choice are never taken, so a coloured button's edge is
 * not outlined in another colour. Flat areas and gradients do not stand out from their
 * neighbourhood and keep the quantiser's colour.
 */

/** Luma difference from the neighbourhood below which a pixel is left as quantised. */
const STANDS_OUT = 6;
/** Contrast a re-chosen colour adds over the pixel's own (levels of luma, of 255). */
const MARGIN = 8;
/** How much further in hue (Cb/Cr distance) than the quantiser's colour a candidate may be. */
const HUE_SLACK = 16;
const NEIGHBOURHOOD_SIGMA = 1.5;

export interface RawPixels {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  /** 1 (gray) or 3 (RGB). */
  readonly channels: number;
}

export interface IndexedImage {
  readonly width: number;
  readonly height: number;
  /** Bits per index: 1, 2, 4 or 8. */
  readonly bitDepth: number;
  /** RGB triplets. */
  readonly palette: Buffer;
  /**
   * The PNG's scanlines, unfiltered: per row a filter byte (always 0) and the row's indices
   * packed as the PNG packs them. Kept packed, so reading and writing copy nothing.
   */
  readonly rows: Buffer;
}

/** The neighbourhood keepInkContrast compares each pixel with: the pixels blurred, same layout. */
export function neighbourhoodOf(source: RawPixels): Promise<Buffer> {
  const { data, width, height, channels } = source;
  const image = sharp(data, { raw: { width, height, channels: channels as 1 | 3 } });
  // libvips would hand a one-channel image back as sRGB; grayscale stays one channel.
  return (channels === 1 ? image.toColourspace('b-w') : image).blur(NEIGHBOURHOOD_SIGMA).raw().toBuffer();
}

/** Bytes per scanline (the filter byte included). */
export const lineBytes = (width: number, bitDepth: number): number => Math.ceil((width * bitDepth) / 8) + 1;

/** An indexed image from one index per pixel, row by row. */
export function packIndices(width: number, height: number, bitDepth: number, palette: Buffer, indices: ArrayLike<number>): IndexedImage {
  const image = { width, height, bitDepth, palette, rows: Buffer.alloc(lineBytes(width, bitDepth) * height) };
  for (let p = 0; p < width * height; p++) setIndex(image, p, indices[p]!);
  return image;
}

/** The palette index of pixel `p` (counted row by row). */
export function indexAt(image: IndexedImage, p: number): number {
  const { offset, shift } = locate(image, p);
  return (image.rows[offset]! >> shift) & ((1 << image.bitDepth) - 1);
}

/** Sets the palette index of pixel `p` (counted row by row). */
export function setIndex(image: IndexedImage, p: number, index: number): void {
  const { offset, shift } = locate(image, p);
  const mask = ((1 << image.bitDepth) - 1) << shift;
  image.rows[offset] = (image.rows[offset]! & ~mask) | ((index << shift) & mask);
}

function locate(image: IndexedImage, p: number): { offset: number; shift: number } {
  const y = (p / image.width) | 0;
  const bit = (p - y * image.width) * image.bitDepth;
  return { offset: y * lineBytes(image.width, image.bitDepth) + 1 + (bit >> 3), shift: 8 - image.bitDepth - (bit & 7) };
}

/** Luma in thousandths (Rec. 601 weights): whole numbers, so the hot loop never rounds. */
const luma1000 = (r: number, g: number, b: number): number => 299 * r + 587 * g + 114 * b;

/**
 * Re-chooses, in place, the palette index of pixels whose quantised colour lost contrast with
 * their neighbourhood. `source` and `blurred` are the pixels before quantising and their
 * blur; returns how many pixels changed.
 */
export function keepInkContrast(source: RawPixels, blurred: Buffer, image: IndexedImage): number {
  const { data, channels } = source;
  const pixels = source.width * source.height;
  if (image.width !== source.width || image.height !== source.height || blurred.length !== data.length || image.rows.length !== lineBytes(image.width, image.bitDepth) * image.height) {
    throw new InternalError('ink contrast: the quantised image and its source differ in size');
  }
  const entries = image.palette.length / 3;
  const pr = new Int32Array(entries);
  const pg = new Int32Array(entries);
  const pb = new Int32Array(entries);
  const py = new Int32Array(entries);
  const pcb = new Float64Array(entries);
  const pcr = new Float64Array(entries);
  for (let e = 0; e < entries; e++) {
    const r = image.palette[e * 3]!;
    const g = image.palette[e * 3 + 1]!;
    const b = image.palette[e * 3 + 2]!;
    pr[e] = r;
    pg[e] = g;
    pb[e] = b;
    py[e] = luma1000(r, g, b);
    pcb[e] = (b - py[e]! / 1000) * 0.564;
    pcr[e] = (r - py[e]! / 1000) * 0.713;
  }
  const decided = new IntMap();
  /**
   * The nearest colour (in RGB) at least MARGIN beyond the pixel's luma on its side, among
   * those not much further in hue than `chosen`; failing that, the one furthest on that side.
   */
  const recolour = (r: number, g: number, b: number, y: number, side: number, chosen: number): number => {
    const cb = (b - y / 1000) * 0.564;
    const cr = (r - y / 1000) * 0.713;
    const hueCap = (Math.sqrt((pcb[chosen]! - cb) ** 2 + (pcr[chosen]! - cr) ** 2) + HUE_SLACK) ** 2;
    let best = -1;
    let bestDistance = Number.POSITIVE_INFINITY;
    let most = chosen;
    for (let e = 0; e < entries; e++) {
      if ((pcb[e]! - cb) ** 2 + (pcr[e]! - cr) ** 2 > hueCap) continue;
      if ((py[e]! - py[most]!) * side > 0) most = e;
      if ((py[e]! - y) * side >= MARGIN * 1000) {
        const distance = (pr[e]! - r) ** 2 + (pg[e]! - g) ** 2 + (pb[e]! - b) ** 2;
        if (distance < bestDistance) {
          bestDistance = distance;
          best = e;
        }
      }
    }
    return best >= 0 ? best : most;
  };

  const { rows, bitDepth, width } = image;
  const line = lineBytes(width, bitDepth);
  const mask = (1 << bitDepth) - 1;
  const rgb = channels !== 1;
  const standsOut = STANDS_OUT * 1000;
  let changed = 0;
  let rowEnd = width;
  let rowOffset = 0;
  // Most of a screenshot is flat, and there the blur is the pixel itself: four bytes are
  // compared at a time, and only the pixels overlapping a word that differs are examined.
  // Everything per pixel is written out in this one loop: it is the encoder's hottest.
  const words = data.length >> 2;
  const ours = wordsOf(data, words);
  const theirs = wordsOf(blurred, words);
  let next = 0;
  for (let w = 0; w <= words; w++) {
    let first: number;
    let last: number;
    if (w < words) {
      if (ours[w] === theirs[w]) continue;
      first = Math.max(next, ((w * 4) / channels) | 0);
      last = ((w * 4 + 3) / channels) | 0;
    } else {
      // The bytes after the last whole word.
      first = Math.max(next, ((words * 4) / channels) | 0);
      last = pixels - 1;
    }
    for (let p = first; p <= last; p++) {
      const i = p * channels;
      const r = data[i]!;
      let y: number;
      let around: number;
      let g = r;
      let b = r;
      if (rgb) {
        g = data[i + 1]!;
        b = data[i + 2]!;
        if (r === blurred[i] && g === blurred[i + 1] && b === blurred[i + 2]) continue;
        y = luma1000(r, g, b);
        around = luma1000(blurred[i]!, blurred[i + 1]!, blurred[i + 2]!);
      } else {
        if (r === blurred[i]) continue;
        y = r * 1000;
        around = blurred[i]! * 1000;
      }
      const stands = y - around;
      if (stands <= standsOut && stands >= -standsOut) continue;
      const side = stands > 0 ? 1 : -1;
      // Where the pixel's index lies in the packed rows (as in locate, written out; pixels
      // come in order, so the row is followed rather than divided out).
      while (p >= rowEnd) {
        rowEnd += width;
        rowOffset += line;
      }
      const bit = (p - rowEnd + width) * bitDepth;
      const offset = rowOffset + 1 + (bit >> 3);
      const shift = 8 - bitDepth - (bit & 7);
      const chosen = (rows[offset]! >> shift) & mask;
      // Only a colour that stops short of the pixel's own luma (towards its neighbourhood) lost contrast.
      if ((py[chosen]! - y) * side >= 0) continue;
      // What replaces it depends only on the pixel's colour, the side and the quantiser's
      // colour (itself the same for every pixel of a colour), and anti-aliased text repeats
      // the same few blends: each is worked out once, kept with the colour it replaced.
      const key = ((r << 16) | (g << 8) | b) * 2 + (side > 0 ? 1 : 0);
      const known = decided.get(key);
      let to: number;
      if (known >= 0 && known >> 8 === chosen) to = known & 0xff;
      else {
        to = recolour(r, g, b, y, side, chosen);
        decided.set(key, (chosen << 8) | to);
      }
      if (to !== chosen) {
        rows[offset] = (rows[offset]! & ~(mask << shift)) | (to << shift);
        changed++;
      }
    }
    next = last + 1;
  }
  return changed;
}

/** The first `count` 32-bit words of a buffer (copied when it does not start on a multiple of 4). */
function wordsOf(buffer: Buffer, count: number): Uint32Array {
  const aligned = buffer.byteOffset % 4 === 0 ? buffer : new Uint8Array(buffer);
  return new Uint32Array(aligned.buffer, aligned.byteOffset, count);
}

/** Reads an indexed PNG (as libvips writes it): its palette and its rows, unfiltered in place. */
export function readIndexedPng(png: Buffer): IndexedImage {
  const parts = parsePng(png);
  if (parts.colorType !== 3 || !parts.palette) throw new InternalError('ink contrast: the quantiser did not write an indexed PNG');
  const { width, height, bitDepth } = parts;
  const line = lineBytes(width, bitDepth);
  const rows = inflateSync(parts.idat);
  if (rows.length !== line * height) throw new InternalError('ink contrast: the quantised PNG has the wrong amount of data');
  // libvips writes rows unfiltered when it does not compress; any filtered row is undone
  // where it lies (each byte depends only on bytes already undone).
  const zero = Buffer.alloc(line);
  for (let row = 0; row < height; row++) {
    const at = row * line;
    const filter = rows[at]!;
    if (filter === 0) continue;
    unfilterRow(filter, rows.subarray(at + 1, at + line), row === 0 ? zero.subarray(1) : rows.subarray(at - line + 1, at));
    rows[at] = 0;
  }
  return { width, height, bitDepth, palette: parts.palette, rows };
}

/** Undoes a PNG row filter in place; one byte per pixel or less (indexed images), so the left neighbour is one byte back. */
function unfilterRow(filter: number, out: Buffer, up: Buffer): void {
  for (let x = 0; x < out.length; x++) {
    const a = x > 0 ? out[x - 1]! : 0;
    const b = up[x]!;
    const c = x > 0 ? up[x - 1]! : 0;
    let predictor: number;
    if (filter === 0) predictor = 0;
    else if (filter === 1) predictor = a;
    else if (filter === 2) predictor = b;
    else if (filter === 3) predictor = (a + b) >> 1;
    else if (filter === 4) {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    } else throw new InternalError(`ink contrast: unknown PNG row filter ${filter}`);
    out[x] = (out[x]! + predictor) & 0xff;
  }
}

/**
 * zlib level 7: on the bench's screenshots in 16 colours, 4.6 % larger than level 8 in 45 %
 * of its time (12 ms a desktop capture instead of 26; level 9 is 0.6 % smaller than 8 and
 * takes 2.7 times as long; libvips' zlib-ng at 8: as large as zlib's, no faster). Deflating
 * was the largest single cost of a 16-colour encode. In a tight budget the fitter makes up
 * the bytes by scaling the largest captures (phones, whose text is large) to 200 dpi sooner:
 * on the bench 14 phone captures instead of 8, and OCR reads the same timestamps.
 */
const DEFLATE_LEVEL = 7;

/** Writes an indexed PNG, its rows unfiltered (filters do not help palette indices). */
export async function writeIndexedPng(image: IndexedImage): Promise<Buffer> {
  const { width, height, bitDepth, rows } = image;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = bitDepth;
  header[9] = 3;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', image.palette),
    chunk('IDAT', await deflateAsync(rows, { level: DEFLATE_LEVEL })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, tail]);
}
