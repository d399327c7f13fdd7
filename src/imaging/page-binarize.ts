/**
 * How a reader's OCR will split a rendered page into ink and paper, simulated from colour
 * counts, and the page background that keeps a capture's pixels split as they are when the
 * capture is read alone.
 *
 * Tesseract's default binarization takes one Otsu threshold per colour channel over the
 * whole page, uses a channel only when one side of it holds under a quarter of the pixels
 * (else the least bad channel), and calls a pixel ink when any used channel says so. A large
 * white page around a light capture can move the blue threshold between white and the
 * capture's light tones, so a pale green chat bubble turns to ink and its words are lost.
 * The same formula is restated here so that a page can be checked before it is drawn, from
 * its images' colours and its own marks as drawn (document/render/page-marks.ts).
 */

/** Colours as 0xRRGGBB, each with how many pixels have it (at the size the page is read). */
export type ColourCounts = ReadonlyMap<number, number>;

/** Per channel (R, G, B): the threshold, and which side is ink (1: at or under it, 0: over it, -1: channel unused). */
export interface Binarizer {
  readonly thresholds: readonly number[];
  readonly hi: readonly number[];
}

const CHANNEL_SHIFTS = [16, 8, 0] as const;

function channelHistogram(counts: ColourCounts, shift: number): Float64Array {
  const histogram = new Float64Array(256);
  for (const [rgb, n] of counts) histogram[(rgb >> shift) & 0xff]! += n;
  return histogram;
}

/** Otsu's threshold of one histogram as tesseract's OtsuStats finds it, with the dark side's count. */
export function otsuStats(histogram: Float64Array): { t: number; omega0: number; total: number } {
  let total = 0;
  let muT = 0;
  for (let i = 0; i < 256; i++) {
    total += histogram[i]!;
    muT += i * histogram[i]!;
  }
  let bestT = -1;
  let bestOmega0 = 0;
  let bestSig = 0;
  let omega0 = 0;
  let mu = 0;
  for (let t = 0; t < 255; t++) {
    omega0 += histogram[t]!;
    mu += t * histogram[t]!;
    if (omega0 === 0) continue;
    const omega1 = total - omega0;
    if (omega1 <= 0) break;
    const diff = (muT - mu) / omega1 - mu / omega0;
    const sig = diff * diff * omega0 * omega1;
    if (bestT < 0 || sig > bestSig) {
      bestSig = sig;
      bestT = t;
      bestOmega0 = omega0;
    }
  }
  return { t: bestT, omega0: bestOmega0, total };
}

/** The thresholds tesseract would take for a page of these colours (its OtsuThreshold). */
export function otsuBinarizer(counts: ColourCounts): Binarizer {
  return binarizerOf(CHANNEL_SHIFTS.map((shift) => channelHistogram(counts, shift)));
}

/** The thresholds tesseract would take for a page with these R, G and B histograms. */
function binarizerOf(histograms: readonly Float64Array[]): Binarizer {
  const thresholds = [-1, -1, -1];
  const hi = [-1, -1, -1];
  let anyGood = false;
  let best = { dist: 0, value: 1, channel: 0 };
  histograms.forEach((histogram, ch) => {
    const { t, omega0, total } = otsuStats(histogram);
    if (omega0 === 0 || omega0 >= total) return;
    thresholds[ch] = t;
    if (omega0 > total * 0.75) {
      anyGood = true;
      hi[ch] = 0;
    } else if (omega0 < total * 0.25) {
      anyGood = true;
      hi[ch] = 1;
    } else {
      const value = omega0 < total * 0.5 ? 1 : 0;
      const dist = value ? total - omega0 : omega0;
      if (dist > best.dist) best = { dist, value, channel: ch };
    }
  });
  if (!anyGood) hi[best.channel] = best.value;
  return { thresholds, hi };
}

/** Whether a pixel of this colour comes out as ink (tesseract's ThresholdRectToPix). */
export function isInk(rgb: number, binarizer: Binarizer): boolean {
  for (let ch = 0; ch < 3; ch++) {
    const hi = binarizer.hi[ch]!;
    if (hi < 0) continue;
    const value = (rgb >> CHANNEL_SHIFTS[ch]!) & 0xff;
    if (value > binarizer.thresholds[ch]! === (hi === 0)) return true;
  }
  return false;
}

/**
 * A colour that holds at least this share of the images' pixels is a flat region (a chat
 * bubble, a pane, a bar). What is lost to OCR is such a region turned to ink as a whole; a
 * photo's continuous tones move across any threshold a little and are not counted.
 */
export const FLAT_SHARE = 0.005;

function merged(parts: readonly ColourCounts[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const part of parts) for (const [rgb, n] of part) out.set(rgb, (out.get(rgb) ?? 0) + n);
  return out;
}

/**
 * A page to check (pixels at the size it is read): its images' colours; its own marks as
 * drawn (filled boxes, rules, frames, text with its antialiased edges); and the paper left
 * around them.
 */
export interface PageColours {
  readonly images: ColourCounts;
  readonly fills: ColourCounts;
  readonly paper: number;
}

const WHITE = 0xffffff;

/** A share of the images' pixels split otherwise on the page than alone that still counts as agreeing (antialiasing, rounding). */
export const FLIP_TOLERANCE = 0.01;

/** A page's channel histograms without its paper, and its images' flat colours: what every paper shares. */
interface PageParts {
  readonly base: Float64Array[];
  readonly flat: readonly (readonly [number, number])[];
  readonly imagePixels: number;
}

const partsOf = new WeakMap<PageColours, PageParts>();

function pageParts(page: PageColours): PageParts {
  let parts = partsOf.get(page);
  if (!parts) {
    const base = CHANNEL_SHIFTS.map((shift) => channelHistogram(merged([page.images, page.fills]), shift));
    let imagePixels = 0;
    for (const n of page.images.values()) imagePixels += n;
    const flat = [...page.images].filter(([, n]) => n >= imagePixels * FLAT_SHARE);
    parts = { base, flat, imagePixels };
    partsOf.set(page, parts);
  }
  return parts;
}

/** Whether a page with this paper colour binarizes its images' flat colours as they binarize alone. */
export function paperAgrees(page: PageColours, paper: number, alone: Binarizer = otsuBinarizer(page.images)): boolean {
  const parts = pageParts(page);
  const histograms = parts.base.map((base, ch) => {
    const histogram = Float64Array.from(base);
    histogram[(paper >> CHANNEL_SHIFTS[ch]!) & 0xff]! += page.paper;
    return histogram;
  });
  const onPage = binarizerOf(histograms);
  let flipped = 0;
  for (const [rgb, n] of parts.flat) if (isInk(rgb, onPage) !== isInk(rgb, alone)) flipped += n;
  return parts.imagePixels === 0 || flipped / parts.imagePixels <= FLIP_TOLERANCE;
}

/**
 * The paper colour the page is drawn on: white when white agrees, else the first other
 * candidate that does, else white (no candidate is sure, so the page
 * is left as it would have been).
 */
export function choosePaper(page: PageColours, candidates: readonly number[]): number {
  const alone = otsuBinarizer(page.images);
  return candidates.find((paper) => paperAgrees(page, paper, alone)) ?? WHITE;
}

/**
 * Papers to try, in order: white, then light greys dark enough to join a capture's light
 * tones and light enough for the page's text. No colour of the capture's own: a page in a
 * screenshot's tan or green is a change a reviewer would notice.
 */
export const PAPERS: readonly number[] = [WHITE, 0xf5f5f5, 0xf0f0f0, 0xebebeb, 0xe6e6e6];
