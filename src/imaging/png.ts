import { crc32, deflate, inflateSync } from 'node:zlib';
import { promisify } from 'node:util';
import { InternalError } from '../errors.js';
import { lineBytes, type IndexedImage } from './indexed-image.js';

const deflateAsync = promisify(deflate);

export interface PngParts {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  /** 0 gray, 2 RGB, 3 indexed. */
  readonly colorType: number;
  readonly palette?: Buffer;
  readonly idat: Buffer;
}

export const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1 };

/** Splits a non-interlaced PNG without alpha into the parts a PDF image needs. */
export function parsePng(png: Buffer): PngParts {
  let offset = 8;
  let header: { width: number; height: number; bitDepth: number; colorType: number; interlace: number } | undefined;
  let palette: Buffer | undefined;
  const idat: Buffer[] = [];
  while (offset + 8 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bitDepth: data[8]!, colorType: data[9]!, interlace: data[12]! };
    } else if (type === 'PLTE') palette = Buffer.from(data);
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (header?.interlace !== 0 || CHANNELS[header.colorType] === undefined || header.bitDepth > 8) {
    throw new InternalError('the image encoder produced a PNG the PDF writer does not take (interlaced, alpha or 16-bit)');
  }
  return { ...header, ...(palette ? { palette } : {}), idat: Buffer.concat(idat) };
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
 * zlib level 7: a little larger than 8 in much less time (deflating is the largest single
 * cost of a 16-colour encode). In a tight budget the fitter makes up the bytes by scaling
 * the largest captures (phones, whose text is large) to 200 dpi sooner, which OCR reads as well.
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
