import { isPhotoFormat, type Exhibit, type Finding, type ImageExhibit, type Party } from '../evidence/model.js';
import { visibleSize } from '../imaging/visible.js';
import { makeFinding } from './codes.js';
import { findVisibleFacts, MIN_TEXT_PT, textHeightPx, type VisibleFacts } from './visible-facts.js';

export interface ScreenshotFacts {
  readonly file: string;
  /** Where the text was read: OCR of the image, or a PDF's text layer (with OCR for its scanned pages). */
  readonly from?: 'ocr' | 'pdf';
  readonly visible: VisibleFacts;
  /** Median height of the text in source pixels and the points it prints at. */
  readonly textPx?: number;
  readonly textPt?: number;
  readonly ocrCached: boolean;
  /** Shown as a focus page: the region enlarged. */
  readonly focus?: FocusFacts;
}

/** A capture the layout shows as a focus page: the region enlarged (visible pixels) and the scales, in points per pixel. */
export interface FocusFacts {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly scale: number;
  readonly wholeScale: number;
  readonly words: number;
  readonly keptWords: number;
  /** For a photo's text band: the height of its small text (timestamps), in pixels. */
  readonly smallPx?: number;
  /** The whole image small beside the caption, or large above the region (a photo's text). */
  readonly layout: 'beside' | 'below';
}

/**
 * For each screenshot OCR read: which of the client's name, email and a date it shows
 * (warnings for the missing ones: the caption band covers them), whether its text prints
 * large enough to read at the width the layout places it (`placedWidth`, in points: its
 * largest view), and, for one shown as a focus page (`focusOf`), what was enlarged and why.
 */
export function checkScreenshots(
  client: Party,
  exhibits: readonly Exhibit[],
  placedWidth: (exhibit: number) => number | undefined,
  focusOf: (exhibit: number) => FocusFacts | undefined = () => undefined,
): { facts: ScreenshotFacts[]; findings: Finding[] } {
  const facts: ScreenshotFacts[] = [];
  const findings: Finding[] = [];
  exhibits.forEach((exhibit, index) => {
    if (exhibit.kind !== 'image' || !exhibit.ocr || exhibit.ocr.lines.length === 0) return;
    const file = exhibit.file;
    const visible = findVisibleFacts(exhibit.ocr, client);
    const missing = [!visible.name && client.name ? 'name' : '', !visible.email && client.email ? 'email' : ''].filter(Boolean);
    const asks = visibilityAsked(exhibit, client);
    if (asks.client && missing.length > 0)
      findings.push(makeFinding('ITEM_CLIENT_NOT_VISIBLE', { file }, { missing: missing.join(' and '), aliases: client.aliases.length > 0 ? 'yes' : 'no' }));
    if (asks.date && !visible.date) findings.push(makeFinding('ITEM_DATE_NOT_VISIBLE', { file }));
    const px = textHeightPx(exhibit.ocr);
    const width = placedWidth(index);
    const size = visibleSize(exhibit);
    const pt = px !== undefined && width !== undefined ? Math.round(((px * width) / size.width) * 10) / 10 : undefined;
    const focus = focusOf(index);
    if (focus && px !== undefined) {
      const round = (v: number) => Math.round(v * 10) / 10;
      const region = `x ${focus.x}–${focus.x + focus.width}, y ${focus.y}–${focus.y + focus.height} of ${size.width} × ${size.height} px`;
      // A photo's band is shown for its small text (timestamps), so that is the size told.
      const told = focus.layout === 'below' ? (focus.smallPx ?? px) : px;
      findings.push(
        makeFinding(
          'ITEM_FOCUS_CROPPED',
          { file },
          { whole: round(told * focus.wholeScale), pt: round(told * focus.scale), region, outside: focus.words - focus.keptWords, layout: focus.layout },
        ),
      );
    }
    if (pt !== undefined && pt < MIN_TEXT_PT) {
      findings.push(makeFinding('ITEM_TEXT_TOO_SMALL', { file }, { px: px!, pt, floor: MIN_TEXT_PT, tall: size.height > 3 * size.width ? 'yes' : 'no' }));
    }
    facts.push({
      file,
      visible,
      ...(px !== undefined ? { textPx: px } : {}),
      ...(pt !== undefined ? { textPt: pt } : {}),
      ...(focus ? { focus } : {}),
      ocrCached: exhibit.ocr.cached,
    });
  });
  return { facts, findings };
}

/**
 * Whether a screenshot is asked to show the client and the date itself. Not an email's
 * attachment nor an image a chat message carries (the message shows who and when), nor a photo
 * (a doorstep or a product shows neither; EXIF dates it). The client is not asked for when
 * the note already says who the item is about (as the hint advises), nor the date when the
 * user gave it in case.yaml.
 */
function visibilityAsked(exhibit: ImageExhibit, client: Party): { client: boolean; date: boolean } {
  if (exhibit.source.attachment || exhibit.follows || exhibit.sender || isPhotoFormat(exhibit.image.format)) return { client: false, date: false };
  return { client: !noteNamesClient(exhibit.note?.value, client), date: exhibit.date.source !== 'manifest' };
}

/** The note names the client: by name or alias, or as "the client" / "the customer" / "the cardholder". */
function noteNamesClient(note: string | undefined, client: Party): boolean {
  if (!note) return false;
  const lower = note.toLowerCase();
  const names = [client.name?.value, ...client.aliases].filter((n): n is string => !!n && n.length > 1);
  return /\b(client|customer|cardholder|buyer)\b/.test(lower) || names.some((n) => lower.includes(n.toLowerCase()));
}

/**
 * For each PDF with text (its text layer, or OCR of its scanned pages): whether the client's
 * name and email appear in it. A reviewer looks for the client on the agreement or invoice.
 * Its date is in its metadata or the manifest, so a date in the text is not asked for.
 */
export function checkDocuments(client: Party, exhibits: readonly Exhibit[]): { facts: ScreenshotFacts[]; findings: Finding[] } {
  const facts: ScreenshotFacts[] = [];
  const findings: Finding[] = [];
  for (const exhibit of exhibits) {
    if (exhibit.kind !== 'document' || exhibit.pages.every((p) => p.textFrom === 'none')) continue;
    const text = exhibit.pages.map((p) => p.text).join('\n');
    const visible = findVisibleFacts(
      { text, lines: text.split('\n').map((line) => ({ text: line, confidence: 100, bbox: [0, 0, 0, 0] })), cached: false },
      client,
    );
    const missing = [!visible.name && client.name ? 'name' : '', !visible.email && client.email ? 'email' : ''].filter(Boolean);
    if (missing.length > 0 && !exhibit.source.attachment && !noteNamesClient(exhibit.note?.value, client)) {
      findings.push(makeFinding('ITEM_PDF_CLIENT_NOT_VISIBLE', { file: exhibit.file }, { missing: missing.join(' and ') }));
    }
    facts.push({ file: exhibit.file, from: 'pdf', visible, ocrCached: false });
  }
  return { facts, findings };
}
