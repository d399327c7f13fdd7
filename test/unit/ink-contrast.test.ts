import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ImageExhibit } from '../../src/evidence/model.js';
import { keepInkContrast, neighbourhoodOf } from '../../src/imaging/ink-contrast.js';
import { indexAt, packIndices } from '../../src/imaging/indexed-image.js';
import { readIndexedPng, writeIndexedPng } from '../../src/imaging/png.js';
import { encodeAtRung } from '../../src/imaging/encode.js';
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

describe('keepInkContrast on an image of several slices', () => {
  it('changes exactly the pixels its rule names, read pixel by pixel, across slices and rows to the last pixel', async () => {
    // 301 × 259 RGB: 233,877 bytes, four slices of words and a byte after the last whole word.
    const width = 301;
    const height = 259;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#f2f2f2"/>${Array.from(
      { length: 14 },
      (_, i) =>
        `<text x="${4 + (i % 3) * 7}" y="${16 + i * 17}" font-size="${10 + (i % 4)}" fill="${['#888', '#333', '#1a73e8', '#999'][i % 4]}">12:${String(10 + i).padStart(2, '0')} PM message ${i} text</text>`,
    ).join(
      '',
    )}<rect x="200" y="200" width="60" height="30" fill="#e8f0fe"/><text x="205" y="258" font-size="11" fill="#777">09:41</text><rect x="299" y="240" width="2" height="19" fill="#8a8a8a"/><rect x="300" y="240" width="1" height="19" fill="#5a5a5a"/></svg>`;
    const { data, info } = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const source = { data, width: info.width, height: info.height, channels: 3 };
    expect(data.length % 4).toBe(1);
    // Nearest-colour rounding to a fixed palette with no entry for the strokes' darkest
    // greys (the bottom-right pixel, 90, goes to 100; the rule takes it to 60).
    const palette = Buffer.from([
      242, 242, 242, 232, 240, 254, 200, 200, 200, 160, 160, 160, 139, 139, 139, 120, 120, 120, 100, 100, 100, 60, 60, 60, 30, 30, 30, 26, 115, 232, 80, 140,
      240,
    ]);
    const nearest = (p: number) => {
      let best = 0;
      let bestDistance = Infinity;
      for (let e = 0; e < palette.length / 3; e++) {
        const distance = (palette[e * 3]! - data[p * 3]!) ** 2 + (palette[e * 3 + 1]! - data[p * 3 + 1]!) ** 2 + (palette[e * 3 + 2]! - data[p * 3 + 2]!) ** 2;
        if (distance < bestDistance) [bestDistance, best] = [distance, e];
      }
      return best;
    };
    const image = packIndices(
      width,
      height,
      4,
      palette,
      Array.from({ length: width * height }, (_, p) => nearest(p)),
    );
    const blurred = await neighbourhoodOf(source);
    const before = Array.from({ length: width * height }, (_, p) => indexAt(image, p));
    const expected = referenceKeep(data, blurred, image.palette, before);
    const changed = keepInkContrast(source, blurred, image);
    const after = Array.from({ length: width * height }, (_, p) => indexAt(image, p));
    expect(changed).toBeGreaterThan(100);
    expect(changed).toBe(after.filter((e, p) => e !== before[p]).length);
    expect(after).toEqual(expected);
    expect([before[width * height - 1], after[width * height - 1]]).toEqual([6, 7]);
  });
});

/** keepInkContrast's rule, pixel by pixel and without shortcuts (STANDS_OUT 6, MARGIN 8, HUE_SLACK 16). */
function referenceKeep(data: Buffer, blurred: Buffer, palette: Buffer, indices: number[]): number[] {
  const entries = palette.length / 3;
  const colour = (e: number) => [palette[e * 3]!, palette[e * 3 + 1]!, palette[e * 3 + 2]!] as const;
  const y1000 = (r: number, g: number, b: number) => 299 * r + 587 * g + 114 * b;
  const hue = (r: number, b: number, y: number) => [(b - y / 1000) * 0.564, (r - y / 1000) * 0.713] as const;
  return indices.map((chosen, p) => {
    const [r, g, b] = [data[p * 3]!, data[p * 3 + 1]!, data[p * 3 + 2]!];
    const y = y1000(r, g, b);
    const stands = y - y1000(blurred[p * 3]!, blurred[p * 3 + 1]!, blurred[p * 3 + 2]!);
    if (Math.abs(stands) <= 6000) return chosen;
    const side = Math.sign(stands);
    const py = (e: number) => y1000(...colour(e));
    if ((py(chosen) - y) * side >= 0) return chosen;
    const [cb, cr] = hue(r, b, y);
    const hueOf = (e: number) => hue(colour(e)[0], colour(e)[2], py(e));
    const cap = (Math.sqrt((hueOf(chosen)[0] - cb) ** 2 + (hueOf(chosen)[1] - cr) ** 2) + 16) ** 2;
    let best = -1;
    let bestDistance = Infinity;
    let most = chosen;
    for (let e = 0; e < entries; e++) {
      if ((hueOf(e)[0] - cb) ** 2 + (hueOf(e)[1] - cr) ** 2 > cap) continue;
      if ((py(e) - py(most)) * side > 0) most = e;
      if ((py(e) - y) * side >= 8000) {
        const [er, eg, eb] = colour(e);
        const distance = (er - r) ** 2 + (eg - g) ** 2 + (eb - b) ** 2;
        if (distance < bestDistance) [bestDistance, best] = [distance, e];
      }
    }
    return best >= 0 ? best : most;
  });
}

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
    const times = Array.from(
      { length: 8 },
      (_, i) =>
        `<rect x="20" y="${10 + i * 40}" width="300" height="34" rx="6" fill="${i % 2 ? '#ffffff' : '#dcf8c6'}" stroke="#dddddd"/><text x="30" y="${30 + i * 40}" font-size="14" fill="#111">message ${i}</text><text x="312" y="${39 + i * 40}" font-size="11.5" fill="#8696a0" text-anchor="end">0${i}:4${i}</text>`,
    ).join('');
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
        for (let y = 28 + i * 40; y < 42 + i * 40; y++)
          for (let x = 260; x < 316; x++) values.push(luma(raw[(y * 340 + x) * 3]!, raw[(y * 340 + x) * 3 + 1]!, raw[(y * 340 + x) * 3 + 2]!));
      }
      return (
        values
          .sort((a, b) => a - b)
          .slice(0, 40)
          .reduce((a, v) => a + v, 0) / 40
      );
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
    const capture = await sharp(noise, { raw: { width, height, channels: 3 } })
      .png()
      .toBuffer();
    const encoded = await sixteenColours(capture, width, height);
    const back = readIndexedPng(encoded.data);
    expect([back.width, back.height, back.bitDepth]).toEqual([width, height, 4]);
    expect(back.palette.length / 3).toBeLessThanOrEqual(16);
  });
});
