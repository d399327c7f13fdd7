import { InternalError } from '../errors.js';
import { sharp } from '../io/cjs.js';
import { IntMap } from './int-map.js';
import { lineBytes, type IndexedImage, type RawPixels } from './indexed-image.js';

/**
 * Keeping small text dark when a screenshot is reduced to 16 colours.
 *
 * A palette quantiser (libimagequant) rounds every pixel to the nearest of its colours. The
 * strokes of 11–12 px text are one or two pixels wide and never reach their full ink colour:
 * they are blends of ink and background, and nearest-colour rounding sends many of them to a
 * lighter entry: the grey timestamps that prove when a message was sent fade, and OCR (and a
 * reviewer) lose them. The correction below brings them back as read in the lossless packet,
 * for a few per cent more bytes and some CPU time per screenshot (the blur, the pass below,
 * and deflating the PNG here rather than in libvips).
 *
 * So each pixel is compared with its neighbourhood (a Gaussian blur, sigma 1.5 px). Where it
 * stands out by more than a few levels of luma (it is part of a stroke or an edge) and the
 * quantiser's colour has less contrast with that neighbourhood than the pixel had, the pixel
 * takes the nearest palette colour that stands out at least as far, plus a small margin
 * (rounding towards the ink, not the background). Candidates whose hue is much further from
 * the pixel than the quantiser's own choice are never taken, so a coloured button's edge is
 * not outlined in another colour. Flat areas and gradients do not stand out from their
 * neighbourhood and keep the quantiser's colour.
 */

/** Luma difference from the neighbourhood below which a pixel is left as quantised. */
const STANDS_OUT = 6;
/** Contrast a re-chosen colour adds over the pixel's own (levels of luma, of 255). */
const MARGIN = 8;
/** How much further in hue (Cb/Cr distance) than the quantiser's colour a candidate may be. */
const HUE_SLACK = 16;
const NEIGHBOURHOOD_SIGMA = 1.5;

/** The neighbourhood keepInkContrast compares each pixel with: the pixels blurred, same layout. */
export function neighbourhoodOf(source: RawPixels): Promise<Buffer> {
  const { data, width, height, channels } = source;
  const image = sharp(data, { raw: { width, height, channels: channels as 1 | 3 } });
  // libvips would hand a one-channel image back as sRGB; grayscale stays one channel.
  return (channels === 1 ? image.toColourspace('b-w') : image).blur(NEIGHBOURHOOD_SIGMA).raw().toBuffer();
}

/** Luma in thousandths (Rec. 601 weights): whole numbers, so the hot loop never rounds. */
const luma1000 = (r: number, g: number, b: number): number => 299 * r + 587 * g + 114 * b;

/**
 * Re-chooses, in place, the palette index of pixels whose quantised colour lost contrast with
 * their neighbourhood. `source` and `blurred` are the pixels before quantising and their
 * blur; returns how many pixels changed.
 */
export function keepInkContrast(source: RawPixels, blurred: Buffer, image: IndexedImage): number {
  const { data, channels } = source;
  const pixels = source.width * source.height;
  if (
    image.width !== source.width ||
    image.height !== source.height ||
    blurred.length !== data.length ||
    image.rows.length !== lineBytes(image.width, image.bitDepth) * image.height
  ) {
    throw new InternalError('ink contrast: the quantised image and its source differ in size');
  }
  const colours = new InkPalette(image.palette);
  const { rows, bitDepth, width } = image;
  const pass: InkPass = {
    data,
    blurred,
    channels,
    rows,
    width,
    bitDepth,
    line: lineBytes(width, bitDepth),
    colours,
    decided: new IntMap(),
    rowEnd: width,
    rowOffset: 0,
    changed: 0,
  };
  // Most of a screenshot is flat, and there the blur is the pixel itself: four bytes are
  // compared at a time, and only the pixels overlapping a word that differs are examined.
  const words = data.length >> 2;
  const ours = wordsOf(data, words);
  const theirs = wordsOf(blurred, words);
  let next = 0;
  for (let w = 0; w <= words; w++) {
    let first: number;
    let last: number;
    if (w < words) {
      if (ours[w] === theirs[w]) continue;
      first = Math.max(next, ((w * 4) / channels) | 0);
      last = ((w * 4 + 3) / channels) | 0;
    } else {
      // The bytes after the last whole word.
      first = Math.max(next, ((words * 4) / channels) | 0);
      last = pixels - 1;
    }
    examinePixels(pass, first, last);
    next = last + 1;
  }
  return pass.changed;
}

/** What one keepInkContrast pass reads, and where it has got to in the packed rows. */
interface InkPass {
  readonly data: Buffer;
  readonly blurred: Buffer;
  readonly channels: number;
  readonly rows: Uint8Array;
  readonly width: number;
  readonly bitDepth: number;
  /** Bytes per packed row, with its filter byte. */
  readonly line: number;
  readonly colours: InkPalette;
  /** Replacements worked out: by colour and side, the index replaced and its replacement. */
  readonly decided: IntMap;
  rowEnd: number;
  rowOffset: number;
  changed: number;
}

/**
 * Pixels first…last (in order) of a pass: each that stands out from its neighbourhood and
 * whose quantised colour stops short of its own luma gets a colour that keeps the contrast.
 * Everything per pixel is written out in this one loop: it is the encoder's hottest.
 */
