import type { PageRect } from '../../evidence/manifest-schema.js';
import type { Finding, ImageInfo, ImageMarks, OcrText, Rect } from '../../evidence/model.js';
import { MAX_IMAGE_PIXELS } from '../../imaging/read-image.js';
import { sharp } from '../../io/cjs.js';
import { makeFinding } from '../../rules/codes.js';
import type { ParseContext } from '../types.js';
import { cardsInOcr } from './ocr-cards.js';

/** A side shorter than this holds no line of text (a tracking pixel, an icon). */
export const MIN_READABLE_SIDE = 8;

/** The marks as written (highlights, redactions, crop or trim), the text OCR reads under them, and the card numbers it finds redacted too. */
export async function readMarks(ctx: ParseContext, bytes: Buffer, image: ImageInfo, findings: Finding[]) {
  const file = ctx.source.file;
  const highlight = pixelRects(ctx.item?.highlight, 'highlight', file, findings);
  // A trim (only looked for without a crop) is shown by check and written to the report.
  const trim = image.trim ? trimAround(image.trim, highlight, image.width, image.height) : undefined;
  const crop = ctx.item?.crop ?? trim;
  const written: ImageMarks = {
    ...(crop ? { crop } : {}),
    highlight,
    redact: pixelRects(ctx.item?.redact, 'redact', file, findings),
  };
  const markFindings = checkMarks(file, written, image.width, image.height);
  const text = ctx.ocr && markFindings.length === 0 ? await readText(ctx, bytes, written, image, findings) : undefined;
  // A card number OCR reads in the capture is blacked out in its pixels before embedding.
  const cards = text ? cardsInOcr(text, written) : undefined;
  const ocr = cards?.ocr ?? text;
  const marks: ImageMarks =
    cards && cards.count > 0 ? { ...written, redact: [...written.redact, ...cards.redact.map((r) => clampRect(r, image.width, image.height))] } : written;
  if (cards && cards.count > 0) findings.push(makeFinding('ITEM_CARD_REDACTED', { file }, { count: cards.count, areas: cards.redact.length }));
  return { trim, marks, ocr, markFindings };
}

/**
 * OCR of the image as the packet will show it. An image OCR finds no text in is checked for
 * being one flat colour (a blank capture). OCR trouble is a warning: it only informs checks.
 */
async function readText(ctx: ParseContext, bytes: Buffer, marks: ImageMarks, image: ImageInfo, findings: Finding[]): Promise<OcrText | undefined> {
  const file = ctx.source.file;
  try {
    const ocr = await ctx.ocr!({ file, sha256: ctx.source.sha256, bytes, marks, image });
    if (ocr.partial) findings.push(makeFinding('OCR_PARTIAL', { file }));
    // An image too small to hold text is said once (ITEM_IMAGE_TOO_SMALL), not also as blank.
    if (ocr.lines.length === 0 && Math.min(image.width, image.height) >= MIN_READABLE_SIDE) {
      const colour = await flatColour(bytes);
      if (colour) findings.push(makeFinding('ITEM_IMAGE_BLANK', { file }, { colour }));
    }
    return ocr;
  } catch (error) {
    findings.push(makeFinding('ITEM_OCR_FAILED', { file }, { detail: error instanceof Error ? error.message.split('\n')[0]! : String(error) }));
    return undefined;
  }
}

/** The colour of an image that is one colour throughout, as #rrggbb; undefined otherwise. */
async function flatColour(bytes: Buffer): Promise<string | undefined> {
  const stats = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, pages: 1 }).flatten({ background: '#ffffff' }).toColourspace('srgb').stats();
  if (!stats.channels.slice(0, 3).every((c) => c.min === c.max)) return undefined;
  return `#${stats.channels
    .slice(0, 3)
    .map((c) => c.min.toString(16).padStart(2, '0'))
    .join('')}`;
}

/** The pixel rectangles of a mark list; `{ page, rect }` entries are for PDFs and are left out, with a finding. */
function pixelRects(list: readonly (Rect | PageRect)[] | undefined, key: string, file: string, findings: Finding[]): Rect[] {
  const rects: Rect[] = [];
  (list ?? []).forEach((entry, i) => {
    if (Array.isArray(entry)) rects.push(entry as Rect);
    else
      findings.push(
        makeFinding(
          'MANIFEST_FIELD_IGNORED',
          { file, path: `${key}[${i}].page` },
          { key: `${key}[${i}].page`, kind: 'image (pages are for PDFs; give [x, y, width, height] in pixels)' },
        ),
      );
  });
  return rects;
}

/** A rectangle cut to the image. */
function clampRect([x, y, w, h]: Rect, width: number, height: number): Rect {
  const x0 = Math.min(Math.max(0, x), width);
  const y0 = Math.min(Math.max(0, y), height);
  return [x0, y0, Math.max(0, Math.min(width, x + w) - x0), Math.max(0, Math.min(height, y + h) - y0)];
}

/** The trim box grown to take in every highlight (a mark drawn on a border stays visible). */
function trimAround(box: Rect, highlights: readonly Rect[], width: number, height: number): Rect {
  let [x0, y0, x1, y1] = [box[0], box[1], box[0] + box[2], box[1] + box[3]];
  for (const [x, y, w, h] of highlights) {
    x0 = Math.max(0, Math.min(x0, x));
    y0 = Math.max(0, Math.min(y0, y));
    x1 = Math.min(width, Math.max(x1, x + w));
    y1 = Math.min(height, Math.max(y1, y + h));
  }
  return [x0, y0, x1 - x0, y1 - y0];
}

function checkMarks(file: string, marks: ImageMarks, width: number, height: number): Finding[] {
  const findings: Finding[] = [];
  const check = (mark: string, path: string, rect: Rect) => {
    const [x, y, w, h] = rect;
    if (x + w > width || y + h > height) {
      findings.push(makeFinding('MANIFEST_MARK_OUTSIDE_IMAGE', { file, path }, { mark, rect: rect.join(', '), width, height }));
    }
  };
  if (marks.crop) check('crop', 'crop', marks.crop);
  marks.highlight.forEach((r, i) => check('highlight', `highlight[${i}]`, r));
  marks.redact.forEach((r, i) => check('redact', `redact[${i}]`, r));
  return findings;
}
