import { describe, expect, it } from 'vitest';
import type { ImageExhibit, OcrLine } from '../../src/evidence/model.js';
import { findTextBand } from '../../src/imaging/find-focus.js';
import { drawTextBelow, stripsOf } from '../../src/document/exhibits/plan-focus.js';
import { photoExhibit } from '../helpers/photo-exhibit.js';
import { seeded as rng } from '../helpers/seeded.js';

/**
 * A photo with `rows` caption rows at the foot, a timestamp at the end of each, as OCR reads
 * such photos: the captions surely, the small grey stamps at middling confidence, and some
 * rows' captions not at all.
 */
function photo(r: () => number): { exhibit: ImageExhibit; words: OcrLine[] } {
  const [width, height] = [1600 + Math.floor(r() * 2400), 1200 + Math.floor(r() * 1800)];
  const k = width / 1600;
  const rows = 3 + Math.floor(r() * 5);
  const words: OcrLine[] = [];
  const text = (t: string, x: number, y: number, h: number, confidence: number) =>
    words.push({ text: t, confidence, bbox: [Math.round(x), Math.round(y), Math.round(t.length * h * 0.55), Math.round(h)] });
  for (let row = 0; row < rows; row++) {
    const y = height - (300 - row * 44) * k;
    if (row === 0 || r() < 0.6) ['header', 'fine', 'payment', 'footer'].forEach((t, i) => text(t, (50 + i * 80) * k, y, 12 * k, 90));
    text(`1${row}:4${row}`, 696 * k, y + 3 * k, 9 * k, row < 2 ? 90 : 50 + Math.floor(r() * 30));
  }
  const exhibit = photoExhibit(width, height, words);
  return { exhibit, words };
}

const inside = (x: number, y: number, b: { x: number; y: number; width: number; height: number }) =>
  x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height;

describe("a photo's text shown enlarged as rows", () => {
  it('takes in the timestamps read less surely next to its sure text', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const { exhibit, words } = photo(rng(seed));
      const band = findTextBand(exhibit)!;
      expect(band).toBeDefined();
      for (const w of words) {
        const [x, y, bw, bh] = w.bbox;
        expect(inside(x, y, band) && inside(x + bw, y + bh, band), `seed ${seed}: ${w.text}`).toBe(true);
      }
    }
  });

  it('draws every word of the band whole in one row, at the band scale, rows apart by white and within the band', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const { exhibit, words } = photo(rng(seed));
      const band = findTextBand(exhibit)!;
      const scale = 540 / band.width;
      const strips = stripsOf(exhibit, band, scale)!;
      expect(strips, `seed ${seed}`).toBeDefined();
      const drawn = drawTextBelow(exhibit, band, { x: 36, width: 540, top: 700 }, 0.1, scale);
      expect(drawn.more).toHaveLength(strips.length);
      const cuts = drawn.more.map((m) => m.cut!);
      // One under the other, white between, no taller than the band.
      for (let i = 1; i < cuts.length; i++) expect(cuts[i - 1]!.y - (cuts[i]!.y + cuts[i]!.height)).toBeGreaterThanOrEqual(2);
      expect(cuts[0]!.y + cuts[0]!.height - cuts[cuts.length - 1]!.y).toBeLessThanOrEqual(band.height * scale + 1e-6);
      for (const w of words) {
        const [x, y, bw, bh] = w.bbox;
        // The word's corners as some row draws them (the view's own mapping), inside that row's cut.
        const shown = drawn.more.some((m) => {
          const sx = m.width / exhibit.image.width;
          const at = (px: number, py: number) => [m.x + px * sx, m.y + m.height - py * sx] as const;
          const [x0, y0] = at(x, y);
          const [x1, y1] = at(x + bw, y + bh);
          return inside(x0, y0, m.cut!) && inside(x1, y1, m.cut!) && sx >= scale - 1e-9;
        });
        expect(shown, `seed ${seed}: ${w.text}`).toBe(true);
      }
    }
  });

  it('shows the band whole when it carries highlights, or has one row', () => {
    const { exhibit } = photo(rng(3));
    const band = findTextBand(exhibit)!;
    expect(stripsOf({ ...exhibit, marks: { highlight: [[10, 10, 20, 20]], redact: [] } }, band, 0.3)).toBeUndefined();
    expect(stripsOf(exhibit, { ...band, rows: band.rows!.slice(0, 1) }, 0.3)).toBeUndefined();
  });
});
