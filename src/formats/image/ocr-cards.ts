import { findCardNumbers, maskText } from '../../chat/sensitive.js';
import type { ImageMarks, OcrLine, OcrText, Rect } from '../../evidence/model.js';

/** Pixels added around a card number's words when it is blacked out (OCR's boxes are tight). */
const PAD = 3;

/**
 * Card numbers OCR read in a screenshot: the boxes of their words (in the image's own pixels,
 * for redaction before embedding) and the OCR text with them masked. A number is found in a
 * line's text, and the words of the line that hold its digits are the ones blacked out; a
 * line OCR gave without words is blacked out whole.
 */
export function cardsInOcr(ocr: OcrText, marks: ImageMarks): { redact: Rect[]; ocr: OcrText; count: number } {
  const [cropX, cropY] = marks.crop ?? [0, 0];
  const redact: Rect[] = [];
  const hidden = new Set<OcrLine>();
  let count = 0;
  for (const line of ocr.lines) {
    const cards = findCardNumbers(line.text);
    if (cards.length === 0) continue;
    count += cards.length;
    const words = (ocr.words ?? []).filter((w) => inside(w, line)).sort((a, b) => a.bbox[0] - b.bbox[0]);
    const covered = words.length > 0 ? wordsOf(line.text, words, cards) : [line];
    for (const word of covered) {
      hidden.add(word);
      const [x, y, w, h] = word.bbox;
      redact.push([Math.max(0, x + cropX - PAD), Math.max(0, y + cropY - PAD), w + 2 * PAD, h + 2 * PAD]);
    }
  }
  if (count === 0) return { redact, ocr, count };
  const mask = (l: OcrLine): OcrLine => ({ ...l, text: maskText(l.text) });
  const words = ocr.words?.map((w) => (hidden.has(w) ? { ...w, text: '[card]' } : w));
  return { redact, count, ocr: { ...ocr, text: maskText(ocr.text), lines: ocr.lines.map(mask), ...(words ? { words } : {}) } };
}

function inside(word: OcrLine, line: OcrLine): boolean {
  const [x, y, w, h] = word.bbox;
  const [lx, ly, lw, lh] = line.bbox;
  return x + w / 2 >= lx && x + w / 2 <= lx + lw && y + h / 2 >= ly && y + h / 2 <= ly + lh;
}

/** The words whose characters fall in a card number, the line's text read as its words joined by spaces. */
function wordsOf(text: string, words: readonly OcrLine[], cards: readonly { start: number; end: number }[]): OcrLine[] {
  const covered: OcrLine[] = [];
  let at = 0;
  for (const word of words) {
    const start = text.indexOf(word.text, at);
    if (start < 0) continue;
    const end = start + word.text.length;
    at = end;
    if (cards.some((c) => start < c.end && end > c.start)) covered.push(word);
  }
  // The words did not spell the line: black out all of them rather than miss a digit.
  return covered.length > 0 ? covered : [...words];
}
