import type { PDFDocument, PDFPage, PDFRef } from 'pdf-lib';
import type { PreparedImage } from '../../imaging/encode.js';
import { pdfLib } from '../../io/cjs.js';
import type { ImagePlacement } from '../types.js';
import { embedPngPassThrough } from './pdf-image.js';

/** An encoded image as an image object of the packet, its bytes as they are. */
export async function embedImage(doc: PDFDocument, image: PreparedImage): Promise<PDFRef> {
  // JPEG bytes pass through unchanged (DCTDecode); embedJpg only reads the header.
  if (image.encoding === 'jpeg') return (await doc.embedJpg(image.data)).ref;
  return embedPngPassThrough(doc, image.data).ref;
}

/** An embedded image drawn into its placement, clipped to the part of it a page shows. */
export function drawImage(page: PDFPage, ref: PDFRef, at: Omit<ImagePlacement, 'exhibit' | 'page'>): void {
  const { clip, concatTransformationMatrix, drawObject, endPath, popGraphicsState, pushGraphicsState, rectangle } = pdfLib();
  const name = page.node.newXObject('Image', ref);
  page.pushOperators(
    pushGraphicsState(),
    // A region view's image is that region alone: it fills the clip box.
    ...(at.clip && !at.region ? [rectangle(at.clip.x, at.clip.y, at.clip.width, at.clip.height), clip(), endPath()] : []),
    ...(at.cut ? [rectangle(at.cut.x, at.cut.y, at.cut.width, at.cut.height), clip(), endPath()] : []),
    ...(at.region && at.clip
      ? [concatTransformationMatrix(at.clip.width, 0, 0, at.clip.height, at.clip.x, at.clip.y)]
      : [concatTransformationMatrix(at.width, 0, 0, at.height, at.x, at.y)]),
    drawObject(name),
    popGraphicsState(),
  );
}
