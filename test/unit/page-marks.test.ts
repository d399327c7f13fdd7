import { execFileSync, spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, grayscale } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { loadFonts } from '../../src/document/fonts/load-fonts.js';
import { drawOp } from '../../src/document/render/draw-op.js';
import type { TextFonts } from '../../src/document/render/draw-text.js';
import { marksAsDrawn } from '../../src/document/render/page-marks.js';
import type { DrawOp, FontFace } from '../../src/document/types.js';
import { sharp } from '../../src/io/cjs.js';
import { tempDir } from '../helpers/temp-case.js';

const hasPdftoppm = spawnSync('pdftoppm', ['-v'], { stdio: 'ignore' }).status === 0;

const SIZE = { width: 792, height: 612 };
const SCALE = 1920 / 792;
const CAPTION = 'Exhibit 17 of 17 · Screenshot · Screenshot_20240302-010000.png, dated from the file name';

/** An exhibit page's marks: running head and rule, a caption box with its lines, a frame, the footer. */
const OPS: DrawOp[] = [
  { op: 'text', x: 54, y: 577, text: 'Case dp_random_25', size: 7.5, face: 'bold' },
  { op: 'line', x1: 54, y1: 571, x2: 738, y2: 571, width: 0.6, gray: 0.4 },
  { op: 'rect', x: 54, y: 480, w: 684, h: 70, fillGray: 0.94, strokeGray: 0.2, strokeWidth: 0.75 },
  ...[532, 518, 504, 490].map((y): DrawOp => ({ op: 'text', x: 62, y, text: CAPTION, size: 10.5, face: y === 532 ? 'bold' : 'regular', gray: 0.4 })),
  { op: 'rect', x: 18, y: 96, w: 756, h: 374, strokeGray: 0.5, strokeWidth: 0.5 },
  { op: 'text', x: 370, y: 24, text: 'page 18 of 19', size: 7.5, face: 'regular' },
];

/** Grey levels in bins, as shares of the page's pixels: where Otsu's split of a page is decided. */
const BINS = [0, 64, 128, 192, 236, 250, 255];
function binned(levels: ReadonlyMap<number, number>, pixels: number): number[] {
  const out = BINS.slice(1).map(() => 0);
  for (const [level, n] of levels) {
    const k = BINS.findIndex((hi, i) => i > 0 && level < hi) - 1;
    if (k >= 0) out[k]! += n / pixels;
  }
  return out;
}

describe('a page’s own marks, drawn to be counted', () => {
  // Cross-checked with poppler: the same marks drawn into a PDF by pdf-lib with the packet's
  // fonts and rendered 1920 px wide. Their estimate from the text's width and size (before
  // round 50) put too many pixels at the text's full grey on one page and too few on another,
  // and the paper's choice turned on it.
  it.skipIf(!hasPdftoppm)('count the grey levels poppler draws them with at fit-width', async () => {
    const fonts = await loadFonts();
    const glyphs = { font: (face: FontFace) => fonts.fontkit.create(fonts.bytes[face]), visible: (text: string) => fonts.visible(text) };
    const drawn = await marksAsDrawn(OPS, SIZE, SCALE, glyphs, []);

    const doc = await PDFDocument.create();
    doc.registerFontkit(fonts.fontkit);
    const faces = {
      regular: await doc.embedFont(fonts.bytes.regular, { subset: true }),
      bold: await doc.embedFont(fonts.bytes.bold, { subset: true }),
    };
    const page = doc.addPage([SIZE.width, SIZE.height]);
    for (const op of OPS) {
      if (op.op === 'text')
        page.drawText(op.text, { x: op.x, y: op.y, size: op.size, font: faces[op.face as 'regular' | 'bold'], color: grayscale(op.gray ?? 0) });
      // Rules and boxes as the packet draws them (draw-op.ts); they use no font.
      else drawOp(page, op, {} as TextFonts);
    }
    const dir = await tempDir();
    await writeFile(join(dir, 'marks.pdf'), await doc.save());
    execFileSync('pdftoppm', ['-png', '-scale-to-x', '1920', '-scale-to-y', '-1', '-singlefile', join(dir, 'marks.pdf'), join(dir, 'marks')]);
    const { data, info } = await sharp(await readFile(join(dir, 'marks.png')))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const real = new Map<number, number>();
    for (let i = 0; i < data.length; i += info.channels) real.set(data[i]!, (real.get(data[i]!) ?? 0) + 1);
    const pixels = info.width * info.height;
    const ours = new Map([...drawn.counts].map(([rgb, n]) => [rgb & 0xff, n]));

    const [a, b] = [binned(ours, pixels), binned(real, pixels)];
    const where = `${a.map((v) => v.toFixed(5))} against ${b.map((v) => v.toFixed(5))}`;
    for (const [k, share] of b.entries()) expect(Math.abs(a[k]! - share), `bin ${k}: ${where}`).toBeLessThan(Math.max(0.0003, share * 0.12));
    // Every pixel the page marks (not white) is counted, and none twice.
    const marked = [...real].reduce((sum, [level, n]) => sum + (level < 255 ? n : 0), 0);
    expect(Math.abs(drawn.area - marked) / marked).toBeLessThan(0.05);
  });

  it('leave out what lies under an image, where the image is counted instead', async () => {
    const fonts = await loadFonts();
    const glyphs = { font: (face: FontFace) => fonts.fontkit.create(fonts.bytes[face]), visible: (text: string) => fonts.visible(text) };
    const box: DrawOp = { op: 'rect', x: 100, y: 100, w: 200, h: 100, fillGray: 0.5 };
    const whole = await marksAsDrawn([box], SIZE, SCALE, glyphs, []);
    const half = await marksAsDrawn([box], SIZE, SCALE, glyphs, [{ x: 100, y: 100, width: 100, height: 100 }]);
    expect(whole.area).toBeCloseTo(200 * 100 * SCALE * SCALE, -3);
    expect(half.area / whole.area).toBeCloseTo(0.5, 2);
    expect([...whole.counts.keys()]).toContain(0x808080);
  });

  it('count a window drawn for an earlier page again only when the same marks meet the same image boxes', async () => {
    const fonts = await loadFonts();
    const glyphs = { font: (face: FontFace) => fonts.fontkit.create(fonts.bytes[face]), visible: (text: string) => fonts.visible(text) };
    const known = new Map<string, Float64Array>();
    const first = await marksAsDrawn(OPS, SIZE, SCALE, glyphs, [], known);
    const windows = known.size;
    expect(windows).toBeGreaterThan(0);
    const again = await marksAsDrawn(OPS, SIZE, SCALE, glyphs, [], known);
    expect(known.size).toBe(windows);
    expect(again).toEqual(first);
    // An image box over the marks is a window of its own: counted afresh, as without the cache.
    const image = [{ x: 60, y: 300, width: 300, height: 200 }];
    const shared = await marksAsDrawn(OPS, SIZE, SCALE, glyphs, image, known);
    expect(shared).toEqual(await marksAsDrawn(OPS, SIZE, SCALE, glyphs, image));
    expect(shared.area).toBeLessThan(first.area);
  });
});
