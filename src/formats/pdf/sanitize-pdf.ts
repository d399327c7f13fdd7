import { inflateSync } from 'node:zlib';
import type * as PdfLib from 'pdf-lib';
import { pdfLib } from '../../io/cjs.js';

type PDFObject = PdfLib.PDFObject;
type PDFDict = PdfLib.PDFDict;

/**
 * Keys that never change how a page looks and that carry other data out of a copied page:
 * metadata (XMP, /PieceInfo of the editing tool), scripts and actions, links back to pages
 * and to the structure tree, thumbnails, embedded and external files.
 */
const DROPPED_KEYS = [
  'Metadata',
  'PieceInfo',
  'LastModified',
  'AA',
  'A',
  'JS',
  'JavaScript',
  'P',
  'Parent',
  'StructParent',
  'StructParents',
  'Thumb',
  'B',
  'Annots',
  'OPI',
  'Ref',
  'AF',
  'Alternates',
  'EmbeddedFiles',
  'ID',
];
/** Objects no drawing needs: reaching one from a resource means reaching past the page. */
const FOREIGN_TYPES = ['Page', 'Pages', 'Catalog', 'Annot', 'Action', 'Filespec', 'EmbeddedFile', 'Metadata', 'StructElem', 'StructTreeRoot', 'Outlines'];
/** The page entries its drawing needs; everything else is left behind. */
const PAGE_KEYS = ['Type', 'Parent', 'MediaBox', 'CropBox', 'Rotate', 'Contents', 'Resources', 'UserUnit'];
/** A content stream larger than this once inflated is not read for its resource names. */
const MAX_CONTENT_BYTES = 64 * 1024 * 1024;

/**
 * Makes a loaded PDF (a private copy, read for the packet) carry, from each of these pages,
 * only what drawing it needs: the page keeps its boxes, rotation, contents and the resources
 * its contents name; each form XObject, tiling pattern and Type 3 font keeps the resources its
 * own contents name; nothing reached keeps metadata, scripts or a way back to other pages.
 * Copying such a page takes nothing else with it. Object numbers do not change.
 */
export function sanitizePages(doc: PdfLib.PDFDocument, pageNumbers: readonly number[]): void {
  const { PDFName, PDFDict: Dict } = pdfLib();
  const pages = doc.getPages();
  const seen = new Set<PDFObject>();
  for (const number of pageNumbers) {
    const page = pages[number - 1];
    if (!page) continue;
    const node = page.node;
    // Inherited entries are written on the page itself before the rest is cut away.
    const resources = node.Resources();
    const media = node.MediaBox();
    const crop = node.CropBox();
    const rotate = node.Rotate();
    for (const key of node.keys()) if (!PAGE_KEYS.includes(key.decodeText())) node.delete(key);
    node.set(PDFName.of('MediaBox'), media);
    if (crop) node.set(PDFName.of('CropBox'), crop);
    if (rotate) node.set(PDFName.of('Rotate'), rotate);
    const names = namesIn(doc.context, node.get(PDFName.of('Contents')));
    node.set(PDFName.of('Resources'), resources instanceof Dict ? usedResources(doc.context, resources, names) : doc.context.obj({}));
    clean(doc.context, node.get(PDFName.of('Contents')), seen);
    clean(doc.context, node.get(PDFName.of('Resources')), seen);
  }
}

/** A new resource dictionary with only the entries whose names the contents use. */
function usedResources(context: PdfLib.PDFContext, resources: PDFDict, names: ReadonlySet<string>): PDFDict {
  const { PDFDict: Dict, PDFName } = pdfLib();
  const kept = context.obj({});
  for (const [category, value] of resources.entries()) {
    const entries = context.lookup(value);
    if (!(entries instanceof Dict)) {
      if (category.decodeText() === 'ProcSet') kept.set(category, value);
      continue;
    }
    const subset = context.obj({});
    for (const [name, entry] of entries.entries()) if (names.has(name.decodeText())) subset.set(name, entry);
    if (subset.keys().length > 0) kept.set(PDFName.of(category.decodeText()), subset);
  }
  return kept;
}