function examinePixels(pass: InkPass, first: number, last: number): void {
  const { data, blurred, channels, rows, width, bitDepth, line, colours, decided } = pass;
  const py = colours.py;
  const mask = (1 << bitDepth) - 1;
  const rgb = channels !== 1;
  const standsOut = STANDS_OUT * 1000;
  let { rowEnd, rowOffset, changed } = pass;
  for (let p = first; p <= last; p++) {
    const i = p * channels;
    const r = data[i]!;
    let y: number;
    let around: number;
    let g = r;
    let b = r;
    if (rgb) {
      g = data[i + 1]!;
      b = data[i + 2]!;
      if (r === blurred[i] && g === blurred[i + 1] && b === blurred[i + 2]) continue;
      y = luma1000(r, g, b);
      around = luma1000(blurred[i]!, blurred[i + 1]!, blurred[i + 2]!);
    } else {
      if (r === blurred[i]) continue;
      y = r * 1000;
      around = blurred[i]! * 1000;
    }
    const stands = y - around;
    if (stands <= standsOut && stands >= -standsOut) continue;
    const side = stands > 0 ? 1 : -1;
    // Where the pixel's index lies in the packed rows (as in locate, written out; pixels
    // come in order, so the row is followed rather than divided out).
    while (p >= rowEnd) {
      rowEnd += width;
      rowOffset += line;
    }
    const bit = (p - rowEnd + width) * bitDepth;
    const offset = rowOffset + 1 + (bit >> 3);
    const shift = 8 - bitDepth - (bit & 7);
    const chosen = (rows[offset]! >> shift) & mask;
    // Only a colour that stops short of the pixel's own luma (towards its neighbourhood) lost contrast.
    if ((py[chosen]! - y) * side >= 0) continue;
    // What replaces it depends only on the pixel's colour, the side and the quantiser's
    // colour (itself the same for every pixel of a colour), and anti-aliased text repeats
    // the same few blends: each is worked out once, kept with the colour it replaced.
    const key = ((r << 16) | (g << 8) | b) * 2 + (side > 0 ? 1 : 0);
    const known = decided.get(key);
    let to: number;
    if (known >= 0 && known >> 8 === chosen) to = known & 0xff;
    else {
      to = colours.recolour(r, g, b, y, side, chosen);
      decided.set(key, (chosen << 8) | to);
    }
    if (to !== chosen) {
      rows[offset] = (rows[offset]! & ~(mask << shift)) | (to << shift);
      changed++;
    }
  }
  pass.rowEnd = rowEnd;
  pass.rowOffset = rowOffset;
  pass.changed = changed;
}

/** The palette's colours as luma (in thousandths) and chroma, and the choice of a colour for a stroke. */
class InkPalette {
  readonly entries: number;
  readonly pr: Int32Array;
  readonly pg: Int32Array;
  readonly pb: Int32Array;
  readonly py: Int32Array;
  readonly pcb: Float64Array;
  readonly pcr: Float64Array;

  constructor(palette: Buffer) {
    const entries = (this.entries = palette.length / 3);
    this.pr = new Int32Array(entries);
    this.pg = new Int32Array(entries);
    this.pb = new Int32Array(entries);
    this.py = new Int32Array(entries);
    this.pcb = new Float64Array(entries);
    this.pcr = new Float64Array(entries);
    for (let e = 0; e < entries; e++) {
      const r = palette[e * 3]!;
      const g = palette[e * 3 + 1]!;
      const b = palette[e * 3 + 2]!;
      this.pr[e] = r;
      this.pg[e] = g;
      this.pb[e] = b;
      this.py[e] = luma1000(r, g, b);
      this.pcb[e] = (b - this.py[e]! / 1000) * 0.564;
      this.pcr[e] = (r - this.py[e]! / 1000) * 0.713;
    }
  }

  /**
   * The nearest colour (in RGB) at least MARGIN beyond the pixel's luma on its side, among
   * those not much further in hue than `chosen`; failing that, the one furthest on that side.
   */
  recolour(r: number, g: number, b: number, y: number, side: number, chosen: number): number {
    const { entries, pr, pg, pb, py, pcb, pcr } = this;
    const cb = (b - y / 1000) * 0.564;
    const cr = (r - y / 1000) * 0.713;
    const hueCap = (Math.sqrt((pcb[chosen]! - cb) ** 2 + (pcr[chosen]! - cr) ** 2) + HUE_SLACK) ** 2;
    let best = -1;
    let bestDistance = Number.POSITIVE_INFINITY;
    let most = chosen;
    for (let e = 0; e < entries; e++) {
      if ((pcb[e]! - cb) ** 2 + (pcr[e]! - cr) ** 2 > hueCap) continue;
      if ((py[e]! - py[most]!) * side > 0) most = e;
      if ((py[e]! - y) * side >= MARGIN * 1000) {
        const distance = (pr[e]! - r) ** 2 + (pg[e]! - g) ** 2 + (pb[e]! - b) ** 2;
        if (distance < bestDistance) {
          bestDistance = distance;
          best = e;
        }
      }
    }
    return best >= 0 ? best : most;
  }
}

/** The first `count` 32-bit words of a buffer (copied when it does not start on a multiple of 4). */
function wordsOf(buffer: Buffer, count: number): Uint32Array {
  const aligned = buffer.byteOffset % 4 === 0 ? buffer : new Uint8Array(buffer);
  return new Uint32Array(aligned.buffer, aligned.byteOffset, count);
}
