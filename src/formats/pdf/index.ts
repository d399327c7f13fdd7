import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import { formatDateFact } from '../../evidence/dates.js';
import type { DateFact, DocumentPage, Finding, OcrText, Rect } from '../../evidence/model.js';
import { maskCardNumbers } from '../../chat/sensitive.js';
import { redactCardNumbers } from './pdf-cards.js';
import { paintPdfPage } from '../../imaging/pdf-raster.js';
import { openPdf, PdfOpenError, type PDFDocumentProxy } from '../../io/pdfjs.js';
import { looksLikeZip } from '../../io/zip.js';
import { makeFinding } from '../../rules/codes.js';
import { EvidencePacketError } from '../../errors.js';
import { dateFromOcr } from '../../rules/visible-facts.js';
import type { FormatAdapter, ParseContext, ParseResult } from '../types.js';
import { writtenNote } from '../written-note.js';
import { parsePdfDate, parseXmpDate } from './pdf-date.js';
import { chooseDocumentDate } from './pdf-date-choice.js';
import { pageMarks, readPageFacts, selectPages, visibleLines, type PageFacts } from './pdf-pages.js';
import { inspectStructure, type PdfStructure } from './pdf-structure.js';
import { findFlateBomb } from './pdf-bomb.js';
import { annotationFindings, rasterFindings, structureFindings } from './report-pdf-findings.js';
import { rejectSource } from '../reject-source.js';

/** A PDF with more pages than this needs `pages:` (a 2 000-page export is never all evidence). */
export const MAX_PDF_PAGES_UNSELECTED = 60;
export { MAX_PDF_IMAGE_PIXELS } from './report-pdf-findings.js';
/** Pages without a text layer are painted at this resolution for OCR. */
const OCR_DPI = 200;

export const pdfAdapter: FormatAdapter = {
  id: 'pdf',
  label: 'PDF document (pages copied in as they are, text kept)',
  extensions: ['pdf'],
  maxBytes: 512 * 1024 * 1024,
  // The header may follow some junk (ISO 32000 tolerates up to 1 KB), but not a zip's own
  // header: a zip that stores a PDF uncompressed as its first entry is still a zip.
  detect: (sample) => (!looksLikeZip(sample) && sample.subarray(0, 1024).includes('%PDF-') ? 1 : 0),
  parse: parsePdf,
};

async function parsePdf(ctx: ParseContext): Promise<ParseResult> {
  const file = ctx.source.file;
  // Before pdf.js or pdf-lib decodes a stream whole: a 1 MB stream of zeros inflates to 1 GB.
  const bomb = await findFlateBomb(ctx.bytes ?? Buffer.alloc(0));
  if (bomb) {
    const mib = (n: number) => `${Math.round(n / 2 ** 20)} MiB`;
    return rejectSource(
      makeFinding(
        'ITEM_TOO_LARGE',
        { file },
        {
          format: 'PDF',
          size: `a stream of ${mib(bomb.compressed)} that inflates to more than ${mib(bomb.limit)}`,
          limit: mib(bomb.limit),
          detail: 'a decompression bomb, or a stream no page needs',
        },
      ),
    );
  }
  let doc: PDFDocumentProxy;
  try {
    doc = await openPdf(ctx.bytes ?? Buffer.alloc(0));
  } catch (error) {
    if (error instanceof PdfOpenError && error.reason === 'password') return rejectSource(makeFinding('ITEM_PDF_PASSWORD', { file }));
    return rejectSource(makeFinding('ITEM_UNREADABLE', { file }, { detail: `broken PDF (${error instanceof Error ? error.message : String(error)})` }));
  }
  try {
    return await readDocument(ctx, doc);
  } catch (error) {
    // pdf.js opens a file lazily: a page tree that contains itself fails only when a page is read.
    if (error instanceof EvidencePacketError) throw error;
    return rejectSource(makeFinding('ITEM_UNREADABLE', { file }, { detail: `broken PDF (${error instanceof Error ? error.message : String(error)})` }));
  } finally {
    await doc.destroy();
  }
}

