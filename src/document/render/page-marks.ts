import type { FontkitFont } from '../fonts/fallback-face.js';
import { createHash } from 'node:crypto';
import { sharp } from '../../io/cjs.js';
import type { Box, DrawOp, FontFace, PageSize } from '../types.js';

/** The faces a page's text is drawn with, parsed, and the text as the fonts show it. */
export interface PageGlyphs {
  font(face: FontFace): FontkitFont;
  visible(text: string): string;
}

/** A grey (0 black, 1 white) as the 8-bit level drawn. */
const level = (gray: number) => Math.round(Math.min(1, Math.max(0, gray)) * 255);

/** A grey as an SVG colour. */
const hex = (gray: number) => `#${level(gray).toString(16).padStart(2, '0').repeat(3)}`;

/** A shape of the page in SVG, and the pixels it may touch (left, top, right, bottom). */
interface Shape {
  readonly svg: string;
  readonly box: readonly [number, number, number, number];
  /** A vertical rule on whole pixels (a frame's side): its pixels are counted, not drawn. */
  readonly column?: true;
  /** Whole pixels of one grey, exactly its box (a box's fill, a rule on whole pixels). */
  readonly solid?: true;
  /** The grey level a solid shape is drawn in. */
  readonly grey?: number;
}

/** One text op as SVG paths of its glyphs, in pixels of a page `scale` pixels a point. */
function textShape(op: Extract<DrawOp, { op: 'text' }>, height: number, scale: number, glyphs: PageGlyphs): Shape | undefined {
  const font = glyphs.font(op.face);
  const run = font.layout(glyphs.visible(op.text));
  const unit = (op.size / font.unitsPerEm) * scale;
  const start = op.x * scale;
  let x = start;
  const y = (height - op.y) * scale;
  const parts: string[] = [];
  run.glyphs.forEach((glyph, i) => {
    // A remembered layout may keep only the glyphs (load-fonts.ts): their advances then place them.
    const position = run.positions?.[i] ?? { xAdvance: glyph.advanceWidth, xOffset: 0, yOffset: 0 };
    const d = glyph.path.toSVG();
    if (d) {
      const gx = x + position.xOffset * unit;
      const gy = y - position.yOffset * unit;
      parts.push(`<path transform="translate(${gx.toFixed(2)} ${gy.toFixed(2)}) scale(${unit.toFixed(5)} ${(-unit).toFixed(5)})" d="${d}"/>`);
    }
    x += position.xAdvance * unit;
  });
  if (!parts.length) return undefined;
  // The font's full height above and below the baseline, and an em either side for marks that overhang.
  const em = op.size * scale;
  return { svg: `<g fill="${hex(op.gray ?? 0)}">${parts.join('')}</g>`, box: [start - em, y - em * 1.5, x + em, y + em] };
}

/** Points of the page to its pixels: `scale` pixels a point, rows from the top. */
interface PagePixels {
  readonly scale: number;
  readonly height: number;
}

const rowOf = (page: PagePixels, top: number) => (page.height - top) * page.scale;

/** A rule as the whole pixels poppler fills for it when it is axis-aligned (at least one: Splash's stroke adjustment); any other, antialiased. */
function ruleShape(page: PagePixels, x1: number, y1: number, x2: number, y2: number, width: number, gray: number): Shape {
  const { scale } = page;
  const px = Math.max(1, Math.round(width * scale));
  if (y1 === y2 || x1 === x2) {
    const horizontal = y1 === y2;
    const start = Math.round((horizontal ? rowOf(page, y1) : x1 * scale) - px / 2);
    const half = (width * scale) / 2;
    const [a, b] = horizontal
      ? [Math.min(x1, x2) * scale - half, Math.max(x1, x2) * scale + half]
      : [rowOf(page, Math.max(y1, y2)) - half, rowOf(page, Math.min(y1, y2)) + half];
    const [from, to] = [Math.round(a), Math.max(Math.round(a) + 1, Math.round(b))];
    const solid = { solid: true, grey: level(gray) } as const;
    return horizontal
      ? { svg: `<rect x="${from}" y="${start}" width="${to - from}" height="${px}" fill="${hex(gray)}"/>`, box: [from, start, to, start + px], ...solid }
      : {
          svg: `<rect x="${start}" y="${from}" width="${px}" height="${to - from}" fill="${hex(gray)}"/>`,
          box: [start, from, start + px, to],
          column: true,
          ...solid,
        };
  }
  const [r1, r2, w] = [rowOf(page, y1), rowOf(page, y2), width * scale];
  return {
    svg: `<line x1="${(x1 * scale).toFixed(2)}" y1="${r1.toFixed(2)}" x2="${(x2 * scale).toFixed(2)}" y2="${r2.toFixed(2)}" stroke="${hex(gray)}" stroke-width="${w.toFixed(3)}"/>`,
    box: [Math.min(x1, x2) * scale - w, Math.min(r1, r2) - w, Math.max(x1, x2) * scale + w, Math.max(r1, r2) + w],
  };
}

