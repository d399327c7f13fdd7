import { describe, expect, it } from 'vitest';
import type { OcrLine } from '../../src/evidence/model.js';
import { findTextBand } from '../../src/imaging/find-focus.js';
import { findTextRows } from '../../src/imaging/find-text-rows.js';
import { photoExhibit } from '../helpers/photo-exhibit.js';
import { seeded as rng } from '../helpers/seeded.js';

const word = (text: string, confidence: number, x: number, y: number, w: number, h: number): OcrLine => ({ text, confidence, bbox: [x, y, w, h] });

/**
 * Random case 7's 1200 × 1600 photo as OCR read it at build time: six caption rows 9–13 px
 * high, a grey stamp (7–8 px) at x 564 at the end of each, and boxes 19–28 px high over rows
 * 3 and 6 ("Payment", "final", "footer", "updat") that took in the photo's grain under them.
 */
const CASE7: OcrLine[] = [
  word('received', 97, 41, 1367, 51, 10),
  word('received', 97, 97, 1367, 51, 10),
  word('update', 97, 189, 1367, 42, 12),
  word('final', 97, 270, 1367, 25, 10),
  word('great', 96, 153, 1368, 32, 11),
  word('page', 97, 236, 1369, 29, 10),
  word('05:31', 96, 564, 1369, 26, 8),
  word('checked', 97, 41, 1403, 49, 10),
  word('layout', 96, 96, 1403, 37, 13),
  word('great', 96, 137, 1403, 32, 12),
  word('delivery', 96, 173, 1403, 48, 13),
  word('approved', 96, 226, 1403, 56, 12),
  word('thanks', 96, 287, 1403, 40, 10),
  word('06:38', 96, 564, 1405, 27, 7),
  word('|', 72, 28, 1431, 8, 27),
  word('Payment', 86, 106, 1437, 55, 23),
  word('final', 95, 40, 1438, 26, 20),
  word('fal', 20, 41, 1438, 25, 10),
  word('in', 97, 164, 1438, 10, 20),
  word('received', 97, 213, 1438, 51, 10),
  word('great', 95, 73, 1439, 30, 19),
  word('payment', 34, 107, 1440, 53, 10),
  word('He', 23, 565, 1440, 24, 7),
  word('ivowe', 36, 165, 1441, 42, 7),
  word('menu', 97, 268, 1441, 33, 8),
  word('a', 83, 565, 1446, 3, 2),
  word('header', 44, 41, 1475, 41, 9),
  word('great', 60, 88, 1475, 30, 11),
  word('sent', 96, 124, 1475, 24, 9),
  word('looks', 76, 154, 1475, 30, 9),
  word('fine', 91, 236, 1475, 22, 9),
  word('neacer', 38, 190, 1476, 41, 8),
  word('08:52', 96, 564, 1476, 26, 8),
  word('sent', 96, 41, 1510, 26, 9),
  word('fonts', 96, 71, 1510, 30, 10),
  word('fonts', 96, 105, 1510, 30, 10),
  word('works', 96, 140, 1510, 35, 10),
  word('fonts', 96, 179, 1510, 30, 10),
  word('mobile', 97, 214, 1510, 40, 10),
  word('09:59', 96, 564, 1512, 27, 7),
  word('footer', 73, 83, 1536, 36, 28),
  word('updat', 69, 125, 1536, 31, 28),
  word('layout', 95, 41, 1546, 10, 9),
  word('colours', 53, 210, 1546, 43, 9),
  word('footer', 37, 174, 1547, 30, 8),
  word('10:06', 97, 565, 1547, 27, 8),
  word('payme', 59, 258, 1548, 40, 8),
];
const STAMPS = ['05:31', '06:38', '08:52', '09:59', '10:06'];

describe('a photo band’s rows measured by its words of the usual height', () => {
  it('keeps a row a box that took in the grain under it would join to the next (random case 7: six rows, each stamp in one)', () => {
    const band = findTextBand(photoExhibit(1200, 1600, CASE7))!;
    const rows = band.rows!;
    expect(rows).toHaveLength(6);
    for (const stamp of CASE7.filter((w) => STAMPS.includes(w.text))) {
      const [, y, , h] = stamp.bbox;
      expect(
        rows.filter((r) => r.y <= y && y + h <= r.y + r.height),
        stamp.text,
      ).toHaveLength(1);
    }
    // No row is much taller than the caption text it holds with its padding.
    for (const r of rows) expect(r.height).toBeLessThanOrEqual(30);
  });

  it('makes a row of a tall box that stands level with no other word', () => {
    const words = [
      word('invoice', 96, 40, 100, 60, 10),
      word('paid', 96, 110, 100, 40, 10),
      word('TOTAL', 96, 40, 140, 90, 24),
      word('thanks', 96, 40, 190, 60, 10),
    ];
    const rows = findTextRows(words, { y: 80, height: 140 });
    expect(rows).toHaveLength(3);
    expect(rows[1]!.y).toBeLessThanOrEqual(140);
    expect(rows[1]!.y + rows[1]!.height).toBeGreaterThanOrEqual(164);
  });

  // Photos of random sizes, 3–7 caption rows 44 px apart (times the photo's scale), a stamp
  // at the end of each, and on some rows a box 2–3 times the text's height reaching down into
  // the grain toward the next row, as OCR reads a word merged with what lies under it.
  it('gives each caption row a row of its own however tall the boxes over the grain (50 seeded photos)', () => {
    const r = rng(49);
    for (let n = 0; n < 50; n++) {
      const [width, height] = [1000 + Math.floor(r() * 3000), 800 + Math.floor(r() * 2400)];
      const k = width / 1600;
      const count = 3 + Math.floor(r() * 5);
      const words: OcrLine[] = [];
      for (let row = 0; row < count; row++) {
        const y = Math.round(height - (300 - row * 44) * k);
        ['layout', 'fonts', 'order'].forEach((t, i) => words.push(word(t, 96, Math.round((50 + i * 80) * k), y, Math.round(60 * k), Math.round(11 * k))));
        words.push(word(`1${row}:2${row}`, 96, Math.round(690 * k), y + Math.round(2 * k), Math.round(40 * k), Math.round(8 * k)));
        if (r() < 0.5) words.push(word('great', 60 + Math.floor(r() * 35), Math.round(300 * k), y, Math.round(60 * k), Math.round((22 + r() * 11) * k)));
      }
      const band = findTextBand(photoExhibit(width, height, words))!;
      expect([n, band.rows!.length]).toEqual([n, count]);
      for (const stamp of words.filter((w) => /:/.test(w.text))) {
        const [, y, , h] = stamp.bbox;
        expect([n, stamp.text, band.rows!.filter((row) => row.y <= y && y + h <= row.y + row.height).length]).toEqual([n, stamp.text, 1]);
      }
    }
  });
});
