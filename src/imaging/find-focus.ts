import { isPhotoFormat, type ImageExhibit, type OcrLine } from '../evidence/model.js';
import { NATURAL_PT_PER_PX } from '../imaging/encode.js';
import { visibleSize } from '../imaging/visible.js';
import { findTextRows } from './find-text-rows.js';
import { rowFigures } from './photo-row-figures.js';
import { smallTextPx } from './photo-small-text.js';

/**
 * Focus crops: the part of a capture that carries the evidence, found from the lines OCR read
 * in it, to be shown at a readable size while the whole capture is shown small beside it.
 * Coordinates are source pixels of the visible image (after a trim), as OCR's boxes are.
 */

export interface FocusRegion {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Median height of the text kept, in source pixels. */
  readonly textPx: number;
  /** For a photo's text band: the height of its small text (see smallTextPx), in source pixels. */
  readonly smallPx?: number;
  /** For a photo's text band: its rows of text (top and height, source pixels, padded), to be shown set apart by white. */
  readonly rows?: readonly { readonly y: number; readonly height: number }[];
  /** Words OCR read inside the region, and all it read. */
  readonly keptWords: number;
  readonly words: number;
  /** How many highlighted regions and words the note names it keeps (all there are, by construction). */
  readonly highlights: number;
  readonly notedWords: number;
}

/** The box a focus view may fill on a page, in points. */
export interface FocusRoom {
  readonly width: number;
  readonly height: number;
}

/** Words read with less confidence than this, or without two letters or digits, are not text to keep. */
const MIN_CONFIDENCE = 50;
/** Columns are told apart by gaps at least this wide (pixels) that no word crosses. */
const GAP_PX = 8;

/** Whether an image may get a focus crop at all: OCR read it, no crop of the user's, and `focus: false` not given. */
export function mayFocus(exhibit: ImageExhibit): boolean {
  const userCrop = exhibit.marks.crop !== undefined && exhibit.image.trim === undefined;
  return exhibit.focus !== false && !userCrop && (exhibit.ocr?.lines.length ?? 0) > 0;
}

/** Letters and digits in a line: what a line weighs in the search. */
function weightOf(line: OcrLine): number {
  return line.text.replace(/[^\p{L}\p{N}]/gu, '').length;
}

const usable = (line: OcrLine) => line.confidence >= MIN_CONFIDENCE && /[\p{L}\p{N}]{2}/u.test(line.text);

/** Words of four letters or more in the note: a line sharing one is a line the note refers to. */
function noteWords(exhibit: ImageExhibit): Set<string> {
  const words = (exhibit.note?.value ?? '').toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? [];
  return new Set(words);
}

