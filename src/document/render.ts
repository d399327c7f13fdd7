import { maskText } from '../chat/sensitive.js';
import type * as PdfLib from 'pdf-lib';
import type { PDFFont, PDFRef, PDFPage } from 'pdf-lib';
import { pdfLib } from '../io/cjs.js';
import type { CaseInfo } from '../evidence/model.js';
import type { FontFace, FontSet } from './fonts.js';
import { drawInvisibleWords, drawRunningHead, drawText, type TextFonts } from './render-text.js';
import { embedFallbacks } from './embed-fallbacks.js';
import { StructureBuilder } from './structure.js';
import { identifyPacket, packetId, subsetFontName, type PacketMetadata } from './pdf-identity.js';
import { LINE_FACTOR, type DrawOp } from './layout.js';
import { embedPngPassThrough } from './pdf-image.js';
import type { ImagePlacement, PacketPlan } from './packet-input.js';
import type { PreparedImage } from '../imaging/encode.js';

type PDFDocument = PdfLib.PDFDocument;

/**
 * A PDF exhibit's document (pdf-lib), the page numbers to copy from it as they are, and the
 * JPEG objects ("12 0 R") to put in place of the document's own while they are copied: the
 * re-encoded bytes, or undefined to leave the image out (to measure the packet without it).
 */
export type DocumentSource = (
  exhibit: number,
) => Promise<{ readonly pdf: PdfLib.PDFDocument; readonly vector: readonly number[]; readonly replace?: ReadonlyMap<string, Buffer | undefined> } | undefined>;

export interface RenderOptions {
  readonly info: CaseInfo;
  readonly paper: { width: number; height: number };
  readonly generatedAtMs: number;
  readonly toolVersion: string;
  /** This file's place when the packet is split over several. */
  readonly part?: { readonly number: number; readonly parts: number };
  /** Told as each page is drawn (for a progress display). */
  readonly onPage?: (label: string) => void;
}

