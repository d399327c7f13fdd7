import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { indexAt, type IndexedImage } from '../../src/imaging/indexed-image.js';
import { readIndexedPng } from '../../src/imaging/png.js';
import { countColours, quantiseByCounts } from '../../src/imaging/palette.js';

const QUANTISER = { palette: true, dither: 0, effort: 3 };

/** RGB pixels from triplets. */
function rgb(triplets: readonly number[][]): Buffer {
  return Buffer.from(triplets.flat());
}

/** The colour each pixel is shown in. */
function shown(image: IndexedImage, p: number): number[] {
  const e = indexAt(image, p);
  return [...image.palette.subarray(e * 3, e * 3 + 3)];
}

/** Mean absolute channel difference between the source and what the indexed image shows. */
function meanError(image: IndexedImage, data: Buffer, channels: number): number {
  let sum = 0;
  for (let p = 0; p < image.width * image.height; p++) {
    const colour = shown(image, p);
    for (let c = 0; c < 3; c++) sum += Math.abs(colour[c]! - data[p * channels + (channels === 1 ? 0 : c)]!);
  }
  return sum / (image.width * image.height * 3);
}

describe('quantiseByCounts', () => {
  it('maps every pixel of a few-colour image to its colour, packed right for odd widths and runs', async () => {
    // Five colours in runs of 1 to 9 pixels across rows 37 pixels wide (runs cross rows and bytes).
    const colours = [
      [240, 240, 240],
      [17, 17, 17],
      [220, 248, 198],
      [134, 150, 160],
      [37, 211, 102],
    ];
    const width = 37;
    const height = 23;
    const pixels: number[][] = [];
    for (let run = 0; pixels.length < width * height; run++) {
      for (let k = 0; k < (run % 9) + 1; k++) pixels.push(colours[(run * 3) % 5]!);
    }
    const data = rgb(pixels.slice(0, width * height));
    const image = await quantiseByCounts({ data, width, height, channels: 3 }, { quantiser: QUANTISER, colours: 16 });
    expect(image).toBeDefined();
    // libimagequant posterises by a bit at this speed: a colour may move by a level or two.
    for (let p = 0; p < width * height; p++) {
      shown(image!, p).forEach((v, c) => expect(Math.abs(v - data[p * 3 + c]!)).toBeLessThanOrEqual(2));
    }
  });

  it('packs 1 and 2 bit indices when asked for that few colours, and handles gray images', async () => {
    const width = 13;
    const height = 5;
    const two = Buffer.from(Array.from({ length: width * height }, (_, p) => (p % 3 === 0 ? 0 : 255)));
    const gray = await quantiseByCounts({ data: two, width, height, channels: 1 }, { quantiser: QUANTISER, colours: 2 });
    expect(gray!.bitDepth).toBe(1);
    for (let p = 0; p < width * height; p++) expect(Math.abs(shown(gray!, p)[0]! - two[p]!)).toBeLessThanOrEqual(2);

    const four = rgb(
      Array.from(
        { length: width * height },
        (_, p) =>
          [
            [255, 0, 0],
            [0, 0, 255],
            [255, 255, 255],
            [0, 0, 0],
          ][p % 4]!,
      ),
    );
    const colour = await quantiseByCounts({ data: four, width, height, channels: 3 }, { quantiser: QUANTISER, colours: 4 });
    expect(colour!.bitDepth).toBe(2);
    for (let p = 0; p < width * height; p++) shown(colour!, p).forEach((v, c) => expect(Math.abs(v - four[p * 3 + c]!)).toBeLessThanOrEqual(2));
  });

  it('chooses a palette as good as libimagequant given every pixel, on a chat screenshot', async () => {
    const bubbles = Array.from(
      { length: 10 },
      (_, i) =>
        `<rect x="${i % 2 ? 200 : 20}" y="${10 + i * 58}" width="380" height="50" rx="8" fill="${i % 2 ? '#dcf8c6' : '#ffffff'}"/><text x="${i % 2 ? 212 : 32}" y="${34 + i * 58}" font-size="15" fill="#111b21">Message number ${i}: the parcel arrived</text><text x="${i % 2 ? 590 : 390}" y="${54 + i * 58}" font-size="11" fill="#667781" text-anchor="end">10:${10 + i}</text>`,
    ).join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" font-family="DejaVu Sans"><rect width="600" height="600" fill="#efeae2"/><rect width="600" height="40" fill="#075e54"/>${bubbles}</svg>`;
    const { data, info } = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const ours = await quantiseByCounts({ data, width: info.width, height: info.height, channels: 3 }, { quantiser: QUANTISER, colours: 16 });
    expect(ours).toBeDefined();
    const whole = readIndexedPng(
      await sharp(data, { raw: info })
        .png({ ...QUANTISER, colours: 16, compressionLevel: 0 })
        .toBuffer(),
    );
    expect(meanError(ours!, data, 3)).toBeLessThanOrEqual(meanError(whole, data, 3) * 1.15);
  });

  it('leaves images with many colours (photos) to libimagequant', async () => {
    const width = 64;
    const height = 64;
    // Every pixel a different colour.
    const data = rgb(Array.from({ length: width * height }, (_, p) => [p & 0xff, (p >> 8) * 16, (p * 7) & 0xff]));
    expect(await quantiseByCounts({ data, width, height, channels: 3 }, { quantiser: QUANTISER, colours: 16 })).toBeUndefined();
  });
});

