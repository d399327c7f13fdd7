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

/** Otsu's between-class variance of a histogram at each threshold (-1 where one side is empty), with the dark side's count. */
function otsuCurve(histogram: Float64Array): { sigs: Float64Array; omegas: Float64Array; total: number } {
  let total = 0;
  let muT = 0;
  for (let i = 0; i < 256; i++) {
    total += histogram[i]!;
    muT += i * histogram[i]!;
  }
  const sigs = new Float64Array(255).fill(-1);
  const omegas = new Float64Array(255);
  let omega0 = 0;
  let mu = 0;
  for (let t = 0; t < 255; t++) {
    omega0 += histogram[t]!;
    mu += t * histogram[t]!;
    if (omega0 === 0) continue;
    const omega1 = total - omega0;
    if (omega1 <= 0) break;
    const diff = (muT - mu) / omega1 - mu / omega0;
    sigs[t] = diff * diff * omega0 * omega1;
    omegas[t] = omega0;
  }
  return { sigs, omegas, total };
}

/** Otsu's threshold of one histogram as tesseract's OtsuStats finds it (the first best), with the dark side's count. */
export function otsuStats(histogram: Float64Array): { t: number; omega0: number; total: number } {
  return bestSplit(otsuCurve(histogram));
}

/** The first threshold in [from, to) of greatest variance at least `floor`, -1 for none. */
function bestIn(sigs: Float64Array, from: number, to: number, floor: number): number {
  let best = -1;
  for (let t = from; t < to; t++) if (sigs[t]! >= floor && (best < 0 || sigs[t]! > sigs[best]!)) best = t;
  return best;
}

/** Otsu's split of a curve: its first best threshold, with the dark side's count. */
function bestSplit({ sigs, omegas, total }: ReturnType<typeof otsuCurve>): Split {
  const t = bestIn(sigs, 0, 255, 0);
  return t < 0 ? { t: -1, omega0: 0, total } : { t, omega0: omegas[t]!, total };
}

/** The thresholds tesseract would take for a page of these colours (its OtsuThreshold). */
export function otsuBinarizer(counts: ColourCounts): Binarizer {
  return binarizerOf(CHANNEL_SHIFTS.map((shift) => channelHistogram(counts, shift)));
}

type Split = { t: number; omega0: number; total: number };

