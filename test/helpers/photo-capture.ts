import sharp from 'sharp';

/** Where things are in photoWithCaptions' image, in pixels. */
export const PHOTO_LAYOUT = {
  width: 1600,
  height: 1200,
  /** Six caption rows (15 px dark text on a light strip), each with a grey 12 px timestamp at its right end. */
  captions: { x0: 40, x1: 740, y0: 900, y1: 1164 },
  timestamps: ['03:33', '04:40', '05:47', '06:54', '07:01', '08:08'],
  timestampX: { x0: 690, x1: 730 },
};

const CAPTIONS = [
  'delivered to the front door',
  'parcel signed for by Jane Doe',
  'photo taken by the courier',
  'tracking number AB123456',
  'left with the concierge',
  'order INV-0042 complete',
];

/** The photo's grain and tint: a seed for its noise, its base colour, and the periods of its shading (pixels). */
export interface PhotoLook {
  readonly seed: number;
  readonly base?: readonly [number, number, number];
  readonly period: readonly [number, number];
}

/**
 * A photo whose timestamps tesseract's page readings miss (its layout analysis and two
 * sparse-text readings read the captions and next to none of the grey digits): the grain,
 * tint and shading of the bench corpus's tenth photo (scripts/bench-corpus.mjs).
 */
export const HARD_PHOTO: PhotoLook = { seed: 1009, period: [39, 54] };

/**
 * A grainy photo (1600 × 1200 JPEG) with captions and timestamps over it, as a delivery or
 * gallery photo has. Deterministic. Without a base colour, it is drawn from the seed.
 */
export async function photoWithCaptions(look: PhotoLook = { seed: 7, base: [150, 120, 170], period: [37, 52] }): Promise<Buffer> {
  const { width, height } = PHOTO_LAYOUT;
  const raw = Buffer.alloc(width * height * 3);
  let seed = look.seed;
  const next = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const [cr, cg, cb] = look.base ?? [80 + next() * 120, 80 + next() * 120, 80 + next() * 120];
  const [px, py] = look.period;
  for (let p = 0; p < width * height; p++) {
    const x = p % width;
    const y = Math.floor(p / width);
    const wave = 40 * Math.sin(x / px) * Math.cos(y / py);
    raw[p * 3] = Math.max(0, Math.min(255, cr + wave + (next() - 0.5) * 60));
    raw[p * 3 + 1] = Math.max(0, Math.min(255, cg + wave + (next() - 0.5) * 60));
    raw[p * 3 + 2] = Math.max(0, Math.min(255, cb - wave + (next() - 0.5) * 60));
  }
  const font = "font-family='DejaVu Sans, sans-serif'";
  const rows = CAPTIONS.map(
    (text, i) =>
      `<rect x='40' y='${900 + i * 44}' width='700' height='36' fill='#ffffff' opacity='0.85'/><text x='50' y='${924 + i * 44}' font-size='15' fill='#222'>${text}</text><text x='730' y='${924 + i * 44}' font-size='12' fill='#777' text-anchor='end'>${PHOTO_LAYOUT.timestamps[i]}</text>`,
  ).join('');
  const overlay = Buffer.from(`<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' ${font}>${rows}</svg>`);
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .blur(1.2)
    .composite([{ input: overlay }])
    .jpeg({ quality: 90 })
    .toBuffer();
}
