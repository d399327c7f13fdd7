import { describe, expect, it } from 'vitest';
import type { TextLineBox } from '../../src/imaging/text-lines.js';
import { PixelBudget, readAgain, type Reader } from '../../src/ocr/read-again.js';
import { firstReadMode } from '../../src/ocr/ocr-engine.js';
import { toPgm, type PreparedImage } from '../../src/ocr/prepare-image.js';
import type { Reading } from '../../src/ocr/read-lines.js';

// The readings after an image's first stop when its budget runs out, whatever the machine's
// speed: the budget is injected (pixels left to read) and the reader is a stand-in that counts.
const [W, H] = [200, 120];
const grey = { data: Buffer.alloc(W * H, 255), info: { width: W, height: H } };
const prepared: PreparedImage = { grey, pgm: toPgm(grey), scale: 1 };
// Three small lines no word of the first reading covers: a photo's first reading missed its text.
const found: TextLineBox[] = [10, 40, 70].map((y) => ({ x: 10, y, width: 150, height: 12, glyphs: 12, polarity: 'dark' }));
const nothing: Reading = { text: '', lines: [], words: [] };

function countingReader(): Reader & { calls: { mode: string; bytes: number; scale: number }[] } {
  const calls: { mode: string; bytes: number; scale: number }[] = [];
  return {
    calls,
    read: async (image, mode, scale) => {
      calls.push({ mode, bytes: image.length, scale });
      return nothing;
    },
    close: async () => undefined,
  };
}

describe('the readings after the first, under a budget', () => {
  it('reads nothing more and says so when the budget is spent', async () => {
    const reader = countingReader();
    const out = await readAgain(nothing, prepared, found, true, new PixelBudget(0), reader);
    expect(reader.calls).toHaveLength(0);
    expect(out.partial).toBe(true);
  });

  it('stops after the readings the budget allows, and says so', async () => {
    const reader = countingReader();
    // One whole reading of the image fits; the second, and the lines read alone, do not.
    const out = await readAgain(nothing, prepared, found, true, new PixelBudget(W * H), reader);
    expect(reader.calls).toEqual([{ mode: 'sparse', bytes: prepared.pgm.length, scale: 1 }]);
    expect(out.partial).toBe(true);
  });

  it('makes every reading and is not partial when the budget suffices', async () => {
    const reader = countingReader();
    const out = await readAgain(nothing, prepared, found, true, new PixelBudget(100 * W * H), reader);
    // Two whole sparse readings (as is, smoothed), then the missed lines read alone in one
    // strip; and, the lines still unread, the whole image with tesseract's own layout.
    expect(reader.calls.map((c) => c.mode)).toEqual(['sparse', 'sparse', 'sparse', 'auto']);
    expect(reader.calls[3]).toEqual({ mode: 'auto', bytes: prepared.pgm.length, scale: 1 });
    expect(out.partial).toBeUndefined();
  });
});

describe("a photo's reading with tesseract's own layout", () => {
  // Lines as tall as a 12 MP photo's label rows read at the scale their text needs.
  const tall: TextLineBox[] = [10, 50, 90].map((y) => ({ x: 10, y, width: 150, height: 30, glyphs: 12, polarity: 'dark' }));

  it('is not made when the first reading, as one block, read words', async () => {
    const reader = countingReader();
    const words = ['menu', 'theme', 'revision', 'thanks', 'footer'].map((text, i) => ({
      text,
      confidence: 90,
      bbox: [10 + i * 30, 10, 28, 12] as [number, number, number, number],
    }));
    await readAgain({ text: words.map((w) => w.text).join(' '), lines: [], words }, prepared, tall, true, new PixelBudget(100 * W * H), reader);
    expect(reader.calls.map((c) => c.mode)).not.toContain('auto');
  });

  it('is scaled down to what the budget has left when its lines stay tall enough, and boxes map back by its scale', async () => {
    const reader = countingReader();
    // Two whole readings and half the image's pixels more.
    const out = await readAgain(nothing, prepared, tall, true, new PixelBudget(2 * W * H + (W * H) / 2), reader);
    const auto = reader.calls.find((c) => c.mode === 'auto');
    expect(auto).toBeDefined();
    expect(auto!.bytes).toBeLessThan(prepared.pgm.length * 0.6);
    expect(auto!.scale).toBeGreaterThan(0.6);
    expect(auto!.scale).toBeLessThan(0.75);
    // The strip of its lines read alone did not fit: the reading says so.
    expect(out.partial).toBe(true);
  });

  it('is judged by the glyphs of the lines it is read for, not by bits of a line the line finder also returns', async () => {
    const reader = countingReader();
    // The rows, and three bits of them (a letter's counter, marks under a stroke) 10 px high
    // with three glyphs each: counted line by line, their lower quartile is 10 px and 7 px at
    // the budget's scale; counted by glyph, nine of 45 stand that small.
    const bits: TextLineBox[] = [20, 60, 100].map((y) => ({ x: 60, y, width: 12, height: 10, glyphs: 3, polarity: 'light' }));
    await readAgain(nothing, prepared, [...tall, ...bits], true, new PixelBudget(2 * W * H + (W * H) / 2), reader);
    const auto = reader.calls.find((c) => c.mode === 'auto');
    expect(auto).toBeDefined();
    expect(auto!.scale).toBeLessThan(0.75);
  });

  it('is not made again when it was the first reading', async () => {
    const reader = countingReader();
    await readAgain(nothing, prepared, tall, true, new PixelBudget(100 * W * H), reader, 'auto');
    expect(reader.calls.map((c) => c.mode)).not.toContain('auto');
  });

  it('is the first reading of a photo too large to be read whole again, and only of a photo', () => {
    const grey = (width: number, height: number) => ({ grey: { data: Buffer.alloc(0), info: { width, height } } });
    // A 12 MP photo read at 0.93 of its size (3733 x 2800) against the 8 MP budget.
    expect(firstReadMode(grey(3733, 2800), true, 8_000_000)).toBe('auto');
    expect(firstReadMode(grey(2000, 1500), true, 8_000_000)).toBe('block');
    expect(firstReadMode(grey(3733, 2800), false, 8_000_000)).toBe('block');
  });

  it('leaves the readings before it as they were when it fails', async () => {
    const words = [{ text: '14:46', confidence: 90, bbox: [10, 10, 40, 12] as [number, number, number, number] }];
    const reader: Reader = {
      read: async (_image, mode) => {
        if (mode === 'auto') throw new Error('tesseract exited with 1');
        return { text: '14:46', lines: [], words };
      },
      close: async () => undefined,
    };
    const out = await readAgain(nothing, prepared, tall, true, new PixelBudget(100 * W * H), reader);
    expect(out.text).toContain('14:46');
  });

  it('is left out, and the reading said partial, when fitting the budget would make its lines too small', async () => {
    const reader = countingReader();
    // Two whole readings, the strip of the small lines read alone (enlarged: 186,320 px) and
    // half the image's pixels more: its 12 px lines would go under 18 px at that scale.
    const out = await readAgain(nothing, prepared, found, true, new PixelBudget(2 * W * H + 186_320 + (W * H) / 2), reader);
    expect(reader.calls.map((c) => c.mode)).not.toContain('auto');
    expect(out.partial).toBe(true);
  });
});
