import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { estimateImageBytes, sharpLevel } from '../../src/budget/estimate.js';
import { ladderFor } from '../../src/budget/ladder.js';
import { fitToBudget } from '../../src/budget/fitter.js';
import { photoWithCaptions } from '../helpers/photo-capture.js';
import type { ImageExhibit } from '../../src/evidence/model.js';
import { encodeAtRung } from '../../src/imaging/encode.js';

/** Screenshots of different weight (more lines of text, more bytes), wide enough to be scaled down at every rung. */
async function screenshot(lines: number): Promise<Buffer> {
  const text = Array.from(
    { length: lines },
    (_, i) =>
      `<text x="12" y="${24 + i * 20}" font-size="14" font-family="DejaVu Sans">Line ${i}: order ${4000 + i * 17} shipped at ${i % 24}:${String((i * 7) % 60).padStart(2, '0')}</text>`,
  ).join('');
  return sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="1000"><rect width="100%" height="100%" fill="#f4f4f4"/>${text}</svg>`))
    .png()
    .toBuffer();
}

function exhibit(bytes: Buffer, i: number): ImageExhibit {
  return {
    kind: 'image',
    file: `s${i}.png`,
    source: { file: `s${i}.png`, absolutePath: `/s${i}.png`, bytes: bytes.length, sha256: '' },
    image: { format: 'png', width: 2000, height: 1000, frames: 1, orientation: 1, hasAlpha: false },
    date: { epochMs: 0, text: '', source: 'manifest', zone: 'offset', precision: 'second' },
    dateCandidates: [],
    marks: { highlight: [], redact: [] },
  };
}

describe('estimateImageBytes', () => {
  it('predicts the sharp and floor encodings of a set of screenshots within a fifth, and ranks the busy ones first', async () => {
    const files = await Promise.all([5, 45, 10, 40, 20, 30, 8, 25, 35].map(screenshot));
    const exhibits = files.map(exhibit);
    const placedWidths = files.map(() => 540);
    const estimate = await estimateImageBytes({ exhibits, placedWidths, load: async (i) => files[i]!, grayscale: false });
    const ladder = ladderFor(false, false);
    const actual = async (rung: number) => {
      const sizes = await Promise.all(exhibits.map(async (e, i) => (await encodeAtRung(e, files[i]!, 540, ladder[rung]!)).data.length));
      return { sizes, total: sizes.reduce((a, b) => a + b, 0) };
    };
    const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
    const sharpActual = await actual(sharpLevel(ladder));
    const floorActual = await actual(ladder.length - 1);
    expect(sum(estimate.sharp) / sharpActual.total).toBeGreaterThan(0.8);
    expect(sum(estimate.sharp) / sharpActual.total).toBeLessThan(1.2);
    expect(sum(estimate.floor) / floorActual.total).toBeGreaterThan(0.8);
    expect(sum(estimate.floor) / floorActual.total).toBeLessThan(1.2);
    // The heaviest screenshot (45 lines) is predicted heaviest, the lightest (5 lines) lightest.
    expect(estimate.floor.indexOf(Math.max(...estimate.floor))).toBe(1);
    expect(estimate.floor.indexOf(Math.min(...estimate.floor))).toBe(0);
  });
});

describe('ladders', () => {
  it('start screenshots as captured (up to 300 dpi), drop colours and quality before resolution, and never raise cost or resolution on the way down', () => {
    const photoCosts = ladderFor(true, false).map((rung) => rung.cost);
    for (const [photo, gray] of [
      [false, false],
      [false, true],
      [true, false],
      [true, true],
    ] as const) {
      const ladder = ladderFor(photo, gray);
      expect(ladder[0]!.dpi).toBe(photo ? 200 : 300);
      expect(ladder[0]!.cost).toBe(0);
      // The sharp rung (what check and a split plan with) is one step of colour or quality, at full resolution.
      expect(ladder[sharpLevel(ladder)]!.dpi).toBe(ladder[0]!.dpi);
      expect(ladder[sharpLevel(ladder)]!.cost).toBe(1);
      expect(ladder[sharpLevel(ladder) + 1]!.dpi).toBeLessThan(ladder[0]!.dpi);
      expect(ladder.at(-1)!.dpi).toBe(150);
      ladder.slice(1).forEach((rung, k) => {
        expect(rung.cost).toBeGreaterThan(ladder[k]!.cost);
        expect(rung.dpi).toBeLessThanOrEqual(ladder[k]!.dpi);
        expect(rung.ratio).toBeLessThan(ladder[k]!.ratio);
      });
      // A screenshot's small text is the first thing resampling loses: its first step in
      // resolution costs more than a photo's first.
      if (!photo) expect(ladder[sharpLevel(ladder) + 1]!.cost).toBeGreaterThan(photoCosts[2]!);
    }
    // A photo whose text is shown apart goes lower, each step cheaper than a screenshot's step under 200 dpi.
    for (const gray of [false, true]) {
      const apart = ladderFor(true, gray, true);
      expect(apart.slice(0, ladderFor(true, gray).length)).toEqual(ladderFor(true, gray));
      expect(apart.at(-1)!.dpi).toBeLessThan(150);
      const under200 = ladderFor(false, gray).find((r) => r.dpi < 200)!.cost;
      for (const rung of apart) expect(rung.cost).toBeLessThan(under200);
    }
  });
});

describe('a photo whose text is shown enlarged apart', () => {
  it('has its whole view go under 150 dpi before a screenshot goes under 200 dpi; without that, the screenshot loses resolution', async () => {
    const shot = await screenshot(40);
    const photo = await photoWithCaptions();
    const photoExhibit: ImageExhibit = {
      ...exhibit(photo, 1),
      file: 'p.jpg',
      image: { format: 'jpeg', width: 1600, height: 1200, frames: 1, orientation: 1, hasAlpha: false },
    };
    const exhibits = [exhibit(shot, 0), photoExhibit];
    const files = [shot, photo];
    const placedWidths = [540, 540];
    const at = async (i: number, dpi: number, photoLadder = ladderFor(true, false, true)) =>
      (await encodeAtRung(exhibits[i]!, files[i]!, 540, (i === 0 ? ladderFor(false, false) : photoLadder).find((r) => r.dpi === dpi)!)).data.length;
    // Room for both at 150 dpi, not for the screenshot at 200 with the photo at 150.
    const imageBudget = (await at(0, 150)) + (await at(1, 150)) + 100;
    expect(imageBudget).toBeLessThan((await at(0, 200)) + (await at(1, 150)));
    const fitWith = (textApart: boolean[]) => fitToBudget({ exhibits, placedWidths, load: async (i) => files[i]!, grayscale: false, textApart, imageBudget });
    const apart = await fitWith([false, true]);
    if (!apart.ok) throw new Error('expected a fit');
    expect(apart.images[0]!.rung.dpi).toBe(200);
    expect(apart.images[1]!.rung.dpi).toBeLessThan(150);
    const together = await fitWith([false, false]);
    if (!together.ok) throw new Error('expected a fit');
    expect(together.images[0]!.rung.dpi).toBeLessThan(200);
  });
});
