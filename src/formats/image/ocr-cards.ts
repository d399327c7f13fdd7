import type { ImageMarks, OcrText, Rect } from '../../evidence/model.js';
import { maskOcrCards } from '../../ocr/mask-ocr.js';

/** Pixels added around a card number's words when it is blacked out (OCR's boxes are tight). */
const PAD = 3;

/**
 * Card numbers OCR read in a screenshot: the boxes of their words (in the image's own pixels,
 * for redaction before embedding) and the OCR text with them masked. The engine masks what it
 * reads before caching it and keeps the boxes (cardBoxes); text from elsewhere is masked here.
 */
export function cardsInOcr(ocr: OcrText, marks: ImageMarks): { redact: Rect[]; ocr: OcrText; count: number } {
  const [cropX, cropY] = marks.crop ?? [0, 0];
  const masked = ocr.cardBoxes && ocr.cardCount !== undefined ? { ...ocr, cardBoxes: ocr.cardBoxes, cardCount: ocr.cardCount } : maskOcrCards(ocr);
  const redact = masked.cardBoxes.map(([x, y, w, h]): Rect => [Math.max(0, x + cropX - PAD), Math.max(0, y + cropY - PAD), w + 2 * PAD, h + 2 * PAD]);
  return { redact, count: masked.cardCount, ocr: masked };
}
