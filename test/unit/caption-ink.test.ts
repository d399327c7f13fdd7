import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCase } from '../../src/pipeline/check.js';
import { IMAGE_CAPTION_GRAY } from '../../src/document/exhibits/caption-band.js';
import { makePng, tempDir } from '../helpers/temp-case.js';

/** WCAG's relative luminance of a grey level (0 black, 1 white), and the contrast of two. */
const luminance = (g: number) => (g <= 0.03928 ? g / 12.92 : ((g + 0.055) / 1.055) ** 2.4);
const contrast = (a: number, b: number) => (Math.max(luminance(a), luminance(b)) + 0.05) / (Math.min(luminance(a), luminance(b)) + 0.05);

describe("an image's caption ink", () => {
  it('draws the caption beside a capture in dark grey that still reads at 4.5:1 on its band', async () => {
    const dir = await tempDir('ep-caption-ink-');
    await writeFile(
      join(dir, 'case.yaml'),
      'case: dp_ink\nprofile: generic\ntimezone: UTC\nclient: { name: Dana Client, email: dana@example.com }\nitems:\n  - { file: Screenshot_20240301-101500.png, trim: false }\n',
    );
    await writeFile(join(dir, 'Screenshot_20240301-101500.png'), await makePng(1280, 800, 'Order delivered', '#ffffff'));
    const check = await checkCase(dir, { nowMs: Date.UTC(2024, 3, 1) });
    const page = check.plan!.pages.find((p) => p.kind === 'exhibit')!;
    const band = page.ops.find((op) => op.op === 'rect' && op.fillGray !== undefined);
    const texts = page.ops.filter((op) => op.op === 'text');
    expect(texts.length).toBeGreaterThan(1);
    // Every line of the band: its heading and its facts.
    for (const op of texts) expect(op.op === 'text' && op.gray).toBe(IMAGE_CAPTION_GRAY);
    expect(IMAGE_CAPTION_GRAY).toBeGreaterThan(0);
    expect(band?.op === 'rect' && contrast(IMAGE_CAPTION_GRAY, band.fillGray!)).toBeGreaterThanOrEqual(4.5);
  });
});
