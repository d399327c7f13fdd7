import { readCaptureSidecar } from './capture-sidecar.js';
import { basename } from 'node:path';
import { dateFactFromLocal, formatDateFact } from '../../evidence/dates.js';
import { sharp } from '../../io/cjs.js';
import type { DateFact, Finding, ImageFormat, ImageInfo, OcrText } from '../../evidence/model.js';
import { dateFromOcr } from '../../rules/visible-facts.js';
import { MIN_READABLE_SIDE, readMarks } from './read-marks.js';
import { pngDamage } from './png-check.js';
import { pngChunkBomb } from './png-bomb.js';

/** As png-bomb.ts bounds a side chunk (for the finding's words). */
const MAX_PNG_CHUNK_MIB = 16;
import { makeFinding } from '../../rules/codes.js';
import type { FormatAdapter, ParseContext, ParseResult } from '../types.js';
import { writtenNote } from '../written-note.js';
import { readExifDate } from './exif-date.js';
import { dateFromFileName } from './filename-date.js';
import { LARGE_IMAGE_PIXELS, MAX_IMAGE_PIXELS, readImage, sniffImageFormat, type ImageReadResult } from '../../imaging/read-image.js';
import { decodeHeif, HeifTooLargeError } from '../../imaging/heif.js';
import { rejectSource } from '../reject-source.js';

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
  if (!format) return rejectSource(makeFinding('ITEM_UNREADABLE', { file }, { detail: 'not an image' }));
  const opened = await openImage(ctx, original, format);
  if (!opened.ok) return rejectSource(...opened.findings);
  const { bytes, image } = opened;
  const findings: Finding[] = [];
  const damage = format === 'png' ? pngDamage(original) : undefined;
  if (damage) findings.push(makeFinding('ITEM_DAMAGED', { file }, { detail: damage }));
  if (image.frames > 1) findings.push(makeFinding('ITEM_IMAGE_FRAMES', { file }, { frames: image.frames }));
  if (image.width * image.height > LARGE_IMAGE_PIXELS) {
    const megapixels = (image.width * image.height) / 1e6;
    findings.push(
      makeFinding(
        'ITEM_IMAGE_LARGE',
        { file },
        { width: image.width, height: image.height, megapixels: megapixels.toFixed(1), limit: LARGE_IMAGE_PIXELS / 1e6 },
      ),
    );
  }
  // A side this short holds no line of text (a tracking pixel, an icon): said, whatever its colours.
  if (Math.min(image.width, image.height) < MIN_READABLE_SIDE)
    findings.push(makeFinding('ITEM_IMAGE_TOO_SMALL', { file }, { width: image.width, height: image.height }));

  const { trim, marks, ocr, markFindings } = await readMarks(ctx, bytes, image, findings);

  const capture = readCaptureSidecar(ctx, findings);
  const candidates = await imageDates(ctx, original, ocr, capture?.date, findings);
  const date = candidates[0];
  if (!date) {
    findings.push(makeFinding('ITEM_DATE_MISSING', { file }));
    return rejectSource(...findings);
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

/** The image decoded (a HEIC into PNG first), or why it cannot be: a PNG decompression bomb, too many pixels, broken bytes. */
async function openImage(
  ctx: ParseContext,
  original: Buffer,
  format: ImageFormat,
): Promise<{ ok: true; bytes: Buffer; image: ImageInfo } | { ok: false; findings: Finding[] }> {
  const file = ctx.source.file;
  const bomb = format === 'png' ? await pngChunkBomb(original) : undefined;
  if (bomb) {
    const detail = `its ${bomb.type} chunk inflates to more than ${MAX_PNG_CHUNK_MIB} MiB (a decompression bomb): it is not decoded`;
    return {
      ok: false,
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
  if (heif && !heif.ok) return { ok: false, findings: [heif.finding] };
  const bytes = heif?.png ?? original;
  // Uniform borders are trimmed unless the item is cropped or says trim: false.
  const read = await readImageCached(ctx, bytes, format, !ctx.item?.crop && ctx.item?.trim !== false);
  if (!read.ok) {
    const finding =
      read.reason === 'too-large'
        ? makeFinding('ITEM_IMAGE_TOO_LARGE', { file }, { width: read.width, height: read.height, limit: MAX_IMAGE_PIXELS / 1e6 })
        : makeFinding('ITEM_UNREADABLE', { file }, { detail: `broken ${format.toUpperCase()} (${read.detail})` });
    return { ok: false, findings: [finding] };
  }
  return { ok: true, bytes, image: read.info };
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

function describeDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}
