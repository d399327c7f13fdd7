import { findCardNumbers } from '../../chat/sensitive.js';
import type { Finding, Rect } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import { textRows, type PageFacts, type TextItem } from './pdf-pages.js';

/** Points added around a card number's text when it is blacked out. */
const PAD = 1.5;

/**
 * The boxes, in page points, of the text items that hold a card number in a PDF page's
 * text layer. Items are read in rows as visibleLines reads them (a number may be split over
 * items, "4000 0566" and "5566 5556"), and every item with one of the number's characters is taken.
 */
export function cardNumberBoxes(items: readonly TextItem[]): Rect[] {
  const boxes: Rect[] = [];
  for (const row of textRows(items)) {
    const text = row.map((i) => i.text).join(' ');
    const cards = findCardNumbers(text);
    if (cards.length === 0) continue;
    let at = 0;
    for (const item of row) {
      const [start, end] = [at, at + item.text.length];
      at = end + 1;
      if (cards.some((c) => start < c.end && end > c.start)) boxes.push([item.x - PAD, item.y - PAD, item.w + 2 * PAD, item.h + 2 * PAD]);
    }
  }
  return boxes;
}

/**
 * A card number in a page's text layer would be copied with the page: its boxes are added to
 * the page's redactions, so the page is shown as a picture with the number's text blacked
 * out, like a redact: of the user's. Returns the finding that says which pages.
 */
export function redactCardNumbers(file: string, facts: readonly PageFacts[], redact: Map<number, Rect[]>): Finding[] {
  const carded: number[] = [];
  for (const fact of facts) {
    const boxes = cardNumberBoxes(fact.items);
    if (boxes.length === 0) continue;
    carded.push(fact.number);
    redact.set(fact.number, [...(redact.get(fact.number) ?? []), ...boxes]);
  }
  return carded.length > 0 ? [makeFinding('ITEM_PDF_CARD_REDACTED', { file }, { pages: carded.join(', ') })] : [];
}