async function readDocument(ctx: ParseContext, doc: PDFDocumentProxy): Promise<ParseResult> {
  const file = ctx.source.file;
  if (await isOwnPacket(doc)) return rejectSource(makeFinding('ITEM_OWN_OUTPUT_SKIPPED', { file }, { what: 'a packet' }));
  const item = ctx.item;
  const findings: Finding[] = [];
  const total = doc.numPages;
  if (!item?.pages && total > MAX_PDF_PAGES_UNSELECTED) {
    return rejectSource(makeFinding('ITEM_PDF_TOO_MANY_PAGES', { file }, { pages: total, limit: MAX_PDF_PAGES_UNSELECTED }));
  }
  const numbers = selectPages(item, total, file, findings);
  const highlight = pageMarks(item?.highlight, 'highlight', file, findings);
  const redact = pageMarks(item?.redact, 'redact', file, findings);
  const structure = await inspectStructure(ctx.bytes!, numbers);
  const facts: PageFacts[] = [];
  for (const number of numbers) facts.push(await readPageFacts(doc, number));
  const markFindings = checkPageMarks(file, facts, total, { highlight, redact });
  findings.push(...markFindings);
  findings.push(...redactCardNumbers(file, facts, redact, structure.ok ? structure.annotationText : undefined));
  structureFindings(file, ctx.bytes!, structure, findings);
  if (findings.some((f) => f.severity === 'error')) return rejectSource(...findings);
  annotationFindings(ctx, facts, findings);
  const notes = pageNotes(ctx, findings);
  // Scanned pages are read by OCR two at a time: the engine runs two workers.
  const ocrSlots = pLimit(2);
  const texts = await Promise.all(facts.map((fact) => ocrSlots(() => pageText(ctx, doc, fact, redact.get(fact.number) ?? []))));
  const pages = facts.map((fact, k) =>
    documentPage(fact, texts[k]!, structure, highlight.get(fact.number) ?? [], redact.get(fact.number) ?? [], notes.get(fact.number)),
  );
  rasterFindings(file, pages, structure, findings);

  const candidates = await dateCandidates(ctx, doc, pages);
  const chosen = chooseDocumentDate(file, candidates, pages, ctx.timezone);
  const date = chosen.date;
  if (!date) {
    findings.push(makeFinding('ITEM_DATE_MISSING', { file }));
    return rejectSource(...findings);
  }
  findings.push(...chosen.findings);
  if (date.source === 'text' && chosen.findings.length === 0)
    findings.push(makeFinding('ITEM_DATE_FROM_TEXT', { file }, { date: formatDateFact(date, ctx.timezone), text: date.text }));
  const note = writtenNote(ctx, findings);
  if (pages.length === 0) return rejectSource(...findings);
  return {
    exhibits: [{ kind: 'document', file, source: ctx.source, date, dateCandidates: candidates, pages, totalPages: total, ...(note ? { note } : {}) }],
    findings,
  };
}

/** A page of the exhibit: its size and text, whether it is copied or painted (and why), and its marks and note. */
function documentPage(
  fact: PageFacts,
  text: Awaited<ReturnType<typeof pageText>>,
  structure: PdfStructure,
  highlight: DocumentPage['highlight'],
  redactions: DocumentPage['redact'],
  note: string | undefined,
): DocumentPage {
  const reason = !structure.ok ? structure.reason : redactions.length > 0 ? 'redact' : undefined;
  return {
    number: fact.number,
    width: fact.width,
    height: fact.height,
    text: text.text,
    textFrom: text.from,
    treatment: reason ? 'raster' : 'vector',
    images: !structure.ok || structure.largestImage.has(fact.number),
    jpegs: structure.ok ? (structure.jpegs.get(fact.number) ?? []) : [],
    largeImages: structure.ok ? (structure.largeImages.get(fact.number) ?? 0) : 0,
    ...(reason ? { rasterReason: reason } : {}),
    highlight,
    redact: redactions,
    ...(note !== undefined ? { note } : {}),
  };
}

/** A page's text from its text layer, or OCR of the page (redactions applied) when it has none. */
async function pageText(
  ctx: ParseContext,
  doc: PDFDocumentProxy,
  fact: PageFacts,
  redact: readonly Rect[],
): Promise<{ text: string; from: DocumentPage['textFrom'] }> {
  // What is under a redaction is not in the packet, so it is not counted as shown either.
  const layer = visibleLines(fact.items, redact).join('\n');
  if (fact.items.length > 0) return { text: maskCardNumbers(layer).text, from: 'layer' };
  if (!ctx.ocr) return { text: '', from: 'none' };
  const painted = await paintPdfPage(doc, fact.number, OCR_DPI, redact);
  const sha256 = createHash('sha256')
    .update(`${ctx.source.sha256}:page ${fact.number}:${painted.dpi}:${JSON.stringify(redact)}`)
    .digest('hex');
  const ocr = await ctx.ocr({
    file: `${ctx.source.file} page ${fact.number}`,
    sha256,
    bytes: painted.png,
    marks: { highlight: [], redact: [] },
    image: { width: painted.width, height: painted.height, opaque: true },
  });
  return { text: maskCardNumbers(ocr.text).text, from: 'ocr' };
}

