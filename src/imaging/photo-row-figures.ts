import type { OcrLine } from '../evidence/model.js';
import { carriesFigures } from './photo-small-text.js';

/** Words whose near edges (left or right) lie within this many of their heights stand in one column. */
const ALIGNED = 1;

/** Whether a word stands level with a row of the band: its middle within one of the band's words' height. */
function levelWith(word: OcrLine, band: readonly OcrLine[]): boolean {
  const middle = word.bbox[1] + word.bbox[3] / 2;
  return band.some((b) => middle >= b.bbox[1] && middle <= b.bbox[1] + b.bbox[3]);
}

/** Whether two words' left edges, or their right edges, line up. */
function aligned(a: OcrLine, b: OcrLine): boolean {
  const tolerance = ALIGNED * Math.max(a.bbox[3], b.bbox[3]);
  const right = (w: OcrLine) => w.bbox[0] + w.bbox[2];
  return Math.abs(a.bbox[0] - b.bbox[0]) <= tolerance || Math.abs(right(a) - right(b)) <= tolerance;
}

/**
 * The figures that stand at the end of a photo band's rows, however far across: a timestamp
 * printed at the end of each caption, the price at the end of a receipt's line. OCR reads
 * such small grey figures less surely than the captions, and a wide empty stretch parts
 * them from the words they belong to, so the band's groups of text do not reach them. A word
 * carrying figures is taken in when it stands level with a row of the band and lines up
 * (its left or right edge) with another such word on another row: a column of them. A lone
 * figure (an edge of the photo read as "23") is not. Only while the band still `fits`.
 */
export function rowFigures(band: readonly OcrLine[], candidates: readonly OcrLine[], fits: (words: readonly OcrLine[]) => boolean): OcrLine[] {
  const level = candidates.filter((w) => !band.includes(w) && carriesFigures(w) && levelWith(w, band));
  const column = level.filter((w) => level.some((o) => o !== w && !levelWith(o, [w]) && aligned(w, o)));
  const added: OcrLine[] = [];
  for (const word of column) if (fits([...band, ...added, word])) added.push(word);
  return added;
}