function sharesWord(line: OcrLine, words: Set<string>): boolean {
  if (words.size === 0) return false;
  return (line.text.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? []).some((w) => words.has(w));
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A neighbouring column whose words stand beside the flow this often (see sharedRows) is a side bar or a list, not part of it. */
const SIDE_BY_SIDE = 0.3;

/**
 * The text column to show enlarged. The capture's width is cut into columns at the gaps no
 * word crosses. The focus starts from the column with the most text and takes in each
 * neighbouring column whose text runs in the same rows only rarely: the other side of a chat
 * (bubbles alternate, left and right) and the timestamps under bubbles are taken in; a side
 * bar or a member list, whose lines stand beside the messages row by row, is left out. A
 * column with a highlight or a line the note names is always taken in, with those between.
 * The region reaches from the first word kept to the last. Undefined when it keeps less
 * than most of the text, or would not be shown at least `minGain` times larger in `room`
 * than the whole capture at `wholeScale`.
 */
export function findFocus(exhibit: ImageExhibit, room: FocusRoom, wholeScale: number, minGain: number): (FocusRegion & { scale: number }) | undefined {
  if (!mayFocus(exhibit)) return undefined;
  const size = visibleSize(exhibit);
  const ocr = exhibit.ocr!;
  const words = (ocr.words ?? ocr.lines).filter(usable);
  if (words.length === 0) return undefined;
  const [cropX, cropY] = exhibit.marks.crop ?? [0, 0];
  const highlights = exhibit.marks.highlight.map(([x, y, w, h]) => ({ x0: x - cropX, y0: y - cropY, x1: x - cropX + w, y1: y - cropY + h }));
  const named = noteWords(exhibit);
  const noted = words.filter((w) => sharesWord(w, named));
  const columns = columnsOf(words, highlights, size.width);
  const inColumn = (c: { x0: number; x1: number }) => words.filter((w) => w.bbox[0] >= c.x0 && w.bbox[0] + w.bbox[2] <= c.x1);
  const weights = columns.map((c) => inColumn(c).reduce((s, w) => s + weightOf(w), 0));
  // The flow of messages, grown from the column of the longest rows (messages are sentences,
  // lists of channels or members are a word or two a row) a neighbour at a time, the one
  // sharing fewest rows first, so that a side bar is judged against the whole flow and not
  // against one side of it.
  const seeds = columns.map((c, k) => weights[k]! * medianRowLength(inColumn(c)));
  let first = seeds.indexOf(Math.max(...seeds));
  let last = first;
  let flow = inColumn(columns[first]!);
  for (;;) {
    const sides = [first - 1, last + 1].filter((k) => k >= 0 && k < columns.length);
    const shared = sides.map((k) => ({ k, rows: sharedRows(inColumn(columns[k]!), flow) })).sort((p, q) => p.rows - q.rows);
    const next = shared[0];
    if (!next || next.rows >= SIDE_BY_SIDE) break;
    flow = [...flow, ...inColumn(columns[next.k]!)];
    if (next.k < first) first = next.k;
    else last = next.k;
  }
  // Then every column with a highlight or a noted word, and those between.
  columns.forEach((c, k) => {
    if (!highlights.some((h) => h.x1 > c.x0 && h.x0 < c.x1) && !noted.some((w) => w.bbox[0] >= c.x0 && w.bbox[0] < c.x1)) return;
    first = Math.min(first, k);
    last = Math.max(last, k);
  });
  const kept = columns.slice(first, last + 1).flatMap(inColumn);
  if (first === 0 && last === columns.length - 1) return undefined;
  const region = regionAround(kept, highlights, size);
  const scale = Math.min(room.width / region.width, room.height / region.height, NATURAL_PT_PER_PX);
  if (scale < wholeScale * minGain) return undefined;
  return { ...region, keptWords: kept.length, words: words.length, highlights: highlights.length, notedWords: noted.length, scale };
}

/** The box around words and highlights, padded by about a line of their text, within the image; and the text's median height. */
function regionAround(
  kept: readonly OcrLine[],
  highlights: readonly { x0: number; y0: number; x1: number; y1: number }[],
  size: { width: number; height: number },
) {
  const heights = kept.filter((w) => weightOf(w) >= 3).map((w) => w.bbox[3]);
  const textPx = median(heights.length > 0 ? heights : kept.map((w) => w.bbox[3]));
  const pad = regionPad(textPx);
  const x0 = Math.max(0, Math.min(...kept.map((w) => w.bbox[0]), ...highlights.map((h) => h.x0)) - pad);
  const x1 = Math.min(size.width, Math.max(...kept.map((w) => w.bbox[0] + w.bbox[2]), ...highlights.map((h) => h.x1)) + pad);
  const y0 = Math.max(0, Math.min(...kept.map((w) => w.bbox[1]), ...highlights.map((h) => h.y0)) - pad);
  const y1 = Math.min(size.height, Math.max(...kept.map((w) => w.bbox[1] + w.bbox[3]), ...highlights.map((h) => h.y1)) + pad);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0, textPx };
}

/** Text in a band of the image this small a share of it (or less) is worth showing again, enlarged, under the whole image. */
const BAND_MOST_AREA = 0.5;
/** Words in a photo's text band are read with this confidence at least. */
const BAND_CONFIDENCE = 75;

