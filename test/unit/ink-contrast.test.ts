import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ImageExhibit } from '../../src/evidence/model.js';
import { indexAt, keepInkContrast, neighbourhoodOf, packIndices, readIndexedPng, writeIndexedPng } from '../../src/packet/ink-contrast.js';
import { encodeAtRung } from '../../src/packet/prepare-image.js';
import { ladderFor } from '../../src/budget/ladder.js';

const luma = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b;


describe('indexed PNG reading and writing', () => {
  it('round-trips indices at 8, 4, 2 and 1 bits for widths that do not fill the last byte, and sharp decodes what it writes', async () => {
    for (const bitDepth of [8, 4, 2, 1]) {
      const width = 7;
      const height = 3;
      const entries = 1 << bitDepth;
      const palette = Buffer.from(Array.from({ length: entries * 3 }, (_, i) => (i * 37) % 256));
      const indices = Uint8Array.from({ length: width * height }, (_, i) => (i * 5) % entries);
      const png = await writeIndexedPng(packIndices(width, height, bitDepth, palette, indices));
      const back = readIndexedPng(png);
      expect([back.width, back.height, back.bitDepth]).toEqual([width, height, bitDepth]);
      expect(Array.from({ length: width * height }, (_, p) => indexAt(back, p))).toEqual([...indices]);
      const rgb = await sharp(png).removeAlpha().raw().toBuffer();
      for (let p = 0; p < width * height; p++) {
        expect([...rgb.subarray(p * 3, p * 3 + 3)]).toEqual([...palette.subarray(indices[p]! * 3, indices[p]! * 3 + 3)]);
      }
    }
  });

  it('reads rows stored with any of the PNG filters', async () => {
    // Adaptive filtering makes libvips choose Sub/Up/Average/Paeth per row.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="40"><rect width="64" height="40" fill="#f0f0f0"/><text x="2" y="25" font-size="14" fill="#333">Ab 12:34</text></svg>`;
    const png = await sharp(Buffer.from(svg)).png({ palette: true, colours: 16, dither: 0, adaptiveFiltering: true, compressionLevel: 9 }).toBuffer();
    const image = readIndexedPng(png);
    const rgb = await sharp(png).removeAlpha().raw().toBuffer();
    for (let p = 0; p < image.width * image.height; p++) {
      const e = indexAt(image, p);
      expect([...rgb.subarray(p * 3, p * 3 + 3)]).toEqual([...image.palette.subarray(e * 3, e * 3 + 3)]);
    }
  });
});

describe('keepInkContrast', () => {
  it('moves a thin stroke that nearest-colour rounding lightened to the darker entry, and leaves the background', async () => {
    const width = 20;
    const height = 20;
    const source = Buffer.alloc(width * height, 240);
    for (let y = 0; y < height; y++) source[y * width + 10] = 150;
    // Entries: background, a grey lighter than the stroke (nearest to it), a darker grey.
    const palette = Buffer.from([240, 240, 240, 170, 170, 170, 120, 120, 120]);
    const indices = Uint8Array.from(source, (v) => (v === 240 ? 0 : 1));
    const image = packIndices(width, height, 4, palette, indices);
    const changed = keepInkContrast({ data: source, width, height, channels: 1 }, await neighbourhoodOf({ data: source, width, height, channels: 1 }), image);
    expect(changed).toBe(height);
    for (let p = 0; p < width * height; p++) expect(indexAt(image, p)).toBe(source[p] === 240 ? 0 : 2);
  });

  it('keeps the quantiser colour when it already has the contrast, and never takes a colour of another hue', async () => {
    const width = 24;
    const height = 12;
    const source = Buffer.alloc(width * height * 3, 255);
    // An orange block on white.
    for (let y = 0; y < height; y++) for (let x = 0; x < 12; x++) source.set([251, 140, 0], (y * width + x) * 3);
    // The quantiser's orange is a little lighter than the source's; red is darker but another hue.
    const palette = Buffer.from([255, 255, 255, 252, 144, 16, 229, 57, 53]);
    const indices = Uint8Array.from({ length: width * height }, (_, p) => (source[p * 3 + 2] === 0 ? 1 : 0));
    const before = [...indices];
    const image = packIndices(width, height, 4, palette, indices);
    keepInkContrast({ data: source, width, height, channels: 3 }, await neighbourhoodOf({ data: source, width, height, channels: 3 }), image);
    expect(Array.from({ length: width * height }, (_, p) => indexAt(image, p))).toEqual(before);
  });
});

