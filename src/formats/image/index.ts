import { readCaptureSidecar } from './capture-sidecar.js';
import { basename } from 'node:path';
import { dateFactFromLocal, formatDateFact } from '../../evidence/dates.js';
import { sharp } from '../../io/cjs.js';
import type { DateFact, Finding, ImageFormat, ImageInfo, ImageMarks, OcrText, Rect } from '../../evidence/model.js';
import { dateFromOcr } from '../../rules/visible-facts.js';
import { cardsInOcr } from './ocr-cards.js';
import { pngDamage } from './png-check.js';
import { pngChunkBomb } from './png-bomb.js';

/** As png-bomb.ts bounds a side chunk (for the finding's words). */
const MAX_PNG_CHUNK_MIB = 16;
import { makeFinding } from '../../rules/codes.js';
import type { FormatAdapter, ParseContext, ParseResult } from '../types.js';
import { writtenNote } from '../written-note.js';
import type { PageRect } from '../../evidence/manifest-schema.js';
import { readExifDate } from './exif-date.js';
import { dateFromFileName } from './filename-date.js';
import { MAX_IMAGE_PIXELS, readImage, sniffImageFormat, type ImageReadResult } from '../../imaging/read-image.js';
import { decodeHeif, HeifTooLargeError } from '../../imaging/heif.js';

/** Fewer pixels than this on a side, and an image cannot show a line of text. */
const MIN_READABLE_SIDE = 8;

/** Two sources that disagree by more than this are reported (clocks and saves drift a little). */
const CONFLICT_TOLERANCE_MS = 5 * 60_000;

export const imageAdapter: FormatAdapter = {
  id: 'image',
  label: 'Image (PNG, JPEG, WebP, GIF, TIFF, HEIC/HEIF)',
  extensions: ['png', 'jpg', 'jpeg', 'webp', 'gif', 'tif', 'tiff', 'heic', 'heif'],
  maxBytes: 256 * 1024 * 1024,
  detect: (sample) => (sniffImageFormat(sample) ? 1 : 0),
  parse: parseImageExhibit,
};

async function parseImageExhibit(ctx: ParseContext): Promise<ParseResult> {
  const file = ctx.source.file;
  const original = ctx.bytes ?? Buffer.alloc(0);
  const format = sniffImageFormat(original);
  if (!format) return { exhibits: [], findings: [makeFinding('ITEM_UNREADABLE', { file }, { detail: 'not an image' })] };
  const bomb = format === 'png' ? await pngChunkBomb(original) : undefined;
  if (bomb) {
    const detail = `its ${bomb.type} chunk inflates to more than ${MAX_PNG_CHUNK_MIB} MiB (a decompression bomb): it is not decoded`;
    return {
      exhibits: [],
      findings: [
        makeFinding(
          'ITEM_TOO_LARGE',
          { file },
          { format: 'PNG', size: `a ${bomb.type} chunk of over ${MAX_PNG_CHUNK_MIB} MiB`, limit: `${MAX_PNG_CHUNK_MIB} MiB`, detail },
        ),
      ],
    };
  }
  // A HEIC photo is decoded once into pixels everything else reads; its EXIF is read from the file.
  const heif = format === 'heif' ? await decodeHeifFor(file, original) : undefined;
  if (heif && !heif.ok) return { exhibits: [], findings: [heif.finding] };
  const bytes = heif?.png ?? original;
  // Uniform borders are trimmed unless the item is cropped or says trim: false.
  const read = await readImageCached(ctx, bytes, format, !ctx.item?.crop && ctx.item?.trim !== false);
  if (!read.ok) {
    const finding =
      read.reason === 'too-large'
        ? makeFinding('ITEM_IMAGE_TOO_LARGE', { file }, { width: read.width, height: read.height, limit: MAX_IMAGE_PIXELS / 1e6 })
        : makeFinding('ITEM_UNREADABLE', { file }, { detail: `broken ${format.toUpperCase()} (${read.detail})` });
    return { exhibits: [], findings: [finding] };
  }
  const image = read.info;
  const findings: Finding[] = [];
  const damage = format === 'png' ? pngDamage(original) : undefined;
  if (damage) findings.push(makeFinding('ITEM_DAMAGED', { file }, { detail: damage }));
  if (image.frames > 1) findings.push(makeFinding('ITEM_IMAGE_FRAMES', { file }, { frames: image.frames }));
  // A side this short holds no line of text (a tracking pixel, an icon): said, whatever its colours.
  if (Math.min(image.width, image.height) < MIN_READABLE_SIDE)
    findings.push(makeFinding('ITEM_IMAGE_TOO_SMALL', { file }, { width: image.width, height: image.height }));

  const { trim, marks, ocr, markFindings } = await marksAndText(ctx, bytes, image, findings);

  const capture = readCaptureSidecar(ctx, findings);
  const candidates = await imageDates(ctx, original, ocr, capture?.date, findings);
  const date = candidates[0];
  if (!date) {
    findings.push(makeFinding('ITEM_DATE_MISSING', { file }));
    return { exhibits: [], findings };
  }
  findings.push(...markFindings);
  ignoredFields(ctx, findings);

  const note = writtenNote(ctx, findings) ?? capture?.note;
  return {
    exhibits: [
      {
        kind: 'image',
        file,
        source: ctx.source,
        image: trim ? { ...image, trim } : image,
        date,
        dateCandidates: candidates,
        marks,
        ...(note ? { note } : {}),
        ...(ocr ? { ocr } : {}),
        ...(ctx.item?.landscape === false ? { upright: true as const } : {}),
        ...(ctx.item?.focus === false ? { focus: false as const } : {}),
      },
    ],
    findings,
  };
}

