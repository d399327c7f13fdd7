import { execFileSync, spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { colourShares } from '../../src/document/render/page-paper.js';
import type { PreparedImage } from '../../src/imaging/encode.js';
import { sharp } from '../../src/io/cjs.js';
import { seeded } from '../helpers/seeded.js';
import { tempDir } from '../helpers/temp-case.js';

const hasPdftoppm = spawnSync('pdftoppm', ['-v'], { stdio: 'ignore' }).status === 0;

/**
 * A capture-like image: flat panes and bubbles with thin dark antialiased strokes on them
 * (short words' worth of 1–1.5 px lines), as a chat screenshot's small text is.
 */
async function strokes(seed: number, width: number, height: number): Promise<PreparedImage> {
  const next = seeded(seed);
  const panes = ['#efeae2', '#dcf8c6', '#f7f7f7', '#ffffff'];
  const parts: string[] = [];
  for (let y = 0; y < height; y += 60) parts.push(`<rect x="0" y="${y}" width="${width}" height="60" fill="${panes[Math.floor(next() * panes.length)]}"/>`);
  for (let n = 0; n < (width * height) / 900; n++) {
    const x = next() * width;
    const y = next() * height;
    const ink = ['#111111', '#3b4a54', '#667781'][Math.floor(next() * 3)];
    parts.push(
      `<line x1="${x.toFixed(2)}" y1="${y.toFixed(2)}" x2="${(x + 3 + next() * 6).toFixed(2)}" y2="${(y + next() * 8).toFixed(2)}" stroke="${ink}" stroke-width="${(1 + next() * 0.5).toFixed(2)}"/>`,
    );
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
  const data = await sharp(Buffer.from(svg)).removeAlpha().png().toBuffer();
  return { encoding: 'png-rgb', data, width, height, dpi: 150 } as unknown as PreparedImage;
}

/** Shares of the blue channel's values in bins (the channel whose split lost the green bubbles). */
const BINS = [0, 64, 128, 192, 216, 240, 256];
function binned(counts: ReadonlyMap<number, number>): number[] {
  const out = BINS.slice(1).map(() => 0);
  let total = 0;
  for (const [rgb, n] of counts) {
    out[BINS.findIndex((hi, k) => k > 0 && (rgb & 0xff) < hi) - 1]! += n;
    total += n;
  }
  return out.map((n) => n / total);
}

/** The image drawn `drawnPt` wide on a page 792 pt wide (landscape Letter, taller for a tall image), rendered as a reviewer's fit-width screen shows it (1920 px), and its pixels read back. */
async function rendered(image: PreparedImage, drawnPt: number): Promise<Map<number, number>> {
  const dir = await tempDir();
  const doc = await PDFDocument.create();
  const height = drawnPt * (image.height / image.width);
  const page = doc.addPage([792, Math.max(612, height + 24)]);
  const png = await doc.embedPng(image.data);
  page.drawImage(png, { x: 18, y: page.getHeight() - 12 - height, width: drawnPt, height });
  const pdf = join(dir, 'page.pdf');
  await writeFile(pdf, await doc.save());
  execFileSync('pdftoppm', ['-png', '-scale-to-x', '1920', '-scale-to-y', '-1', '-singlefile', pdf, join(dir, 'page')]);
  const scale = 1920 / 792;
  // The drawn image's pixels, a pixel in from each edge (the edges blend with the page).
  const box = {
    left: Math.ceil(18 * scale) + 1,
    top: Math.ceil(12 * scale) + 1,
    width: Math.floor(drawnPt * scale) - 3,
    height: Math.floor(height * scale) - 3,
  };
  const { data, info } = await sharp(await readFile(join(dir, 'page.png')))
    .extract(box)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const counts = new Map<number, number>();
  for (let i = 0; i < data.length; i += info.channels) {
    const rgb = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
    counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
  }
  return counts;
}

describe('an image’s colour shares, as the page at fit-width shows it', () => {
  // Cross-checked with poppler: the paper is chosen from these shares (page-binarize.ts), and
  // Otsu's split of a page turns on how much of it is dark. Sampled from the image's own
  // pixels, an enlarged capture counted its strokes' dark cores about twice as often as the
  // rendered page shows them, and a white page was taken that turned green bubbles to ink.
  it.skipIf(!hasPdftoppm)('match poppler’s render of the image drawn larger and smaller than its pixels', async () => {
    for (const [seed, width, height, drawnPt] of [
      [1, 1255, 636, 756],
      [2, 986, 362, 740],
      [3, 1170, 2532, 360],
      [4, 2527, 1285, 700],
    ] as const) {
      const image = await strokes(seed, width, height);
      const predicted = binned(await colourShares(image, (drawnPt * 1920) / 792));
      const real = binned(await rendered(image, drawnPt));
      const where = `seed ${seed}, ${width} px drawn ${Math.round((drawnPt * 1920) / 792)} px`;
      // The darkest bin decides the split; it is held to 30 % of its share (0.04 % of the image at least:
      // about three times the grid's own sampling spread there).
      expect(Math.abs(predicted[0]! - real[0]!), `${where}: ${predicted.map((v) => v.toFixed(4))} against ${real.map((v) => v.toFixed(4))}`).toBeLessThan(
        Math.max(0.0004, real[0]! * 0.3),
      );
      for (const [k, share] of real.entries()) expect(Math.abs(predicted[k]! - share), `${where}, bin ${k}`).toBeLessThan(0.01);
    }
  });

  it('are interpolated between the image’s pixels when it is drawn larger', async () => {
    // Two pixels, black and white, drawn eight wide: bilinear blends make greys between.
    const data = await sharp(Buffer.from([0, 0, 0, 255, 255, 255]), { raw: { width: 2, height: 1, channels: 3 } })
      .png()
      .toBuffer();
    const shares = await colourShares({ encoding: 'png-rgb', data, width: 2, height: 1, dpi: 72 } as unknown as PreparedImage, 8);
    const greys = [...shares.keys()].map((rgb) => rgb & 0xff).sort((a, b) => a - b);
    expect(greys).toEqual([0, 32, 96, 159, 223, 255]);
    expect(shares.get(0)).toBeCloseTo(0.25);
    expect(shares.get(0xffffff)).toBeCloseTo(0.25);
  });

  it('are the mean of the box of pixels each covers when it is drawn smaller, on seeded random images', async () => {
    const random = seeded(7);
    for (let n = 0; n < 12; n++) {
      const [width, height] = [20 + Math.floor(random() * 60), 10 + Math.floor(random() * 40)];
      const drawnWidth = 3 + Math.floor(random() * (width - 4));
      const pixels = Buffer.from(Array.from({ length: width * height * 3 }, () => Math.floor(random() * 4) * 85));
      const data = await sharp(pixels, { raw: { width, height, channels: 3 } })
        .png()
        .toBuffer();
      const shares = await colourShares({ encoding: 'png-rgb', data, width, height, dpi: 72 } as unknown as PreparedImage, drawnWidth);
      // The definition, point by point: every drawn pixel (the grid is whole at this size), its box's mean per channel.
      const drawnHeight = Math.max(1, Math.round(drawnWidth * (height / width)));
      const edges = (own: number, drawn: number, i: number) => {
        const start = Math.floor((i * own) / drawn);
        return [start, Math.max(start + 1, Math.floor(((i + 1) * own) / drawn))] as const;
      };
      const expected = new Map<number, number>();
      for (let j = 0; j < drawnHeight; j++) {
        for (let i = 0; i < drawnWidth; i++) {
          const [[x0, x1], [y0, y1]] = [edges(width, drawnWidth, i), edges(height, drawnHeight, j)];
          let rgb = 0;
          for (let c = 0; c < 3; c++) {
            let sum = 0;
            for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += pixels[(y * width + x) * 3 + c]!;
            rgb = (rgb << 8) | Math.round(sum / ((x1 - x0) * (y1 - y0)));
          }
          expected.set(rgb, (expected.get(rgb) ?? 0) + 1 / (drawnWidth * drawnHeight));
        }
      }
      expect(shares.size, `image ${n}`).toBe(expected.size);
      for (const [rgb, share] of expected) expect(shares.get(rgb), `image ${n}, colour ${rgb.toString(16)}`).toBeCloseTo(share, 9);
    }
  });
});
