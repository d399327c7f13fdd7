import type { PDFDocument, PDFRef } from 'pdf-lib';
import { pdfLib } from '../io/cjs.js';

import { InternalError } from '../errors.js';

export interface PngParts {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  /** 0 gray, 2 RGB, 3 indexed. */
  readonly colorType: number;
  readonly palette?: Buffer;
  readonly idat: Buffer;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1 };

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
  if (!header || header.interlace !== 0 || CHANNELS[header.colorType] === undefined || header.bitDepth > 8) {
    throw new InternalError('the image encoder produced a PNG the PDF writer does not take (interlaced, alpha or 16-bit)');
  }
  return { ...header, ...(palette ? { palette } : {}), idat: Buffer.concat(idat) };
}

/**
 * Writes PNG data as a PDF image XObject without decoding it: the zlib stream is kept and
 * the PNG row filters are declared with /DecodeParms /Predictor 15. pdf-lib's embedPng
 * decodes in JavaScript and stores palettes as RGB, which is several times larger and slower.
 */
export function embedPngPassThrough(doc: PDFDocument, png: Buffer): { ref: PDFRef; width: number; height: number } {
  const { PDFHexString, PDFName, PDFNumber, PDFRawStream } = pdfLib();
  const parts = parsePng(png);
  const colors = CHANNELS[parts.colorType]!;
  const context = doc.context;
  let colorSpace;
  if (parts.colorType === 3) {
    if (!parts.palette) throw new InternalError('indexed PNG without a palette');
    colorSpace = context.obj([
      PDFName.of('Indexed'),
      PDFName.of('DeviceRGB'),
      PDFNumber.of(parts.palette.length / 3 - 1),
      PDFHexString.of(parts.palette.toString('hex')),
    ]);
  } else {
    colorSpace = PDFName.of(parts.colorType === 0 ? 'DeviceGray' : 'DeviceRGB');
  }
  const dict = context.obj({
    Type: 'XObject',
    Subtype: 'Image',
    Width: parts.width,
    Height: parts.height,
    BitsPerComponent: parts.bitDepth,
    ColorSpace: colorSpace,
    Filter: 'FlateDecode',
    DecodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: parts.bitDepth, Columns: parts.width },
    Length: parts.idat.length,
  });
  const ref = context.register(PDFRawStream.of(dict, parts.idat));
  return { ref, width: parts.width, height: parts.height };
}