/**
 * The text a photo carries (a caption, a label, timestamps on it), wherever it stands: the
 * box of every word OCR read clearly in groups of text (textClusters), and the highlights.
 * Undefined when OCR read fewer than three words, or the text covers so much of the image
 * that showing it again gains little: a screenshot's text fills it, and its text column is
 * found by findFocus instead. On a photo, groups that do not fit with the others are left out.
 */
export function findTextBand(exhibit: ImageExhibit): FocusRegion | undefined {
  if (!mayFocus(exhibit)) return undefined;
  const size = visibleSize(exhibit);
  const ocr = exhibit.ocr!;
  // Read surely: the grain of a photo reads as a few short "words" of middling confidence.
  const clusters = textClusters((ocr.words ?? ocr.lines).filter((w) => usable(w) && w.confidence >= BAND_CONFIDENCE));
  const all = clusters.flat();
  if (all.length < 3) return undefined;
  const [cropX, cropY] = exhibit.marks.crop ?? [0, 0];
  const highlights = exhibit.marks.highlight.map(([x, y, w, h]) => ({ x0: x - cropX, y0: y - cropY, x1: x - cropX + w, y1: y - cropY + h }));
  const fits = (words: readonly OcrLine[]) => {
    const r = regionAround(words, highlights, size);
    return r.width * r.height <= BAND_MOST_AREA * size.width * size.height;
  };
  // On a photo whose groups of text stand far apart (a date stamped in a corner, captions at
  // the foot), the band holds the groups with most words that fit in it together; the others
  // stay in the whole view. A screenshot's text is all or nothing: its column is findFocus's.
  let words: OcrLine[] = fits(all) ? all : [];
  if (words.length === 0 && isPhotoFormat(exhibit.image.format)) {
    for (const group of [...clusters].sort((a, b) => b.length - a.length || a[0]!.bbox[1] - b[0]!.bbox[1]))
      if (fits([...words, ...group])) words = [...words, ...group];
  }
  if (words.length < 3) return undefined;
  const candidates = (ocr.words ?? ocr.lines).filter(usable);
  const near = nearBand(words, candidates, fits);
  const figures = isPhotoFormat(exhibit.image.format) ? rowFigures([...words, ...near], candidates, fits) : [];
  words = [...words, ...near, ...figures];
  const region = regionAround(words, highlights, size);
  const noted = words.filter((w) => sharesWord(w, noteWords(exhibit))).length;
  // Small text (timestamps) proves when, and is the first lost: the band is judged by it,
  // not by the median of its words.
  return {
    ...region,
    smallPx: smallTextPx(words)!,
    rows: findTextRows(words, region),
    keptWords: words.length,
    words: all.length + near.length + figures.length,
    highlights: highlights.length,
    notedWords: noted,
  };
}

/**
 * The words read less surely that stand next to the band's (within CLUSTER_GAP of its median
 * height, a word at a time, as long as the band still `fits`): a small grey timestamp under
 * sure text often reads at middling confidence, and left out of the band it would be in the
 * small whole view only. Grain far from any text is not reached.
 */
function nearBand(band: readonly OcrLine[], candidates: readonly OcrLine[], fits: (words: readonly OcrLine[]) => boolean): OcrLine[] {
  const gap = CLUSTER_GAP * median(band.map((w) => w.bbox[3]));
  const kept = [...band];
  const added: OcrLine[] = [];
  let rest = candidates.filter((c) => !band.includes(c));
  for (let grew = true; grew; ) {
    grew = false;
    for (const word of rest) {
      if (!kept.some((k) => apart(k, word) < gap) || !fits([...kept, word])) continue;
      kept.push(word);
      added.push(word);
      grew = true;
    }
    rest = rest.filter((w) => !added.includes(w));
  }
  return added;
}

/** How far apart two words' boxes are (the larger of the gaps across and down; 0 when they overlap). */
function apart(a: OcrLine, b: OcrLine): number {
  const dx = Math.max(0, Math.max(a.bbox[0], b.bbox[0]) - Math.min(a.bbox[0] + a.bbox[2], b.bbox[0] + b.bbox[2]));
  const dy = Math.max(0, Math.max(a.bbox[1], b.bbox[1]) - Math.min(a.bbox[1] + a.bbox[3], b.bbox[1] + b.bbox[3]));
  return Math.max(dx, dy);
}

