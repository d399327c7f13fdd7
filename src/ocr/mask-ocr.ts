import { findCardNumbers, maskText } from '../chat/sensitive.js';
import type { OcrLine, OcrText, Rect } from '../evidence/model.js';

/**
 * What OCR read, with its card numbers masked and the boxes (in the visible image's pixels,
 * tight) of the words that held them kept instead: this is what is cached and passed on, so no
 * full number is ever stored, and the pixels can still be blacked out from the boxes. A number
 * is found in a line's text, and the words of the line that hold its digits are boxed; a line
 * OCR gave without words is boxed whole.
 */
export function maskOcrCards<T extends Omit<OcrText, 'cached'>>(ocr: T): T & { cardBoxes: Rect[]; cardCount: number } {
  const hidden = new Set<OcrLine>();
  let cardCount = 0;
  const wordsIn = (line: OcrLine) => (ocr.words ?? []).filter((w) => inside(w, line)).sort((a, b) => a.bbox[0] - b.bbox[0]);
  for (const [k, line] of ocr.lines.entries()) {
    const cards = findCardNumbers(line.text);
    cardCount += cards.length;
    if (cards.length > 0) box([line], cards, wordsIn(line), hidden);
    // A number wrapped from the end of one line to the start of the next is one number.
    const next = ocr.lines[k + 1];
    if (!next) continue;
    const across = findCardNumbers(`${line.text} ${next.text}`).filter((c) => c.start < line.text.length && c.end > line.text.length + 1);
    cardCount += across.length;
    if (across.length > 0) box([line, next], across, [...wordsIn(line), ...wordsIn(next)], hidden);
  }
  const text = maskText(ocr.text);
  if (cardCount === 0 && text === ocr.text) return { ...ocr, cardBoxes: [], cardCount };
  const mask = (l: OcrLine): OcrLine => ({ ...l, text: hidden.has(l) ? '[card]' : maskText(l.text) });
  const words = ocr.words?.map(mask);
  const cardBoxes = [...hidden].map((w) => [...w.bbox] as Rect);
  return { ...ocr, text, lines: ocr.lines.map((l) => ({ ...l, text: maskText(l.text) })), ...(words ? { words } : {}), cardBoxes, cardCount };
}

/** Adds the words (or, without words, the lines) that hold the cards' digits, the lines' texts read joined by a space. */
function box(lines: readonly OcrLine[], cards: readonly { start: number; end: number }[], words: readonly OcrLine[], hidden: Set<OcrLine>): void {
  const text = lines.map((l) => l.text).join(' ');
  for (const word of words.length > 0 ? wordsOf(text, words, cards) : lines) hidden.add(word);
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
  // The words did not spell the line: box all of them rather than miss a digit.
  return covered.length > 0 ? covered : [...words];
}