/** A box: its fill on whole pixels, and its four edges as rules (poppler adjusts a box's edges to whole pixels too: a 0.75 pt frame is 2 dark pixels, not 3 lighter ones). */
function boxShapes(page: PagePixels, op: Extract<DrawOp, { op: 'rect' }>): Shape[] {
  const [left, top, right, bottom] = [
    Math.round(op.x * page.scale),
    Math.round(rowOf(page, op.y + op.h)),
    Math.round((op.x + op.w) * page.scale),
    Math.round(rowOf(page, op.y)),
  ];
  const fill: Shape[] =
    op.fillGray === undefined
      ? []
      : [
          {
            svg: `<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="${hex(op.fillGray)}"/>`,
            box: [left, top, right, bottom],
            solid: true,
            grey: level(op.fillGray),
          },
        ];
  if (op.strokeGray === undefined) return fill;
  const [w, grey] = [op.strokeWidth ?? 1, op.strokeGray];
  return [
    ...fill,
    ruleShape(page, op.x, op.y, op.x + op.w, op.y, w, grey),
    ruleShape(page, op.x, op.y + op.h, op.x + op.w, op.y + op.h, w, grey),
    ruleShape(page, op.x, op.y, op.x, op.y + op.h, w, grey),
    ruleShape(page, op.x + op.w, op.y, op.x + op.w, op.y + op.h, w, grey),
  ];
}

/** The page's marks as SVG shapes in pixels of a page `scale` pixels a point, in drawing order. */
function shapesOf(ops: readonly DrawOp[], size: PageSize, scale: number, glyphs: PageGlyphs): Shape[] {
  const page = { scale, height: size.height };
  return ops.flatMap((op): Shape[] => {
    if (op.op === 'rect') return boxShapes(page, op);
    if (op.op === 'line') return [ruleShape(page, op.x1, op.y1, op.x2, op.y2, op.width, op.gray)];
    const shape = textShape(op, size.height, scale, glyphs);
    return shape ? [shape] : [];
  });
}

type PixelBox = { left: number; right: number; top: number; bottom: number };

/**
 * Counts into `levels` the pixels of the shapes that are vertical rules on whole pixels.
 * A frame's sides span the image they frame: drawn in a window with the rest, they would
 * make it the image's whole box. They are whole pixels of one grey, so their pixels are
 * counted here: over a solid shape drawn before them (a box's fill, the top and bottom
 * edges at a corner), whose pixel the windows counted, they take its place; under one drawn
 * after them, they are left to it.
 */
function countColumns(shapes: readonly Shape[], boxes: readonly PixelBox[], width: number, height: number, levels: Float64Array): void {
  const inside = (col: number, row: number, b: readonly [number, number, number, number]) =>
    col + 0.5 >= b[0] && col + 0.5 <= b[2] && row + 0.5 >= b[1] && row + 0.5 <= b[3];
  shapes.forEach((column, order) => {
    if (!column.column) return;
    const [left, top, right, bottom] = column.box.map((v) => Math.round(v)) as [number, number, number, number];
    for (let row = Math.max(0, top); row < Math.min(height, bottom); row++) {
      for (let col = Math.max(0, left); col < Math.min(width, right); col++) {
        if (boxes.some((b) => col + 0.5 >= b.left && col + 0.5 <= b.right && row + 0.5 >= b.top && row + 0.5 <= b.bottom)) continue;
        let under: Shape | undefined;
        let over = false;
        shapes.forEach((shape, k) => {
          if (k === order || !shape.solid || !inside(col, row, shape.box)) return;
          if (k > order) over = true;
          else if (!shape.column) under = shape;
        });
        if (over) continue;
        if (under) levels[(under as Shape).grey!]!--;
        levels[column.grey!]!++;
      }
    }
  });
}

/** Level counts of windows already drawn, by a hash of their SVG and the image boxes they meet: pages share their running head's parts. */
export type WindowCounts = Map<string, Float64Array>;

/** Counts into `levels` the other shapes' pixels, drawn in windows of the page around each group of them. */
async function countWindows(
  drawn: readonly Shape[],
  boxes: readonly PixelBox[],
  page: { readonly width: number; readonly height: number },
  levels: Float64Array,
  known: WindowCounts,
): Promise<void> {
  for (const group of groupsOf(drawn, page.width, page.height)) {
    const [left, top, right, bottom] = group.box;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${right - left}" height="${bottom - top}" viewBox="${left} ${top} ${right - left} ${bottom - top}">${group.svg}</svg>`;
    const meeting = boxes.filter((b) => b.right > left && b.left < right && b.bottom > top && b.top < bottom);
    const key = createHash('sha256').update(svg).update(JSON.stringify(meeting)).digest('base64');
    let counts = known.get(key);
    if (!counts) {
      counts = await windowCounts(svg, left, top, meeting);
      known.set(key, counts);
    }
    for (let v = 0; v < 256; v++) levels[v]! += counts[v]!;
  }
}