/** Every name (/Name) a content stream, or an array of them, writes: a superset of the resources it uses. */
function namesIn(context: PdfLib.PDFContext, contents: PDFObject | undefined): Set<string> {
  const { PDFArray } = pdfLib();
  const names = new Set<string>();
  const value = contents ? context.lookup(contents) : undefined;
  const streams = value instanceof PDFArray ? value.asArray().map((v) => context.lookup(v)) : [value];
  for (const stream of streams) {
    const text = decodedText(stream);
    for (const m of text.matchAll(/\/([^\s/[\]()<>{}%]+)/g))
      names.add(m[1]!.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
  }
  return names;
}

/** A stream's bytes decoded (Flate bounded; other filters through pdf-lib), as latin1 text; empty when they cannot be. */
function decodedText(stream: PDFObject | undefined): string {
  const { PDFStream, PDFRawStream, PDFName, decodePDFRawStream } = pdfLib();
  if (!(stream instanceof PDFStream)) return '';
  try {
    // A stream pdf-lib made (the operators flattening adds) holds its operators unencoded.
    if (!(stream instanceof PDFRawStream))
      return Buffer.from((stream as unknown as { getUnencodedContents(): Uint8Array }).getUnencodedContents()).toString('latin1');
    const filter = stream.dict.lookup(PDFName.of('Filter'));
    const only = filter?.toString();
    if (only === '/FlateDecode' || only === '[ /FlateDecode ]') return inflateSync(stream.contents, { maxOutputLength: MAX_CONTENT_BYTES }).toString('latin1');
    if (!filter) return Buffer.from(stream.contents).toString('latin1');
    return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
  } catch {
    return '';
  }
}

/** Drops the keys no drawing needs from everything reachable, and the references to pages and other foreign objects. */
function clean(context: PdfLib.PDFContext, root: PDFObject | undefined, seen: Set<PDFObject>): void {
  const { PDFArray, PDFDict: Dict, PDFName, PDFNull, PDFRef, PDFStream } = pdfLib();
  const stack: PDFObject[] = root ? [root] : [];
  while (stack.length > 0) {
    const value = context.lookup(stack.pop()!);
    if (!value || seen.has(value)) continue;
    seen.add(value);
    const dict = value instanceof PDFStream ? value.dict : value instanceof Dict ? value : undefined;
    if (dict) {
      for (const key of DROPPED_KEYS) dict.delete(PDFName.of(key));
      if (value instanceof PDFStream) narrowOwnResources(context, value);
      for (const [key, entry] of dict.entries()) {
        if (entry instanceof PDFRef && isForeign(context.lookup(entry))) dict.delete(key);
        else stack.push(entry);
      }
    } else if (value instanceof PDFArray) {
      for (let i = 0; i < value.size(); i++) {
        const entry = value.get(i);
        if (entry instanceof PDFRef && isForeign(context.lookup(entry))) value.set(i, PDFNull);
        else stack.push(entry);
      }
    }
  }
}

/** A form XObject's or tiling pattern's resources, cut to what its own contents name (the same for every page that draws it). */
function narrowOwnResources(context: PdfLib.PDFContext, stream: PdfLib.PDFStream): void {
  const { PDFDict: Dict, PDFName } = pdfLib();
  const dict = stream.dict;
  const isForm = dict.get(PDFName.of('Subtype'))?.toString() === '/Form';
  const isTiling = dict.lookup(PDFName.of('PatternType'))?.toString() === '1';
  if (!isForm && !isTiling) return;
  const resources = dict.lookup(PDFName.of('Resources'));
  if (!(resources instanceof Dict)) return;
  dict.set(PDFName.of('Resources'), usedResources(context, resources, namesIn(context, stream)));
}

function isForeign(value: PDFObject | undefined): boolean {
  const { PDFDict: Dict, PDFName, PDFStream } = pdfLib();
  const dict = value instanceof PDFStream ? value.dict : value instanceof Dict ? value : undefined;
  const type = dict?.lookup(PDFName.of('Type'));
  if (type instanceof PDFName && FOREIGN_TYPES.includes(type.decodeText())) return true;
  // An action dictionary may come without /Type: its /S names it.
  return dict?.has(PDFName.of('S')) === true && (dict.has(PDFName.of('JS')) || dict.has(PDFName.of('URI')) || dict.has(PDFName.of('F')));
}