describe('countColours', () => {
  it('counts every colour and pixel, keeps runs that stop at row ends, also once the table has grown several times', () => {
    // 20 000 colours in runs of 1 to 3 pixels, in rows 7 pixels wide: the tables start with room for 1 024 and 2 048.
    const keys: number[] = [];
    for (let c = 0; c < 20_000; c++) for (let k = 0; k <= c % 3; k++) keys.push((c * 2_654_435) & 0xffffff);
    const width = 7;
    const height = Math.floor(keys.length / width);
    keys.length = width * height;
    // A colour's key is its bytes read as a little-endian number.
    const data = Buffer.from(keys.flatMap((k) => [k & 0xff, (k >> 8) & 0xff, k >> 16]));
    const source = { data, width, height, channels: 3 };
    const { counts, runs } = countColours(source, 1e6, 1e6)!;
    const distinct = new Set(keys).size;
    expect(counts.size).toBe(distinct);
    let total = 0;
    for (let n = 0; n < counts.size; n++) {
      expect(keys.filter((k) => k === counts.keys[n]).length).toBe(counts.counts[n]);
      expect(keys[counts.first[n]!]).toBe(counts.keys[n]);
      total += counts.counts[n]!;
    }
    expect(total).toBe(width * height);
    // Runs cover every pixel in order, one colour each, and none crosses a row's end.
    expect(runs.starts[0]).toBe(0);
    for (let r = 0; r < runs.length; r++) {
      const start = runs.starts[r]!;
      const stop = r + 1 < runs.length ? runs.starts[r + 1]! : width * height;
      expect(Math.floor(start / width)).toBe(Math.floor((stop - 1) / width));
      for (let p = start; p < stop; p++) expect(keys[p]).toBe(counts.keys[runs.colours[r]!]);
    }
    expect(countColours(source, distinct - 1, 1e6)).toBeUndefined();
    expect(countColours(source, 1e6, 5000)).toBeUndefined();
  });

  it('follows long runs four pixels at a time exactly as one at a time, in gray and RGB, whatever the row width', () => {
    for (const channels of [1, 3] as const) {
      for (const width of [37, 40, 5]) {
        // Runs of 1 to 40 pixels of three colours that differ in one byte only.
        const height = 30;
        const keys: number[] = [];
        for (let run = 0; keys.length < width * height; run++)
          for (let k = 0; k < ((run * 7) % 40) + 1; k++) keys.push([0x102030, 0x102031, 0x112030][run % 3]!);
        keys.length = width * height;
        const data = Buffer.from(channels === 1 ? keys.map((k) => k & 0xff) : keys.flatMap((k) => [k & 0xff, (k >> 8) & 0xff, k >> 16]));
        const expected: number[] = [];
        const key = (p: number) => (channels === 1 ? keys[p]! & 0xff : keys[p]!);
        for (let p = 0; p < width * height; p++) if (p % width === 0 || key(p) !== key(p - 1)) expected.push(p);
        const { runs } = countColours({ data, width, height, channels }, 1e6, 1e6)!;
        expect([...runs.starts.subarray(0, runs.length)]).toEqual(expected);
      }
    }
  });
});
