import { beforeAll, describe, expect, it } from 'vitest';
import { type FontSet, loadFonts } from '../../src/document/fonts/load-fonts.js';
import type { ImageExhibit, OcrLine } from '../../src/evidence/model.js';
import { NATURAL_PT_PER_PX } from '../../src/imaging/encode.js';
import { smallTextPx } from '../../src/imaging/photo-small-text.js';
import { checkScreenshots } from '../../src/rules/screenshot-rules.js';
import { MIN_TEXT_PT } from '../../src/rules/visible-facts.js';
import { holds, PHOTO_CASE_INFO, photoExhibit, planPhotoAlone } from '../helpers/photo-exhibit.js';
import { seeded as rng } from '../helpers/seeded.js';

/**
 * A photo with six caption rows near its foot (words `captionPx` high) and a small timestamp
 * (`stampPx` high) at `stampX`, level with each row, as OCR reads the random cases' photos:
 * the six stamps are fewer than a quarter of its words.
 */
function photo(width: number, height: number, captionPx: number, stampPx: number, stampX: number): { exhibit: ImageExhibit; stamps: OcrLine[] } {
  const words: OcrLine[] = [];
  const stamps: OcrLine[] = [];
  const step = Math.round(captionPx * 3.6);
  const top = Math.min(Math.round(height * 0.66), height - 6 * step);
  for (let row = 0; row < 6; row++) {
    const y = top + row * step;
    let x = 60;
    for (const t of ['footer', 'fonts', 'mobile', 'approved', 'invoice', 'thanks']) {
      const w = Math.round(t.length * captionPx * 0.55);
      words.push({ text: t, confidence: 96, bbox: [x, y, w, captionPx] });
      x += w + Math.round(captionPx * 0.5);
    }
    const stamp: OcrLine = { text: `1${row}:2${row}`, confidence: 96, bbox: [stampX, y + 3, Math.round(stampPx * 3.6), stampPx] };
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

describe("a photo's small text", () => {
  it('is its timestamps when they are fewer than a quarter of its words, and the lower quartile of its words otherwise', () => {
    const { exhibit } = photo(2000, 1500, 21, 16, 1239);
    const words = exhibit.ocr!.words!;
    expect(smallTextPx(words)).toBe(16);
    // No figures among them: the lower quartile of all its words.
    expect(smallTextPx(words.filter((w) => !/\d/.test(w.text)))).toBe(21);
    // Small words of letters (the x-height only) count as before.
    const xHeight = [...words, ...Array.from({ length: 20 }, (_, k): OcrLine => ({ text: 'menu', confidence: 90, bbox: [60 + k * 40, 990, 30, 11] }))];
    expect(smallTextPx(xHeight)).toBe(11);
    expect(smallTextPx([])).toBeUndefined();
  });

  it('decides whether the photo gets its band enlarged below, so stamps smaller than its captions print over the floor', () => {
    // Random case 8's 2000 × 1500 photo as OCR read it: captions 21–22 px high print at 6 pt
    // on the page the photo fills alone, its six stamps (16 px, x 1239) at 4.5 pt, none read.
    const { exhibit, stamps } = photo(2000, 1500, 22, 16, 1239);
    const { fit, planned } = planPhotoAlone(fonts, exhibit);
    expect(22 * fit.fitted).toBeGreaterThanOrEqual(MIN_TEXT_PT);
    expect(16 * fit.fitted).toBeLessThan(MIN_TEXT_PT);
    expect(planned?.focus.layout).toBe('below');
    for (const s of stamps) {
      expect(holds(planned!.focus, s), s.text).toBe(true);
      expect(s.bbox[3] * planned!.focus.scale).toBeGreaterThanOrEqual(MIN_TEXT_PT);
    }
  });

  it('is the size ITEM_FOCUS_CROPPED tells, whole and enlarged, for a photo with its band below', () => {
    const { exhibit } = photo(2000, 1500, 22, 16, 1239);
    const { planned } = planPhotoAlone(fonts, exhibit);
    const { findings } = checkScreenshots(
      PHOTO_CASE_INFO.client,
      [exhibit],
      () => undefined,
      () => planned!.focus,
    );
    const finding = findings.find((f) => f.code === 'ITEM_FOCUS_CROPPED')!;
    const round = (v: number) => Math.round(v * 10) / 10;
    expect(finding.args).toMatchObject({ whole: round(16 * planned!.focus.wholeScale), pt: round(16 * planned!.focus.scale), layout: 'below' });
  });

  // Photos of random sizes, upright and turned, their stamps 0.6–0.9 of their captions' height
  // at 45–75 % of the width: whenever the photo alone prints its stamps under the floor, a
  // focus page shows every stamp, larger than the photo alone, and most over the floor (or
  // at their natural size).
  it('is shown enlarged, every stamp inside, over photos of random sizes and stamp places', () => {
    const r = rng(42);
    let enlarged = 0;
    let overFloor = 0;
    for (let k = 0; k < 60; k++) {
      const long = 1200 + Math.floor(r() * 3000);
      const short = Math.round(long * (0.66 + r() * 0.14));
      const [width, height] = r() < 0.5 ? [long, short] : [short, long];
      const captionPx = Math.round((width / 1600) * (12 + r() * 10));
      const stampPx = Math.max(6, Math.round(captionPx * (0.6 + r() * 0.3)));
      const stampX = Math.round(width * (0.45 + r() * 0.3));
      const { exhibit, stamps } = photo(width, height, captionPx, stampPx, stampX);
      const { fit, planned } = planPhotoAlone(fonts, exhibit);
      if (stampPx * fit.fitted >= MIN_TEXT_PT) continue;
      const label = `case ${k} (${width} × ${height}, captions ${captionPx} px, stamps ${stampPx} px at x ${stampX})`;
      expect(planned, label).toBeDefined();
      const { focus } = planned!;
      for (const s of stamps) expect(holds(focus, s), `${label}: ${s.text}`).toBe(true);
      expect(focus.scale, label).toBeGreaterThan(fit.fitted);
      enlarged++;
      if (stampPx * focus.scale + 1e-9 >= Math.min(MIN_TEXT_PT, stampPx * NATURAL_PT_PER_PX)) overFloor++;
    }
    // The sweep reaches the photos it is about; the wide bands (stamps far out on a large
    // photo) that the page's width holds under the floor are a minority of them.
    expect(enlarged).toBeGreaterThan(40);
    expect(overFloor).toBeGreaterThan(enlarged / 2);
  });
});
