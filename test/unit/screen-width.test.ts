import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { laddersOf } from '../../src/budget/estimate.js';
import { fitToBudget } from '../../src/budget/fitter.js';
import { ladderFor, onScreen, SCREEN_SHARE } from '../../src/budget/ladder.js';
import type { ImageExhibit } from '../../src/evidence/model.js';
import { encodeAtRung, encodedWidth } from '../../src/imaging/encode.js';

/** A desktop chat capture: grey 11 px timestamps on pale bubbles, as the bench corpus draws them. */
async function chatCapture(seed: number, width = 1920, height = 1080): Promise<Buffer> {
  const bubbles = Array.from({ length: 12 }, (_, i) => {
    const y = 40 + i * 85;
    const x = i % 2 ? 340 : width - 560;
    const time = `${String((seed + i) % 24).padStart(2, '0')}:${String((seed * 7 + i * 3) % 60).padStart(2, '0')}`;
    return `<rect x="${x}" y="${y}" width="520" height="70" rx="8" fill="${i % 2 ? '#ffffff' : '#dcf8c6'}" stroke="#ddd"/><text x="${x + 10}" y="${y + 24}" font-size="14" font-family="DejaVu Sans" fill="#111">message ${seed}-${i} about the delivery of the order</text><text x="${x + 512}" y="${y + 62}" font-size="11" font-family="DejaVu Sans" fill="#8696a0" text-anchor="end">${time}</text>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#efeae2"/><rect width="320" height="100%" fill="#f7f7f7"/>${bubbles}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

function exhibitOf(bytes: Buffer, i: number, format: 'png' | 'jpeg' = 'png', width = 1920, height = 1080): ImageExhibit {
  return {
    kind: 'image',
    file: `c${i}.${format}`,
    source: { file: `c${i}.${format}`, absolutePath: `/c${i}.${format}`, bytes: bytes.length, sha256: `${i}` },
    image: { format, width, height, frames: 1, orientation: 1, hasAlpha: false, opaque: true },
    date: { epochMs: 0, text: '', source: 'manifest', zone: 'offset', precision: 'second' },
    dateCandidates: [],
    marks: { highlight: [], redact: [] },
  };
}

// A 1920 px capture drawn 696 pt wide on a 792 pt landscape page: 1687 px on a 1920 px screen.
const PLACED = 696;
const SCREEN = Math.round((PLACED * 1920) / 792);

describe('screenshots sized for the reviewer’s screen', () => {
  it('caps every 16-colour rung of a screenshot at its share of the screen width, and leaves 256 colours, photos and lossless alone', () => {
    const cap = Math.round(SCREEN * SCREEN_SHARE);
    for (const gray of [false, true]) {
      const capped = onScreen(ladderFor(false, gray), SCREEN);
      expect(capped.every((rung) => rung.maxWidth === (rung.colours === 16 ? cap : undefined))).toBe(true);
      expect(capped.filter((rung) => rung.maxWidth === cap).length).toBe(ladderFor(false, gray).length - 1);
      expect(onScreen(ladderFor(true, gray), SCREEN).every((rung) => rung.maxWidth === undefined)).toBe(true);
    }
    expect(onScreen(ladderFor(false, false), undefined)).toBe(ladderFor(false, false));
    const ladders = laddersOf({
      exhibits: [exhibitOf(Buffer.alloc(1), 0), exhibitOf(Buffer.alloc(1), 1, 'jpeg')],
      placedWidths: [PLACED, PLACED],
      screenWidths: [SCREEN, SCREEN],
      load: async () => Buffer.alloc(0),
      grayscale: false,
    });
    expect(ladders[0]![1]!.maxWidth).toBe(cap);
    expect(ladders[1]![1]!.maxWidth).toBeUndefined();
  });

  it('encodes a capture the viewer would reduce at the capped width, in fewer bytes than as captured', async () => {
    const bytes = await chatCapture(3);
    const exhibit = exhibitOf(bytes, 0);
    const top = ladderFor(false, false)[1]!;
    const capped = onScreen(ladderFor(false, false), SCREEN)[1]!;
    // Without the cap, 16 colours keep the capture's own 1920 px (the viewer reduces them).
    expect(encodedWidth(exhibit, PLACED, top)).toBe(1920);
    const asCaptured = await encodeAtRung(exhibit, bytes, PLACED, top);
    const onScreenEncode = await encodeAtRung(exhibit, bytes, PLACED, capped);
    expect(onScreenEncode.width).toBe(Math.round(SCREEN * SCREEN_SHARE));
    expect(onScreenEncode.width).toBeLessThan(SCREEN);
    expect(onScreenEncode.data.length).toBeLessThan(asCaptured.data.length);
    // A capture already smaller than the cap is never enlarged.
    const small = await chatCapture(4, 1000, 600);
    expect((await encodeAtRung(exhibitOf(small, 1, 'png', 1000, 600), small, PLACED, capped)).width).toBe(1000);
  });

  it('fits a tight budget in 16 colours with every capture at or under its cap, the same bytes every time', async () => {
    const files = await Promise.all([1, 2, 3, 4].map((seed) => chatCapture(seed)));
    const exhibits = files.map((f, i) => exhibitOf(f, i));
    const input = {
      exhibits,
      placedWidths: files.map(() => PLACED),
      screenWidths: files.map(() => SCREEN),
      load: async (i: number) => files[i]!,
      grayscale: false,
      imageBudget: 100_000,
    };
    const first = await fitToBudget(input);
    const second = await fitToBudget(input);
    expect(first.ok && second.ok, JSON.stringify(first.ok ? first.images.map((i) => [i.rung.label, i.width, i.data.length]) : first)).toBe(true);
    if (!first.ok || !second.ok) return;
    const total = first.images.reduce((sum, image) => sum + image.data.length, 0);
    expect(total).toBeLessThanOrEqual(100_000);
    expect(first.images.map((image) => image.rung.colours)).toEqual([16, 16, 16, 16]);
    for (const image of first.images) expect(image.width).toBeLessThanOrEqual(Math.round(SCREEN * SCREEN_SHARE));
    expect(first.images.map((image) => image.data.toString('base64'))).toEqual(second.images.map((image) => image.data.toString('base64')));
  });
});
