import { sharp } from '../io/cjs.js';
import { indexAt, lineBytes, setIndex, type IndexedImage, type RawPixels } from './indexed-image.js';
import { readIndexedPng } from './png.js';
import { IntMap } from './int-map.js';

/**
 * libimagequant's palette and nearest-colour mapping for a screenshot, at a fraction of its cost.
 *
 * libimagequant's time goes on every pixel, whatever the image holds (through libvips, 17 ns a
 * pixel: a flat grey 1920 × 1080 image takes as long as a busy chat), and a 16-colour encode
 * spent half its CPU there. A screenshot has few distinct colours, repeated in long runs: here
 * they are counted, and libimagequant is given each colour once per SAMPLE_EVERY pixels it
 * covers (at least once) — the same histogram in a sixteenth of the pixels. Its palette and the
 * index it gives each colour (its nearest entry) are then written to every pixel of that colour.
 * Images with too many colours for this to save anything (photos) are left to libimagequant.
 */

/** One copy of a colour in libimagequant's input for every this many pixels of it. */
const SAMPLE_EVERY = 16;
/** Beyond this share of distinct colours per pixel, counting saves nothing: the whole image goes to libimagequant. */
const MOST_DISTINCT = 1 / 16;
/** Beyond one run of a colour per this many pixels (dithered or noisy images), the whole image goes to libimagequant. */
const MOST_RUNS = 4;
/** Width of the image of colours handed to libimagequant. */
const SAMPLE_WIDTH = 512;

/** Distinct colours in the order they first appear: each one's key, pixel count and first pixel. */
export class ColourCounts {
  private ordinals = new IntMap(12);
  keys = new Int32Array(1024);
  counts = new Float64Array(1024);
  first = new Int32Array(1024);
  size = 0;

