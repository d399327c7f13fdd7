import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { findTextLines } from '../../src/imaging/text-lines.js';
import { HARD_PHOTO, PHOTO_LAYOUT, photoWithCaptions } from '../helpers/photo-capture.js';

async function grey(image: Buffer | ReturnType<typeof sharp>): Promise<{ data: Uint8Array; width: number; height: number }> {
  const { data, info } = await (Buffer.isBuffer(image) ? sharp(image) : image).grayscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('lines of small text found in a photo’s pixels', () => {
  it('finds each grey timestamp and each caption row of a grainy photo, and nothing in its grain', async () => {
    const { data, width, height } = await grey(await photoWithCaptions(HARD_PHOTO));
    const lines = findTextLines(data, width, height);
    const { captions, timestampX, timestamps } = PHOTO_LAYOUT;
    const stamps = lines.filter((l) => l.x >= timestampX.x0 - 4 && l.x + l.width <= timestampX.x1 + 4);
    expect(stamps).toHaveLength(timestamps.length);
    for (const [i, s] of stamps.entries()) {
      // A 12 px timestamp's digits stand about 9 px tall, in its caption strip (44 px apart).
      expect(s.height).toBeGreaterThanOrEqual(8);
      expect(s.height).toBeLessThanOrEqual(11);
      expect(s.y).toBeGreaterThanOrEqual(captions.y0 + i * 44);
      expect(s.y + s.height).toBeLessThanOrEqual(captions.y0 + i * 44 + 36);
      expect(s.polarity).toBe('dark');
    }
    // The captions' rows are found too, and every line lies in the caption strips.
    expect(lines.filter((l) => l.x < 100).length).toBeGreaterThanOrEqual(6);
    for (const l of lines) {
      expect(l.x).toBeGreaterThanOrEqual(captions.x0);
      expect(l.x + l.width).toBeLessThanOrEqual(captions.x1);
      expect(l.y).toBeGreaterThanOrEqual(captions.y0);
      expect(l.y + l.height).toBeLessThanOrEqual(captions.y1);
    }
  });

  it('finds light text on a dark ground as light, and none in a photo with no text', async () => {
    const svg = `<svg xmlns='http://www.w3.org/2000/svg' width='400' height='120' font-family='DejaVu Sans, sans-serif'><rect width='100%' height='100%' fill='#202830'/><text x='20' y='60' font-size='14' fill='#e0e0e0'>14:32 delivered</text></svg>`;
    const dark = await grey(sharp(Buffer.from(svg)));
    const found = findTextLines(dark.data, dark.width, dark.height);
    expect(found).toHaveLength(1);
    expect(found[0]!.polarity).toBe('light');
    expect(found[0]!.x).toBeLessThanOrEqual(22);
    expect(found[0]!.x + found[0]!.width).toBeGreaterThanOrEqual(120);
    // The top 800 rows of the grainy photo: shading and grain, no text.
    const top = await grey(sharp(await photoWithCaptions(HARD_PHOTO)).extract({ left: 0, top: 0, width: PHOTO_LAYOUT.width, height: 800 }));
    expect(findTextLines(top.data, top.width, top.height)).toEqual([]);
  });

  it('gives nothing for an image too small to hold a line', () => {
    expect(findTextLines(new Uint8Array(10 * 10).fill(255), 10, 10)).toEqual([]);
  });

  it('finds the same lines searched band by band as in one piece, wherever the bands cut', async () => {
    // Seeded layouts of short lines at random heights and sizes: a band's edge falls through some of them.
    for (const seed of [1, 2, 3]) {
      let state = seed;
      const next = () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
      const rows = Array.from(
        { length: 14 },
        (_, i) =>
          `<text x='${20 + Math.floor(next() * 200)}' y='${40 + i * 60 + Math.floor(next() * 20)}' font-size='${10 + Math.floor(next() * 14)}' fill='#333'>${Math.floor(next() * 9000) + 1000} order ${i} ready</text>`,
      );
      const svg = `<svg xmlns='http://www.w3.org/2000/svg' width='600' height='900' font-family='DejaVu Sans, sans-serif'><rect width='100%' height='100%' fill='#f4f1ea'/>${rows.join('')}</svg>`;
      const { data, width, height } = await grey(sharp(Buffer.from(svg)));
      const whole = findTextLines(data, width, height, Infinity);
      expect(whole.length).toBeGreaterThanOrEqual(12);
      for (const band of [600 * 160, 600 * 301, 600 * 450]) expect(findTextLines(data, width, height, band)).toEqual(whole);
    }
  });

  it('reads a field of high-contrast specks as texture, not text', () => {
    let state = 5;
    const next = () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    const [width, height] = [600, 400];
    const specks = Uint8Array.from({ length: width * height }, () => (next() < 0.4 ? 0 : 255));
    expect(findTextLines(specks, width, height)).toEqual([]);
  });
});
