import { describe, expect, it } from 'vitest';
import { paperFor, runningHeadOps, type PaperContext } from '../../src/document/render/page-paper.js';
import { loadFonts } from '../../src/document/fonts/load-fonts.js';
import type { DrawOp, FontFace, PacketPlan, PageSize } from '../../src/document/types.js';
import type { PreparedImage } from '../../src/imaging/encode.js';
import { sharp } from '../../src/io/cjs.js';

/** A landscape page with one capture drawn across it under a caption band, as random case 3's page 10 is laid out. */
const SIZE: PageSize = { width: 792, height: 612 };
const CAPTION = 'A caption line of about the length the packet prints under a desktop capture, with its date';

function pageOps(): DrawOp[] {
  return [
    { op: 'rect', x: 48, y: 490, w: 696, h: 60, fillGray: 0.94 },
    ...[529, 515, 501].map((y): DrawOp => ({ op: 'text', x: 56, y, text: CAPTION, size: 10.5, face: 'regular', gray: 0.4 })),
    { op: 'rect', x: 47.5, y: 124, w: 697, h: 355, strokeGray: 0.5, strokeWidth: 0.5 },
  ];
}

/** A capture of flat regions, band by band: [colour, share of its height]. */
async function capture(bands: readonly (readonly [number, number])[], width = 1240, height = 632): Promise<PreparedImage> {
  const raw = Buffer.alloc(width * height * 3);
  let row = 0;
  for (const [rgb, share] of bands) {
    const rows = Math.round(share * height);
    for (let p = row * width; p < Math.min(height, row + rows) * width; p++) raw.set([rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff], p * 3);
    row += rows;
  }
  const data = await sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
  return { encoding: 'png', data, width, height, dpi: 128 } as unknown as PreparedImage;
}

function plan(): PacketPlan {
  return {
    pages: [{ kind: 'exhibit', label: 'Exhibit 8', ops: pageOps(), exhibit: 0, size: SIZE }],
    placements: [{ exhibit: 0, page: 1, x: 48, y: 124.6, width: 696, height: 354.4 }],
    focus: [],
    exhibitStartPages: [1],
    exhibitEndPages: [1],
  };
}

const fonts = await loadFonts();
const glyphs = { font: (face: FontFace) => fonts.fontkit.create(fonts.bytes[face]), visible: (text: string) => fonts.visible(text) };

function context(image: PreparedImage | undefined, copied: string[] = []): PaperContext {
  return { imageFor: async () => image, glyphs, shares: new Map(), windows: new Map(), copied: new Set(copied) };
}

const head = runningHeadOps(SIZE, { left: 'Case dp_1042', right: 'Exhibit 8', footer: 'page 10 of 19' }, fonts.measure.bind(fonts));

/** Green bubbles, sidebar, pane, white bubbles, bars, message text and stamps, near the shares random case 3's exhibit 8 holds them in. */
const CHAT: [number, number][] = [
  [0xdcf8c6, 0.32],
  [0xf7f7f7, 0.315],
  [0xefeae2, 0.195],
  [0xffffff, 0.11],
  [0xdfe0dd, 0.03],
  [0x111b21, 0.02],
  [0x8696a0, 0.01],
];

describe('the paper a page with a capture is drawn on', () => {
  it('tints a page whose white would turn the capture’s green bubbles to ink', async () => {
    const tint = await paperFor(plan(), 0, SIZE, head, context(await capture(CHAT)));
    expect([0xf5f5f5, 0xf0f0f0, 0xebebeb, 0xe6e6e6]).toContain(tint);
    // The same page, the same paper.
    expect(await paperFor(plan(), 0, SIZE, head, context(await capture(CHAT)))).toBe(tint);
  });

  it('keeps white for a black-on-white capture, a page without images, and a PDF page copied as it is', async () => {
    const document = await capture([
      [0xffffff, 0.9],
      [0x202020, 0.1],
    ]);
    expect(await paperFor(plan(), 0, SIZE, head, context(document))).toBeUndefined();
    expect(await paperFor({ ...plan(), placements: [] }, 0, SIZE, head, context(document))).toBeUndefined();
    expect(await paperFor(plan(), 0, SIZE, head, context(await capture(CHAT), ['0:']))).toBeUndefined();
  });

  it('samples an image drawn on several pages once, and keeps the shares of only the last few images', async () => {
    const image = await capture(CHAT);
    const asked: number[] = [];
    const imageFor = async (i: number) => {
      asked.push(i);
      return image;
    };
    const shared: PaperContext = { ...context(image), imageFor };
    // Exhibit 0 drawn on pages 1 and 2 at the same width (a capture split over pages), then exhibits 1 to 6 on pages 3 to 8.
    const pages = Array.from({ length: 8 }, (_, k) => ({ ...plan().pages[0]!, exhibit: Math.max(0, k - 1) }));
    const placements = pages.map((page, k) => ({ ...plan().placements[0]!, exhibit: page.exhibit, page: k + 1 }));
    const many: PacketPlan = { ...plan(), pages, placements };
    const tints = [];
    for (let i = 0; i < pages.length; i++) tints.push(await paperFor(many, i, SIZE, head, shared));
    expect(asked).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(new Set(tints).size).toBe(1);
    expect(shared.shares.size).toBeLessThanOrEqual(4);
  });
});
