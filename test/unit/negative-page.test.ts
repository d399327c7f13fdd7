import { describe, expect, it } from 'vitest';
import { isDarkMode, negativeCounts, negativeOps } from '../../src/document/render/negative-page.js';
import type { DrawOp } from '../../src/document/types.js';
// @ts-expect-error the bench's generator is plain JavaScript
import { chatSvg } from '../../scripts/bench-corpus.mjs';
import { sharp } from '../../src/io/cjs.js';
import { seeded } from '../helpers/seeded.js';

async function counted(svg: string, width: number): Promise<{ counts: Map<number, number>; area: number }> {
  const { data } = await sharp(Buffer.from(svg)).resize(width).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const counts = new Map<number, number>();
  for (let i = 0; i < data.length; i += 3) {
    const rgb = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
    counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
  }
  return { counts, area: data.length / 3 };
}

describe('which pages are drawn in negative', () => {
  it('a capture in a dark theme is a dark-mode capture; the same capture in the light theme is not', async () => {
    for (const [phone, w, h] of [
      [true, 1170, 2532],
      [false, 1920, 1080],
    ] as const) {
      const dark = await counted(chatSvg(3, w, h, phone, { scale: phone ? 3 : 1, theme: 'dark' }).svg, 640);
      expect(isDarkMode(dark.counts, dark.area)).toBe(true);
      const light = await counted(chatSvg(3, w, h, phone, { scale: phone ? 3 : 1 }).svg, 640);
      expect(isDarkMode(light.counts, light.area)).toBe(false);
    }
  });

  it('a photo is not, smooth or grainy, light or dark', () => {
    const random = seeded(62);
    for (let n = 0; n < 30; n++) {
      const counts = new Map<number, number>();
      const base = Math.floor(random() * 200);
      const grain = n % 2 === 0 ? 2 : 30;
      for (let k = 0; k < 20_000; k++) {
        const v = [0, 1, 2].map((c) => Math.max(0, Math.min(255, base + ((k >> (c + 6)) % 40) + Math.floor(random() * grain))));
        const rgb = (v[0]! << 16) | (v[1]! << 8) | v[2]!;
        counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
      }
      expect(isDarkMode(counts, 20_000)).toBe(false);
    }
  });

  it('draws the page’s marks mirrored in grey, and counts them so', () => {
    const ops: DrawOp[] = [
      { op: 'text', x: 1, y: 2, text: 'Exhibit 1', size: 10, face: 'bold' },
      { op: 'text', x: 1, y: 2, text: 'note', size: 10, face: 'regular', gray: 0.35 },
      { op: 'line', x1: 0, y1: 0, x2: 5, y2: 0, width: 1, gray: 0.4 },
      { op: 'rect', x: 0, y: 0, w: 5, h: 5, fillGray: 0.94, strokeGray: 0.1 },
      { op: 'rect', x: 0, y: 0, w: 5, h: 5 },
    ];
    expect(negativeOps(ops).map((op) => (op.op === 'rect' ? [op.fillGray, op.strokeGray] : op.gray))).toEqual([
      1,
      0.65,
      0.6,
      [0.06000000000000005, 0.9],
      [undefined, undefined],
    ]);
    expect(
      negativeCounts(
        new Map([
          [0xffffff, 3],
          [0x101010, 2],
        ]),
      ),
    ).toEqual(
      new Map([
        [0, 3],
        [0xefefef, 2],
      ]),
    );
  });
});