/** `notes: [{ page, note }]`: a note printed on that page. Notes without a page are for chats. */
function pageNotes(ctx: ParseContext, findings: Finding[]): Map<number, string> {
  const notes = new Map<number, string>();
  (ctx.item?.notes ?? []).forEach((n, i) => {
    if (n.page === undefined) {
      findings.push(
        makeFinding(
          'MANIFEST_FIELD_IGNORED',
          { file: ctx.source.file, path: `notes[${i}]` },
          { key: `notes[${i}]`, kind: 'PDF without a page (give page: and note:)' },
        ),
      );
      return;
    }
    notes.set(n.page, maskCardNumbers(notes.has(n.page) ? `${notes.get(n.page)} ${n.note}` : n.note).text);
  });
  return notes;
}

/** A packet this tool wrote (its Info Creator or Producer says so): a later build must not take it in as an exhibit. */
async function isOwnPacket(doc: PDFDocumentProxy): Promise<boolean> {
  const info = (await doc.getMetadata().catch(() => undefined))?.info as { Creator?: unknown; Producer?: unknown } | undefined;
  return [info?.Creator, info?.Producer].some((v) => typeof v === 'string' && /^evidence-packet \d+\.\d+/.test(v));
}

/** Manifest, then XMP xmp:CreateDate, then the Info CreationDate, then a date in the page text. */
async function dateCandidates(ctx: ParseContext, doc: PDFDocumentProxy, pages: readonly DocumentPage[]): Promise<DateFact[]> {
  const candidates: DateFact[] = [];
  if (ctx.manifestDate) candidates.push(ctx.manifestDate);
  const meta = await doc.getMetadata().catch(() => undefined);
  const xmp = meta?.metadata?.get('xmp:createdate');
  const fromXmp = typeof xmp === 'string' ? parseXmpDate(xmp, 'XMP xmp:CreateDate', ctx.timezone) : undefined;
  if (fromXmp) candidates.push(fromXmp);
  const info = meta?.info as { CreationDate?: unknown } | undefined;
  const fromInfo = typeof info?.CreationDate === 'string' ? parsePdfDate(info.CreationDate, 'Info CreationDate', ctx.timezone) : undefined;
  if (fromInfo) candidates.push(fromInfo);
  for (const page of pages) {
    const lines = page.text.split('\n').map((text) => ({ text, confidence: 100, bbox: [0, 0, 0, 0] as const }));
    const found = dateFromOcr({ text: page.text, lines, cached: false } satisfies OcrText, ctx.timezone);
    if (found) {
      candidates.push({ ...found, source: 'text', text: `${found.text.replace(/ read in the image$/, '')} on page ${page.number}` });
      break;
    }
  }
  return candidates;
}

function checkPageMarks(file: string, facts: readonly PageFacts[], total: number, marks: Record<'highlight' | 'redact', Map<number, Rect[]>>): Finding[] {
  const findings: Finding[] = [];
  for (const [mark, byPage] of Object.entries(marks)) {
    for (const [page, rects] of byPage) {
      const fact = facts.find((f) => f.number === page);
      if (!fact) {
        if (page > total) findings.push(makeFinding('MANIFEST_PAGE_OUTSIDE', { file, path: mark }, { key: mark, page, pages: total }));
        else
          findings.push(makeFinding('MANIFEST_FIELD_IGNORED', { file, path: mark }, { key: `${mark} on page ${page}`, kind: 'page that pages: leaves out' }));
        continue;
      }
      for (const rect of rects) {
        const [x, y, w, h] = rect;
        if (x + w > fact.width + 0.5 || y + h > fact.height + 0.5) {
          findings.push(
            makeFinding(
              'MANIFEST_MARK_OUTSIDE_PAGE',
              { file, path: mark },
              { mark, page, rect: rect.join(', '), width: Math.round(fact.width), height: Math.round(fact.height) },
            ),
          );
        }
      }
    }
  }
  return findings;
}