/** The margin a region keeps around its words, in source pixels: a text height, at least 8. */
export function regionPad(textPx: number): number {
  return Math.max(8, Math.round(textPx));
}

/** Words further apart than this many times their median height are not one group of text. */
const CLUSTER_GAP = 4;

/**
 * The words that stand in groups of text: words joined when their boxes are less than
 * CLUSTER_GAP median heights apart (across and down), a group kept when it holds two words or
 * more, or six letters or digits (a date stamped alone). A photo's grain or an edge in it
 * may read as one short word with confidence, far from any text: alone, it does not stretch
 * the band across the photo.
 */
function textClusters(words: readonly OcrLine[]): OcrLine[][] {
  if (words.length === 0) return [];
  const gap = CLUSTER_GAP * median(words.map((w) => w.bbox[3]));
  const group = words.map((_, i) => i);
  const root = (i: number): number => (group[i] === i ? i : (group[i] = root(group[i]!)));
  for (let i = 0; i < words.length; i++) for (let j = i + 1; j < words.length; j++) if (apart(words[i]!, words[j]!) < gap) group[root(j)] = root(i);
  const members = new Map<number, OcrLine[]>();
  words.forEach((w, i) => members.set(root(i), [...(members.get(root(i)) ?? []), w]));
  return [...members.values()].filter((m) => m.length >= 2 || weightOf(m[0]!) >= 6);
}

/** The median length, in letters, of a column's rows (its words grouped by overlapping height). */
function medianRowLength(words: readonly OcrLine[]): number {
  const rows: { bottom: number; length: number }[] = [];
  for (const w of [...words].sort((p, q) => p.bbox[1] - q.bbox[1])) {
    const row = rows[rows.length - 1];
    if (row && w.bbox[1] + w.bbox[3] / 2 < row.bottom) row.length += weightOf(w);
    else rows.push({ bottom: w.bbox[1] + w.bbox[3], length: weightOf(w) });
  }
  return rows.length === 0 ? 0 : median(rows.map((r) => r.length));
}

/**
 * The share of `words` that stand in a row with one of `others` (their boxes overlap by half
 * the smaller height), of those level with them: a list that runs on past the last message
 * is judged by its part beside the messages.
 */
function sharedRows(words: readonly OcrLine[], others: readonly OcrLine[]): number {
  const top = Math.min(...others.map((o) => o.bbox[1]));
  const bottom = Math.max(...others.map((o) => o.bbox[1] + o.bbox[3]));
  const level = words.filter((w) => w.bbox[1] + w.bbox[3] / 2 >= top && w.bbox[1] + w.bbox[3] / 2 <= bottom);
  const beside = level.filter((w) => {
    const [wy, wh] = [w.bbox[1], w.bbox[3]];
    return others.some((o) => Math.min(wy + wh, o.bbox[1] + o.bbox[3]) - Math.max(wy, o.bbox[1]) > Math.min(wh, o.bbox[3]) / 2);
  });
  // Counted as if four more words stood in the flow: a column of two or three words (the
  // timestamps of a few bubbles) is not judged by one of them.
  return beside.length / (level.length + 4);
}

/** The capture's columns: runs of x that words (and highlights) cover, split at gaps of GAP_PX or more. */
function columnsOf(words: readonly OcrLine[], highlights: readonly { x0: number; x1: number }[], width: number): { x0: number; x1: number }[] {
  const spans = [...words.map((w) => ({ x0: w.bbox[0], x1: w.bbox[0] + w.bbox[2] })), ...highlights].sort((p, q) => p.x0 - q.x0);
  const columns: { x0: number; x1: number }[] = [];
  for (const span of spans) {
    const last = columns[columns.length - 1];
    if (last && span.x0 - last.x1 < GAP_PX) last.x1 = Math.max(last.x1, span.x1);
    else columns.push({ x0: Math.max(0, span.x0), x1: Math.min(width, span.x1) });
  }
  return columns;
}
