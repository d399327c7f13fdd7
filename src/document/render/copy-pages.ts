import type * as PdfLib from 'pdf-lib';
import type { PDFPage } from 'pdf-lib';
import { pdfLib } from '../../io/cjs.js';
import type { DocumentSource, ImagePlacement, PacketPlan } from '../types.js';

type PDFDocument = PdfLib.PDFDocument;

/**
 * The pages of each PDF exhibit shown as they are, copied in with all of one document's
 * pages in one go (so the fonts and images they share are copied once), each as a form
 * XObject of its crop box. Keyed `exhibit:page`.
 */
export async function copyDocumentPages(doc: PDFDocument, plan: PacketPlan, documentFor: DocumentSource): Promise<Map<string, CopiedPage>> {
  const wanted = new Map<number, number[]>();
  for (const p of plan.placements) if (p.sourcePage !== undefined) wanted.set(p.exhibit, [...(wanted.get(p.exhibit) ?? []), p.sourcePage]);
  const copied = new Map<string, CopiedPage>();
  for (const [exhibit, placed] of wanted) {
    const source = await documentFor(exhibit);
    // Only pages shown as they are: a painted page (a redacted one) must never be copied.
    const numbers = placed.filter((n) => source?.vector.includes(n));
    if (!source || numbers.length === 0) continue;
    const pages = numbers.map((n) => source.pdf.getPage(n - 1));
    const boxes = pages.map((p) => {
      const box = p.getCropBox();
      return { left: box.x, bottom: box.y, right: box.x + box.width, top: box.y + box.height };
    });
    const embedded = await withImagesReplaced(source.pdf, source.replace, () => doc.embedPages(pages, boxes));
    // A form XObject of a page does not carry the page's /Rotate: it is kept beside it.
    numbers.forEach((n, k) => copied.set(`${exhibit}:${n}`, { page: embedded[k]!, rotate: pages[k]!.getRotation().angle }));
  }
  return copied;
}

/**
 * Runs `copy` with some image objects of the source document swapped for re-encoded JPEGs
 * (or, for a measure without images, an empty image), then puts the originals back: the
 * source stays the evidence as read, and the copy takes the new objects.
 */
async function withImagesReplaced<T>(source: PDFDocument, replace: ReadonlyMap<string, Buffer | undefined> | undefined, copy: () => Promise<T>): Promise<T> {
  if (!replace || replace.size === 0) return copy();
  const { JpegEmbedder, PDFName, PDFRef } = pdfLib();
  const context = source.context;
  const originals: [PdfLib.PDFRef, PdfLib.PDFObject][] = [];
  try {
    for (const [tag, data] of replace) {
      const [number, generation] = tag.split(' ').map(Number) as [number, number];
      const ref = PDFRef.of(number, generation);
      const original = context.lookup(ref);
      if (!original) continue;
      originals.push([ref, original]);
      if (data) {
        await (await JpegEmbedder.for(data)).embedIntoContext(context, ref);
        // A soft mask (transparency) stays with the image it belonged to.
        const mask = (original as PdfLib.PDFStream).dict?.get(PDFName.of('SMask'));
        if (mask) (context.lookup(ref) as PdfLib.PDFStream).dict.set(PDFName.of('SMask'), mask);
      } else
        context.assign(
          ref,
          context.stream(new Uint8Array(0), { Type: 'XObject', Subtype: 'Image', Width: 1, Height: 1, ColorSpace: 'DeviceGray', BitsPerComponent: 8 }),
        );
    }
    return await copy();
  } finally {
    for (const [ref, original] of originals) context.assign(ref, original);
  }
}

/** A copied page drawn into its placement, turned as its /Rotate says (clockwise), as a viewer shows it. */
export function drawCopiedPage(page: PDFPage, { page: copied, rotate }: CopiedPage, at: Omit<ImagePlacement, 'exhibit' | 'page'>): void {
  const { degrees } = pdfLib();
  const turn = ((Math.round(rotate / 90) % 4) + 4) % 4;
  const scale = at.width / (turn % 2 === 1 ? copied.height : copied.width);
  const w = copied.width * scale;
  const h = copied.height * scale;
  const origin = [
    { x: at.x, y: at.y },
    { x: at.x, y: at.y + w },
    { x: at.x + w, y: at.y + h },
    { x: at.x + h, y: at.y },
  ][turn]!;
  page.drawPage(copied, { ...origin, xScale: scale, yScale: scale, rotate: degrees(-90 * turn) });
}

/** A PDF page copied in as a form XObject, and the /Rotate a viewer turns it by. */
export interface CopiedPage {
  readonly page: PdfLib.PDFEmbeddedPage;
  readonly rotate: number;
}
