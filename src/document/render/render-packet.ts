import type { PDFPage } from 'pdf-lib';
import pLimit from 'p-limit';
import { pdfLib } from '../../io/cjs.js';
import type { FontSet } from '../fonts/load-fonts.js';
import type { DocumentSource, FontFace, ImageSource, PacketPlan, RenderOptions } from '../types.js';
import { addOutline } from './outline.js';
import { copyDocumentPages, type CopiedPage } from './copy-pages.js';
import { drawPageText, drawPlacements, type PageDrawing } from './draw-page.js';
import { drawRunningHead } from './draw-text.js';
import { embedFonts } from './embed-fonts.js';
import { isNegative } from '../../imaging/page-binarize.js';
import { negativeOps } from './negative-page.js';
import { drawPaper, paperFor, runningHeadOps } from './page-paper.js';
import { setMetadata } from './set-metadata.js';
import { StructureBuilder } from './structure.js';

/**
 * Draws the planned pages, asking `imageFor` for each exhibit's encoded image in turn and
 * `documentFor` for a PDF exhibit's pages copied as they are (without it none are drawn):
 * fonts, copied pages, then page by page its images, text and running head, all tagged;
 * then the outline and the metadata.
 */
export async function renderPacket(
  fonts: FontSet,
  plan: PacketPlan,
  imageFor: ImageSource,
  options: RenderOptions,
  documentFor?: DocumentSource,
): Promise<Uint8Array> {
  const { PDFDocument } = pdfLib();
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fonts.fontkit);
  const { info, paper } = options;
  // What the packet holds, in brief: it names the font subsets and the file (/ID, XMP).
  const seed = JSON.stringify([options.toolVersion, info.id, options.generatedAtMs, options.part ?? null, plan.pages, plan.placements]);
  const text = await embedFonts(doc, fonts, plan, options, seed);
  const copied = documentFor ? await copyDocumentPages(doc, plan, documentFor) : new Map<string, CopiedPage>();
  const partText = options.part ? ` · file ${options.part.number} of ${options.part.parts}` : '';
  const drawing: PageDrawing = { doc, plan, text, tags: new StructureBuilder(doc), copied, imageRefs: new Map(), imageFor };
  const pages: PDFPage[] = [];
  const glyphs = { font: (face: FontFace) => fonts.fontkit.create(fonts.bytes[face]), visible: (t: string) => fonts.visible(t) };
  const measure = fonts.measure.bind(fonts);
  const paperContext = { imageFor, glyphs, shares: new Map(), windows: new Map(), copied: new Set(copied.keys()) };
  const heads = plan.pages.map((planned, i) => {
    const size = planned.size ?? paper;
    return { size, left: fonts.visible(`Case ${info.id}${partText}`), right: planned.label, footer: `page ${i + 1} of ${plan.pages.length}` };
  });
  // A tinted page where white would make OCR read the capture's light regions as ink (see
  // page-paper.ts). Each page's is worked out ahead, two at a time (its marks are drawn in
  // libvips while the other's pixels are counted here), and taken in page order.
  const limit = pLimit(2);
  const tints = heads.map((head, i) => limit(() => paperFor(plan, i, head.size, runningHeadOps(head.size, head, measure), paperContext)));
  // Awaited in page order below; one that fails before its turn is not an unhandled rejection.
  for (const tint of tints) tint.catch(() => undefined);
  for (const [i, planned] of plan.pages.entries()) {
    const head = heads[i]!;
    const size = head.size;
    const page = doc.addPage([size.width, size.height]);
    pages.push(page);
    drawing.tags.beginPage(page, planned.kind === 'exhibit' ? `exhibit ${planned.exhibit}` : planned.kind, planned.bookmark ?? planned.label);
    const tint = await tints[i]!;
    if (tint !== undefined) drawing.tags.artifact(() => drawPaper(page, size, tint));
    // On a dark page (a dark-mode capture's) the page's own marks are drawn in negative.
    const negative = tint !== undefined && isNegative(tint);
    await drawPlacements(drawing, page, size, i);
    drawPageText(drawing, page, negative ? { ...planned, ops: negativeOps(planned.ops) } : planned);
    drawing.tags.artifact(() => drawRunningHead(page, text, head, negative), true);
    options.onPage?.(`page ${i + 1}`);
  }
  drawing.tags.finish();
  addOutline(doc, plan, pages);
  setMetadata(doc, options, seed, partText);
  return doc.save({ useObjectStreams: true });
}
