import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { findTrim, readImage } from '../../src/imaging/read-image.js';
import { seeded } from '../helpers/card-corpus.js';

type Rect = readonly [number, number, number, number];

/** A flat background with a few solid blocks of clearly other colours, as PNG, and the raw pixels. */
async function randomCapture(r: () => number) {
  const width = 200 + Math.floor(r() * 300);
  const height = 150 + Math.floor(r() * 400);
  const grey = Math.floor(r() * 256);
  const background = { r: grey, g: grey, b: grey };
  const blocks = Array.from({ length: 1 + Math.floor(r() * 3) }, () => {
    const w = 12 + Math.floor(r() * (width / 3));
    const h = 12 + Math.floor(r() * (height / 3));
    // At least 80 levels from the background in one channel: content, whatever the averaging.
    const ink = grey > 127 ? Math.floor(r() * (grey - 80)) : grey + 80 + Math.floor(r() * (175 - grey));
    return {
      input: { create: { width: w, height: h, channels: 3 as const, background: { r: ink, g: grey, b: ink } } },
      left: Math.floor(r() * (width - w)),
      top: Math.floor(r() * (height - h)),
    };
  });
  const png = await sharp(
    await sharp({ create: { width, height, channels: 3, background } })
      .composite(blocks)
      .png()
      .toBuffer(),
  )
    .removeAlpha()
    .png()
    .toBuffer();
  const raw = await sharp(png).raw().toBuffer();
  return { png, raw, width, height };
}

const contains = (outer: Rect, inner: Rect) =>
  outer[0] <= inner[0] && outer[1] <= inner[1] && outer[0] + outer[2] >= inner[0] + inner[2] && outer[1] + outer[3] >= inner[1] + inner[3];

describe('borders of a large image, looked for on a reduced copy', () => {
  it('never cut what a full scan keeps, and stay close to it (seeded captures)', async () => {
    const r = seeded(37);
    let compared = 0;
    for (let n = 0; n < 25; n++) {
      const { png, raw, width, height } = await randomCapture(r);
      const full = findTrim(raw, width, height, 3);
      // Every capture counts as large here, and the copy is a ninth of its pixels (a third a side).
      const read = await readImage(png, 'png', { findTrim: true, largePixels: 1, scanPixels: (width * height) / 9 });
      expect(read.ok, `capture ${n}`).toBe(true);
      const reduced = read.ok ? read.info.trim : undefined;
      if (!full) {
        // Borders too thin to trim in full are thinner still once grown.
        expect(reduced, `capture ${n}`).toBeUndefined();
        continue;
      }
      if (!reduced) {
        // Growing the box may leave borders too thin to be worth trimming: then all is kept.
        continue;
      }
      compared++;
      expect(contains(reduced, full), `capture ${n}: ${reduced} holds ${full}`).toBe(true);
      // Grown by at most the pad and two reduced pixels (3 source pixels each) on every side, and rounding.
      const slack = 8 * 3 + 2 * 3 + 3;
      expect(full[0] - reduced[0], `capture ${n}`).toBeLessThanOrEqual(slack);
      expect(full[1] - reduced[1], `capture ${n}`).toBeLessThanOrEqual(slack);
      expect(reduced[0] + reduced[2] - (full[0] + full[2]), `capture ${n}`).toBeLessThanOrEqual(slack);
      expect(reduced[1] + reduced[3] - (full[1] + full[3]), `capture ${n}`).toBeLessThanOrEqual(slack);
    }
    // Most captures have borders worth trimming either way: the comparison is not vacuous.
    expect(compared).toBeGreaterThanOrEqual(15);
  });

  it('still reads every byte: a truncated large PNG is broken, not trimmed', async () => {
    const { png } = await randomCapture(seeded(4));
    const read = await readImage(png.subarray(0, Math.floor(png.length * 0.6)), 'png', { findTrim: true, largePixels: 1, scanPixels: 1000 });
    expect(read).toMatchObject({ ok: false, reason: 'broken' });
  });
});
