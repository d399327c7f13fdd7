import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { HAS_LIGATURES, loadFonts, PLAIN } from '../../src/document/fonts/load-fonts.js';
import type { FontFace } from '../../src/document/types.js';

const FACES: FontFace[] = ['regular', 'bold', 'italic', 'mono'];

/** Every character the unshaped path takes. */
const PLAIN_CHARS = Array.from({ length: 0x2600 }, (_, c) => String.fromCharCode(c)).filter((ch) => ch !== ' ' && PLAIN.test(ch));

/** Deterministic strings of those characters, mostly ASCII, short and long, with spaces among them. */
function plainSamples(count: number): string[] {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const ascii = PLAIN_CHARS.filter((ch) => ch < '\x7f');
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    const length = 1 + Math.floor(next() * 60);
    const pick = (set: string[]) => set[Math.floor(next() * set.length)]!;
    out.push(Array.from({ length }, () => (next() < 0.15 ? ' ' : pick(next() < 0.7 ? ascii : PLAIN_CHARS))).join(''));
  }
  return out;
}

const WORDS = [
  'AVATAR To Tyler, We\'re "Yes" — 7:41 PM',
  'jane.doe@example.com',
  '3f7a9c0e1b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a',
  'Screenshot_20240301-090000.png (1.20 MB)',
  'Exhibit 12 — WhatsApp chat · part 2 of 3 ▶ CLIENT □ “quoted” …',
  'Zoë, naïve café: 12,50 € · ¼ × ±',
];

describe('fonts', () => {
  it('lays out plain text (Latin-1, punctuation, arrows, shapes) without shaping exactly as fontkit shapes it', async () => {
    const fonts = await loadFonts();
    const samples = [...plainSamples(2000), ...WORDS].filter((s) => !/f[fil]/.test(s));
    for (const face of FACES) {
      const reference = fontkit.create(fonts.bytes[face]);
      const fast = fonts.fontkit.create(fonts.bytes[face]);
      for (const text of samples) {
        expect(
          fast.layout(text).glyphs.map((g) => g.id),
          `${face}: ${text}`,
        ).toEqual(reference.layout(text).glyphs.map((g) => g.id));
      }
    }
  });

  it('skips shaping text with f-pairs only in faces that have no ligatures, as fontkit would lay it out', async () => {
    const fonts = await loadFonts();
    const pairs = [
      'ff fi fl ffi ffl office offset staff',
      '85bbe4821ad4e479a8348434c0914fdff3a9b43aba0f5a4d6cf046dab64fe7d6',
      ...plainSamples(300).map((s) => `${s}ff${s}fi`),
    ];
    for (const face of FACES) {
      const reference = fontkit.create(fonts.bytes[face]);
      const fast = fonts.fontkit.create(fonts.bytes[face]);
      // Whether the face substitutes at all, as HAS_LIGATURES says.
      expect(reference.layout('office fluff').glyphs.length < 'office fluff'.length, face).toBe(HAS_LIGATURES[face]);
      for (const text of pairs)
        expect(
          fast.layout(text).glyphs.map((g) => g.id),
          `${face}: ${text}`,
        ).toEqual(reference.layout(text).glyphs.map((g) => g.id));
    }
  });

  it('shapes text with ligatures and non-ASCII, and measures every string as pdf-lib draws it', async () => {
    const fonts = await loadFonts();
    const shaped = fonts.fontkit.create(fonts.bytes.regular);
    // fi, ffl: one glyph each; the plain path would have drawn the letters.
    expect(shaped.layout('office fluff').glyphs.length).toBeLessThan('office fluff'.length);
    const doc = await PDFDocument.create();
    doc.registerFontkit(fonts.fontkit);
    for (const face of FACES) {
      const font = await doc.embedFont(fonts.bytes[face], { subset: true });
      for (const text of [...WORDS, 'office fluff', 'Zoë — naïve café 😀', 'Привет, Ελλάδα', ...plainSamples(50)]) {
        const visible = fonts.visible(text);
        expect(fonts.measure(visible, 10, face), `${face}: ${text}`).toBeCloseTo(font.widthOfTextAtSize(visible, 10), 6);
      }
    }
  });

  it('draws zero-width joiners and non-joiners with no width, in DejaVu and in the fallback fonts', async () => {
    const fonts = await loadFonts();
    const doc = await PDFDocument.create();
    doc.registerFontkit(fonts.fontkit);
    for (const text of ['می\u200cکنم', 'क्\u200dष', 'क्\u200cष']) {
      for (const run of fonts.runs(fonts.visible(text), 'regular')) {
        const font = run.fallback?.font ?? fonts.fontkit.create(fonts.bytes.regular);
        const space = font.glyphForCodePoint(0x20).id;
        // fontkit puts the space glyph where a joiner stands; pdf-lib would draw its whole advance.
        expect([text, font.layout(run.text).glyphs.some((g) => g.id === space)]).toEqual([text, false]);
      }
      const width = fonts.measure(fonts.visible(text), 10, 'regular');
      const joinedApart = fonts.measure(fonts.visible(text.replace(/[\u200c\u200d]/, ' ')), 10, 'regular');
      expect(width, text).toBeLessThan(joinedApart);
    }
  });
});
