import { describe, expect, it } from 'vitest';
import { sharp } from '../../src/io/cjs.js';
import type { ImageExhibit } from '../../src/evidence/model.js';
import { darkenText, textCurve } from '../../src/imaging/darken-text.js';
import { openVisible } from '../../src/imaging/visible.js';
import type { PacketInput, PacketPlan } from '../../src/document/index.js';
import type { ImageReader } from '../../src/pipeline/image-reader.js';
import { imagesOf, regionKey } from '../../src/pipeline/packet-images.js';
import { seeded } from '../helpers/seeded.js';

/** A light band (`bg`) with grey strokes (`ink`) on a third of its pixels, `channels` interleaved. */
function band(random: () => number, channels: number, bg: number, ink: number, pixels = 600): Uint8Array {
  const data = new Uint8Array(pixels * channels);
  for (let p = 0; p < pixels; p++)
    for (let c = 0; c < channels; c++) {
      const alpha = (channels === 2 || channels === 4) && c === channels - 1;
      data[p * channels + c] = alpha ? Math.floor(random() * 256) : random() < 0.33 ? ink : bg;
    }
  return data;
}

describe('darkenText', () => {
  it('moves only the greys on the text side of the background, towards the ink, in order', () => {
    for (const b of [128, 180, 230, 255, 0, 40, 127]) {
      const curve = textCurve(b);
      expect(curve[b]).toBe(b);
      for (let v = 1; v < 256; v++) expect(curve[v]!).toBeGreaterThanOrEqual(curve[v - 1]!);
      for (let v = 0; v < 256; v++) {
        if (b >= 128) expect(curve[v]).toBe(v >= b ? v : Math.min(v, curve[v]!));
        else expect(curve[v]).toBe(v <= b ? v : Math.max(v, curve[v]!));
      }
      if (b >= 128) expect(curve[0]).toBe(0);
      else expect(curve[255]).toBe(255);
    }
    // A grey timestamp on a light band comes out clearly darker; a stroke already black stays black.
    expect(textCurve(230)[140]).toBeLessThanOrEqual(130);
  });

  it('darkens the text of any band and leaves its background and alpha as they were (seeded)', () => {
    const random = seeded(49);
    for (let i = 0; i < 200; i++) {
      const channels = 1 + Math.floor(random() * 4);
      const light = random() < 0.7;
      const bg = light ? 150 + Math.floor(random() * 106) : Math.floor(random() * 100);
      const ink = light ? Math.floor(random() * (bg - 20)) + 1 : bg + 20 + Math.floor(random() * (235 - bg));
      const data = band(random, channels, bg, ink);
      const before = Uint8Array.from(data);
      darkenText(data, channels);
      const wrong: number[] = [];
      for (let k = 0; k < data.length; k++) {
        const alpha = (channels === 2 || channels === 4) && k % channels === channels - 1;
        const [was, now] = [before[k]!, data[k]!];
        const right = alpha || was === bg ? now === was : light ? now < was : now > was;
        if (!right) wrong.push(k);
      }
      expect({ i, channels, bg, ink, wrong: wrong.slice(0, 3) }).toEqual({ i, channels, bg, ink, wrong: [] });
    }
  });

  it('applies to a view marked darken, after its crop, and never to the image as it came', async () => {
    // A 60 × 20 light band with a grey block (the "timestamp") in its right half.
    const raw = Buffer.alloc(60 * 20 * 3, 230);
    for (let y = 5; y < 15; y++) for (let x = 40; x < 50; x++) raw.fill(140, (y * 60 + x) * 3, (y * 60 + x) * 3 + 3);
    const png = await sharp(raw, { raw: { width: 60, height: 20, channels: 3 } })
      .png()
      .toBuffer();
    const exhibit = (marks: ImageExhibit['marks']) => ({ marks, image: { opaque: true } });
    const pixel = async (marks: ImageExhibit['marks'], x: number, y: number) => {
      const { data, info } = await (await openVisible(exhibit(marks), png)).raw().toBuffer({ resolveWithObject: true });
      return data[(y * info.width + x) * info.channels];
    };
    expect(await pixel({ highlight: [], redact: [] }, 45, 10)).toBe(140);
    expect(await pixel({ highlight: [], redact: [], crop: [30, 0, 30, 20] }, 15, 10)).toBe(140);
    const darkened = await pixel({ highlight: [], redact: [], crop: [30, 0, 30, 20], darken: true }, 15, 10);
    expect(darkened).toBe(textCurve(230)[140]);
    expect(await pixel({ highlight: [], redact: [], crop: [30, 0, 30, 20], darken: true }, 2, 2)).toBe(230);
  });
});

describe('a packet’s images', () => {
  it('darken the region view of a photo’s text band, not the photo shown whole', () => {
    const photo = {
      kind: 'image',
      file: 'receipt.jpg',
      image: { width: 1200, height: 1600, format: 'jpeg', opaque: true },
      marks: { highlight: [], redact: [] },
    } as unknown as ImageExhibit;
    const box = { x: 10, y: 10, width: 300, height: 400 };
    const plan = {
      placements: [
        { exhibit: 0, page: 1, ...box },
        { exhibit: 0, page: 1, ...box, region: { x: 32, y: 1354, width: 576, height: 211 } },
      ],
    } as unknown as PacketPlan;
    const images = imagesOf({ exhibits: [photo] } as unknown as PacketInput, plan, {} as ImageReader);
    expect(images.keys).toEqual(['0:', regionKey(0)]);
    expect(images.exhibits[0]!.marks.darken).toBeUndefined();
    expect(images.exhibits[1]!.marks).toMatchObject({ crop: [32, 1354, 576, 211], darken: true });
  });
});
