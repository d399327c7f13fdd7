import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  choosePaper,
  isInk,
  isNegative,
  lightOnDark,
  NEGATIVE_PAPERS,
  otsuBinarizer,
  paperAgrees,
  PAPERS,
  type ColourCounts,
  type PageColours,
} from '../../src/imaging/page-binarize.js';
// @ts-expect-error the bench's generator is plain JavaScript
import { chatSvg } from '../../scripts/bench-corpus.mjs';
import { sharp } from '../../src/io/cjs.js';
import { seeded } from '../helpers/seeded.js';
import { tempDir } from '../helpers/temp-case.js';

/** A WhatsApp-like desktop capture as drawn on a landscape page read 1920 px wide (random case 3's exhibit 8, its colours as embedded): shares of its 1690 × 862 px. */
const CAPTURE_PX = 1690 * 862;
const PAGE_PX = 1920 * 1484;
const capture = (): Map<number, number> =>
  new Map(
    (
      [
        [0xdcf8c6, 0.32], // green bubbles
        [0xf7f7f7, 0.315], // sidebar
        [0xefeae2, 0.195], // chat pane
        [0xffffff, 0.105], // white bubbles
        [0xdfe0dd, 0.04], // rules and header bars
        [0x111b21, 0.015], // message text
        [0x8696a0, 0.01], // time stamps
      ] as const
    ).map(([rgb, share]) => [rgb, Math.round(share * CAPTURE_PX)]),
  );
/** The page around it as on random case 3's page 10: a caption band filled light grey, the page's text, white paper. */
const BAND_PX = 233_000;
const TEXT_PX = 40_000;
const whitePage = (images: ColourCounts): PageColours => ({
  images,
  fills: new Map([
    [0xf0f0f0, BAND_PX],
    [0x666666, TEXT_PX],
  ]),
  paper: PAGE_PX - CAPTURE_PX - BAND_PX - TEXT_PX,
});

describe('the page a capture is read on (tesseract’s per-channel Otsu, simulated)', () => {
  it('a white page turns a capture’s green bubbles to ink; the chosen light grey keeps them paper', () => {
    const images = capture();
    const alone = otsuBinarizer(images);
    expect(isInk(0xdcf8c6, alone)).toBe(false);
    expect(isInk(0x8696a0, alone)).toBe(true);
    const page = whitePage(images);
    expect(paperAgrees(page, 0xffffff)).toBe(false);
    const onWhite = otsuBinarizer(new Map([...images, [0xffffff, images.get(0xffffff)! + page.paper]]));
    expect(isInk(0xdcf8c6, onWhite)).toBe(true);
    const chosen = choosePaper(page, PAPERS);
    expect(chosen).not.toBe(0xffffff);
    expect(paperAgrees(page, chosen)).toBe(true);
  });

  it('keeps white for a capture that white already reads as it reads alone (a black-on-white document)', () => {
    const images = new Map([
      [0xffffff, Math.round(0.9 * CAPTURE_PX)],
      [0x202020, Math.round(0.1 * CAPTURE_PX)],
    ]);
    expect(choosePaper(whitePage(images), PAPERS)).toBe(0xffffff);
  });

  it('keeps white for a photo: continuous tones move across a threshold a little, no flat region turns to ink', () => {
    const random = seeded(42);
    for (let n = 0; n < 20; n++) {
      // Every colour of a photo holds a small share of it: a gradient of 4000 tones with noise.
      const images = new Map<number, number>();
      const base = 60 + Math.floor(random() * 120);
      for (let k = 0; k < 4000; k++) {
        const v = [0, 1, 2].map((c) => Math.max(0, Math.min(255, base + ((k * (c + 1)) % 160) - 80 + Math.floor(random() * 20))));
        const rgb = (v[0]! << 16) | (v[1]! << 8) | v[2]!;
        images.set(rgb, (images.get(rgb) ?? 0) + Math.round(CAPTURE_PX / 4000));
      }
      // White agrees outright (not only for want of a better paper), so the page is left as it is.
      expect(paperAgrees(whitePage(images), 0xffffff)).toBe(true);
    }
  });

  it('on seeded random light and dark captures: no paper agrees trivially, white is kept when it agrees, the choice always agrees', () => {
    const random = seeded(39);
    let tinted = 0;
    for (let n = 0; n < 300; n++) {
      const dark = random() < 0.3;
      const images = new Map<number, number>();
      const colours = 2 + Math.floor(random() * 6);
      for (let k = 0; k < colours; k++) {
        const base = dark ? Math.floor(random() * 90) : 150 + Math.floor(random() * 106);
        const rgb = [0, 1, 2].map(() => Math.max(0, Math.min(255, base + Math.floor(random() * 60) - 30)));
        images.set((rgb[0]! << 16) | (rgb[1]! << 8) | rgb[2]!, 1 + Math.floor(random() * 100_000));
      }
      const fills = new Map([
        [0xf0f0f0, Math.floor(random() * 300_000)],
        [0, Math.floor(random() * 50_000)],
      ]);
      const page: PageColours = { images, fills, paper: Math.floor(random() * 400_000) };
      const candidates = PAPERS;
      expect(paperAgrees({ ...page, fills: new Map(), paper: 0 }, 0xffffff)).toBe(true);
      const chosen = choosePaper(page, candidates);
      const sure = candidates.filter((c) => paperAgrees(page, c));
      // White when white is sure or nothing is; else the first sure candidate.
      expect(chosen).toBe(sure[0] ?? 0xffffff);
      if (chosen !== 0xffffff) tinted++;
    }
    // The random captures include pages white misreads, so the choice is exercised, not only white.
    expect(tinted).toBeGreaterThan(0);
  });
});

