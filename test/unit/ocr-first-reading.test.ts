import { describe, expect, it } from 'vitest';
import type { TextLineBox } from '../../src/imaging/text-lines.js';
import type { Reader } from '../../src/ocr/read-again.js';
import { linesToCover, readFirst } from '../../src/ocr/ocr-engine.js';
import { cutGrey, prepareImage, textRegion, toPgm, type PreparedImage } from '../../src/ocr/prepare-image.js';
import { movedBy, type Reading } from '../../src/ocr/read-lines.js';
import { sharp } from '../../src/io/cjs.js';

// A large photo's first reading, with a stand-in reader that records what it was handed and
// answers one word at (10, 20) of that image: where the word lands tells where it was read.
const line = (x: number, y: number, width = 600, height = 30): TextLineBox => ({ x, y, width, height, glyphs: 20, polarity: 'dark' });

function photo(width: number, height: number, probeLines: TextLineBox[], scale = 0.5): PreparedImage {
  const data = Buffer.alloc(width * height);
  for (let i = 0; i < data.length; i++) data[i] = i % 251;
  const grey = { data, info: { width, height } };
  return { grey, pgm: toPgm(grey), scale, probeLines };
}

function recordingReader(): Reader & { calls: { mode: string; image: Buffer; scale: number }[] } {
  const calls: { mode: string; image: Buffer; scale: number }[] = [];
  return {
    calls,
    read: async (image, mode, scale) => {
      calls.push({ mode, image, scale });
      const word = { text: 'label', confidence: 90, bbox: [Math.round(10 / scale), Math.round(20 / scale), 40, 20] as const };
      return { text: 'label', lines: [word], words: [word] };
    },
    close: async () => undefined,
  };
}

/** A PGM's width and height, from its header. */
const pgmSize = (pgm: Buffer) => /^P5\n(\d+) (\d+)\n/.exec(pgm.subarray(0, 32).toString('latin1'))!.slice(1, 3).map(Number);

describe("where a large photo's text stands", () => {
  it('is the box around its lines, widened by three of their heights, when that is a part of the photo', () => {
    const lines = [line(400, 2000), line(400, 2060), line(900, 2120, 200, 24)];
    // Median height 30: 90 px around the box from (400, 2000) to (1100, 2144).
    expect(textRegion(photo(3000, 2400, lines))).toEqual({ left: 310, top: 1910, width: 1190 - 310, height: 2234 - 1910 });
  });

  it('stops at the edges of the photo', () => {
    const region = textRegion(photo(3000, 2400, [line(10, 2330), line(10, 2365), line(2500, 2368, 490, 30)]));
    expect(region).toEqual({ left: 0, top: 2330 - 90, width: 3000, height: 2400 - 2240 });
  });

  it('is not told when the lines cover more than half the photo (a page), or when there are too few', () => {
    expect(textRegion(photo(3000, 2400, [line(100, 100, 2800), line(100, 1200, 2800), line(100, 2300, 2800)]))).toBeUndefined();
    expect(textRegion(photo(3000, 2400, [line(400, 2000), line(400, 2060)]))).toBeUndefined();
    expect(textRegion({ grey: photo(3000, 2400, []).grey })).toBeUndefined();
  });

  it("cuts the region's pixels out row by row", () => {
    const p = photo(50, 40, []);
    const cut = cutGrey(p.grey, { left: 7, top: 5, width: 20, height: 11 });
    expect(cut.info).toEqual({ width: 20, height: 11 });
    for (const [x, y] of [
      [0, 0],
      [19, 0],
      [3, 7],
      [19, 10],
    ] as const)
      expect(cut.data[y * 20 + x]).toBe(p.grey.data[(5 + y) * 50 + 7 + x]);
  });
});

describe("a large photo's first reading", () => {
  const budget = 1_000_000;

  it('reads only the region its text stands in, as one column of lines, and places the words in the whole photo', async () => {
    const p = photo(2000, 1500, [line(300, 1100), line(300, 1150), line(1500, 1200, 120, 24)]);
    const region = textRegion(p)!;
    const reader = recordingReader();
    const { first, mode } = await readFirst(reader, p, true, budget);
    expect(mode).toBe('column');
    expect(reader.calls).toHaveLength(1);
    expect(reader.calls[0]!.mode).toBe('column');
    expect(pgmSize(reader.calls[0]!.image)).toEqual([region.width, region.height]);
    // Word at (10, 20) of the region, in source pixels (÷ 0.5) of the whole photo.
    expect(first.words![0]!.bbox.slice(0, 2)).toEqual([(region.left + 10) / 0.5, (region.top + 20) / 0.5]);
  });

  it('reads the whole photo with tesseract’s layout when its text is spread over it', async () => {
    const p = photo(2000, 1500, [line(100, 100, 1800), line(100, 700, 1800), line(100, 1400, 1800)]);
    const reader = recordingReader();
    const { mode } = await readFirst(reader, p, true, budget);
    expect(mode).toBe('auto');
    expect(reader.calls.map((c) => [c.mode, c.image === p.pgm])).toEqual([['auto', true]]);
  });

  it('reads a photo within the budget, and any other image, whole as one block', async () => {
    const lines = [line(300, 1100), line(300, 1150), line(1500, 1200, 120, 24)];
    for (const [p, isPhoto] of [
      [photo(2000, 1500, lines), false],
      [photo(900, 800, lines), true],
    ] as const) {
      const reader = recordingReader();
      expect((await readFirst(reader, p, isPhoto, budget)).mode).toBe('block');
      expect(reader.calls.map((c) => [c.mode, c.image === p.pgm])).toEqual([['block', true]]);
    }
  });
});

