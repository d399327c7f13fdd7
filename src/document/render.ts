import type * as PdfLib from 'pdf-lib';
import type { PDFFont, PDFPageDrawTextOptions, PDFRef, PDFPage } from 'pdf-lib';
import { pdfLib } from '../io/cjs.js';
import type { CaseInfo } from '../evidence/model.js';
import type { FontFace, FontSet } from './fonts.js';
import { FOOTER_BASELINE, HEADER_BASELINE, MARGIN_X, SMALL_SIZE, type DrawOp } from './layout.js';
import { embedPngPassThrough } from './pdf-image.js';
import type { ImagePlacement, PacketPlan } from './packet-input.js';
import type { PreparedImage } from '../imaging/encode.js';

type PDFDocument = PdfLib.PDFDocument;

export interface RenderOptions {
  readonly info: CaseInfo;
  readonly paper: { width: number; height: number };
  readonly generatedAtMs: number;
  readonly toolVersion: string;
  /** This file's place when the packet is split over several. */
  readonly part?: { readonly number: number; readonly parts: number };
}

/** Draws the planned pages, asking `imageFor` for each exhibit's encoded image in turn. */
export async function renderPacket(
  fonts: FontSet,
  plan: PacketPlan,
  /** The image for an exhibit; undefined draws none (to measure the packet without images). */
  imageFor: (exhibit: number) => Promise<PreparedImage | undefined>,
  options: RenderOptions,
): Promise<Uint8Array> {
  const { grayscale, PDFDocument } = pdfLib();
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fonts.fontkit);
  const embedded: Record<FontFace, PDFFont> = {
    regular: await doc.embedFont(fonts.bytes.regular, { subset: true, customName: 'EvidencePacketSans' }),
    bold: await doc.embedFont(fonts.bytes.bold, { subset: true, customName: 'EvidencePacketSans-Bold' }),
    mono: await doc.embedFont(fonts.bytes.mono, { subset: true, customName: 'EvidencePacketMono' }),
  };
  const { info, paper } = options;
  const total = plan.pages.length;
  const pages: PDFPage[] = [];
  const imageRefs = new Map<number, PDFRef>();
  const partText = options.part ? ` · file ${options.part.number} of ${options.part.parts}` : '';

  for (const [i, planned] of plan.pages.entries()) {
    const size = planned.size ?? paper;
    const page = doc.addPage([size.width, size.height]);
    pages.push(page);
    for (const placement of plan.placements.filter((p) => p.page === i + 1)) {
      const image = await imageFor(placement.exhibit);
      // A capture split over pages is embedded once and drawn on each.
      let ref = imageRefs.get(placement.exhibit);
      if (image && !ref) imageRefs.set(placement.exhibit, (ref = await embedImage(doc, image)));
      if (ref) drawImage(page, ref, placement);
    }
    for (const op of planned.ops) drawOp(page, op.op === 'text' ? { ...op, text: fonts.visible(op.text) } : op, embedded);
    // Header: case id and what the page is; footer: page x of y.
    const header = fonts.visible(`Case ${info.id}${partText}`);
    drawText(page, header, embedded.bold, { x: MARGIN_X, y: size.height - HEADER_BASELINE, size: SMALL_SIZE });
    const labelWidth = fonts.measure(planned.label, SMALL_SIZE, 'regular');
    drawText(page, planned.label, embedded.regular, { x: size.width - MARGIN_X - labelWidth, y: size.height - HEADER_BASELINE, size: SMALL_SIZE });
    page.drawLine({
      start: { x: MARGIN_X, y: size.height - HEADER_BASELINE - 6 },
      end: { x: size.width - MARGIN_X, y: size.height - HEADER_BASELINE - 6 },
      thickness: 0.6,
      color: grayscale(0.4),
    });
    const footer = `page ${i + 1} of ${total}`;
    const footerWidth = fonts.measure(footer, SMALL_SIZE, 'regular');
    drawText(page, footer, embedded.regular, { x: (size.width - footerWidth) / 2, y: FOOTER_BASELINE, size: SMALL_SIZE });
  }

  addOutline(doc, plan, pages);
  const date = new Date(options.generatedAtMs);
  doc.setTitle(`Chargeback evidence — case ${info.id}${partText}`, { showInWindowTitleBar: true });
  doc.setSubject(`Dispute ${info.id}${info.reason ? ` (${info.reason})` : ''}: evidence in time order`);
  doc.setKeywords(['chargeback', 'dispute', 'evidence', info.id, ...(info.reason ? [info.reason] : [])]);
  if (info.merchant.name) doc.setAuthor(info.merchant.name);
  doc.setCreator(`evidence-packet ${options.toolVersion}`);
  doc.setProducer(`evidence-packet ${options.toolVersion} (pdf-lib)`);
  doc.setLanguage('en');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  return doc.save({ useObjectStreams: true });
}

async function embedImage(doc: PDFDocument, image: PreparedImage): Promise<PDFRef> {
  // JPEG bytes pass through unchanged (DCTDecode); embedJpg only reads the header.
  if (image.encoding === 'jpeg') return (await doc.embedJpg(image.data)).ref;
  return embedPngPassThrough(doc, image.data).ref;
}

function drawImage(page: PDFPage, ref: PDFRef, at: Omit<ImagePlacement, 'exhibit' | 'page'>): void {
  const { clip, concatTransformationMatrix, drawObject, endPath, popGraphicsState, pushGraphicsState, rectangle } = pdfLib();
  const name = page.node.newXObject('Image', ref);
  page.pushOperators(
    pushGraphicsState(),
    ...(at.clip ? [rectangle(at.clip.x, at.clip.y, at.clip.width, at.clip.height), clip(), endPath()] : []),
    concatTransformationMatrix(at.width, 0, 0, at.height, at.x, at.y),
    drawObject(name),
    popGraphicsState(),
  );
}

/** The font each page's text is set in now. */
const pageFonts = new WeakMap<PDFPage, PDFFont>();

/**
 * Draws text in `font`, switching the page's font only when it changes. Given a font,
 * pdf-lib's drawText names it anew in the page's font resources on every call (searching the
 * names already there for a free one), which made pages larger and slower to write (README,
 * Benchmark).
 */
function drawText(page: PDFPage, text: string, font: PDFFont, options: Omit<PDFPageDrawTextOptions, 'font'>): void {
  if (pageFonts.get(page) !== font) {
    page.setFont(font);
    pageFonts.set(page, font);
  }
  page.drawText(text, options);
}

function drawOp(page: PDFPage, op: DrawOp, fonts: Record<FontFace, PDFFont>): void {
  const { grayscale } = pdfLib();
  switch (op.op) {
    case 'text':
      drawText(page, op.text, fonts[op.face], { x: op.x, y: op.y, size: op.size, color: grayscale(0) });
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
    if (page) entries.push({ title: planned.label, page });
  });
  if (entries.length === 0) return;
  const context = doc.context;
  const outlineRef = context.nextRef();
  const refs = entries.map(() => context.nextRef());
  entries.forEach((entry, i) => {
    const item = context.obj({
      Title: PDFHexString.fromText(entry.title),
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