/** A PNG capture encoded at the 16-colour rung, as captured (placed at 96 dpi). */
function sixteenColours(capture: Buffer, width: number, height: number) {
  const exhibit: ImageExhibit = {
    kind: 'image',
    file: 'x.png',
    source: { file: 'x.png', absolutePath: '/x.png', bytes: 0, sha256: '' },
    image: { format: 'png', width, height, frames: 1, orientation: 1, hasAlpha: false },
    date: { epochMs: 0, text: '', source: 'manifest', zone: 'offset', precision: 'second' },
    dateCandidates: [],
    marks: { highlight: [], redact: [] },
  };
  return encodeAtRung(exhibit, capture, width * 0.75, ladderFor(false, false).find((r) => r.colours === 16)!);
}

describe('16-colour screenshots', () => {
  it('keep small grey text as dark as captured, where libimagequant alone lightens it', async () => {
    const times = Array.from({ length: 8 }, (_, i) => `<rect x="20" y="${10 + i * 40}" width="300" height="34" rx="6" fill="${i % 2 ? '#ffffff' : '#dcf8c6'}" stroke="#dddddd"/><text x="30" y="${30 + i * 40}" font-size="14" fill="#111">message ${i}</text><text x="312" y="${39 + i * 40}" font-size="11.5" fill="#8696a0" text-anchor="end">0${i}:4${i}</text>`).join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="340" height="340" font-family="DejaVu Sans, sans-serif"><rect width="340" height="340" fill="#efeae2"/>${times}</svg>`;
    const capture = await sharp(Buffer.from(svg)).png().toBuffer();
    const ours = await sixteenColours(capture, 340, 340);
    expect(readIndexedPng(ours.data).bitDepth).toBe(4);
    const plain = await sharp(capture).png({ palette: true, colours: 16, dither: 0, effort: 3 }).toBuffer();
    // Darkest pixels of the timestamps (right-hand 60 px of each bubble's bottom line).
    const darkest = async (png: Buffer) => {
      const raw = await sharp(png).removeAlpha().raw().toBuffer();
      const values: number[] = [];
      for (let i = 0; i < 8; i++) {
        for (let y = 28 + i * 40; y < 42 + i * 40; y++) for (let x = 260; x < 316; x++) values.push(luma(raw[(y * 340 + x) * 3]!, raw[(y * 340 + x) * 3 + 1]!, raw[(y * 340 + x) * 3 + 2]!));
      }
      return values.sort((a, b) => a - b).slice(0, 40).reduce((a, v) => a + v, 0) / 40;
    };
    const source = await darkest(capture);
    expect(await darkest(plain)).toBeGreaterThan(source + 4);
    expect(await darkest(ours.data)).toBeLessThanOrEqual(source);
  });
  it('come out in 16 colours also when the capture has too many colours to count (a photo in it), quantised whole', async () => {
    const width = 160;
    const height = 120;
    // Noise: nearly every pixel a colour of its own, so palette.ts hands it to libimagequant whole.
    const noise = Buffer.from(Array.from({ length: width * height * 3 }, (_, i) => (i * 7919 + ((i * i) % 251)) & 0xff));
    const capture = await sharp(noise, { raw: { width, height, channels: 3 } }).png().toBuffer();
    const encoded = await sixteenColours(capture, width, height);
    const back = readIndexedPng(encoded.data);
    expect([back.width, back.height, back.bitDepth]).toEqual([width, height, 4]);
    expect(back.palette.length / 3).toBeLessThanOrEqual(16);
  });
});