/** One window's pixels by grey level over white, drawn from `svg` (its top left at `left`, `top`), leaving out those under an image's box. */
async function windowCounts(svg: string, left: number, top: number, boxes: readonly PixelBox[]): Promise<Float64Array> {
  const levels = new Float64Array(256);
  const { data, info } = await sharp(Buffer.from(svg)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width: w, channels } = info;
  // Columns of the row under an image's box (pixel centres inside it): not the page's marks.
  const underImage = new Uint8Array(w);
  for (let r = 0; r < info.height; r++) {
    const row = top + r;
    underImage.fill(0);
    for (const b of boxes) {
      if (row + 0.5 >= b.top && row + 0.5 <= b.bottom)
        underImage.fill(1, Math.max(0, Math.ceil(b.left - 0.5) - left), Math.max(0, Math.min(w, Math.floor(b.right - 0.5) + 1 - left)));
    }
    for (let col = 0, i = r * w * channels; col < w; col++, i += channels) {
      const alpha = data[i + channels - 1]!;
      if (alpha === 0 || underImage[col] === 1) continue;
      // Over white, as the page's pixels are counted (antialiased edges blend with what is under them).
      levels[Math.round((data[i]! * alpha + 255 * (255 - alpha)) / 255)]!++;
    }
  }
  return levels;
}

/**
 * The page's own marks (filled boxes, frames, rules, text in its fonts) drawn as a reviewer's
 * fit-width view draws them, `scale` pixels a point, over white: the colours of the pixels
 * they cover outside the images' boxes, counted, and how many those are. What the paper's
 * choice weighs besides the images (page-paper.ts): their antialiased edges included, which
 * an estimate from the text's width and size could only guess.
 */
export async function marksAsDrawn(
  ops: readonly DrawOp[],
  size: PageSize,
  scale: number,
  glyphs: PageGlyphs,
  imageBoxes: readonly Box[],
  known: WindowCounts = new Map(),
): Promise<{ counts: Map<number, number>; area: number }> {
  const width = Math.max(1, Math.round(size.width * scale));
  const height = Math.max(1, Math.round(size.height * scale));
  const shapes = shapesOf(ops, size, scale, glyphs);
  const boxes = imageBoxes.map((b) => ({
    left: b.x * scale,
    right: (b.x + b.width) * scale,
    top: (size.height - b.y - b.height) * scale,
    bottom: (size.height - b.y) * scale,
  }));
  // Every mark is grey: a histogram of its level over white is all there is to count.
  const levels = new Float64Array(256);
  countColumns(shapes, boxes, width, height, levels);
  await countWindows(
    shapes.filter((shape) => !shape.column),
    boxes,
    { width, height },
    levels,
    known,
  );
  const counts = new Map<number, number>();
  let area = 0;
  levels.forEach((n, level) => {
    if (n > 0) counts.set(level * 0x010101, n);
    area += n;
  });
  return { counts, area };
}

/**
 * Shapes whose pixel boxes (widened by two pixels, clamped to the page, on whole pixels) meet,
 * merged into groups: each group's shapes in their order, and the box around them.
 */
function groupsOf(shapes: readonly Shape[], width: number, height: number): { svg: string; box: [number, number, number, number] }[] {
  const groups: { members: number[]; box: [number, number, number, number] }[] = [];
  shapes.forEach((shape, i) => {
    let box: [number, number, number, number] = [
      Math.max(0, Math.floor(shape.box[0]) - 2),
      Math.max(0, Math.floor(shape.box[1]) - 2),
      Math.min(width, Math.ceil(shape.box[2]) + 2),
      Math.min(height, Math.ceil(shape.box[3]) + 2),
    ];
    if (box[2] <= box[0] || box[3] <= box[1]) return;
    let members = [i];
    // Absorb every group this box meets, until none is left to meet.
    for (let merged = true; merged; ) {
      merged = false;
      for (let g = groups.length - 1; g >= 0; g--) {
        const other = groups[g]!.box;
        if (other[0] < box[2] && box[0] < other[2] && other[1] < box[3] && box[1] < other[3]) {
          box = [Math.min(box[0], other[0]), Math.min(box[1], other[1]), Math.max(box[2], other[2]), Math.max(box[3], other[3])];
          members = [...groups[g]!.members, ...members];
          groups.splice(g, 1);
          merged = true;
        }
      }
    }
    groups.push({ members, box });
  });
  return groups.map((g) => ({
    svg: [...g.members]
      .sort((a, b) => a - b)
      .map((i) => shapes[i]!.svg)
      .join(''),
    box: g.box,
  }));
}
