import type * as PdfLib from 'pdf-lib';
import { pdfLib } from '../../io/cjs.js';

type PDFDict = PdfLib.PDFDict;

/** What pdf-lib, which copies the pages into the packet, makes of a PDF's structure. */
export type PdfStructure =
  | {
      readonly ok: true;
      /** The largest image each page paints (1-based page → pixels), read from the image dictionaries without decoding. */
      readonly largestImage: ReadonlyMap<number, { readonly width: number; readonly height: number }>;
      /** The catalog opens with an action or carries document scripts. */
      readonly hasActions: boolean;
    }
  | { readonly ok: false; readonly reason: 'encrypted' | 'damaged'; readonly detail: string };

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
  try {
    const all = doc.getPages();
    for (const number of pages) {
      const page = all[number - 1];
      if (!page) continue;
      const found = largestIn(page.node.Resources(), 0);
      if (found) largestImage.set(number, found);
    }
  } catch (error) {
    return { ok: false, reason: 'damaged', detail: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
  const catalog = doc.catalog;
  const names = catalog.lookupMaybe(PDFName.of('Names'), Dict);
  const hasActions = catalog.has(PDFName.of('OpenAction')) || catalog.has(PDFName.of('AA')) || (names?.has(PDFName.of('JavaScript')) ?? false);
  return { ok: true, largestImage, hasActions };
}

/** The largest image in a resource dictionary, looking into form XObjects a few levels down. */
function largestIn(resources: PDFDict | undefined, depth: number): { width: number; height: number } | undefined {
  const { PDFName, PDFDict: Dict, PDFNumber, PDFStream } = pdfLib();
  const xobjects = resources?.lookupMaybe(PDFName.of('XObject'), Dict);
  if (!xobjects || depth > 3) return undefined;
  let best: { width: number; height: number } | undefined;
  for (const [, ref] of xobjects.entries()) {
    const stream = xobjects.context.lookup(ref);
    if (!(stream instanceof PDFStream)) continue;
    const dict = stream.dict;
    const subtype = dict.get(PDFName.of('Subtype'))?.toString();
    let found: { width: number; height: number } | undefined;
    if (subtype === '/Image') {
      const size = (key: string) => dict.lookupMaybe(PDFName.of(key), PDFNumber)?.asNumber() ?? 0;
      found = { width: size('Width'), height: size('Height') };
    } else if (subtype === '/Form') found = largestIn(dict.lookupMaybe(PDFName.of('Resources'), Dict), depth + 1);
    if (found && (!best || found.width * found.height > best.width * best.height)) best = found;
  }
  return best;
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