/** Draws the planned pages, asking `imageFor` for each exhibit's encoded image in turn. */
export async function renderPacket(
  fonts: FontSet,
  plan: PacketPlan,
  /**
   * The image for an exhibit, or the picture of a PDF exhibit's page (`sourcePage`) when that
   * page is painted; undefined draws none (to measure the packet without images).
   */
  imageFor: (exhibit: number, sourcePage?: number, region?: boolean) => Promise<PreparedImage | undefined>,
  options: RenderOptions,
  /** A PDF exhibit's document and the pages copied from it as they are; without it none are drawn. */
  documentFor?: DocumentSource,
): Promise<Uint8Array> {
  const { PDFDocument } = pdfLib();
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fonts.fontkit);
  const { info, paper } = options;
  // What the packet holds, in brief: it names the font subsets and the file (/ID, XMP).
  const seed = JSON.stringify([options.toolVersion, info.id, options.generatedAtMs, options.part ?? null, plan.pages, plan.placements]);
  const embed = (face: FontFace, name: string) => doc.embedFont(fonts.bytes[face], { subset: true, customName: subsetFontName(name, seed) });
  const regular = await embed('regular', 'EvidencePacketSans');
  const bold = await embed('bold', 'EvidencePacketSans-Bold');
  const mono = await embed('mono', 'EvidencePacketMono');
  // The italic face only where a letter emphasises something.
  const italic = plan.pages.some((p) => p.ops.some((op) => op.op === 'text' && op.face === 'italic')) ? await embed('italic', 'EvidencePacketSans-Oblique') : regular;
  const embedded: Record<FontFace, PDFFont> = { regular, bold, italic, mono };
  const text: TextFonts = { set: fonts, faces: embedded, fallbacks: await embedFallbacks(doc, fonts, plan, options, seed) };
  const total = plan.pages.length;
  const pages: PDFPage[] = [];
  const imageRefs = new Map<string, PDFRef>();
  const copied = documentFor ? await copyDocumentPages(doc, plan, documentFor) : new Map<string, CopiedPage>();
  const partText = options.part ? ` · file ${options.part.number} of ${options.part.parts}` : '';

  const tags = new StructureBuilder(doc);
  for (const [i, planned] of plan.pages.entries()) {
    const size = planned.size ?? paper;
    const page = doc.addPage([size.width, size.height]);
    pages.push(page);
    tags.beginPage(page, planned.kind === 'exhibit' ? `exhibit ${planned.exhibit}` : planned.kind, planned.bookmark ?? planned.label);
    for (const placement of plan.placements.filter((p) => p.page === i + 1)) {
      const key = `${placement.exhibit}:${placement.sourcePage ?? ''}${placement.region ? ':region' : ''}`;
      const vector = copied.get(key);
      const image = vector ? undefined : await imageFor(placement.exhibit, placement.sourcePage, placement.region !== undefined);
      // A capture split over pages is embedded once and drawn on each.
      let ref = imageRefs.get(key);
      if (image && !ref) imageRefs.set(key, (ref = await embedImage(doc, image)));
      const top = Math.min(size.height, placement.clip ? placement.clip.y + placement.clip.height : placement.y + placement.height);
      tags.mark('Figure', top, () => {
        if (vector) drawCopiedPage(page, vector, placement);
        else if (ref) drawImage(page, ref, placement);
        // Drawn without the image too: a packet measured bare (for the size budget) has the text layer's bytes.
        if (placement.words) drawInvisibleWords(page, placement.words, embedded.regular, fonts);
      }, { alt: `${planned.bookmark ?? planned.label}${placement.detail ? ' (enlarged detail)' : ''}` });
    }
    let last: DrawOp | undefined;
    for (const op of planned.ops) {
      if (op.op !== 'text') tags.artifact(() => drawOp(page, op, text));
      else {
        // More of the same line (a bold word), or the paragraph's next line (one line height below), continues it.
        const drop = last?.op === 'text' ? last.y - op.y : -1;
        const join = !op.role && last?.op === 'text' && !last.role && last.size === op.size && (Math.abs(drop) < 0.5 || Math.abs(drop - op.size * LINE_FACTOR) < op.size * 0.15);
        tags.mark(op.role ?? 'P', op.y + op.size, () => drawOp(page, { ...op, text: fonts.visible(op.text) }, text), { join });
        last = op;
      }
    }
    tags.artifact(() => drawRunningHead(page, text, { size, left: fonts.visible(`Case ${info.id}${partText}`), right: planned.label, footer: `page ${i + 1} of ${total}` }), true);
    options.onPage?.(`page ${i + 1}`);
  }
  tags.finish();

  addOutline(doc, plan, pages);
  // The metadata says what the pages say: card numbers masked.
  const meta: PacketMetadata = {
    title: maskText(`Chargeback evidence — case ${info.id}${partText}`),
    subject: maskText(`Dispute ${info.id}${info.reason ? ` (${info.reason})` : ''}: evidence in time order`),
    keywords: ['chargeback', 'dispute', 'evidence', info.id, ...(info.reason ? [info.reason] : [])].map(maskText),
    ...(info.merchant.name ? { author: maskText(info.merchant.name) } : {}),
    creator: `evidence-packet ${options.toolVersion}`,
    producer: `evidence-packet ${options.toolVersion} (pdf-lib)`,
    language: 'en',
    dateMs: options.generatedAtMs,
  };
  setInfo(doc, meta);
  identifyPacket(doc, packetId(seed), meta);
  return doc.save({ useObjectStreams: true });
}

function setInfo(doc: PDFDocument, meta: PacketMetadata): void {
  const date = new Date(meta.dateMs);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setSubject(meta.subject);
  doc.setKeywords([...meta.keywords]);
  if (meta.author) doc.setAuthor(meta.author);
  doc.setCreator(meta.creator);
  doc.setProducer(meta.producer);
  doc.setLanguage(meta.language);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
}

async function embedImage(doc: PDFDocument, image: PreparedImage): Promise<PDFRef> {
  // JPEG bytes pass through unchanged (DCTDecode); embedJpg only reads the header.
  if (image.encoding === 'jpeg') return (await doc.embedJpg(image.data)).ref;
  return embedPngPassThrough(doc, image.data).ref;
}

/**
 * The pages of each PDF exhibit shown as they are, copied in with all of one document's
 * pages in one go (so the fonts and images they share are copied once), each as a form
 * XObject of its crop box. Keyed `exhibit:page`.
 */