/** The marks as written (highlights, redactions, crop or trim), the text OCR reads under them, and the card numbers it finds redacted too. */
async function marksAndText(ctx: ParseContext, bytes: Buffer, image: ImageInfo, findings: Finding[]) {
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
 * The dates an image carries, most trusted first (from OCR when it carries none); a second
 * date far from the first is a conflict.
 */
async function imageDates(
  ctx: ParseContext,
  original: Buffer,
  ocr: OcrText | undefined,
  captured: DateFact | undefined,
  findings: Finding[],
): Promise<DateFact[]> {
  const file = ctx.source.file;
  const candidates = await collectDateCandidates(ctx, original);
  // The capture instant is the browser's clock as it saved the picture: after case.yaml, before EXIF or the name.
  if (captured) candidates.splice(ctx.manifestDate ? 1 : 0, 0, captured);
  if (candidates.length === 0 && ocr) {
    const read = dateFromOcr(ocr, ctx.timezone);
    if (read) {
      candidates.push(read);
      findings.push(makeFinding('ITEM_DATE_FROM_OCR', { file }, { date: formatDateFact(read, ctx.timezone), text: read.text }));
    }
  }
  const [date, ...others] = candidates;
  for (const other of date ? others : []) {
    const difference = Math.abs(other.epochMs - date!.epochMs);
    if (other.precision === 'day' || difference <= CONFLICT_TOLERANCE_MS) continue;
    findings.push(
      makeFinding(
        'ITEM_DATE_CONFLICT',
        { file },
        {
          used: date!.source,
          usedText: formatDateFact(date!, ctx.timezone),
          other: other.source,
          otherText: formatDateFact(other, ctx.timezone),
          difference: describeDuration(difference),
        },
      ),
    );
  }
  return candidates;
}

/** Manifest keys that apply to other kinds of file: said, not silently dropped. */
function ignoredFields(ctx: ParseContext, findings: Finding[]): void {
  const file = ctx.source.file;
  if (ctx.item?.pages !== undefined)
    findings.push(makeFinding('MANIFEST_FIELD_IGNORED', { file, path: 'pages' }, { key: 'pages', kind: 'image (it applies to PDFs)' }));
  for (const key of ['dateOrder', 'select', 'notes', 'columns'] as const) {
    if (ctx.item?.[key] !== undefined)
      findings.push(makeFinding('MANIFEST_FIELD_IGNORED', { file, path: key }, { key, kind: 'image (it applies to chat exports)' }));
  }
}

/**
 * The full read (every byte decoded, borders looked for) depends on the bytes alone, so a
 * readable image's result is kept by its SHA-256 and a second check skips the decode.
 */
async function readImageCached(ctx: ParseContext, bytes: Buffer, format: ImageFormat, findTrim: boolean): Promise<ImageReadResult> {
  const key = { fact: 'image-read', version: 2, vips: sharp.versions.vips, sha256: ctx.source.sha256, format, findTrim };
  const hit = await ctx.cache?.get(key, isImageInfo);
  if (hit) return { ok: true, info: hit };
  const read = await readImage(bytes, format === 'heif' ? 'png' : format, { findTrim });
  // A decoded HEIC is upright already (libheif applied its rotation); it stays a photo.
  const result: ImageReadResult = read.ok && format === 'heif' ? { ok: true, info: { ...read.info, format: 'heif', orientation: 1 } } : read;
  if (result.ok) await ctx.cache?.set(key, result.info);
  return result;
}

function isImageInfo(value: unknown): value is ImageInfo {
  const v = value as Partial<ImageInfo> | null;
  const whole = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n > 0;
  const rect = (r: unknown) => Array.isArray(r) && r.length === 4 && r.every((n) => Number.isInteger(n) && n >= 0);
  return (
    whole(v?.width) &&
    whole(v?.height) &&
    whole(v?.frames) &&
    whole(v?.orientation) &&
    typeof v?.hasAlpha === 'boolean' &&
    typeof v.format === 'string' &&
    (v.opaque === undefined || typeof v.opaque === 'boolean') &&
    (v.trim === undefined || rect(v.trim))
  );
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

async function collectDateCandidates(ctx: ParseContext, bytes: Buffer): Promise<DateFact[]> {
  const candidates: DateFact[] = [];
  if (ctx.manifestDate) candidates.push(ctx.manifestDate);
  const zone = ctx.timezone === undefined ? {} : { zone: ctx.timezone };
  const exif = await readExifDate(bytes);
  if (exif) {
    const fact = dateFactFromLocal(exif.local, {
      text: `${exif.tag} ${exif.text}`,
      source: 'exif',
      ...(exif.offsetMinutes === undefined ? zone : { offsetMinutes: exif.offsetMinutes }),
    });
    if (fact) candidates.push(fact);
  }
  const name = basename(ctx.source.file);
  const fromName = dateFromFileName(name);
  if (fromName) {
    const fact = dateFactFromLocal(fromName.local, {
      text: `${fromName.pattern} name "${name}"`,
      source: 'filename',
      precision: fromName.precision,
      ...(fromName.offsetMinutes === undefined ? zone : { offsetMinutes: fromName.offsetMinutes }),
    });
    if (fact) candidates.push(fact);
  }
  return candidates;
}

async function decodeHeifFor(file: string, bytes: Buffer): Promise<{ ok: true; png: Buffer } | { ok: false; finding: Finding }> {
  try {
    return { ok: true, png: await decodeHeif(bytes, MAX_IMAGE_PIXELS) };
  } catch (error) {
    if (error instanceof HeifTooLargeError)
      return { ok: false, finding: makeFinding('ITEM_IMAGE_TOO_LARGE', { file }, { width: error.width, height: error.height, limit: MAX_IMAGE_PIXELS / 1e6 }) };
    return {
      ok: false,
      finding: makeFinding('ITEM_UNREADABLE', { file }, { detail: `broken HEIC (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` }),
    };
  }
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

function describeDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}
