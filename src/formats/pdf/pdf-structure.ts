import type * as PdfLib from 'pdf-lib';
import { pdfLib } from '../../io/cjs.js';
import { annotationTexts } from './annotation-text.js';

type PDFDict = PdfLib.PDFDict;

/** A JPEG a page paints, which may be recompressed without touching the page's text: its object and size. */
export interface PageJpeg {
  /** The image object, as pdf-lib names it: "12 0 R". */
  readonly ref: string;
  readonly width: number;
  readonly height: number;
}

/** What pdf-lib, which copies the pages into the packet, makes of a PDF's structure. */
export type PdfStructure =
  | {
      readonly ok: true;
      /** The largest image each page paints (1-based page → pixels), read from the image dictionaries without decoding. */
      readonly largestImage: ReadonlyMap<number, { readonly width: number; readonly height: number }>;
      /** Each page's JPEG images large enough to be worth recompressing when the budget needs it. */
      readonly jpegs: ReadonlyMap<number, readonly PageJpeg[]>;
      /** How many images of that size each page paints, JPEG or not. */
      readonly largeImages: ReadonlyMap<number, number>;
      /** The catalog opens with an action or carries document scripts. */
      readonly hasActions: boolean;
      /** The strings each annotation of the pages holds and draws, by pdf.js's id ("12R"): see annotation-text.ts. */
      readonly annotationText: ReadonlyMap<string, string>;
    }
  | { readonly ok: false; readonly reason: 'encrypted' | 'damaged'; readonly detail: string };

/** A JPEG under this many pixels is not worth recompressing (a logo, a signature). */
const MIN_RECOMPRESS_PIXELS = 250_000;

