import type { OcrLine } from '../evidence/model.js';

/** Whether a word carries two digits or more: a time, a date, an amount, an order number. */
export const carriesFigures = (word: OcrLine): boolean => /\p{N}.*\p{N}/u.test(word.text);

/** The lower quartile of some heights (undefined for none). */
function lowerQuartile(heights: readonly number[]): number | undefined {
  const sorted = [...heights].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 4)];
}

/**
 * The height of the small text among a photo's words (source pixels): what its legibility
 * floor is judged by. A quarter of the words are smaller than the first figure taken; but the
 * timestamps that say when a photo was taken, or the amounts and dates on a receipt, are often
 * fewer than a quarter of its words and smaller than its captions, so the words carrying
 * figures are judged on their own too, and the smaller of the two is the small text. Figures
 * also measure a text's size more surely than letters: a digit stands the full height of the
 * figures, while a word of letters is as tall as its letters reach (the x-height only in
 * "menu", the whole body in "payday"). Undefined for no words.
 */
export function smallTextPx(words: readonly OcrLine[]): number | undefined {
  const all = lowerQuartile(words.map((w) => w.bbox[3]));
  const figures = lowerQuartile(words.filter(carriesFigures).map((w) => w.bbox[3]));
  if (all === undefined || figures === undefined) return all;
  return Math.min(all, figures);
}
