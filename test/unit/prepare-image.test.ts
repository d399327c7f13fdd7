import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { findTextLines } from '../../src/imaging/text-lines.js';
import { photoScale, prepareImage } from '../../src/ocr/prepare-image.js';

describe('photoScale (the size a photo is read at, from its text’s height)', () => {
  it('makes the smaller lines about 32 px tall, from any probe scale', () => {
    for (const probe of [0.25, 0.4, 0.7]) {
      for (const line of [30, 50, 80]) {
        const scale = photoScale(line, probe, 1);
        // A line `line` px tall in the probe stands line / probe px in the photo.
        if (scale > probe && scale < 1) expect((line / probe) * scale).toBeCloseTo(32, 5);
      }
    }
    expect(photoScale(80, 0.25, 1)).toBeCloseTo(0.25, 5);
  });

  it('never enlarges past the cap, never shrinks below the probe, and keeps the cap when the probe shows no text', () => {
    expect(photoScale(4, 0.5, 0.8)).toBe(0.8);
    expect(photoScale(400, 0.5, 1)).toBe(0.5);
    expect(photoScale(undefined, 0.5, 0.9)).toBe(0.9);
  });
});

describe('prepareImage on a photo larger than its probe', () => {
  it('reads a photo of large text scaled down so that its lines stand about 32 px tall', async () => {
    const [width, height] = [2400, 1800];
    const rows = Array.from(
      { length: 12 },
      (_, i) => `<text x="100" y="${160 + i * 130}" font-size="80" font-family="DejaVu Sans" fill="#222">ledger ${1000 + i * 37} paid in full</text>`,
    );
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#eee"/>${rows.join('')}</svg>`;
    const bytes = await sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
    const prepared = await prepareImage({ bytes, marks: { highlight: [], redact: [] }, image: { width, height, opaque: true } }, true);
    expect(prepared.scale).toBeLessThan(0.8);
    expect(prepared.grey.info.width).toBe(Math.round(width * prepared.scale));
    const heights = findTextLines(prepared.grey.data, prepared.grey.info.width, prepared.grey.info.height)
      .map((l) => l.height)
      .sort((a, b) => a - b);
    expect(heights.length).toBeGreaterThanOrEqual(6);
    const small = heights[Math.floor(heights.length / 4)]!;
    // 80 px type stands about 75 px tall at full size; read, its lines are near the 32 px aimed
    // at, or at the probe's size when that is already smaller (a photo is not read below its probe).
    expect(small).toBeGreaterThanOrEqual(26);
    expect(small).toBeLessThanOrEqual(60);
    // The probe's lines come back in the pixels read: the first reading is checked against them,
    // with no search of the whole image. Each lies on one of the lines found there.
    const probe = prepared.probeLines!;
    expect(probe.length).toBeGreaterThanOrEqual(6);
    const read = findTextLines(prepared.grey.data, prepared.grey.info.width, prepared.grey.info.height);
    for (const l of probe) expect(read.some((r) => Math.abs(r.y - l.y) <= r.height / 2 && Math.abs(r.height - l.height) <= r.height / 3)).toBe(true);
  });

  it('reads a screenshot (not a photo) at its own size', async () => {
    const bytes = await sharp({ create: { width: 1600, height: 1400, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    const prepared = await prepareImage({ bytes, marks: { highlight: [], redact: [] }, image: { width: 1600, height: 1400, opaque: true } }, false);
    expect(prepared.scale).toBe(1);
    expect(prepared.probeLines).toBeUndefined();
    expect(prepared.pgm.subarray(0, 15).toString('latin1')).toBe('P5\n1600 1400\n25');
  });
});
