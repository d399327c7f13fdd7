// Where a PDF page draws its images: the [w 0 0 h x y] of the `cm` before each `Do` in its
// content streams, as our renderer writes them (one `cm` per image, each on its own line).
import { PDFArray, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';

/** The [w 0 0 h x y] of each image drawn on page `page` (1-based) of a loaded pdf-lib document, in drawing order. */
export function imageDraws(doc, page) {
  const contents = doc.getPage(page - 1).node.get(PDFName.of('Contents'));
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
  const text = refs.map((r) => Buffer.from(decodePDFRawStream(doc.context.lookup(r, PDFRawStream)).decode()).toString('latin1')).join('\n');
  const draws = [];
  let cm;
  for (const t of text.split('\n').map((l) => l.trim())) {
    if (/\bcm$/.test(t)) cm = t.split(/\s+/).slice(0, 6).map(Number);
    if (/\bDo$/.test(t) && cm) draws.push(cm);
  }
  return draws;
}
