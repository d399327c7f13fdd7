/**
 * Lines of small text in a photo, found from its pixels rather than by OCR.
 *
 * Tesseract's layout analysis takes a busy photo for one picture, and even read word by word
 * it misses the small grey timestamps on one: their glyphs are a few pixels of middling
 * contrast in grain. Yet the eye finds them at once, as rows of small marks of one height
 * that stand out from the background around them. That is what is looked for here:
 *
 * 1. Each pixel's contrast with its neighbourhood, as ink darker than its surroundings (the
 *    grey closing minus the image: a black top-hat) or lighter (the image minus its opening:
 *    a white top-hat), over a square of STROKE_PX: strokes narrower than that stand out,
 *    wider shapes and smooth shading do not.
 * 2. Pixels that stand out by INK_CONTRAST levels of 255 or more, joined into marks
 *    (8-connected components). The grain of a photo stands out by a few levels only.
 * 3. Marks of a glyph's size joined into rows: level with each other (half the smaller
 *    height overlaps), of like heights, less than a glyph's height apart.
 * 4. A row of at least MIN_GLYPHS marks, wider than tall, is a line of text.
 *
 * The result only proposes where to look: OCR then reads each line, enlarged, and what it
 * cannot read with confidence is dropped (see ocr-engine.ts).
 */

import { squareExtreme } from './square-extreme.js';

export interface TextLineBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Marks (glyphs, or a few glyphs run together) in the line. */
  readonly glyphs: number;
  /** Dark text on a lighter ground, or light text on a darker one. */
  readonly polarity: 'dark' | 'light';
}

/** Strokes narrower than this (pixels) stand out from the neighbourhood they are compared with. */
const STROKE_PX = 9;
/** Contrast (levels of 255) a pixel must have with its neighbourhood to be ink. */
const INK_CONTRAST = 48;
/** Heights (pixels) of a mark that can be a glyph of small text. */
const MIN_GLYPH_PX = 5;
const MAX_GLYPH_PX = 60;
/** A line has at least this many marks. */
const MIN_GLYPHS = 3;
/** Marks further apart than this many times the line's height are not one line. */
const MAX_GAP = 1.2;
/** The widest gap a line can span (pixels): MAX_GAP times the tallest glyph. */
const MAX_REACH = MAX_GAP * MAX_GLYPH_PX;
/** Lines kept at most, by size: a photo of a busy scene is not read mark by mark. */
const MAX_LINES = 64;

interface Mark {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  count: number;
}

/**
 * Rows looked at together: a large image is searched in bands of about this many pixels, each
 * overlapping the next by BAND_OVERLAP rows, so the search holds a band's working copies, not
 * the whole image's (a 12 MP photo's would be a few hundred MB).
 */
const BAND_PIXELS = 4_000_000;
/** Taller than any line (a line's glyphs are at most MAX_GLYPH_PX tall and overlap by half), plus the filters' reach. */
const BAND_OVERLAP = 2 * MAX_GLYPH_PX + STROKE_PX;
/** A band where more than this share of pixels stands out as ink is texture (foliage, gravel, grain), not text. */
const MAX_INK_SHARE = 0.25;

/** Rows of small marks in a grey image (one byte a pixel, `width` a row), searched in bands of about `bandPixels`. */
export function findTextLines(grey: Uint8Array, width: number, height: number, bandPixels = BAND_PIXELS): TextLineBox[] {
  if (width < STROKE_PX * 2 || height < STROKE_PX * 2) return [];
  const rows = Math.max(BAND_OVERLAP * 2, Math.floor(bandPixels / width));
  const lines: TextLineBox[] = [];
  for (let top = 0; top < height; top += rows) {
    const y0 = Math.max(0, top - BAND_OVERLAP);
    const y1 = Math.min(height, top + rows + BAND_OVERLAP);
    const band = grey.subarray(y0 * width, y1 * width);
    // A line belongs to the band its top row lies in; a band's overlap only completes it.
    for (const l of linesInBand(band, width, y1 - y0)) {
      if (l.y + y0 >= top && l.y + y0 < top + rows) lines.push({ ...l, y: l.y + y0 });
    }
  }
  return lines
    .sort((a, b) => b.glyphs - a.glyphs || a.y - b.y || a.x - b.x)
    .slice(0, MAX_LINES)
    .sort((a, b) => a.y - b.y || a.x - b.x);
}

function linesInBand(grey: Uint8Array, width: number, height: number): TextLineBox[] {
  if (height < STROKE_PX * 2) return [];
  const closed = minFilter(maxFilter(grey, width, height), width, height);
  const opened = maxFilter(minFilter(grey, width, height), width, height);
  const dark = new Uint8Array(width * height);
  const light = new Uint8Array(width * height);
  let ink = 0;
  for (let i = 0; i < grey.length; i++) {
    dark[i] = closed[i]! - grey[i]! >= INK_CONTRAST ? 1 : 0;
    light[i] = grey[i]! - opened[i]! >= INK_CONTRAST ? 1 : 0;
    ink += dark[i]! | light[i]!;
  }
  if (ink > grey.length * MAX_INK_SHARE) return [];
  const lines = [...linesOf(marksOf(dark, width, height), 'dark'), ...linesOf(marksOf(light, width, height), 'light')];
  // The ground between light glyphs on a dark ground (their gaps, the inside of an o) stands
  // out as dark marks in a row too, and the other way round: a line is kept as what its
  // ground says, darker text where the ground around it is lighter than the line.
  return lines.filter((l) => groundIsLighter(grey, width, height, l) === (l.polarity === 'dark'));
}

