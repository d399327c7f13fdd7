import { findCardNumbers } from '../../chat/sensitive.js';
import type { Rect } from '../../evidence/model.js';
import type { TextItem } from './pdf-pages.js';

/** Points added around a card number's text when it is blacked out. */
const PAD = 1.5;

/**
 * The boxes, in page points, of the text items that hold a card number in a PDF page's
 * text layer. Items are read in rows as visibleLines reads them (a number may be split over
 * items, "4000 0566" and "5566 5556"), and every item with one of the number's characters is taken.
 */
export function cardNumberBoxes(items: readonly TextItem[]): Rect[] {
  const rows = new Map<number, TextItem[]>();
  for (const item of items) {
    const key = Math.round((item.y + item.h) / 2);
    rows.set(key, [...(rows.get(key) ?? []), item]);
  }
  const boxes: Rect[] = [];
  for (const row of rows.values()) {
    const sorted = [...row].sort((a, b) => a.x - b.x);
    const text = sorted.map((i) => i.text).join(' ');
    const cards = findCardNumbers(text);
    if (cards.length === 0) continue;
    let at = 0;
    for (const item of sorted) {
      const [start, end] = [at, at + item.text.length];
      at = end + 1;
      if (cards.some((c) => start < c.end && end > c.start)) boxes.push([item.x - PAD, item.y - PAD, item.w + 2 * PAD, item.h + 2 * PAD]);
    }
  }
  return boxes;
}
