import type { PDFDocument, PDFRef } from 'pdf-lib';
import { pdfLib } from '../../io/cjs.js';
import { InternalError } from '../../errors.js';
import { CHANNELS, parsePng } from '../../imaging/png.js';

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
