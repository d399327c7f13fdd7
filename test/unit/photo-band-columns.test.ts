import { beforeAll, describe, expect, it } from 'vitest';
import { type FontSet, loadFonts } from '../../src/document/fonts/load-fonts.js';
import type { ImageExhibit, OcrLine } from '../../src/evidence/model.js';
import { MIN_TEXT_PT } from '../../src/rules/visible-facts.js';
import { NATURAL_PT_PER_PX } from '../../src/imaging/encode.js';
import { MARGIN_X } from '../../src/document/page/geometry.js';
import { holdsWord as holds, planPhotoAlone } from '../helpers/plan-photo-alone.js';
import { seeded as rng } from '../helpers/seeded.js';

/**
 * A photo drawn as the random cases and the other corpus draw them (scripts/bench-corpus.mjs
 * photoLabels), at `k` times its 1600 px layout: six caption rows near the foot from x 50k,
 * and a small grey timestamp ending at x 730k in each row, far out past the caption's end.
 */
function photo(r: () => number, width: number, height: number, k: number): { exhibit: ImageExhibit; stamps: OcrLine[]; words: OcrLine[] } {
  const words: OcrLine[] = [];
  const stamps: OcrLine[] = [];
  const vocabulary = ['layout', 'form', 'great', 'fine', 'final', 'header', 'payment', 'theme', 'fonts', 'the', 'order', 'logo'];
  for (let row = 0; row < 6; row++) {
    const y = Math.round(height - (290 - row * 44) * k);
    let x = 50 * k;
    for (let i = 0; i < 6; i++) {
      const t = vocabulary[Math.floor(r() * vocabulary.length)]!;
      const w = t.length * 15 * k * 0.55;
      words.push({ text: t, confidence: 90 + Math.floor(r() * 7), bbox: [Math.round(x), y, Math.round(w), Math.round(11 * k)] });
      x += w + 5 * k;
    }
    const stamp: OcrLine = {
      text: `1${row}:4${row}`,
      confidence: 75 + Math.floor(r() * 22),
      bbox: [Math.round(688 * k), y + Math.round(2 * k), Math.round(42 * k), Math.round(9 * k)],
    };
    words.push(stamp);
    stamps.push(stamp);
  }
  const exhibit = {
    kind: 'image',
    file: 'photo.jpg',
    source: { file: 'photo.jpg', sha256: '0'.repeat(64), bytes: 1 },
    image: { format: 'jpeg', width, height, frames: 1, orientation: 1, hasAlpha: false },
    date: { epochMs: Date.UTC(2024, 2, 1, 17), source: 'filename', text: '20240301-170000', zone: 'assumed:UTC' },
    dateCandidates: [],
    marks: { highlight: [], redact: [] },
    ocr: { text: words.map((w) => w.text).join(' '), lines: words, words, cached: false },
  } as unknown as ImageExhibit;
  return { exhibit, stamps, words };
}

type View = { x: number; y: number; width: number; height: number; cut?: { x: number; y: number; width: number; height: number } };
/** Whether some view of the band draws the word whole inside the part of it shown (its cut). */
function drawnWhole(views: readonly View[], word: OcrLine, scale: number): boolean {
  const [bx, by, bw, bh] = word.bbox;
  return views.some((v) => {
    const c = v.cut;
    if (!c) return false;
    const [x, y] = [v.x + bx * scale, v.y + v.height - (by + bh) * scale];
    const e = 0.01;
    return x >= c.x - e && x + bw * scale <= c.x + c.width + e && y >= c.y - e && y + bh * scale <= c.y + c.height + e;
  });
}

let fonts: FontSet;
beforeAll(async () => {
  fonts = await loadFonts();
});

/** The stamps' printed size asked: a margin over the floor (a grey stamp printed near it read at fit-width loses its colon), or their size at one pixel a pixel when that is less (a band is not enlarged past it). */
const STAMP_PT = 1.25 * MIN_TEXT_PT;

describe("a wide photo's timestamps far out at the end of its caption rows", () => {
  // Photos of the corpora's sizes (landscape and upright, 1600–4200 px), the text drawn 0.9–1.5
  // times the size that scales with the photo: the band is mostly the empty stretch between
  // the captions and the stamps; shown whole across the page its stamps print near the floor.
  it('are shown below the photo, inside the enlarged view, with a margin over the floor', () => {
    const r = rng(41);
    for (let n = 0; n < 40; n++) {
      const upright = r() < 0.35;
      const long = 1600 + Math.floor(r() * 2600);
      const [width, height] = upright ? [Math.round(long * 0.75), long] : [long, Math.round(long * 0.75)];
      const k = (width / 1600) * (0.9 + r() * 0.6);
      const { exhibit, stamps, words } = photo(r, width, height, k);
      const planned = planPhotoAlone(fonts, exhibit);
      const label = `case ${n} (${width} × ${height}, text ×${k.toFixed(2)})`;
      expect(planned?.focus.layout, label).toBe('below');
      for (const s of stamps) {
        expect(holds(planned!.focus, s), `${label}: ${s.text}`).toBe(true);
        expect(s.bbox[3] * planned!.focus.scale, `${label}: ${s.text}`).toBeGreaterThanOrEqual(Math.min(STAMP_PT, s.bbox[3] * NATURAL_PT_PER_PX));
      }
      // Every word drawn whole in one cut of the band, within the page's content width.
      const views = (planned!.result.more ?? []) as View[];
      for (const w of words) expect(drawnWhole(views, w, planned!.focus.scale), `${label}: ${w.text}`).toBe(true);
      for (const v of views) expect(v.cut!.x + v.cut!.width, label).toBeLessThanOrEqual(612 - MARGIN_X + 0.01);
    }
  });
});
