import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkCase } from '../../src/pipeline/check.js';
import { makePng, tempDir } from '../helpers/temp-case.js';

/**
 * A desktop capture 1280 or 1440 px wide fills a landscape page's content width at 1.17–1.32
 * screen pixels a pixel when the page is fitted to a 1920 px screen: the viewer resamples it.
 * Drawn alone on its page it is drawn instead at exactly one screen pixel a pixel, its left
 * and top edges on screen pixels. A photo is drawn as fitted.
 */

const CASE_YAML = `case: dp_snap
profile: generic
timezone: UTC
client: { name: Dana Client, email: dana@example.com }
`;

/** The placement (page size, where the image is drawn) of a case of one image `file` of `width` × `height`. */
async function placedAlone(file: string, width: number, height: number) {
  const dir = await tempDir('ep-snap-');
  await writeFile(join(dir, 'case.yaml'), `${CASE_YAML}items:\n  - { file: ${file}, trim: false }\n`);
  const png = await makePng(width, height, 'Order delivered 10:24', '#f4f6fb');
  await writeFile(join(dir, file), file.endsWith('.jpg') ? await sharp(png).jpeg().toBuffer() : png);
  const { plan } = await checkCase(dir, { nowMs: Date.UTC(2024, 3, 1) });
  const placement = plan!.placements.find((p) => !p.detail)!;
  // The page the exhibit is drawn on: its only page.
  const page = plan!.pages.find((p) => p.kind === 'exhibit')!;
  expect(plan!.pages.filter((p) => p.kind === 'exhibit')).toHaveLength(1);
  return { placement, size: page.size ?? { width: 612, height: 792 } };
}

const whole = (v: number) => Math.abs(v - Math.round(v)) < 1e-6;

describe('a screenshot alone on its page at 1920 px fit-width', () => {
  for (const [width, height] of [
    [1280, 800],
    [1440, 900],
  ] as const) {
    it(`${width} × ${height}: one screen pixel a pixel, from a screen pixel's edge`, async () => {
      const { placement, size } = await placedAlone('Screenshot_20240314-102400.png', width, height);
      const perPt = 1920 / size.width;
      expect(size.width).toBeGreaterThan(size.height);
      expect(placement.width * perPt).toBeCloseTo(width, 6);
      expect(placement.height * perPt).toBeCloseTo(height, 6);
      expect(whole(placement.x * perPt)).toBe(true);
      expect(whole((size.height - placement.y - placement.height) * perPt)).toBe(true);
      // Centred across the page, within a screen pixel.
      expect(Math.abs(placement.x + placement.width / 2 - size.width / 2)).toBeLessThanOrEqual(1 / perPt);
    }, 30_000);
  }

  it('a photo of the same size is drawn as fitted, across the content width', async () => {
    const { placement, size } = await placedAlone('IMG_20240314_102400.jpg', 1280, 800);
    expect(placement.width * (1920 / size.width)).toBeGreaterThan(1280 * 1.1);
  }, 30_000);
});
