// Images for the OCR bench (BENCH_ONLY=ocr): a phone photo of a printed page at 12 MP with
// sensor grain, the same at 48 MP, a 300 dpi scan, and chat screenshots at 1x and 3x. Each
// records the words drawn on it, so recall can be measured by reading them back. Deterministic.
import sharp from 'sharp';
import { photoPage } from './bench-corpus.mjs';

const FONT = "font-family='DejaVu Sans, sans-serif'";
const SYLLABLES = 'ka ron mi sel ta dor ven lu pra ish mon ter ga ble fi nor sto ra qua den pel'.split(' ');

function rng(seed) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** A made-up word (so no dictionary helps either reader), a number or an invoice reference. */
function token(r) {
  const roll = r();
  if (roll < 0.12) return String(1000 + Math.floor(r() * 9000));
  if (roll < 0.18) return `INV-${100 + Math.floor(r() * 900)}`;
  const n = 2 + Math.floor(r() * 2);
  return Array.from({ length: n }, () => SYLLABLES[Math.floor(r() * SYLLABLES.length)]).join('');
}

/** Lines of tokens filling a column `width` px wide at `size` px font; returns the SVG text elements and the tokens. */
function textBlock(r, x, y0, width, lineCount, size, fill) {
  const parts = [];
  const tokens = [];
  for (let l = 0; l < lineCount; l++) {
    const words = [];
    let chars = 0;
    while (chars < (width / size) * 1.6) {
      const t = token(r);
      words.push(t);
      chars += t.length + 1;
    }
    words.pop();
    tokens.push(...words);
    parts.push(`<text x='${x}' y='${Math.round(y0 + l * size * 1.5)}' font-size='${size}' fill='${fill}'>${words.join(' ')}</text>`);
  }
  return { svg: parts.join(''), tokens };
}

/**
 * A phone photo of a printed page: the page (lit unevenly) on a darker desk, text at the size
 * a page filling the frame gives, sensor grain of `grain` levels, a slight blur. JPEG q90.
 */
export async function documentPhoto(width, height, seed, grain = 36) {
  const r = rng(seed);
  const [px, py, pw, ph] = [Math.round(width * 0.12), Math.round(height * 0.05), Math.round(width * 0.76), Math.round(height * 0.9)];
  const size = Math.round(ph / 62);
  const block = textBlock(r, px + size * 3, py + size * 5, pw - size * 6, 36, size, '#262626');
  const svg = `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' ${FONT}><rect width='100%' height='100%' fill='#6b5a48'/><rect x='${px}' y='${py}' width='${pw}' height='${ph}' fill='#eeeae2'/>${block.svg}</svg>`;
  const page = await sharp(Buffer.from(svg), { limitInputPixels: false }).removeAlpha().raw().toBuffer();
  // Uneven light and grain, added row by row to the drawn page.
  const noise = rng(seed * 7 + 1);
  for (let y = 0; y < height; y++) {
    const light = 0.82 + 0.18 * Math.sin((y / height) * Math.PI);
    for (let x = 0, o = y * width * 3; x < width; x++, o += 3) {
      const shade = light * (0.9 + 0.1 * Math.cos((x / width) * Math.PI - 0.6));
      for (let c = 0; c < 3; c++) page[o + c] = Math.max(0, Math.min(255, page[o + c] * shade + (noise() - 0.5) * grain));
    }
  }
  const data = await sharp(page, { raw: { width, height, channels: 3 }, limitInputPixels: false })
    .blur(1.1)
    .jpeg({ quality: 90 })
    .toBuffer();
  return { data, tokens: block.tokens };
}

/** A 300 dpi scan of an A4 page: white, 11 pt text, a little scanner noise. PNG, grey. */
export async function scanPage(seed) {
  const [width, height] = [2480, 3508];
  const r = rng(seed);
  const block = textBlock(r, 236, 300, 2000, 44, 46, '#111');
  const svg = `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' ${FONT}><rect width='100%' height='100%' fill='#fff'/>${block.svg}</svg>`;
  const data = await sharp(Buffer.from(svg)).grayscale().png({ compressionLevel: 6 }).toBuffer();
  return { data, tokens: block.tokens };
}

/** A chat screenshot at `scale` (1: a 1920 x 1080 desktop capture; 3: a 1170 x 2532 phone one). */
export async function chatScreenshot(scale, seed) {
  const r = rng(seed);
  const [width, height] = scale === 1 ? [1920, 1080] : [1170, 2532];
  const parts = [];
  const tokens = [];
  let y = 70 * scale;
  while (y < height - 90 * scale) {
    const mine = r() < 0.5;
    const w = (scale === 1 ? 620 : 300) * scale;
    const x = mine ? width - w - 20 * scale : 20 * scale;
    const lines = 1 + Math.floor(r() * 3);
    const h = (lines * 20 + 16) * scale;
    parts.push(`<rect x='${x}' y='${y}' width='${w}' height='${h}' rx='${8 * scale}' fill='${mine ? '#dcf8c6' : '#ffffff'}'/>`);
    const block = textBlock(r, x + 10 * scale, y + 20 * scale, w - 20 * scale, lines, 14 * scale, '#111');
    parts.push(
      block.svg
        .replace(/font-size='(\d+)'/g, (_, s) => `font-size='${s}'`)
        .replace(/y='(\d+)'/g, (_, v) => `y='${Math.round(y + 20 * scale + (Number(v) - y - 20 * scale) * (20 / 21))}'`),
    );
    tokens.push(...block.tokens);
    y += h + 10 * scale;
  }
  const svg = `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' ${FONT}><rect width='100%' height='100%' fill='#efeae2'/>${parts.join('')}</svg>`;
  return { data: await sharp(Buffer.from(svg)).png().toBuffer(), tokens };
}

/**
 * A 12 MP phone photo of a parcel: its label, six caption rows with a small grey timestamp at
 * the end of each, in the lower left of a grainy photo (bench-corpus.mjs photoPage, the photos
 * of the random cases of other sizes). Its tokens: the captions' words and the stamps' figures.
 */
export async function parcelPhoto(width, height, index) {
  const { data, times, captions } = await photoPage(index, width, height);
  const tokens = [...captions.flatMap((c) => c.split(/\s+/)), ...times.flatMap((t) => t.split(':'))];
  return { data, tokens };
}

/** Share of the drawn tokens (counted with repeats) that come back in `text`. */
export function recall(tokens, text) {
  const seen = new Map();
  for (const t of text.split(/[^\p{L}\p{N}-]+/u).filter(Boolean)) seen.set(t.toLowerCase(), (seen.get(t.toLowerCase()) ?? 0) + 1);
  let found = 0;
  for (const t of tokens) {
    const n = seen.get(t.toLowerCase()) ?? 0;
    if (n > 0) {
      found += 1;
      seen.set(t.toLowerCase(), n - 1);
    }
  }
  return found / Math.max(1, tokens.length);
}