  /** Adds `count` pixels of a colour (a key from 0 to 2²⁴ − 1) first seen at `pixel`; returns its ordinal. */
  add(key: number, count: number, pixel: number): number {
    let n = this.ordinals.get(key);
    if (n < 0) {
      n = this.size++;
      this.ordinals.set(key, n);
      if (n === this.keys.length) {
        this.keys = grown(this.keys);
        this.counts = grown(this.counts);
        this.first = grown(this.first);
      }
      this.keys[n] = key;
      this.first[n] = pixel;
    }
    this.counts[n] = this.counts[n]! + count;
    return n;
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Runs of one colour, in pixel order, none across a row's end: where each starts, and its colour's ordinal. */
export interface Runs {
  readonly starts: Int32Array;
  readonly colours: Int32Array;
  readonly length: number;
}

/**
 * Counts the colours of gray or RGB pixels, a run at a time (an RGB pixel is read as one
 * little-endian word, its three bytes and the next pixel's first), and keeps the runs.
 * Undefined when there are more than `limit` colours or `maxRuns` runs.
 */
export function countColours(source: RawPixels, limit: number, maxRuns: number): { counts: ColourCounts; runs: Runs } | undefined {
  const { width, height, channels } = source;
  if (channels !== 1 && channels !== 3) return undefined;
  const counter = new RunCounter(source, limit, maxRuns);
  for (let y = 0; y < height; y++) if (!counter.row(y * width, (y + 1) * width)) return undefined;
  return { counts: counter.counts, runs: { starts: counter.starts, colours: counter.colours, length: counter.length } };
}

/**
 * The counting, a row per call, its state in an object rather than in closures made per
 * image: V8 keeps the optimised method from one image to the next, where it recompiled one
 * long loop over the image for each image's new closures.
 */
class RunCounter {
  readonly counts = new ColourCounts();
  starts: Int32Array<ArrayBuffer>;
  colours: Int32Array<ArrayBuffer>;
  length = 0;
  private readonly data: Buffer;
  private readonly view: DataView;
  private readonly lastWord: number;
  private readonly rgb: boolean;
  /** The pixels as 32-bit words, when they can be read so (little-endian, aligned). */
  private readonly words: Uint32Array | undefined;

  constructor(
    source: RawPixels,
    private readonly limit: number,
    private readonly maxRuns: number,
  ) {
    const { data, width, height, channels } = source;
    this.data = data;
    this.rgb = channels === 3;
    this.view = new DataView(data.buffer, data.byteOffset, data.length);
    this.lastWord = data.length - 4;
    this.words = LITTLE_ENDIAN && data.byteOffset % 4 === 0 ? new Uint32Array(data.buffer, data.byteOffset, data.length >> 2) : undefined;
    // Room for a run per 16 pixels to start with (a chat capture has fewer); it grows as needed.
    const room = Math.max(1024, 2 ** Math.ceil(Math.log2((width * height) / 16)));
    this.starts = new Int32Array(room);
    this.colours = new Int32Array(room);
  }

  private keyAt(p: number): number {
    if (!this.rgb) return this.data[p]!;
    const i = p * 3;
    return i <= this.lastWord ? this.view.getUint32(i, true) & 0xffffff : this.data[i]! | (this.data[i + 1]! << 8) | (this.data[i + 2]! << 16);
  }

  /** Counts the runs of the pixels from `begin` to `end` (one row); false when over a limit. */
  row(begin: number, end: number): boolean {
    const { words, rgb } = this;
    for (let p = begin; p < end; ) {
      const start = p;
      const key = this.keyAt(p++);
      while (p < end && (p & 3) !== 0 && this.keyAt(p) === key) p++;
      // Long runs are followed four pixels at a time: four pixels are a whole number of aligned
      // words (three for RGB, one for gray), compared with the same pixels of the run's colour.
      if (words && p + 4 <= end && (p & 3) === 0 && this.keyAt(p) === key) {
        if (rgb) {
          const r = key & 0xff;
          const g = (key >> 8) & 0xff;
          const b = key >>> 16;
          const w0 = (r | (g << 8) | (b << 16) | (r << 24)) >>> 0;
          const w1 = (g | (b << 8) | (r << 16) | (g << 24)) >>> 0;
          const w2 = (b | (r << 8) | (g << 16) | (b << 24)) >>> 0;
          for (let w = (p >> 2) * 3; p + 4 <= end && words[w] === w0 && words[w + 1] === w1 && words[w + 2] === w2; w += 3) p += 4;
        } else {
          const w0 = Math.imul(key, 0x01010101) >>> 0;
          for (let w = p >> 2; p + 4 <= end && words[w] === w0; w++) p += 4;
        }
      }
      while (p < end && this.keyAt(p) === key) p++;
      if (this.length >= this.maxRuns) return false;
      if (this.length === this.starts.length) {
        this.starts = grown(this.starts);
        this.colours = grown(this.colours);
      }
      this.starts[this.length] = start;
      this.colours[this.length++] = this.counts.add(key, p - start, start);
      if (this.counts.size > this.limit) return false;
    }
    return true;
  }
}

function grown<T extends Int32Array<ArrayBuffer> | Float64Array<ArrayBuffer>>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}

export interface QuantiseOptions {
  /** libimagequant's settings, as sharp takes them (palette, dither, effort…), without colours. */
  readonly quantiser: Record<string, unknown>;
  readonly colours: number;
}

/**
 * The image (gray or RGB) in at most `colours` palette entries, as libimagequant maps it, or
 * undefined when it has too many distinct colours or runs for counting them to help (the
 * caller quantises it whole).
 */
export async function quantiseByCounts(source: RawPixels, options: QuantiseOptions): Promise<IndexedImage | undefined> {
  const { width, height, channels } = source;
  const pixels = width * height;
  // Capped, so that a long scrolling capture never holds more than ~50 MB of tables here.
  // Whole numbers, as the counter compares them with whole numbers.
  const counted = countColours(
    source,
    Math.min(1 << 18, Math.max(256, Math.floor(pixels * MOST_DISTINCT))),
    Math.min(1 << 22, Math.max(4096, Math.ceil(pixels / MOST_RUNS))),
  );
  if (!counted) return undefined;
  const { sample, firstAt, sampleWidth, sampleHeight } = sampleOfCounts(source, counted.counts);
  const raw = { width: sampleWidth, height: sampleHeight, channels: channels as 1 | 3 };
  const png = await sharp(sample, { raw })
    .png({ ...options.quantiser, colours: options.colours, compressionLevel: 0 })
    .toBuffer();
  const mapped = readIndexedPng(png);
  // Each colour's index, by its ordinal: the one its first copy was given.
  const indexOf = new Uint8Array(counted.counts.size);
  for (let n = 0; n < indexOf.length; n++) indexOf[n] = indexAt(mapped, firstAt[n]!);
  return paintRuns(width, height, mapped, counted.runs, indexOf);
}

/*
 * The steps below are functions of their own, not part of the async function above: V8
 * compiles each when it is hot, where it compiled the one large async function several
 * times over a build, each time at length.
 */

/**
 * The colours, each repeated for its share of the pixels, in the order they first appear;
 * the last row is filled with the commonest colour, which loses nothing by a few more.
 * `firstAt[n]`: where colour n's first copy is.
 */
function sampleOfCounts(source: RawPixels, counts: ColourCounts): { sample: Buffer; firstAt: Int32Array; sampleWidth: number; sampleHeight: number } {
  const { data, channels } = source;
  const { size, first } = counts;
  let commonest = 0;
  let total = 0;
  const copies = new Int32Array(size);
  for (let n = 0; n < size; n++) {
    copies[n] = Math.max(1, Math.round(counts.counts[n]! / SAMPLE_EVERY));
    total += copies[n]!;
    if (counts.counts[n]! > counts.counts[commonest]!) commonest = n;
  }
  const sampleWidth = Math.min(SAMPLE_WIDTH, total);
  const sampleHeight = Math.ceil(total / sampleWidth);
  const sample = Buffer.alloc(sampleWidth * sampleHeight * channels);
  const firstAt = new Int32Array(size);
  let at = 0;
  for (let n = 0; n < size; n++) {
    firstAt[n] = at;
    copyPixel(sample, at, at + copies[n]!, data, first[n]!, channels);
    at += copies[n]!;
  }
  copyPixel(sample, at, sampleWidth * sampleHeight, data, first[commonest]!, channels);
  return { sample, firstAt, sampleWidth, sampleHeight };
}

/** Writes pixel `pixel` of `data` to pixels `from` to `to` of `sample`. */
function copyPixel(sample: Buffer, from: number, to: number, data: Buffer, pixel: number, channels: number): void {
  for (let band = 0; band < channels; band++) {
    const value = data[pixel * channels + band]!;
    for (let at = from * channels + band; at < to * channels; at += channels) sample[at] = value;
  }
}

/**
 * Every run takes its colour's index, packed as the PNG packs it: whole bytes at once, the
 * pixels sharing a byte with a neighbouring run one by one.
 */
function paintRuns(width: number, height: number, mapped: IndexedImage, runs: Runs, indexOf: Uint8Array): IndexedImage {
  const { bitDepth } = mapped;
  const pixels = width * height;
  const line = lineBytes(width, bitDepth);
  const image = { width, height, bitDepth, palette: mapped.palette, rows: Buffer.alloc(line * height) };
  const { rows } = image;
  // Pixels per byte (8, 4, 2 or 1), a power of two: masks and shifts rather than division.
  const perByte = 8 / bitDepth;
  const partial = perByte - 1;
  const shift = Math.log2(perByte);
  const filled = new Uint8Array(indexOf.length);
  for (let n = 0; n < indexOf.length; n++) filled[n] = repeatedIndex(indexOf[n]!, bitDepth);
  let y = 0;
  let rowEnd = width;
  for (let r = 0; r < runs.length; r++) {
    const start = runs.starts[r]!;
    while (start >= rowEnd) {
      y++;
      rowEnd += width;
    }
    const stop = r + 1 < runs.length ? runs.starts[r + 1]! : pixels;
    const colour = runs.colours[r]!;
    const index = indexOf[colour]!;
    const rowStart = y * line + 1;
    const rowFirst = rowEnd - width;
    let x = start - rowFirst;
    const xEnd = stop - rowFirst;
    while (x < xEnd && (x & partial) !== 0) setIndex(image, rowFirst + x++, index);
    const wholeEnd = xEnd & ~partial;
    if (wholeEnd > x) {
      // Short runs byte by byte here: a call into Buffer.fill costs more than a few stores.
      const from = rowStart + (x >> shift);
      const to = rowStart + (wholeEnd >> shift);
      if (to - from > 32) rows.fill(filled[colour]!, from, to);
      else for (let o = from; o < to; o++) rows[o] = filled[colour]!;
      x = wholeEnd;
    }
    while (x < xEnd) setIndex(image, rowFirst + x++, index);
  }
  return image;
}

/** A byte holding the same index in every position. */
function repeatedIndex(index: number, bitDepth: number): number {
  let byte = 0;
  for (let bit = 0; bit < 8; bit += bitDepth) byte = (byte << bitDepth) | index;
  return byte;
}
