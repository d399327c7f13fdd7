/** Palette images as this project keeps them: packed indices, row by row, as PNG scanlines. */

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
