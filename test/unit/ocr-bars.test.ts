import { describe, expect, it } from 'vitest';
import { barsAsL, type Reading } from '../../src/ocr/read-lines.js';

const reading = (text: string): Reading => ({
  text,
  lines: [{ text, confidence: 90, bbox: [0, 0, 100, 10] }],
  words: text.split(' ').map((t, i) => ({ text: t, confidence: 90, bbox: [i * 10, 0, 10, 10] as const })),
});

// In sans-serif type a lowercase l and a vertical bar differ by a pixel or two; a bar glued to letters is an l.
describe('barsAsL', () => {
  it('reads a bar that starts a word or stands in one, before a lowercase letter, as l', () => {
    const out = barsAsL(reading('|ufi ca|m |ila.doe@example.com'));
    expect(out.text).toBe('lufi calm lila.doe@example.com');
    expect(out.lines[0]!.text).toBe(out.text);
    expect(out.words!.map((w) => w.text)).toEqual(['lufi', 'calm', 'lila.doe@example.com']);
  });

  it('keeps a bar that separates, or stands before a capital, a digit or another bar', () => {
    for (const text of ['Home | About', 'a |B', '|0 ||ab', 'x|', '|']) expect(barsAsL(reading(text)).text).toBe(text);
  });

  it('keeps the rest of the reading as it was (boxes, confidences, partial)', () => {
    const read = { ...reading('|ufi'), partial: true as const };
    const out = barsAsL(read);
    expect(out.partial).toBe(true);
    expect(out.words![0]!.bbox).toEqual(read.words![0]!.bbox);
    expect(barsAsL(reading('no bars'))).toEqual(reading('no bars'));
  });
});
