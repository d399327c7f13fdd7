import { describe, expect, it } from 'vitest';
import type { OcrLine } from '../../src/evidence/model.js';
import { findTextBand } from '../../src/imaging/find-focus.js';
import { photoExhibit } from '../helpers/photo-exhibit.js';
import { seeded as rng } from '../helpers/seeded.js';

const word = (text: string, confidence: number, x: number, y: number, w: number, h: number): OcrLine => ({ text, confidence, bbox: [x, y, w, h] });

/**
 * Random case 12's 1200 × 1600 photo as OCR read it at build time: six short caption rows
 * (x 38–300, 9 px high), the six grey stamps far out at x 515–540 (7 px high), of which it
 * read two (one at confidence 73) and fragments of two more.
 */
function case12(): OcrLine[] {
  const words: OcrLine[] = [];
  const rows = [1387, 1420, 1452, 1485, 1518, 1550];
  for (const y of rows) ['form', 'mobile', 'order', 'files', 'received'].forEach((t, k) => words.push(word(t, 96, 38 + k * 52, y, t.length * 6, 9)));
  words.push(word('44', 82, 532, 1389, 8, 6), word('35]', 52, 524, 1422, 14, 6), word('06:58', 73, 515, 1455, 24, 7), word('09:19', 96, 515, 1552, 24, 7));
  return words;
}

describe('the figures at the end of a photo band’s rows', () => {
  it('are in the band however far across, when two or more stand in a column level with its rows', () => {
    const band = findTextBand(photoExhibit(1200, 1600, case12()))!;
    // The stamps' column (x 515–540), those OCR did not read included, is inside the band.
    expect(band.x).toBeLessThanOrEqual(38);
    expect(band.x + band.width).toBeGreaterThanOrEqual(540);
    expect(band.y + band.height).toBeGreaterThanOrEqual(1559);
  });

  it('leave out a lone figure level with a row, and figures in no row of the band', () => {
    const words = case12().filter((w) => !/\d/.test(w.text));
    const lone = [...words, word('09:19', 96, 515, 1552, 24, 7)];
    const loneBand = findTextBand(photoExhibit(1200, 1600, lone))!;
    expect(loneBand.x + loneBand.width).toBeLessThan(400);
    const above = [...words, word('23', 90, 700, 600, 14, 9), word('24', 90, 700, 700, 14, 9)];
    expect(findTextBand(photoExhibit(1200, 1600, above))).toEqual(findTextBand(photoExhibit(1200, 1600, words)));
  });

  // Photos of random sizes, 3–7 caption rows, a stamp at the end of each row far out (the
  // captions end at a third of the width, the stamps at 45–80 %), OCR reading 2 to all of
  // the stamps at confidence 50–97 and stray figures elsewhere in the photo: the band holds
  // the stamps' column, every stamp OCR missed included, and reaches no stray figure.
  it('hold the stamps’ column on photos of random sizes, whichever stamps OCR read', () => {
    const r = rng(421);
    for (let k = 0; k < 50; k++) {
      const width = 1000 + Math.floor(r() * 3000);
      const height = Math.round(width * (0.6 + r() * 0.8));
      const px = Math.round((width / 1600) * (9 + r() * 8));
      const stampX = Math.round(width * (0.45 + r() * 0.35));
      const rows = 3 + Math.floor(r() * 5);
      const top = height - Math.round(px * 4 * (rows + 1));
      const words: OcrLine[] = [];
      const stamps: OcrLine[] = [];
      for (let row = 0; row < rows; row++) {
        const y = top + row * px * 4;
        ['footer', 'fonts', 'mobile', 'invoice'].forEach((t, i) =>
          words.push(word(t, 96, Math.round(40 + i * width * 0.07), y, Math.round(t.length * px * 0.55), px)),
        );
        stamps.push(word(`1${row}:2${row}`, 50 + Math.floor(r() * 48), stampX, y + 2, Math.round(px * 2.6), Math.round(px * 0.75)));
      }
      const read = stamps.filter((_, i) => i < 2 || r() < 0.5);
      const stray = [
        word('23', 90, Math.round(width * 0.9), Math.round(height * 0.2), px, px),
        word('7.5', 88, Math.round(width * 0.9), Math.round(height * 0.3), px, px),
      ];
      const band = findTextBand(photoExhibit(width, height, [...words, ...read, ...stray]))!;
      const label = `case ${k} (${width} × ${height}, ${rows} rows, ${read.length} stamps read, at x ${stampX})`;
      expect(band, label).toBeDefined();
      for (const s of stamps) {
        expect(band.x + band.width, `${label}: ${s.text}`).toBeGreaterThanOrEqual(s.bbox[0] + s.bbox[2]);
        expect(band.y + band.height, `${label}: ${s.text}`).toBeGreaterThanOrEqual(s.bbox[1] + s.bbox[3]);
      }
      expect(band.y, label).toBeGreaterThan(height * 0.3 + px);
    }
  });
});
