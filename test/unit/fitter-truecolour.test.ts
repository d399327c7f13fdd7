import { describe, expect, it } from 'vitest';
import { fitToBudget } from '../../src/budget/fitter.js';
import type { ImageExhibit } from '../../src/evidence/model.js';
import { sharp } from '../../src/io/cjs.js';

function exhibitFor(file: string, width: number, height: number, format: 'png' | 'jpeg'): ImageExhibit {
  return {
    kind: 'image',
    file,
    source: { file, absolutePath: `/${file}`, bytes: width * height, sha256: file },
    image: { format, width, height, frames: 1, orientation: 1, hasAlpha: false },
    date: { epochMs: 0, text: '', source: 'manifest', zone: 'offset', precision: 'second' },
    dateCandidates: [],
    marks: { highlight: [], redact: [] },
  } as unknown as ImageExhibit;
}

/** A capture whose small text is antialiased (more than 256 colours), as a real desktop capture's is. */
async function capture(seed: number, width: number, height: number): Promise<Buffer> {
  const lines: string[] = [];
  for (let y = 20; y < height - 10; y += 18) {
    for (let x = 10 + ((y * seed) % 23); x < width - 60; x += 70) {
      lines.push(
        `<line x1="${x + 0.3}" y1="${y + 0.4}" x2="${x + 40.7}" y2="${y + 3.2}" stroke="#${['3b4a54', '667781', '111b21'][(x + y) % 3]}" stroke-width="1.3"/>`,
      );
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#efeae2"/><rect x="${width / 3}" width="${width / 2}" height="${height}" fill="#d9fdd3"/>${lines.join('')}</svg>`;
  return sharp(Buffer.from(svg)).removeAlpha().png().toBuffer();
}

async function photo(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let a = 12345;
  for (let i = 0; i < raw.length; i++) {
    a = (a * 1103515245 + 12345) >>> 0;
    raw[i] = 90 + ((i / 3) % width) / 8 + (a >>> 28);
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 92 })
    .toBuffer();
}

describe('the fitter’s first rung for screenshots', () => {
  it('keeps a capture truecolour when the budget has room, and takes the 256-colour palette before a photo loses quality', async () => {
    const files = [await capture(1, 1440, 900), await capture(2, 1280, 800), await photo(1600, 1200)];
    const exhibits = [exhibitFor('a.png', 1440, 900, 'png'), exhibitFor('b.png', 1280, 800, 'png'), exhibitFor('c.jpg', 1600, 1200, 'jpeg')];
    const set = { exhibits, placedWidths: [540, 540, 540], load: async (i: number) => files[i]!, grayscale: false };

    const roomy = await fitToBudget({ ...set, imageBudget: 50_000_000 });
    if (!roomy.ok) throw new Error('no fit');
    expect(roomy.images.map((image) => image.rung.encoding)).toEqual(['png-rgb', 'png-rgb', 'jpeg']);
    expect(roomy.images[2]!.rung.quality).toBe(80);

    // Room for the captures in 256 colours and the photo as it was: the captures step first.
    const roomyBytes = roomy.images.map((image) => image.data.length);
    const tighter = await fitToBudget({ ...set, imageBudget: Math.round(roomyBytes[2]! + (roomyBytes[0]! + roomyBytes[1]!) * 0.6) });
    if (!tighter.ok) throw new Error('no fit');
    expect(tighter.images.some((image) => image.rung.encoding === 'png-palette' && image.rung.colours === 256)).toBe(true);
    expect(tighter.images[2]!.rung).toMatchObject({ encoding: 'jpeg', quality: 80 });
  });
});
