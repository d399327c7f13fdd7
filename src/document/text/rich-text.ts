import { cleanText } from './clean-text.js';
import { wrapText } from './wrap-text.js';
import type { FontFace } from '../types.js';
import type { FontSet } from '../fonts/load-fonts.js';

/** A stretch of text in one face: a paragraph of a letter is a list of these. */
export interface TextRun {
  readonly text: string;
  readonly face: FontFace;
}

/** Part of a wrapped line in one face, `x` points from the line's start. */
export interface LineSegment {
  readonly text: string;
  readonly face: FontFace;
  readonly x: number;
}

/** A word: what lies between spaces, in one face or several (`**bold**,` is two). */
type Word = TextRun[];

/** Runs split into lines of words, at spaces and at hard breaks (`\n`). */
function wordsOf(fonts: FontSet, runs: readonly TextRun[]): Word[][] {
  const lines: Word[][] = [[]];
  let word: Word = [];
  const endWord = () => {
    if (word.length) lines[lines.length - 1]!.push(word);
    word = [];
  };
  for (const run of runs) {
    const text = fonts.visible(cleanText(run.text));
    for (const [i, part] of text.split('\n').entries()) {
      if (i > 0) {
        endWord();
        lines.push([]);
      }
      for (const [j, piece] of part.split(/ +/).entries()) {
        if (j > 0) endWord();
        if (piece) word.push({ text: piece, face: run.face });
      }
    }
  }
  endWord();
  return lines;
}

/**
 * Greedy word wrap of text in several faces (bold, italic, code inside a sentence). A word
 * wider than the line is cut as wrapText cuts it. Each line comes back as segments, one per
 * change of face, with the spaces kept inside them.
 */
export function wrapRuns(fonts: FontSet, runs: readonly TextRun[], size: number, width: number): LineSegment[][] {
  // The space before a word is drawn in the face of the word's first part (see segmentsOf).
  const gap = (word: Word) => fonts.measure(' ', size, word[0]!.face);
  const widthOf = (word: Word) => word.reduce((sum, part) => sum + fonts.measure(part.text, size, part.face), 0);
  const out: LineSegment[][] = [];
  for (const words of wordsOf(fonts, runs)) {
    let line: Word[] = [];
    let lineWidth = 0;
    const flush = () => {
      out.push(segmentsOf(fonts, line, size));
      line = [];
      lineWidth = 0;
    };
    for (const word of words) {
      const w = widthOf(word);
      if (line.length && lineWidth + gap(word) + w > width) flush();
      if (w > width) {
        // Too wide for any line (a long address): cut, in the face of its first part.
        const face = word[0]!.face;
        const pieces = wrapText(fonts, word.map((p) => p.text).join(''), size, face, width);
        for (const piece of pieces.slice(0, -1)) out.push([{ text: piece, face, x: 0 }]);
        line = [[{ text: pieces[pieces.length - 1] ?? '', face }]];
        lineWidth = fonts.measure(pieces[pieces.length - 1] ?? '', size, face);
        continue;
      }
      lineWidth += (line.length ? gap(word) : 0) + w;
      line.push(word);
    }
    flush();
  }
  return out;
}

function segmentsOf(fonts: FontSet, line: readonly Word[], size: number): LineSegment[] {
  const segments: LineSegment[] = [];
  let x = 0;
  let open: { text: string; face: FontFace; x: number } | undefined;
  line.forEach((word, i) => {
    word.forEach((part, k) => {
      const gap = i > 0 && k === 0;
      if (open && open.face === part.face) {
        // The space is drawn inside the segment, in its face.
        if (gap) x += fonts.measure(' ', size, open.face);
        open.text += (gap ? ' ' : '') + part.text;
      } else {
        if (open) segments.push(open);
        if (gap) x += fonts.measure(' ', size, part.face);
        open = { text: part.text, face: part.face, x };
      }
      x += fonts.measure(part.text, size, part.face);
    });
  });
  if (open) segments.push(open);
  return segments;
}