/** A phone capture in WhatsApp's dark theme, drawn and reduced to the 640 px it is drawn at on a page read 1920 px wide: its colours counted. */
async function darkCapture(index: number): Promise<Map<number, number>> {
  const { svg } = chatSvg(index, 1170, 2532, true, { scale: 3, theme: 'dark' }) as { svg: string };
  const { data } = await sharp(Buffer.from(svg)).resize(640).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const counts = new Map<number, number>();
  for (let i = 0; i < data.length; i += 3) {
    const rgb = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
    counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
  }
  return counts;
}

/** The page's own marks over white, and the same in negative (as page-paper.ts counts them for a dark paper). */
const MARKS = new Map([
  [0xf0f0f0, BAND_PX],
  [0x555555, TEXT_PX],
]);
const NEGATIVE_MARKS = new Map([...MARKS].map(([rgb, n]) => [0xffffff - rgb, n]));
const DARK_PAGE_PX = 1920 * 2485;

describe('a dark-mode capture’s page', () => {
  it('reads as light on dark alone; white loses its time stamps, and a dark paper that keeps them is chosen', async () => {
    const images = await darkCapture(7);
    const imagePx = [...images.values()].reduce((a, b) => a + b);
    const alone = otsuBinarizer(images);
    expect(lightOnDark(alone)).toBe(true);
    // The time stamps' grey is ink alone (the panes and bubbles paper).
    expect(isInk(0x8696a0, alone)).toBe(true);
    expect(isInk(0x0b141a, alone)).toBe(false);
    const paper = DARK_PAGE_PX - imagePx - BAND_PX - TEXT_PX;
    const page: PageColours = { images, fills: MARKS, paper };
    expect(paperAgrees(page, 0xffffff, alone, 'text')).toBe(false);
    const negative: PageColours = { images, fills: NEGATIVE_MARKS, paper };
    const chosen = choosePaper(page, [...PAPERS, ...NEGATIVE_PAPERS], negative);
    expect(isNegative(chosen)).toBe(true);
    expect(paperAgrees(negative, chosen, alone, 'sure')).toBe(true);
    // Offered only light papers, the page keeps its old choice.
    expect(choosePaper(page, PAPERS)).toBe(PAPERS.find((c) => paperAgrees(page, c, alone)) ?? 0xffffff);
  });

  it('a light capture never reads as light on dark', () => {
    expect(lightOnDark(otsuBinarizer(capture()))).toBe(false);
  });

  it('on seeded random dark pages: the first sure paper, else the first that keeps the text, else the flat colours, else white', () => {
    const random = seeded(61);
    const seen = new Set<string>();
    for (let n = 0; n < 200; n++) {
      const images = new Map<number, number>();
      const colours = 3 + Math.floor(random() * 6);
      for (let k = 0; k < colours; k++) {
        const light = k === 0 || random() < 0.25;
        const base = light ? 150 + Math.floor(random() * 106) : Math.floor(random() * 90);
        const rgb = [0, 1, 2].map(() => Math.max(0, Math.min(255, base + Math.floor(random() * 40) - 20)));
        images.set((rgb[0]! << 16) | (rgb[1]! << 8) | rgb[2]!, 1 + Math.floor(random() * (light ? 20_000 : 300_000)));
      }
      const fills = new Map([
        [0xf0f0f0, Math.floor(random() * 300_000)],
        [0, Math.floor(random() * 50_000)],
      ]);
      const paper = Math.floor(random() * 3_000_000);
      const page: PageColours = { images, fills, paper };
      const negative: PageColours = { images, fills: new Map([...fills].map(([rgb, k]) => [0xffffff - rgb, k])), paper };
      const candidates = [...PAPERS, ...NEGATIVE_PAPERS];
      const alone = otsuBinarizer(images);
      const first = (check: 'sure' | 'text' | 'flat') => candidates.find((c) => paperAgrees(isNegative(c) ? negative : page, c, alone, check));
      const tiers = { sure: first('sure'), text: first('text'), flat: first('flat') };
      const expected = tiers.sure ?? tiers.text ?? tiers.flat ?? 0xffffff;
      expect(choosePaper(page, candidates, negative)).toBe(expected);
      seen.add(tiers.sure !== undefined ? 'sure' : tiers.text !== undefined ? 'text' : tiers.flat !== undefined ? 'flat' : 'white');
      // Each check asks more than the one before it.
      for (const c of candidates) {
        const on = isNegative(c) ? negative : page;
        if (paperAgrees(on, c, alone, 'sure')) expect(paperAgrees(on, c, alone, 'text')).toBe(true);
        if (paperAgrees(on, c, alone, 'text')) expect(paperAgrees(on, c, alone, 'flat')).toBe(true);
      }
    }
    // The random pages reach more than one tier, so the fall-back order is exercised.
    expect(seen.size).toBeGreaterThan(1);
  });
});

