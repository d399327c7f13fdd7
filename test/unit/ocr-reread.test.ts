import { describe, expect, it } from 'vitest';
import type { TextLineBox } from '../../src/imaging/text-lines.js';
import { mostlyRead } from '../../src/ocr/ocr-engine.js';

const line = (y: number): TextLineBox => ({ x: 100, y, width: 400, height: 20, glyphs: 20, polarity: 'dark' });
const word = (y: number, confidence: number, scale = 1) => ({ text: 'word', confidence, bbox: [100 / scale, y / scale, 400 / scale, 20 / scale] as const });

// Whether a photo is read whole again is decided by how much of the text found in its pixels the first reading covered.
describe('mostlyRead', () => {
  const found = [0, 40, 80, 120, 160, 200, 240, 280].map(line);

  it('holds when sure words cover all but a quarter of the lines found', () => {
    const words = [0, 40, 80, 120, 160, 200].map((y) => word(y, 90));
    expect(mostlyRead(found, { text: '', lines: [], words }, 1)).toBe(true);
  });

  it('fails when more than a quarter are uncovered, or covered only by unsure words', () => {
    expect(mostlyRead(found, { text: '', lines: [], words: [0, 40, 80, 120, 160].map((y) => word(y, 90)) }, 1)).toBe(false);
    expect(mostlyRead(found, { text: '', lines: [], words: found.map((l) => word(l.y, 40)) }, 1)).toBe(false);
  });

  it('compares in the pixels OCR read: words are in the source’s, lines in the scaled image’s', () => {
    const words = found.map((l) => word(l.y, 90, 0.5));
    expect(mostlyRead(found, { text: '', lines: [], words }, 0.5)).toBe(true);
    expect(mostlyRead(found, { text: '', lines: [], words }, 1)).toBe(false);
  });

  it('says nothing sure with fewer than three lines found: the photo is read again', () => {
    expect(mostlyRead(found.slice(0, 2), { text: '', lines: [], words: [word(0, 90), word(40, 90)] }, 1)).toBe(false);
  });
});