/** The thresholds tesseract would take for a page with these R, G and B histograms (or with the splits given instead). */
function binarizerOf(histograms: readonly Float64Array[], splits: readonly Split[] = histograms.map(otsuStats)): Binarizer {
  const thresholds = [-1, -1, -1];
  const hi = [-1, -1, -1];
  let anyGood = false;
  let best = { dist: 0, value: 1, channel: 0 };
  splits.forEach(({ t, omega0, total }, ch) => {
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

/** A split within this share of Otsu's best between-class variance is one a page counted a little otherwise may take (closeSplits). */
export const NEAR_EVEN = 0.05;

/**
 * The binarizers a page may get instead of Otsu's best: on a channel where a flat colour's
 * level could go to the other side by a split within NEAR_EVEN of the best (the best split
 * beyond that level), the binarizer with that split. Otsu's curve is nearly flat between two
 * large masses, and a third (a dark page's green bubbles) then joins the side that wins by a
 * hair: the page's count here and poppler's page differ by more than that.
 */
function closeSplits(histograms: readonly Float64Array[], flatLevels: readonly (readonly number[])[]): Binarizer[] {
  const curves = histograms.map(otsuCurve);
  const best = curves.map(bestSplit);
  const out: Binarizer[] = [];
  curves.forEach(({ sigs, omegas, total }, ch) => {
    const t0 = best[ch]!.t;
    if (t0 < 0) return;
    const floor = sigs[t0]! * (1 - NEAR_EVEN);
    for (const level of flatLevels[ch]!) {
      // The split that would move this level to the other side: the best threshold beyond it.
      const alt = level <= t0 ? bestIn(sigs, 0, level, floor) : bestIn(sigs, level, 255, floor);
      if (alt < 0) continue;
      const splits = best.map((b, k) => (k === ch ? { t: alt, omega0: omegas[alt]!, total } : b));
      out.push(binarizerOf(histograms, splits));
    }
  });
  return out;
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

/** Levels between an ink pixel and the threshold that makes it ink that the page must keep (up to what it has alone). */
export const TEXT_MARGIN = 24;

/** Share of the images' ink pixels (alone) that may lose their margin on the page (textKept). */
export const TEXT_LOSS = 0.05;

/** How far (levels) a colour stands on the ink side of the channel that makes it ink furthest; -1 when it is not ink. */
function inkMargin(rgb: number, binarizer: Binarizer): number {
  let margin = -1;
  for (let ch = 0; ch < 3; ch++) {
    const hi = binarizer.hi[ch]!;
    if (hi < 0) continue;
    const value = (rgb >> CHANNEL_SHIFTS[ch]!) & 0xff;
    const t = binarizer.thresholds[ch]!;
    if (hi === 0 && value > t) margin = Math.max(margin, value - t);
    if (hi === 1 && value <= t) margin = Math.max(margin, t - value);
  }
  return margin;
}

/**
 * Whether the images' ink (their text: letters, a time stamp's grey, their antialiased
 * edges) stays ink on the page with the margin it has alone, up to TEXT_MARGIN levels, all
 * but TEXT_LOSS of it. A dark-mode capture on white keeps its flat colours' sides, but its
 * threshold moves up to its grey time stamps, which then come apart into specks though the
 * cores still count as ink (random case 1 in dark colours: 0 of 6 read; alone 6).
 */
function textKept(page: PageColours, onPage: Binarizer, alone: Binarizer): boolean {
  let ink = 0;
  let lost = 0;
  for (const [rgb, n] of page.images) {
    const own = inkMargin(rgb, alone);
    if (own < 0) continue;
    ink += n;
    if (inkMargin(rgb, onPage) < Math.min(own, TEXT_MARGIN)) lost += n;
  }
  return lost <= ink * TEXT_LOSS;
}

/**
 * How sure a paper must be: its images' flat colours binarize on it as alone (`flat`); their
 * text too, with room to spare (`text`, textKept); and so with any split a page counted a
 * little otherwise may take (`sure`, closeSplits).
 */
export type Check = 'flat' | 'text' | 'sure';

/** Whether a page with this paper colour binarizes its images as they binarize alone, as `check` asks. */
export function paperAgrees(page: PageColours, paper: number, alone: Binarizer = otsuBinarizer(page.images), check: Check = 'flat'): boolean {
  const parts = pageParts(page);
  if (parts.imagePixels === 0) return true;
  const histograms = parts.base.map((base, ch) => {
    const histogram = Float64Array.from(base);
    histogram[(paper >> CHANNEL_SHIFTS[ch]!) & 0xff]! += page.paper;
    return histogram;
  });
  const agrees = (onPage: Binarizer) => {
    let flipped = 0;
    for (const [rgb, n] of parts.flat) if (isInk(rgb, onPage) !== isInk(rgb, alone)) flipped += n;
    return flipped / parts.imagePixels <= FLIP_TOLERANCE && (check === 'flat' || textKept(page, onPage, alone));
  };
  if (!agrees(binarizerOf(histograms))) return false;
  if (check !== 'sure') return true;
  const levels = CHANNEL_SHIFTS.map((shift) => [...new Set(parts.flat.map(([rgb]) => (rgb >> shift) & 0xff))]);
  return closeSplits(histograms, levels).every(agrees);
}

/**
 * The paper colour the page is drawn on: white when white agrees, else the first other
 * candidate that does, else white (no candidate is sure, so the page is left as it would
 * have been). Where dark candidates are offered (a dark-mode capture; `negative`: the page
 * with its marks drawn in negative, for them) the first sure one, else the first that keeps
 * the text, else the first that keeps the flat colours: on white such a capture's text is
 * read inverted, and little of it is.
 */
export function choosePaper(page: PageColours, candidates: readonly number[], negative?: PageColours): number {
  const alone = otsuBinarizer(page.images);
  const checks: readonly Check[] = negative ? ['sure', 'text', 'flat'] : ['flat'];
  for (const check of checks) {
    const found = candidates.find((paper) => paperAgrees(isNegative(paper) && negative ? negative : page, paper, alone, check));
    if (found !== undefined) return found;
  }
  return WHITE;
}

/**
 * Whether images read alone as light text on dark: every channel tesseract uses takes the
 * light side for ink (a dark-mode capture: its panes and bubbles are the paper it reads on).
 */
export function lightOnDark(alone: Binarizer): boolean {
  const used = alone.hi.filter((hi) => hi >= 0);
  return used.length > 0 && used.every((hi) => hi === 0);
}

/** A paper dark enough that the page's own marks are drawn on it in negative (white text, dark boxes). */
export function isNegative(paper: number): boolean {
  return ((paper >> 16) & 0xff) + ((paper >> 8) & 0xff) + (paper & 0xff) < 3 * 128;
}

/**
 * Papers to try, in order: white, then light greys dark enough to join a capture's light
 * tones and light enough for the page's text. No colour of the capture's own: a page in a
 * screenshot's tan or green is a change a reviewer would notice.
 */
export const PAPERS: readonly number[] = [WHITE, 0xf5f5f5, 0xf0f0f0, 0xebebeb, 0xe6e6e6];

/**
 * Papers for a page of a dark-mode capture (read alone as light text on dark: lightOnDark; see
 * negative-page.ts isDarkMode), tried after
 * PAPERS: greys from black to a dark grey, eight levels apart, the page's own marks drawn on
 * them in negative. On white such a capture turns to ink around its light text, which OCR
 * must then read inverted, and its grey time stamps, near the page's threshold, come apart.
 * Which grey agrees turns on the capture's colours (a green bubble can join the ink on a
 * black page and stay paper on a dark grey one), hence the range.
 */
export const NEGATIVE_PAPERS: readonly number[] = Array.from({ length: 15 }, (_, k) => k * 8 * 0x010101);