/** Whether the ring of pixels around a line (a quarter of its height wide) is lighter on average than the line's box. */
function groundIsLighter(grey: Uint8Array, width: number, height: number, l: TextLineBox): boolean {
  const pad = Math.max(2, Math.round(l.height / 4));
  const [x0, y0] = [Math.max(0, l.x - pad), Math.max(0, l.y - pad)];
  const [x1, y1] = [Math.min(width, l.x + l.width + pad), Math.min(height, l.y + l.height + pad)];
  let [inside, insideN, ring, ringN] = [0, 0, 0, 0];
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const v = grey[y * width + x]!;
      if (x >= l.x && x < l.x + l.width && y >= l.y && y < l.y + l.height) {
        inside += v;
        insideN++;
      } else {
        ring += v;
        ringN++;
      }
    }
  }
  return ringN === 0 || ring / ringN > inside / insideN;
}

/** Marks joined into lines, left to right. */
function linesOf(marks: readonly Mark[], polarity: 'dark' | 'light'): TextLineBox[] {
  const glyphs = marks.filter((m) => {
    const h = m.y1 - m.y0 + 1;
    const w = m.x1 - m.x0 + 1;
    // A glyph's height; not a long rule or a solid block.
    return h >= MIN_GLYPH_PX && h <= MAX_GLYPH_PX && w <= h * 8 && m.count < w * h * 0.9;
  });
  glyphs.sort((a, b) => a.x0 - b.x0);
  // A line's glyph heights are kept sorted: its median height is asked for at every glyph that comes.
  type Open = { x0: number; y0: number; x1: number; y1: number; glyphs: number; heights: number[] };
  const done: Open[] = [];
  let open: Open[] = [];
  let retired = 0;
  for (const g of glyphs) {
    const h = g.y1 - g.y0 + 1;
    // Glyphs come left to right: a line ending further back than any gap can span takes no
    // more, and is set aside, so the search stays short on a photo full of small marks.
    if (g.x0 - retired > MAX_REACH) {
      done.push(...open.filter((l) => g.x0 - l.x1 > MAX_REACH));
      open = open.filter((l) => g.x0 - l.x1 <= MAX_REACH);
      retired = g.x0;
    }
    let best: Open | undefined;
    for (const line of open) {
      const lh = line.heights[line.heights.length >> 1]!;
      if (g.x0 - line.x1 > MAX_GAP * Math.max(lh, h)) continue;
      if (h > lh * 2 || lh > h * 2) continue;
      const overlap = Math.min(g.y1, line.y1) - Math.max(g.y0, line.y0) + 1;
      if (overlap < Math.min(h, lh) / 2) continue;
      if (!best || line.x1 > best.x1) best = line;
    }
    if (best) {
      best.x0 = Math.min(best.x0, g.x0);
      best.x1 = Math.max(best.x1, g.x1);
      best.y0 = Math.min(best.y0, g.y0);
      best.y1 = Math.max(best.y1, g.y1);
      best.glyphs += 1;
      insertSorted(best.heights, h);
    } else open.push({ x0: g.x0, y0: g.y0, x1: g.x1, y1: g.y1, glyphs: 1, heights: [h] });
  }
  return [...done, ...open]
    .filter((l) => l.glyphs >= MIN_GLYPHS && l.x1 - l.x0 + 1 >= 1.5 * (l.y1 - l.y0 + 1))
    .map((l) => ({ x: l.x0, y: l.y0, width: l.x1 - l.x0 + 1, height: l.y1 - l.y0 + 1, glyphs: l.glyphs, polarity }));
}

/** Puts `v` into the ascending `values` where it belongs. */
function insertSorted(values: number[], v: number): void {
  let i = values.length;
  values.push(v);
  while (i > 0 && values[i - 1]! > v) {
    values[i] = values[i - 1]!;
    i--;
  }
  values[i] = v;
}

/** 8-connected components of the set pixels, with their boxes and sizes (two passes, union-find). */
function marksOf(mask: Uint8Array, width: number, height: number): Mark[] {
  const labels = new Int32Array(width * height);
  let parent = new Int32Array(1024);
  let next = 1;
  const find = (a: number) => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]!]!;
      a = parent[a]!;
    }
    return a;
  };
  const join = (a: number, b: number) => {
    if (b === 0) return a;
    if (a === 0) return b;
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    return Math.min(ra, rb);
  };
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      if (!mask[i]) continue;
      // Neighbours already labelled: left, and the three above.
      let l = x > 0 ? labels[i - 1]! : 0;
      if (y > 0) {
        if (x > 0) l = join(l, labels[i - width - 1]!);
        l = join(l, labels[i - width]!);
        if (x < width - 1) l = join(l, labels[i - width + 1]!);
      }
      if (l === 0) {
        if (next === parent.length) {
          const grown = new Int32Array(parent.length * 2);
          grown.set(parent);
          parent = grown;
        }
        parent[next] = next;
        l = next++;
      }
      labels[i] = l;
    }
  }
  const marks = new Map<number, Mark>();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const l = labels[y * width + x]!;
      if (l === 0) continue;
      const root = find(l);
      const m = marks.get(root);
      if (m) {
        if (x < m.x0) m.x0 = x;
        if (x > m.x1) m.x1 = x;
        if (y > m.y1) m.y1 = y;
        m.count++;
      } else marks.set(root, { x0: x, y0: y, x1: x, y1: y, count: 1 });
    }
  }
  return [...marks.values()];
}

/** Running maximum (or minimum) over STROKE_PX × STROKE_PX. */
const maxFilter = (src: Uint8Array, width: number, height: number) => squareExtreme(src, width, height, STROKE_PX, false);
const minFilter = (src: Uint8Array, width: number, height: number) => squareExtreme(src, width, height, STROKE_PX, true);