const tesseract = spawnSync('tesseract', ['--version'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!tesseract)('the simulation against tesseract’s own binarized image', () => {
  it('calls the same colour bands ink as tesseract does on seeded random pages', async () => {
    if (!tesseract) return;
    const dir = await tempDir();
    const random = seeded(41);
    for (let n = 0; n < 6; n++) {
      const colours = [0xffffff, ...Array.from({ length: 2 + Math.floor(random() * 4) }, () => Math.floor(random() * 0x1000000))];
      const rows = colours.map(() => 10 + Math.floor(random() * 80));
      const width = 64;
      const height = rows.reduce((a, b) => a + b);
      const raw = Buffer.alloc(width * height * 3);
      const counts = new Map<number, number>();
      let y0 = 0;
      colours.forEach((rgb, i) => {
        for (let p = y0 * width; p < (y0 + rows[i]!) * width; p++) raw.set([rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff], p * 3);
        counts.set(rgb, (counts.get(rgb) ?? 0) + rows[i]! * width);
        y0 += rows[i]!;
      });
      await sharp(raw, { raw: { width, height, channels: 3 } })
        .png()
        .toFile(join(dir, 'page.png'));
      spawnSync('tesseract', [join(dir, 'page.png'), join(dir, 'out'), '-c', 'tessedit_write_images=1'], { encoding: 'utf8' });
      const tif = await readFile(join(dir, 'out.processed.tif'));
      const { data, info } = await sharp(tif).greyscale().raw().toBuffer({ resolveWithObject: true });
      const binarizer = otsuBinarizer(counts);
      y0 = 0;
      colours.forEach((rgb, i) => {
        const theirs = data[(y0 + (rows[i]! >> 1)) * info.width + (width >> 1)] === 0;
        expect([rgb.toString(16), theirs]).toEqual([rgb.toString(16), isInk(rgb, binarizer)]);
        y0 += rows[i]!;
      });
    }
  });
});
