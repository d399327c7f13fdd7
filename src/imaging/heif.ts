import { createRequire } from 'node:module';
import { sharp } from '../io/cjs.js';

const require = createRequire(import.meta.url);

type HeicDecode = ((input: { buffer: Uint8Array }) => Promise<{ width: number; height: number; data: Uint8ClampedArray }>) & {
  all(input: { buffer: Uint8Array }): Promise<{ width: number; height: number; decode(): Promise<Uint8ClampedArray> }[]>;
};
let decoder: HeicDecode | undefined;

/** The brands an ISO base media file's `ftyp` box names for HEIF images (iPhone photos are `heic`). */
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1']);

/** Whether the bytes start like a HEIF (HEIC) image: an ftyp box whose brands say so (AVIF, which sharp reads, is not). */
export function isHeif(sample: Buffer): boolean {
  if (sample.length < 16 || sample.subarray(4, 8).toString('latin1') !== 'ftyp') return false;
  const size = Math.min(sample.readUInt32BE(0), sample.length, 256);
  const brands = [sample.subarray(8, 12).toString('latin1')];
  for (let at = 16; at + 4 <= size; at += 4) brands.push(sample.subarray(at, at + 4).toString('latin1'));
  return !brands.some((b) => b === 'avif' || b === 'avis') && brands.some((b) => HEIF_BRANDS.has(b));
}

/**
 * Decodes a HEIF/HEIC image (HEVC inside, which sharp's prebuilt libvips does not carry) with
 * libheif compiled to WebAssembly (heic-decode), into a lossless PNG the rest of the pipeline
 * reads like any capture. libheif applies the file's rotation and mirroring, so the pixels
 * come out upright. The size is read from the header first: a huge image is never decoded.
 */
export async function decodeHeif(bytes: Buffer, maxPixels: number): Promise<Buffer> {
  const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  if ((meta.width ?? 0) * (meta.height ?? 0) > maxPixels) throw new HeifTooLargeError(meta.width ?? 0, meta.height ?? 0);
  decoder ??= require('heic-decode') as HeicDecode;
  const image = await decoder({ buffer: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  return sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), { raw: { width: image.width, height: image.height, channels: 4 } })
    .removeAlpha()
    .png({ compressionLevel: 1 })
    .toBuffer();
}

export class HeifTooLargeError extends Error {
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    super(`${width} × ${height}`);
  }
}