/** Loads the PDF with pdf-lib as the renderer will, and reads what matters before copying its pages. */
export async function inspectStructure(bytes: Uint8Array, pages: readonly number[]): Promise<PdfStructure> {
  const { PDFDocument, PDFName, PDFDict: Dict } = pdfLib();
  let doc: PdfLib.PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true });
  } catch (error) {
    return { ok: false, reason: 'damaged', detail: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
  if (doc.isEncrypted) return { ok: false, reason: 'encrypted', detail: 'encrypted' };
  const largestImage = new Map<number, { width: number; height: number }>();
  const jpegs = new Map<number, PageJpeg[]>();
  const largeImages = new Map<number, number>();
  try {
    const all = doc.getPages();
    for (const number of pages) {
      const page = all[number - 1];
      if (!page) continue;
      const images = imagesIn(page.node.Resources(), 0);
      const largest = images.reduce<PageImage | undefined>((best, i) => (!best || i.width * i.height > best.width * best.height ? i : best), undefined);
      if (largest) largestImage.set(number, { width: largest.width, height: largest.height });
      // One image object drawn twice counts once.
      const large = [...new Map(images.filter((i) => i.width * i.height >= MIN_RECOMPRESS_PIXELS).map((i) => [i.ref, i])).values()];
      largeImages.set(number, large.length);
      const recompressible = large.filter((i) => i.jpeg).map(({ ref, width, height }) => ({ ref, width, height }));
      if (recompressible.length > 0) jpegs.set(number, recompressible);
    }
  } catch (error) {
    return { ok: false, reason: 'damaged', detail: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
  const catalog = doc.catalog;
  const names = catalog.lookupMaybe(PDFName.of('Names'), Dict);
  const hasActions =
    catalog.has(PDFName.of('OpenAction')) || catalog.has(PDFName.of('AA')) || (names?.has(PDFName.of('JavaScript')) ?? false) || pagesHaveScripts(doc, pages);
  let annotationText = new Map<string, string>();
  try {
    annotationText = annotationTexts(doc, pages);
  } catch {
    // A damaged annotation list is read by pdf.js alone.
  }
  return { ok: true, largestImage, jpegs, largeImages, hasActions, annotationText };
}

/** A page's own actions (/AA: on open, on close) or an annotation's script: never copied, but said. */
function pagesHaveScripts(doc: PdfLib.PDFDocument, pages: readonly number[]): boolean {
  const { PDFName, PDFDict: Dict } = pdfLib();
  const all = doc.getPages();
  // A damaged page tree or annotation list is not a script.
  const safely = (number: number) => {
    try {
      return hasScript(number);
    } catch {
      return false;
    }
  };
  const hasScript = (number: number) => {
    const node = all[number - 1]?.node;
    if (!node) return false;
    if (node.has(PDFName.of('AA'))) return true;
    const annots = node.Annots();
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const annot = annots!.lookupMaybe(i, Dict);
      const action = annot?.lookupMaybe(PDFName.of('A'), Dict);
      if (annot?.has(PDFName.of('AA')) || action?.get(PDFName.of('S'))?.toString() === '/JavaScript') return true;
    }
    return false;
  };
  return pages.some(safely);
}

interface PageImage extends PageJpeg {
  /** A plain 8-bit RGB or gray JPEG (DCTDecode alone, no Decode array, no CMYK), which sharp can re-encode as it is. */
  readonly jpeg: boolean;
}

/** The images in a resource dictionary, looking into form XObjects a few levels down; sizes from the dictionaries, nothing decoded. */
function imagesIn(resources: PDFDict | undefined, depth: number): PageImage[] {
  const { PDFName, PDFDict: Dict, PDFNumber, PDFRef, PDFStream } = pdfLib();
  const xobjects = resources?.lookupMaybe(PDFName.of('XObject'), Dict);
  if (!xobjects || depth > 3) return [];
  const found: PageImage[] = [];
  for (const [, ref] of xobjects.entries()) {
    const stream = xobjects.context.lookup(ref);
    if (!(stream instanceof PDFStream)) continue;
    const dict = stream.dict;
    const subtype = dict.get(PDFName.of('Subtype'))?.toString();
    if (subtype === '/Form') found.push(...imagesIn(dict.lookupMaybe(PDFName.of('Resources'), Dict), depth + 1));
    if (subtype !== '/Image') continue;
    const size = (key: string) => dict.lookupMaybe(PDFName.of(key), PDFNumber)?.asNumber() ?? 0;
    const filter = dict.lookup(PDFName.of('Filter'))?.toString();
    const space = colourSpaceOf(dict);
    const jpeg =
      ref instanceof PDFRef &&
      (filter === '/DCTDecode' || filter === '[ /DCTDecode ]') &&
      size('BitsPerComponent') === 8 &&
      !dict.has(PDFName.of('Decode')) &&
      !dict.has(PDFName.of('ImageMask')) &&
      (space === 'rgb' || space === 'gray');
    found.push({ ref: ref.toString(), width: size('Width'), height: size('Height'), jpeg });
  }
  return found;
}

/** RGB or gray (device, or an ICC profile of 3 or 1 components), else what it is not re-encoded as. */
function colourSpaceOf(dict: PDFDict): 'rgb' | 'gray' | 'other' {
  const { PDFArray, PDFName, PDFNumber, PDFStream } = pdfLib();
  const space = dict.lookup(PDFName.of('ColorSpace'));
  if (space instanceof PDFName) return space.toString() === '/DeviceRGB' ? 'rgb' : space.toString() === '/DeviceGray' ? 'gray' : 'other';
  if (space instanceof PDFArray && space.get(0)?.toString() === '/ICCBased') {
    const profile = space.lookup(1);
    const n = profile instanceof PDFStream ? profile.dict.lookupMaybe(PDFName.of('N'), PDFNumber)?.asNumber() : undefined;
    return n === 3 ? 'rgb' : n === 1 ? 'gray' : 'other';
  }
  return 'other';
}

/**
 * Whether the cross-reference data is wrong: `startxref` points at neither a table nor a
 * stream, or a table's entries point at no object. Readers then rebuild it by scanning the
 * file (pdf.js and pdf-lib both do); the packet says so.
 */
export function xrefIsBroken(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tail = buffer.subarray(Math.max(0, buffer.length - 2048)).toString('latin1');
  const start = /startxref\s+(\d+)/.exec(tail.slice(tail.lastIndexOf('startxref')));
  if (!start) return true;
  const at = Number(start[1]);
  const head = buffer.subarray(at, at + 64).toString('latin1');
  if (/^\s*\d+\s+\d+\s+obj/.test(head)) return false; // a cross-reference stream
  if (!/^\s*xref/.test(head)) return true;
  const table = buffer.subarray(at, at + 20 * 40).toString('latin1');
  const entries = [...table.matchAll(/(\d{10}) (\d{5}) n/g)].slice(0, 12);
  return entries.some((m) => !/^\s*\d+\s+\d+\s+obj/.test(buffer.subarray(Number(m[1]), Number(m[1]) + 32).toString('latin1')));
}
