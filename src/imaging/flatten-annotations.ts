import type * as PdfLib from 'pdf-lib';
import { pdfLib } from '../io/cjs.js';

/** Annotation flags (ISO 32000-1, 12.5.3): Hidden and NoView are not shown by a viewer. */
const HIDDEN = 1 << 1;
const NO_VIEW = 1 << 5;

/**
 * Draws each annotation's normal appearance (form fields with their values, stamps,
 * signatures, comments' icons) into the content of the page it sits on, as a viewer shows
 * it, then removes the annotations: a copied page carries its content only, so without this
 * a filled-in form would be copied blank. Annotations without an appearance are dropped (the
 * adapter reports them). Follows ISO 32000-1, 12.5.5: the appearance's bounding box,
 * transformed by its matrix, is mapped onto the annotation's rectangle.
 */
export function flattenAnnotations(doc: PdfLib.PDFDocument, pageNumbers: readonly number[]): void {
  const { PDFName, PDFArray, PDFDict, PDFNumber, PDFRef, PDFStream, pushGraphicsState, popGraphicsState, concatTransformationMatrix, drawObject } = pdfLib();
  const pages = doc.getPages();
  for (const number of pageNumbers) {
    const page = pages[number - 1];
    const annots = page?.node.Annots();
    if (!page || !annots) continue;
    for (let i = 0; i < annots.size(); i++) {
      const annot = annots.lookupMaybe(i, PDFDict);
      if (!annot) continue;
      const flags = annot.lookupMaybe(PDFName.of('F'), PDFNumber)?.asNumber() ?? 0;
      if (flags & (HIDDEN | NO_VIEW)) continue;
      const appearances = annot.lookupMaybe(PDFName.of('AP'), PDFDict);
      const normal = appearances?.lookup(PDFName.of('N'));
      // A check box or radio button keeps one appearance per state, chosen by /AS.
      let raw = appearances?.get(PDFName.of('N'));
      let stream = normal instanceof PDFStream ? normal : undefined;
      if (!stream && normal instanceof PDFDict) {
        const state = annot.lookupMaybe(PDFName.of('AS'), PDFName);
        const chosen = state ? normal.lookup(state) : undefined;
        raw = state ? normal.get(state) : undefined;
        stream = chosen instanceof PDFStream ? chosen : undefined;
      }
      const rect = annot.lookupMaybe(PDFName.of('Rect'), PDFArray)?.asRectangle();
      if (!stream || !rect || rect.width <= 0 || rect.height <= 0) continue;
      const numbers = (key: string, fallback: number[]) =>
        stream!.dict
          .lookupMaybe(PDFName.of(key), PDFArray)
          ?.asArray()
          .map((n) => (n instanceof PDFNumber ? n.asNumber() : 0)) ?? fallback;
      const [b0, b1, b2, b3] = numbers('BBox', [0, 0, rect.width, rect.height]) as [number, number, number, number];
      const [a, b, c, d, e, f] = numbers('Matrix', [1, 0, 0, 1, 0, 0]) as [number, number, number, number, number, number];
      const corners = [
        [b0, b1],
        [b2, b1],
        [b0, b3],
        [b2, b3],
      ].map(([x, y]) => [a * x! + c * y! + e, b * x! + d * y! + f] as const);
      const xs = corners.map((p) => p[0]);
      const ys = corners.map((p) => p[1]);
      const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      if (maxX - minX <= 0 || maxY - minY <= 0) continue;
      const sx = rect.width / (maxX - minX);
      const sy = rect.height / (maxY - minY);
      if (!stream.dict.has(PDFName.of('Subtype'))) stream.dict.set(PDFName.of('Subtype'), PDFName.of('Form'));
      const ref = raw instanceof PDFRef ? raw : doc.context.register(stream);
      const name = page.node.newXObject('FlatAnnot', ref);
      page.pushOperators(
        pushGraphicsState(),
        concatTransformationMatrix(sx, 0, 0, sy, rect.x - minX * sx, rect.y - minY * sy),
        drawObject(name),
        popGraphicsState(),
      );
    }
    page.node.delete(PDFName.of('Annots'));
  }
}
