import { mergeReadings, preferSurer, readLinesAlone, uncoveredLines, type Reading } from './read-lines.js';
import { rawGrey, shrinkGrey, toPgm, type PreparedImage } from './prepare-image.js';
import type { TextLineBox } from '../imaging/text-lines.js';

/**
 * How tesseract is told to lay out the page: one block of text (page mode 6), sparse text
 * word by word (11), its own page layout analysis (3), which finds text standing in a part
 * of a photo (a label, a receipt on a table) that read as one block gives nothing of, or that
 * analysis for one column of lines (4): a label's rows, each read whole, a caption with the
 * time printed at its far end (page mode 3 takes those times for a column of their own, and drops it).
 */
export type ReadMode = 'block' | 'sparse' | 'auto' | 'column';

/** What reads an image (the image as a file's bytes, the page mode, the image's size over the source's): a tesseract.js worker or the system's tesseract. */
export interface Reader {
  read(image: Buffer, mode: ReadMode, scale: number): Promise<Reading>;
  close(): Promise<void>;
}

/** Fewer words than this read with confidence, and the image is read again as sparse text. */
export const FEW_WORDS = 4;
export const usableWords = (result: Reading) => (result.words ?? []).filter((w) => w.confidence >= 50 && /[\p{L}\p{N}]{2}/u.test(w.text)).length;

/** What the readings after the first may still read, in pixels; `partial` once one was left out. */
export class PixelBudget {
  partial = false;
  constructor(private remaining: number) {}
  /** What is left to read, in pixels. */
  get left(): number {
    return this.remaining;
  }
  /** A reading left out for a reason of its own (too small to read once scaled to what is left). */
  leaveOut(): void {
    this.partial = true;
  }
  /** Whether a reading of `pixels` fits what is left; it is charged when it does. */
  take(pixels: number): boolean {
    if (pixels > this.remaining) return !(this.partial = true);
    this.remaining -= pixels;
    return true;
  }
}

/**
 * The readings after the first. Tesseract's page layout analysis takes a busy photo for one
 * picture and reads none of the captions or timestamps on it; read word by word ("sparse
 * text") it finds them. On a grainy one it finds them only with the grain smoothed (a 3-pixel
 * median), which also rubs out thin grey digits: the words of both readings are kept. Even so,
 * small grey timestamps in grain go unread: lines of small marks found in the pixels
 * (findTextLines) that no word covers are read again, enlarged, on their own. The budget
 * decides which of these readings an image gets: a large photo is not read whole again.
 */
export async function readAgain(
  first: Reading,
  prepared: PreparedImage,
  found: readonly TextLineBox[],
  isPhoto: boolean,
  budget: PixelBudget,
  w: Reader,
  firstMode: ReadMode = 'block',
): Promise<Reading & { partial?: true }> {
  const { grey, scale } = prepared;
  const { width, height } = grey.info;
  let result = first;
  const read = (image: Buffer) => w.read(image, 'sparse', scale);
  // A second reading is a try: if it fails, the first stands. A photo whose first reading
  // covered nearly every line of text found in it is not read whole again: only what it missed.
  const whole = !isPhoto || !mostlyRead(found, first, scale);
  const readings = await (async () => {
    const out: Reading[] = [];
    if (!whole) return out;
    if (budget.take(width * height)) out.push(await read(prepared.pgm));
    if (budget.take(width * height)) out.push(await read(toPgm({ data: await rawGrey(grey).median(3).raw().toBuffer(), info: grey.info })));
    return out;
  })().catch(() => []);
  const again = readings.length === 0 ? undefined : readings.reduce((a, b) => mergeReadings(a, b));
  // On a photo the layout analysis may read the captions, joining rows into tall lines, and
  // still miss the small timestamps beside them: what the sparse readings add is kept.
  if (again && isPhoto) result = mergeReadings(result, again);
  else if (again && usableWords(again) > usableWords(result)) result = again;
  if (isPhoto && uncoveredLines(found, result, scale).length > 0) {
    const readStrip = async (strip: Buffer, pixels: number) => (budget.take(pixels) ? w.read(strip, 'sparse', 1) : undefined);
    const lines = await readLinesAlone(readStrip, grey, found, result, scale).catch(() => undefined);
    if (lines) result = preferSurer(result, lines);
  }
  // A photo read first as one block (one small enough to be read whole again: a larger one is
  // read first with tesseract's own layout, see firstReadMode) that gave next to no words:
  // that layout finds the text standing in a part of it (a label's rows none of which read as
  // a block). Read last, with what the budget has left after the lines read alone (its small
  // timestamps), scaled down to it when the smaller of the lines still unread (smallGlyphsHeight)
  // stay tall enough to read.
  const unread = isPhoto && firstMode === 'block' && usableWords(first) < FEW_WORDS ? uncoveredLines(found, result, scale) : [];
  if (unread.length > 0) {
    const auto = await fitted(prepared, unread, budget).catch(() => undefined);
    const read = auto && (await w.read(toPgm(auto.grey), 'auto', auto.scale).catch(() => undefined));
    if (read) result = mergeReadings(result, read);
  }
  return budget.partial ? { ...result, partial: true } : result;
}