describe('a reading moved', () => {
  it('moves every box of its lines and words, and nothing else', () => {
    const word = { text: 'a', confidence: 80, bbox: [1, 2, 3, 4] as const };
    const read: Reading = { text: 'a', lines: [word], words: [word] };
    const moved = movedBy(read, 100, 50);
    expect(moved.lines[0]!.bbox).toEqual([101, 52, 3, 4]);
    expect(moved.words![0]!.bbox).toEqual([101, 52, 3, 4]);
    expect(moved.text).toBe('a');
    expect(read.lines[0]!.bbox).toEqual([1, 2, 3, 4]);
  });
});

describe('the size OCR reads an image at', () => {
  const image = async (width: number, height: number) => {
    const bytes = await sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
      .png({ compressionLevel: 1 })
      .toBuffer();
    return { bytes, marks: { highlight: [], redact: [] }, image: { width, height, opaque: true } };
  };

  it("is a phone's 12 MP photo's own (4032 × 3024, 2 % over the cap): scaling it by 1 % costs a decoding and gives nothing", async () => {
    const p = await prepareImage(await image(4032, 3024), false);
    expect([p.grey.info.width, p.grey.info.height]).toEqual([4032, 3024]);
    expect(p.scale).toBe(1);
  });

  it('is within the cap for an image further over it', async () => {
    const p = await prepareImage(await image(4400, 3300), false);
    expect(p.grey.info.width * p.grey.info.height).toBeLessThanOrEqual(12_000_000);
    expect(p.scale).toBeCloseTo(p.grey.info.width / 4400, 6);
  });
});

describe("the lines a large photo's readings are checked against", () => {
  // White, with two lines of dark marks (letter-like rings, 2 px strokes): one inside the region, one outside.
  const [W, H] = [900, 600];
  const data = Buffer.alloc(W * H, 255);
  const marks = (x0: number, y0: number) => {
    for (let g = 0; g < 12; g++)
      for (let y = 0; y < 16; y++) for (let x = 0; x < 9; x++) if (x < 2 || x > 6 || y < 2 || y > 13) data[(y0 + y) * W + x0 + g * 14 + x] = 20;
  };
  marks(500, 420);
  marks(60, 80);
  const grey = { data, info: { width: W, height: H } };
  const region = { left: 400, top: 350, width: 450, height: 200 };
  // The probe saw three lines in the region; the first reading covered none of them.
  const prepared: PreparedImage = { grey, pgm: toPgm(grey), scale: 1, probeLines: [line(500, 420, 170, 16), line(500, 460, 170, 16), line(500, 500, 170, 16)] };
  const nothing: Reading = { text: '', lines: [], words: [] };

  it('are searched in the region it was read in only, and placed in the whole photo', () => {
    const found = linesToCover(prepared, nothing, region);
    expect(found.length).toBeGreaterThan(0);
    for (const l of found) {
      expect(l.x).toBeGreaterThanOrEqual(region.left);
      expect(l.y).toBeGreaterThanOrEqual(region.top);
    }
    // The line inside the region, where it stands in the photo.
    expect(found.some((l) => Math.abs(l.x - 500) <= 2 && Math.abs(l.y - 420) <= 2)).toBe(true);
  });

  it("are searched in the whole photo when it was read whole, and are the probe's when the first reading covered them", () => {
    const whole = linesToCover(prepared, nothing, undefined);
    expect(whole.some((l) => Math.abs(l.x - 60) <= 2 && Math.abs(l.y - 80) <= 2)).toBe(true);
    const word = (y: number) => ({ text: 'label', confidence: 95, bbox: [500, y, 170, 16] as const });
    const read: Reading = { text: 'label', lines: [420, 460, 500].map(word), words: [420, 460, 500].map(word) };
    expect(linesToCover(prepared, read, region)).toBe(prepared.probeLines);
  });
});
