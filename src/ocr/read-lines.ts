import { sharp } from '../io/cjs.js';
import type { OcrLine, OcrText } from '../evidence/model.js';
import type { TextLineBox } from '../imaging/text-lines.js';
import { rawGrey, type Grey } from './prepare-image.js';

/** What one reading of an image gives: its text, lines and words with boxes in the source's pixels. */
export type Reading = Omit<OcrText, 'cached' | 'partial'>;

/** Two readings of one image as one: the second's lines and words where the first read nothing. */
export function mergeReadings(first: Reading, second: Reading): Reading {
  const add = (mine: readonly OcrLine[], theirs: readonly OcrLine[]) => [...mine, ...theirs.filter((t) => !mine.some((m) => sharedArea(m.bbox, t.bbox) > 0))];
  const words = add(first.words ?? [], second.words ?? []);
  const lines = add(first.lines, second.lines);
  lines.sort(readingOrder);
  words.sort(readingOrder);
  return { text: lines.map((l) => l.text).join('\n'), lines, words };
}

export type Box = readonly [number, number, number, number];

/** The area two boxes (x, y, width, height) have in common. */
export function sharedArea(a: Box, b: Box): number {
  const w = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

/** A line OCR reads alone is enlarged so that its marks stand this many pixels tall (tesseract reads 20–40 px text best), at most READ_LINE_MOST times. */
const READ_LINE_PX = 36;
const READ_LINE_MOST = 4;
/** Words read alone with less confidence than this are not kept. */
const MIN_LINE_CONFIDENCE = 50;
/** Lines read alone at most, per image. */
const READ_LINES_MOST = 32;

/**
 * The lines of small text findTextLines found in the image (`grey`, as OCR read it, `scale`
 * times the source) that no word read with confidence covers, each cut out with a margin,
 * enlarged, light text inverted to dark, and stacked one under another into one image that
 * the sparse-text worker reads in one pass. The words are mapped back to the source's pixels;
 * what each line gave is one line.
 */
export async function readLinesAlone(
  readSparse: (image: Buffer, pixels: number) => Promise<Reading | undefined>,
  grey: Grey,
  found: readonly TextLineBox[],
  read: Reading,
  scale: number,
): Promise<Reading | undefined> {
  // A line already as tall as tesseract reads best gains nothing from being read alone.
  const lines = uncoveredLines(found, read, scale)
    .filter((l) => l.height < READ_LINE_PX)
    .slice(0, READ_LINES_MOST);
  if (lines.length === 0) return undefined;
  const { strip, pixels, slots } = await stackLines(grey, lines);
  const page = await readSparse(strip, pixels);
  return page ? linesFromStrip(page, slots, scale) : undefined;
}

/** Where a line sits in the strip (left, top, its size there, enlarged `f` times) and where it was cut from (x, y). */
interface Slot {
  readonly left: number;
  readonly top: number;
  readonly f: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The lines cut out with a margin, enlarged, light text inverted, and stacked one under another. */
async function stackLines(grey: Grey, lines: readonly TextLineBox[]): Promise<{ strip: Buffer; pixels: number; slots: Slot[] }> {
  const { info } = grey;
  const slots: Slot[] = [];
  const parts: { input: Buffer; left: number; top: number }[] = [];
  let top = 16;
  let width = 0;
  for (const l of lines) {
    const f = Math.min(READ_LINE_MOST, Math.max(1, READ_LINE_PX / l.height));
    const x = Math.max(0, l.x - l.height);
    const y = Math.max(0, l.y - Math.ceil(l.height / 2));
    const cw = Math.min(info.width, l.x + l.width + l.height) - x;
    const ch = Math.min(info.height, l.y + l.height + Math.ceil(l.height / 2)) - y;
    const [ow, oh] = [Math.round(cw * f), Math.round(ch * f)];
    let cut = rawGrey(grey).extract({ left: x, top: y, width: cw, height: ch }).resize(ow, oh, { kernel: 'cubic' });
    if (l.polarity === 'light') cut = cut.negate();
    parts.push({ input: await cut.png().toBuffer(), left: 16, top });
    slots.push({ left: 16, top, f, x, y, width: ow, height: oh });
    top += oh + Math.max(16, Math.round(oh / 2));
    width = Math.max(width, ow + 32);
  }
  const strip = await sharp(Buffer.alloc(width * top, 255), { raw: { width, height: top, channels: 1 } })
    .composite(parts)
    .grayscale()
    .png({ compressionLevel: 1 })
    .toBuffer();
  return { strip, pixels: width * top, slots };
}

/** The strip's words back in the source's pixels (through their slot's cut, ÷ scale); what each slot gave is one line. */
function linesFromStrip(page: Reading, slots: readonly Slot[], scale: number): Reading {
  const back = (word: OcrLine): { slot: number; word: OcrLine } | undefined => {
    const [bx, by, bw, bh] = word.bbox;
    const slot = slots.findIndex((s) => by + bh / 2 >= s.top && by + bh / 2 < s.top + s.height);
    const s = slots[slot];
    if (!s) return undefined;
    const box = [(s.x + (bx - s.left) / s.f) / scale, (s.y + (by - s.top) / s.f) / scale, bw / s.f / scale, bh / s.f / scale].map((v) => Math.round(v)) as [
      number,
      number,
      number,
      number,
    ];
    return { slot, word: { ...word, bbox: box } };
  };
  // A mark that was not text (an edge in the photo) reads as a word OCR is unsure of: dropped.
  const placed = (page.words ?? [])
    .filter((w) => w.confidence >= MIN_LINE_CONFIDENCE)
    .map(back)
    .filter((p) => p !== undefined);
  const words = placed.map((p) => p.word);
  const outLines = slots.flatMap((_, k) => {
    const mine = placed.filter((p) => p.slot === k).map((p) => p.word);
    if (mine.length === 0) return [];
    const x0 = Math.min(...mine.map((w) => w.bbox[0]));
    const y0 = Math.min(...mine.map((w) => w.bbox[1]));
    const x1 = Math.max(...mine.map((w) => w.bbox[0] + w.bbox[2]));
    const y1 = Math.max(...mine.map((w) => w.bbox[1] + w.bbox[3]));
    const confidence = Math.round(mine.reduce((sum, w) => sum + w.confidence, 0) / mine.length);
    return [{ text: mine.map((w) => w.text).join(' '), confidence, bbox: [x0, y0, x1 - x0, y1 - y0] as const }];
  });
  return { text: outLines.map((l) => l.text).join('\n'), lines: outLines, words };
}

/**
 * Two readings of one image as one, word by word and line by line: where both read the same
 * thing (their boxes share half the larger one), the surer reading stands; what only one read is kept.
 */
export function preferSurer(first: Reading, second: Reading): Reading {
  const same = (a: OcrLine, b: OcrLine) => sharedArea(a.bbox, b.bbox) >= 0.5 * Math.max(a.bbox[2] * a.bbox[3], b.bbox[2] * b.bbox[3]);
  const pick = (mine: readonly OcrLine[], theirs: readonly OcrLine[]) => {
    const kept = mine.filter((m) => !theirs.some((t) => same(m, t) && t.confidence > m.confidence));
    return [...kept, ...theirs.filter((t) => !kept.some((k) => same(k, t)))].sort(readingOrder);
  };
  const lines = pick(first.lines, second.lines);
  return { text: lines.map((l) => l.text).join('\n'), lines, words: pick(first.words ?? [], second.words ?? []) };
}

/**
 * A vertical bar that starts a word or stands inside one, before a lowercase letter, read as
 * the letter l: in sans-serif type (DejaVu, Helvetica, Roboto) l and | differ by a pixel or two,
 * and a bar glued to letters is never a separator ("|ufi" is "lufi"; "a | b" keeps its bar).
 */
const BAR_FOR_L = /(?<=^|[\s\p{L}])\|(?=\p{Ll})/gu;

/** A reading with the bars that stand for l (BAR_FOR_L) read as l, in its text, lines and words alike. */
export function barsAsL<T extends Reading>(read: T): T {
  if (!read.text.includes('|')) return read;
  const fix = (l: OcrLine): OcrLine => (l.text.includes('|') ? { ...l, text: l.text.replace(BAR_FOR_L, 'l') } : l);
  return { ...read, text: read.text.replace(BAR_FOR_L, 'l'), lines: read.lines.map(fix), ...(read.words ? { words: read.words.map(fix) } : {}) };
}

/** Top to bottom, then left to right, as one reading gives them. */
const readingOrder = (a: OcrLine, b: OcrLine) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0];

type TesseractPage = Awaited<ReturnType<import('tesseract.js').Worker['recognize']>>['data'];

/** Lines and words with their boxes in the source image's pixels (the image OCR read may have been scaled down). */
export function readResult(data: TesseractPage, scale: number): Reading {
  const lines: OcrLine[] = [];
  const words: OcrLine[] = [];
  const read = (item: { text: string; confidence: number; bbox: { x0: number; y0: number; x1: number; y1: number } }, into: OcrLine[]) => {
    const text = item.text.trim();
    if (text === '') return;
    const b = item.bbox;
    const box = [b.x0 / scale, b.y0 / scale, (b.x1 - b.x0) / scale, (b.y1 - b.y0) / scale].map((v) => Math.round(v)) as [number, number, number, number];
    into.push({ text, confidence: Math.round(item.confidence), bbox: box });
  };
  for (const block of data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        read(line, lines);
        for (const word of line.words) read(word, words);
      }
    }
  }
  return { text: data.text, lines, words };
}

/** The lines found (in the pixels OCR read, `scale` times the source) that no word read with confidence covers by half. */
export function uncoveredLines(found: readonly TextLineBox[], read: Reading, scale: number): TextLineBox[] {
  const sure = (read.words ?? []).filter((w) => w.confidence >= 75).map((w) => w.bbox.map((v) => v * scale) as unknown as Box);
  const covered = (l: TextLineBox) => {
    const box: Box = [l.x, l.y, l.width, l.height];
    return sure.some((s) => sharedArea(s, box) >= 0.5 * Math.min(s[2] * s[3], l.width * l.height));
  };
  return found.filter((l) => !covered(l));
}

/** A reading of a part of an image as a reading of the whole: every box moved by (`dx`, `dy`) source pixels. */
export function movedBy(read: Reading, dx: number, dy: number): Reading {
  const move = (l: OcrLine): OcrLine => ({ ...l, bbox: [l.bbox[0] + dx, l.bbox[1] + dy, l.bbox[2], l.bbox[3]] });
  return { ...read, lines: read.lines.map(move), ...(read.words ? { words: read.words.map(move) } : {}) };
}