/**
 * The height under which a quarter of the lines' glyphs stand (each line weighs its glyphs),
 * undefined for no line. The line finder also returns bits of a line (a letter's counter, two
 * or three marks under a stroke) a dozen pixels high: counted as lines, a few of them in a
 * photo of six caption rows set the lower quartile at half the rows' height, and the rows
 * were left unread for fear of reading them too small.
 */
function smallGlyphsHeight(lines: readonly TextLineBox[]): number | undefined {
  const sorted = [...lines].sort((a, b) => a.height - b.height);
  const total = sorted.reduce((n, l) => n + Math.max(1, l.glyphs), 0);
  let seen = 0;
  for (const line of sorted) {
    seen += Math.max(1, line.glyphs);
    if (seen > total / 4) return line.height;
  }
  return undefined;
}

/** A photo's lines of text are not read smaller than this (pixels high) to fit the budget. */
const LEAST_LINE_PX = 18;

/**
 * The photo's grey as read, or scaled down to what the budget has left (charged to it), so
 * long as the smaller of the lines it is read for (smallGlyphsHeight) stay LEAST_LINE_PX high;
 * undefined when it does not fit even so (the budget then says the reading was partial).
 */
async function fitted(
  prepared: PreparedImage,
  lines: readonly TextLineBox[],
  budget: PixelBudget,
): Promise<{ grey: PreparedImage['grey']; scale: number } | undefined> {
  const { grey, scale } = prepared;
  const { width, height } = grey.info;
  const f = Math.min(1, Math.sqrt(budget.left / (width * height)));
  const smallest = smallGlyphsHeight(lines) ?? Number.POSITIVE_INFINITY;
  const w = Math.floor(width * f);
  const h = Math.floor((height * w) / width);
  if (f < 1 && (smallest * f < LEAST_LINE_PX || w < 1 || h < 1)) {
    budget.leaveOut();
    return undefined;
  }
  if (!budget.take(w * h)) return undefined;
  if (f === 1) return { grey, scale };
  return { grey: await shrinkGrey(grey, w, h), scale: (scale * w) / width };
}

/** Share of the lines found in a photo that its first reading may leave uncovered and still count as having read it. */
const MISSED_SHARE = 0.25;

/**
 * Whether a reading covered the lines of text found in the pixels (in the image OCR read,
 * `scale` times the source) all but a few: at least three found, and no more than MISSED_SHARE of them without a sure word.
 */
export function mostlyRead(found: readonly TextLineBox[], read: Reading, scale: number): boolean {
  return found.length >= 3 && uncoveredLines(found, read, scale).length <= found.length * MISSED_SHARE;
}
