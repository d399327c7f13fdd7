import { beforeAll, describe, expect, it } from 'vitest';
import { type FontSet, loadFonts } from '../../src/document/fonts/load-fonts.js';
import type { ImageExhibit, OcrLine } from '../../src/evidence/model.js';
import { MIN_TEXT_PT } from '../../src/rules/visible-facts.js';
import { holds, photoExhibit, planPhotoAlone } from '../helpers/photo-exhibit.js';
import { seeded as rng } from '../helpers/seeded.js';

/**
 * A photo with six caption rows near its foot and a small timestamp far out at the end of
 * each row, as the random cases draw them (and OCR reads them): the stamps stand in a column
 * of their own, level with the captions row by row, as a side bar stands beside a chat.
 * `stampX` is where the stamps' column starts.
 */
function photo(width: number, height: number, stampX: number, textPx: number): { exhibit: ImageExhibit; stamps: OcrLine[] } {
  const words: OcrLine[] = [];
  const stamps: OcrLine[] = [];
  // Near its foot, every row inside the photo.
  const top = Math.min(Math.round(height * 0.66), height - 6 * Math.round(textPx * 3.6));
  for (let row = 0; row < 6; row++) {
    const y = top + row * Math.round(textPx * 3.6);
    let x = 70;
    for (const t of ['footer', 'fonts', 'mobile', 'approved', 'invoice', 'thanks']) {
      const w = Math.round(t.length * textPx * 0.62);
      words.push({ text: t, confidence: 96, bbox: [x, y, w, textPx] });
      x += w + Math.round(textPx * 0.5);
    }
    const stamp: OcrLine = { text: `0${row}:1${row}`, confidence: 95, bbox: [stampX, y + 4, Math.round(textPx * 2.7), Math.round(textPx * 0.76)] };
    words.push(stamp);
    stamps.push(stamp);
  }
  const exhibit = photoExhibit(width, height, words);
  return { exhibit, stamps };
}

let fonts: FontSet;
beforeAll(async () => {
  fonts = await loadFonts();
});

describe("a photo's timestamps at the end of its caption rows", () => {
  it('are shown enlarged with their band below the photo, not left out of a text column beside it', () => {
    // Random case 11's photo: 1600 × 1200, captions 17 px high, the stamps 13 px high at x 975.
    const { exhibit, stamps } = photo(1600, 1200, 975, 17);
    const planned = planPhotoAlone(fonts, exhibit).planned!;
    expect(planned).toBeDefined();
    expect(planned.focus.layout).toBe('below');
    for (const s of stamps) {
      expect(holds(planned.focus, s), s.text).toBe(true);
      expect(s.bbox[3] * planned.focus.scale).toBeGreaterThanOrEqual(MIN_TEXT_PT);
    }
  });

  // Photos of the random cases' sizes and text sizes, their stamps' column at 50–70 % of the
  // width: the band shown below reaches the floor. (Wider bands of larger photos print their
  // stamps under the floor below the photo, and the text column still leaves them out.)
  it('are inside the enlarged view whenever a focus is planned, over photos of random sizes and stamp places', () => {
    const r = rng(39);
    for (let k = 0; k < 40; k++) {
      const width = 1200 + Math.floor(r() * 800);
      const height = Math.round(width * (0.6 + r() * 0.2));
      const textPx = 14 + Math.floor(r() * 8);
      const stampX = Math.round(width * (0.5 + r() * 0.2));
      const { exhibit, stamps } = photo(width, height, stampX, textPx);
      const { planned } = planPhotoAlone(fonts, exhibit);
      if (!planned) continue;
      for (const s of stamps) expect(holds(planned.focus, s), `case ${k} (${width} × ${height}, ${planned.focus.layout}): ${s.text}`).toBe(true);
    }
  });
});
