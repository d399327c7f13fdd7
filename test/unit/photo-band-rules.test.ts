import { beforeAll, describe, expect, it } from 'vitest';
import { type FontSet, loadFonts } from '../../src/document/fonts/load-fonts.js';
import type { DrawOp } from '../../src/document/types.js';
import type { OcrLine } from '../../src/evidence/model.js';
import { photoExhibit, planPhotoAlone } from '../helpers/photo-exhibit.js';
import { seeded as rng } from '../helpers/seeded.js';

/**
 * A photo's enlarged text band is drawn with no frame: the photo's rows end in right-aligned
 * timestamps, and a vertical rule to their right (docs/benchmark.md, round 45: random case
 * 26's band read 0 of 6 stamps framed), or rules above and below meeting the photo's own edge
 * at the rows' ends (round 48: the other corpus's IMG_20240603_130000.jpg read 0 of 6 with
 * them, 6 of 6 without), made tesseract's reading of the rendered page leave the whole column
 * of them out. test/e2e/photo-band-read.test.ts reads that page back.
 */
function photo(width: number, height: number, stampX: number, textPx: number) {
  const words: OcrLine[] = [];
  const top = Math.min(Math.round(height * 0.7), height - 6 * Math.round(textPx * 3.6));
  for (let row = 0; row < 6; row++) {
    const y = top + row * Math.round(textPx * 3.6);
    let x = 40;
    for (const t of ['files', 'looks', 'fonts', 'received', 'page']) {
      const w = Math.round(t.length * textPx * 0.62);
      words.push({ text: t, confidence: 96, bbox: [x, y, w, textPx] });
      x += w + Math.round(textPx * 0.5);
    }
    words.push({ text: `1${row}:4${row}`, confidence: 95, bbox: [stampX, y + 4, Math.round(textPx * 2.7), Math.round(textPx * 0.76)] });
  }
  return photoExhibit(width, height, words);
}

type Box = { x: number; y: number; width: number; height: number };
const overlapsRows = (y1: number, y2: number, b: Box) => Math.max(y1, y2) > b.y + 1 && Math.min(y1, y2) < b.y + b.height - 1;

/** Strokes of the page that run up or down beside or across the band's rows: vertical lines, and the sides of stroked boxes. */
function verticalsBeside(ops: readonly DrawOp[], band: Box): DrawOp[] {
  return ops.filter((op) => {
    if (op.op === 'line') return Math.abs(op.x1 - op.x2) < 0.01 && overlapsRows(op.y1, op.y2, band);
    if (op.op === 'rect' && op.strokeGray !== undefined) return overlapsRows(op.y, op.y + op.h, band) && op.x + op.w >= band.x + band.width - 1;
    return false;
  });
}

/** Lines that run across the band's width within `near` points above its top or below its bottom: a rule framing it. */
function rulesAlong(ops: readonly DrawOp[], band: Box, near: number): DrawOp[] {
  return ops.filter(
    (op) =>
      op.op === 'line' &&
      Math.abs(op.y1 - op.y2) < 0.01 &&
      Math.min(op.x1, op.x2) <= band.x + 1 &&
      Math.max(op.x1, op.x2) >= band.x + band.width - 1 &&
      ((op.y1 >= band.y + band.height - 1 && op.y1 - (band.y + band.height) < near) || (op.y1 <= band.y + 1 && band.y - op.y1 < near)),
  );
}

let fonts: FontSet;
beforeAll(async () => {
  fonts = await loadFonts();
});

describe("a photo's enlarged text band", () => {
  it('has no frame: no vertical rule beside its rows, no rule above or below it, over photos of random sizes', () => {
    const r = rng(45);
    let below = 0;
    for (let k = 0; k < 40; k++) {
      const width = 1200 + Math.floor(r() * 2800);
      const height = Math.round(width * (r() < 0.5 ? 0.75 : 1.33));
      const textPx = Math.round((10 + r() * 8) * (width / 1600));
      const stampX = Math.round(width * (0.45 + r() * 0.4));
      const { planned } = planPhotoAlone(fonts, photo(width, height, stampX, textPx));
      if (planned?.focus.layout !== 'below') continue;
      below++;
      const ops = planned.result.page.ops;
      for (const view of planned.result.more ?? []) {
        const band = view.cut ?? view.clip!;
        expect(verticalsBeside(ops, band), `case ${k} (${width} × ${height})`).toEqual([]);
      }
      const views = (planned.result.more ?? []).map((v) => v.cut ?? v.clip!);
      const [lowest, highest] = [Math.min(...views.map((v) => v.y)), Math.max(...views.map((v) => v.y + v.height))];
      const stack = { x: Math.min(...views.map((v) => v.x)), y: lowest, width: Math.max(...views.map((v) => v.width)), height: highest - lowest };
      expect(rulesAlong(ops, stack, 6), `case ${k} (${width} × ${height}): a rule above or below the band`).toEqual([]);
    }
    expect(below).toBeGreaterThanOrEqual(10);
  });
});
