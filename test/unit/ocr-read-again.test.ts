import { describe, expect, it } from 'vitest';
import type { TextLineBox } from '../../src/imaging/text-lines.js';
import { PixelBudget, readAgain, type Reader } from '../../src/ocr/read-again.js';
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

function countingReader(): Reader & { calls: { mode: string; bytes: number }[] } {
  const calls: { mode: string; bytes: number }[] = [];
  return {
    calls,
    read: async (image, mode) => {
      calls.push({ mode, bytes: image.length });
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
    expect(reader.calls).toEqual([{ mode: 'sparse', bytes: prepared.pgm.length }]);
    expect(out.partial).toBe(true);
  });

  it('makes every reading and is not partial when the budget suffices', async () => {
    const reader = countingReader();
    const out = await readAgain(nothing, prepared, found, true, new PixelBudget(100 * W * H), reader);
    // Two whole sparse readings (as is, smoothed), then the missed lines read alone in one strip.
    expect(reader.calls.map((c) => c.mode)).toEqual(['sparse', 'sparse', 'sparse']);
    expect(out.partial).toBeUndefined();
  });
});