async function copyDocumentPages(doc: PDFDocument, plan: PacketPlan, documentFor: DocumentSource): Promise<Map<string, CopiedPage>> {
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
      } else context.assign(ref, context.stream(new Uint8Array(0), { Type: 'XObject', Subtype: 'Image', Width: 1, Height: 1, ColorSpace: 'DeviceGray', BitsPerComponent: 8 }));
    }
    return await copy();
  } finally {
    for (const [ref, original] of originals) context.assign(ref, original);
  }
}

/** A copied page drawn into its placement, turned as its /Rotate says (clockwise), as a viewer shows it. */
function drawCopiedPage(page: PDFPage, { page: copied, rotate }: CopiedPage, at: Omit<ImagePlacement, 'exhibit' | 'page'>): void {
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
interface CopiedPage {
  readonly page: PdfLib.PDFEmbeddedPage;
  readonly rotate: number;
}

function drawImage(page: PDFPage, ref: PDFRef, at: Omit<ImagePlacement, 'exhibit' | 'page'>): void {
  const { clip, concatTransformationMatrix, drawObject, endPath, popGraphicsState, pushGraphicsState, rectangle } = pdfLib();
  const name = page.node.newXObject('Image', ref);
  page.pushOperators(
    pushGraphicsState(),
    // A region view's image is that region alone: it fills the clip box.
    ...(at.clip && !at.region ? [rectangle(at.clip.x, at.clip.y, at.clip.width, at.clip.height), clip(), endPath()] : []),
    ...(at.region && at.clip ? [concatTransformationMatrix(at.clip.width, 0, 0, at.clip.height, at.clip.x, at.clip.y)] : [concatTransformationMatrix(at.width, 0, 0, at.height, at.x, at.y)]),
    drawObject(name),
    popGraphicsState(),
  );
}

function drawOp(page: PDFPage, op: DrawOp, fonts: TextFonts): void {
  const { grayscale } = pdfLib();
  switch (op.op) {
    case 'text':
      drawText(page, op.text, fonts, op.face, { x: op.x, y: op.y, size: op.size, color: grayscale(0) });
      return;
    case 'line':
      page.drawLine({ start: { x: op.x1, y: op.y1 }, end: { x: op.x2, y: op.y2 }, thickness: op.width, color: grayscale(op.gray) });
      return;
    case 'rect':
      page.drawRectangle({
        x: op.x,
        y: op.y,
        width: op.w,
        height: op.h,
        ...(op.fillGray === undefined ? {} : { color: grayscale(op.fillGray) }),
        ...(op.strokeGray === undefined ? {} : { borderColor: grayscale(op.strokeGray), borderWidth: op.strokeWidth ?? 1 }),
      });
      return;
  }
}

/** One bookmark per section and per exhibit, so a reviewer can jump straight to one. */
function addOutline(doc: PDFDocument, plan: PacketPlan, pages: PDFPage[]): void {
  const { PDFHexString, PDFName } = pdfLib();
  const entries: { title: string; page: PDFPage }[] = [];
  let lastLabel = '';
  plan.pages.forEach((planned, i) => {
    if (planned.label === lastLabel) return;
    lastLabel = planned.label;
    const page = pages[i];
    if (page) entries.push({ title: planned.bookmark ?? planned.label, page });
  });
  if (entries.length === 0) return;
  const context = doc.context;
  const outlineRef = context.nextRef();
  const refs = entries.map(() => context.nextRef());
  entries.forEach((entry, i) => {
    const item = context.obj({
      Title: PDFHexString.fromText(maskText(entry.title)),
      Parent: outlineRef,
      Dest: [entry.page.ref, PDFName.of('XYZ'), null, null, null],
    });
    if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]!);
    if (i < refs.length - 1) item.set(PDFName.of('Next'), refs[i + 1]!);
    context.assign(refs[i]!, item);
  });
  context.assign(
    outlineRef,
    context.obj({ Type: 'Outlines', First: refs[0]!, Last: refs[refs.length - 1]!, Count: refs.length }),
  );
  doc.catalog.set(PDFName.of('Outlines'), outlineRef);
}
