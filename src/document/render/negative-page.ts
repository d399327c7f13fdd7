import { FLAT_SHARE, lightOnDark, otsuBinarizer, type ColourCounts } from '../../imaging/page-binarize.js';
import type { DrawOp } from '../types.js';

/*
 * A dark page (page-binarize.ts isNegative: a dark-mode capture's) is drawn in negative: the
 * page's own marks mirrored in grey, its images as they are.
 */

/**
 * A page's own marks in negative, for a dark paper (isNegative): each grey g drawn as 1 - g
 * (black text white, a light grey box near black). Images are drawn as they are.
 */
export function negativeOps(ops: readonly DrawOp[]): DrawOp[] {
  return ops.map((op): DrawOp => {
    if (op.op === 'text') return { ...op, gray: 1 - (op.gray ?? 0) };
    if (op.op === 'line') return { ...op, gray: 1 - op.gray };
    return {
      ...op,
      ...(op.fillGray === undefined ? {} : { fillGray: 1 - op.fillGray }),
      ...(op.strokeGray === undefined ? {} : { strokeGray: 1 - op.strokeGray }),
    };
  });
}

/** Marks counted over white (page-marks.ts), as their negative shows over black. */
export function negativeCounts(counts: ReadonlyMap<number, number>): Map<number, number> {
  return new Map([...counts].map(([rgb, n]) => [0xffffff - rgb, n]));
}

/**
 * A dark-mode capture's images: over this share of their pixels in flat colours (panes,
 * bubbles, bars; random cases' captures 0.87–0.96, photos with their bands 0.04–0.11, a
 * smooth 12 MP photo reduced to a page up to 0.6) and over this share dark (no channel over
 * DARK_LEVEL: WhatsApp's #0b141a and #005c4b, Discord's #313338; a photo's sky is not).
 */
const CAPTURE_FLAT = 0.5;
const DARK_SHARE = 0.5;
const DARK_LEVEL = 127;

/** Whether a page's images (colour counts over `imageArea` pixels) are a dark-mode capture's: flat, dark, and read alone as light on dark. */
export function isDarkMode(images: ColourCounts, imageArea: number): boolean {
  let flat = 0;
  let dark = 0;
  for (const [rgb, n] of images) {
    if (n >= imageArea * FLAT_SHARE) flat += n;
    if (Math.max(rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff) <= DARK_LEVEL) dark += n;
  }
  return flat >= imageArea * CAPTURE_FLAT && dark >= imageArea * DARK_SHARE && lightOnDark(otsuBinarizer(images));
}
