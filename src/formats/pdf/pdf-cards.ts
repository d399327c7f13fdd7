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
  const boxes = new Set<TextItem>();
  const rows = textRows(items);
  for (const [k, row] of rows.entries()) {
    markCards(row, boxes);
    // A number wrapped from the end of one row to the start of the next is one number.
    const next = rows[k + 1];
    if (next) markCards([...row, ...next], boxes, row.map((i) => i.text).join(' ').length);
  }
  return [...boxes].map((item) => [item.x - PAD, item.y - PAD, item.w + 2 * PAD, item.h + 2 * PAD]);
}

/** Adds the items of a run of text that hold a card number; with `across`, only numbers that cross that offset. */
function markCards(run: readonly TextItem[], boxes: Set<TextItem>, across?: number): void {
  const text = run.map((i) => i.text).join(' ');
  const cards = findCardNumbers(text).filter((c) => across === undefined || (c.start < across && c.end > across));
  if (cards.length === 0) return;
  let at = 0;
  for (const item of run) {
    const [start, end] = [at, at + item.text.length];
    at = end + 1;
    if (cards.some((c) => start < c.end && end > c.start)) boxes.add(item);
  }
}

/**
 * A card number in a page's text layer would be copied with the page: its boxes are added to
 * the page's redactions, so the page is shown as a picture with the number's text blacked
 * out, like a redact: of the user's. Returns the finding that says which pages.
 */
export function redactCardNumbers(
  file: string,
  facts: readonly PageFacts[],
  redact: Map<number, Rect[]>,
  /** What each annotation holds and draws, as pdf-lib reads it (annotation-text.ts), by pdf.js's id. */
  annotationText: ReadonlyMap<string, string> = new Map(),
): Finding[] {
  const carded: number[] = [];
  const holdsCard = (text: string) =>
    text.split('\n').some((part) => findCardNumbers(part).length > 0) || findCardNumbers(text.replace(/\s*\n\s*/g, ' ')).length > 0;
  for (const fact of facts) {
    // A form field's value, a comment, a button's caption or a stamp's drawing is drawn into
    // the page when it is copied (or painted): its box is blacked out too.
    const annotations = fact.annotations.filter((a) => a.subtype !== 'Link' && holdsCard(`${a.text}\n${(a.id && annotationText.get(a.id)) ?? ''}`));
    const boxes = [...cardNumberBoxes(fact.items), ...annotations.map((a) => a.box)];
    if (boxes.length === 0) continue;
    carded.push(fact.number);
    redact.set(fact.number, [...(redact.get(fact.number) ?? []), ...boxes]);
  }
  return carded.length > 0 ? [makeFinding('ITEM_PDF_CARD_REDACTED', { file }, { pages: carded.join(', ') })] : [];
}
