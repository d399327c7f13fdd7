import type { FontSet } from '../fonts/load-fonts.js';
import type { FontFace } from '../types.js';
import { cleanText } from './clean-text.js';

/** Greedy word wrap; words wider than the line are broken between characters. */
export function wrapText(fonts: FontSet, text: string, size: number, face: FontFace, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of fonts.visible(cleanText(text)).split(/\r?\n/)) {
    const words = paragraph.split(/ +/).filter(Boolean);
    if (words.length === 0) {
      lines.push('');
      continue;
    }
    // Words are measured one by one (and remembered), not each growing line again: shaping
    // whole lines made wrapping quadratic in the line's length.
    const space = fonts.measure(' ', size, face);
    let line = '';
    let lineWidth = 0;
    for (const word of words) {
      const wordWidth = fonts.measure(word, size, face);
      const candidateWidth = line ? lineWidth + space + wordWidth : wordWidth;
      if (candidateWidth <= width) {
        line = line ? `${line} ${word}` : word;
        lineWidth = candidateWidth;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      // A word wider than the line is cut where it stops fitting. Only a line's worth of it
      // is measured at each cut, so a huge word costs time in proportion to its length.
      const most = Math.max(2, Math.ceil(width / (size * 0.15)));
      let rest = word;
      while (rest.length > 1 && fonts.measure(rest.slice(0, most + 1), size, face) > width) {
        const cut = fittingPrefix(fonts, rest.slice(0, most + 1), size, face, width);
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
      lineWidth = fonts.measure(rest, size, face);
    }
    lines.push(line);
  }
  return lines;
}

/** How much of a word too wide for the line goes on this line: the longest prefix that fits (at least one character), cut after a separator when one fits. */
function fittingPrefix(fonts: FontSet, text: string, size: number, face: FontFace, width: number): number {
  let [low, high] = [1, text.length - 1];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fonts.measure(text.slice(0, mid), size, face) <= width) low = mid;
    else high = mid - 1;
  }
  // Prefer to break a long path or address after a separator that fits.
  const separator = Math.max(...['/', '_', '-', '.', '@'].map((c) => text.lastIndexOf(c, low - 1)));
  return separator > 0 ? separator + 1 : low;
}
