import sharp from 'sharp';
import { PDFDocument, type PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { ImageExhibit } from '../../src/evidence/model.js';
import { embedPngPassThrough } from '../../src/document/render/pdf-image.js';
import { parsePng } from '../../src/imaging/png.js';
import { encodeAtRung } from '../../src/imaging/encode.js';
import { ladderFor } from '../../src/budget/ladder.js';

/** Decodes and encodes at the best rung of the ladder the fitter would use. */
async function prepareImage(exhibit: ImageExhibit, bytes: Buffer, placedWidthPt: number, options: { grayscale: boolean }) {
  const rung = ladderFor(exhibit.image.format === 'jpeg', options.grayscale)[0]!;
  return encodeAtRung(exhibit, bytes, placedWidthPt, rung);
}

function exhibitFor(width: number, height: number, marks: Partial<ImageExhibit['marks']> = {}, format: 'png' | 'jpeg' = 'png'): ImageExhibit {
  return {
    kind: 'image',
    file: 'x.png',
    source: { file: 'x.png', absolutePath: '/x.png', bytes: 0, sha256: '' },
    image: { format, width, height, frames: 1, orientation: 1, hasAlpha: false },
    date: { epochMs: 0, text: '', source: 'manifest', zone: 'offset', precision: 'second' },
    dateCandidates: [],
    marks: { highlight: [], redact: [], ...marks },
  };
}

const colourful = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
    .composite([
      {
        input: Buffer.from(
          `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect x="0" y="0" width="${width / 2}" height="${height}" fill="#ffcc00"/></svg>`,
        ),
      },
    ])
    .withExif({ IFD0: { Artist: 'Secret Person' } })
    .png()
    .toBuffer();

/** The palette encoder posterises its input by one bit (libimagequant at speed 8): colours may move by 1. */
function expectColour(actual: number[], expected: number[]): void {
  expect(
    actual.every((v, c) => Math.abs(v - expected[c]!) <= 1),
    `${actual} vs ${expected}`,
  ).toBe(true);
}

describe('prepareImage', () => {
  it('keeps a screenshot as captured up to 300 dpi at the placed width, a photo up to 200 dpi, and never scales up', async () => {
    const big = await prepareImage(exhibitFor(2000, 1000), await colourful(2000, 1000), 360, { grayscale: false });
    expect([big.width, big.height, big.dpi]).toEqual([1500, 750, 300]);
    const captured = await prepareImage(exhibitFor(1400, 700), await colourful(1400, 700), 360, { grayscale: false });
    expect([captured.width, captured.height, captured.dpi]).toEqual([1400, 700, 280]);
    const photo = await sharp(await colourful(2000, 1000))
      .jpeg()
      .toBuffer();
    const jpeg = await prepareImage(exhibitFor(2000, 1000, {}, 'jpeg'), photo, 360, { grayscale: false });
    expect([jpeg.encoding, jpeg.width, jpeg.height, jpeg.dpi]).toEqual(['jpeg', 1000, 500, 200]);
    const small = await prepareImage(exhibitFor(100, 50), await colourful(100, 50), 360, { grayscale: false });
    expect([small.width, small.height]).toEqual([100, 50]);
  });

  it('does not scale a screenshot by less than 15 % (it would blur and save nothing), but scales a photo to the rung', async () => {
    const ladder = ladderFor(false, false);
    const at200 = ladder.find((rung) => rung.dpi === 200)!;
    const at150 = ladder.find((rung) => rung.dpi === 150)!;
    // 1030 px placed 5 in wide: 206 dpi as captured.
    const screenshot = await colourful(1030, 500);
    expect((await encodeAtRung(exhibitFor(1030, 500), screenshot, 360, at200)).width).toBe(1030);
    expect((await encodeAtRung(exhibitFor(1030, 500), screenshot, 360, at150)).width).toBe(750);
    const photo = await sharp(await colourful(1050, 500))
      .jpeg()
      .toBuffer();
    const jpegAt200 = ladderFor(true, false).find((rung) => rung.dpi === 200)!;
    expect((await encodeAtRung(exhibitFor(1050, 500, {}, 'jpeg'), photo, 360, jpegAt200)).width).toBe(1000);
  });

  it('destroys redacted pixels before encoding and keeps no metadata', async () => {
    const source = await colourful(400, 200);
    const prepared = await prepareImage(exhibitFor(400, 200, { redact: [[10, 20, 100, 50]] }), source, 400 * 0.75, { grayscale: false });
    const { data, info } = await sharp(prepared.data).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    expect(at(50, 40)).toEqual([0, 0, 0]);
    expect(at(300, 150)).not.toEqual([0, 0, 0]);
    const meta = await sharp(prepared.data).metadata();
    expect(meta.exif).toBeUndefined();
    // A screenshot's first rung is truecolour (the fitter steps it to a palette when the budget is short).
    expect(prepared.encoding).toBe('png-rgb');
  });

  it('crops to the requested rectangle', async () => {
    const prepared = await prepareImage(exhibitFor(400, 200, { crop: [200, 0, 200, 100] }), await colourful(400, 200), 150, { grayscale: false });
    expect([prepared.width, prepared.height]).toEqual([200, 100]);
    const { data } = await sharp(prepared.data).raw().toBuffer({ resolveWithObject: true });
    expectColour([...data.subarray(0, 3)], [0x33, 0x66, 0xcc]);
  });

  it('shows see-through pixels on white, and drops an alpha channel known to be opaque for the same pixels', async () => {
    const clear = await sharp({ create: { width: 200, height: 100, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .composite([{ input: { create: { width: 100, height: 100, channels: 4, background: { r: 51, g: 102, b: 204, alpha: 1 } } }, left: 0, top: 0 }])
      .png()
      .toBuffer();
    const shown = await prepareImage(exhibitFor(200, 100), clear, 150, { grayscale: false });
    const { data, info } = await sharp(shown.data).raw().toBuffer({ resolveWithObject: true });
    expect([...data.subarray((50 * info.width + 150) * info.channels, (50 * info.width + 150) * info.channels + 3)]).toEqual([255, 255, 255]);
    expectColour([...data.subarray(0, 3)], [51, 102, 204]);
    const solid = await sharp(await colourful(200, 100))
      .ensureAlpha()
      .png()
      .toBuffer();
    const flattened = await prepareImage(exhibitFor(200, 100), solid, 150, { grayscale: false });
    const opaque = exhibitFor(200, 100);
    const dropped = await prepareImage({ ...opaque, image: { ...opaque.image, hasAlpha: true, opaque: true } }, solid, 150, { grayscale: false });
    expect(dropped.data.equals(flattened.data)).toBe(true);
  });

  it('keeps JPEG sources as JPEG and makes grayscale when asked', async () => {
    const jpeg = await sharp(await colourful(300, 200))
      .jpeg()
      .toBuffer();
    const prepared = await prepareImage(exhibitFor(300, 200, {}, 'jpeg'), jpeg, 225, { grayscale: false });
    expect(prepared.encoding).toBe('jpeg');
    const gray = await prepareImage(exhibitFor(300, 200), await colourful(300, 200), 225, { grayscale: true });
    expect(gray.encoding).toBe('png-gray');
    expect((await sharp(gray.data).metadata()).channels).toBe(1);
  });
});

describe('embedPngPassThrough', () => {
  it('writes a palette PNG as an /Indexed image without re-encoding its data', async () => {
    const png = await sharp(await colourful(120, 80))
      .png({ palette: true, colours: 16 })
      .toBuffer();
    const parts = parsePng(png);
    expect(parts.colorType).toBe(3);
    const doc = await PDFDocument.create();
    const { ref, width, height } = embedPngPassThrough(doc, png);
    expect([width, height]).toEqual([120, 80]);
    const stream = doc.context.lookup(ref) as PDFRawStream;
    expect(Buffer.from(stream.contents).equals(parts.idat)).toBe(true);
    expect(stream.dict.toString()).toContain('/Indexed');
    expect(stream.dict.toString()).toContain('/Predictor 15');
  });
});
