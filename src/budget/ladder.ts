import type { EncodeSettings } from '../imaging/encoding.js';

/**
 * The encodings the fitter may choose for one image, best first. Each rung names its
 * encoding, resolution at the placed size, and a `cost`: how much legibility the step to it
 * gives up. The fitter spends cheap steps everywhere before any dearer one, so small text
 * (resolution) is the last thing it touches. `ratio` is the expected size against rung 0,
 * measured on the bench corpus; it only guides the first guess, real bytes decide.
 */
export interface Rung extends EncodeSettings {
  readonly cost: number;
  readonly ratio: number;
}

/** The lowest resolution an image is embedded at: below it, 11–12 px screen text blurs. */
export const LEGIBILITY_FLOOR_DPI = 150;
/** The highest: a screenshot keeps the pixels it was captured with, up to this (or a little above: see encodedWidth). */
export const MAX_DPI = 300;

// Screenshots are flat colour and text, and their smallest text (11–12 px timestamps) is
// drawn at the pixel grid they were captured on: any resampling blurs it, fewer colours
// only coarsen its antialiasing. Read back by OCR from a page rendered 1920 px wide, 16
// colours as captured (with strokes kept dark, see ink-contrast.ts) read as well as
// lossless, and every step down in resolution loses many timestamps. So colours go first and resolution last, and resolution steps cost more than any
// JPEG step of a photo.
const SCREENSHOT: readonly Rung[] = [
  { encoding: 'png-rgb', dpi: MAX_DPI, cost: 0, ratio: 1, label: 'truecolour PNG, up to 300 dpi' },
  { encoding: 'png-palette', colours: 256, dpi: MAX_DPI, cost: 0.5, ratio: 0.38, label: 'palette PNG, 256 colours, up to 300 dpi' },
  { encoding: 'png-palette', colours: 16, dpi: MAX_DPI, cost: 1, ratio: 0.21, label: 'palette PNG, 16 colours, up to 300 dpi' },
  { encoding: 'png-palette', colours: 16, dpi: 200, cost: 3, ratio: 0.145, label: 'palette PNG, 16 colours, 200 dpi' },
  { encoding: 'png-palette', colours: 16, dpi: 175, cost: 4, ratio: 0.12, label: 'palette PNG, 16 colours, 175 dpi' },
  { encoding: 'png-palette', colours: 16, dpi: 150, cost: 5, ratio: 0.1, label: 'palette PNG, 16 colours, 150 dpi' },
];

// Photos want JPEG (mozjpeg); a palette makes them larger. Their text loses little down to
// q50 at 175 dpi, and most of what is left at 150 dpi.
const PHOTO: readonly Rung[] = [
  { encoding: 'jpeg', quality: 80, dpi: 200, cost: 0, ratio: 1, label: 'JPEG q80, 200 dpi' },
  { encoding: 'jpeg', quality: 65, dpi: 200, cost: 1, ratio: 0.59, label: 'JPEG q65, 200 dpi' },
  { encoding: 'jpeg', quality: 50, dpi: 175, cost: 2, ratio: 0.32, label: 'JPEG q50, 175 dpi' },
  { encoding: 'jpeg', quality: 50, dpi: 150, cost: 3, ratio: 0.24, label: 'JPEG q50, 150 dpi' },
];

// A photo whose text is shown again, enlarged, under it (plan-focus.ts planTextBelow) has
// its text read there, from an image of its own: its whole view keeps the photo's content
// and can go lower before any screenshot loses resolution (their 175 dpi step costs 4).
const PHOTO_TEXT_APART: readonly Rung[] = [
  ...PHOTO,
  { encoding: 'jpeg', quality: 50, dpi: 120, cost: 3.5, ratio: 0.15, label: 'JPEG q50, 120 dpi (its text shown enlarged apart)' },
  { encoding: 'jpeg', quality: 45, dpi: 100, cost: 3.8, ratio: 0.1, label: 'JPEG q45, 100 dpi (its text shown enlarged apart)' },
];

const GRAY_SCREENSHOT: readonly Rung[] = [
  { encoding: 'png-gray', gray: true, colours: 256, dpi: MAX_DPI, cost: 0, ratio: 1, label: 'grayscale PNG, up to 300 dpi' },
  { encoding: 'png-gray', gray: true, colours: 16, dpi: MAX_DPI, cost: 1, ratio: 0.55, label: 'grayscale PNG, 16 levels, up to 300 dpi' },
  { encoding: 'png-gray', gray: true, colours: 16, dpi: 200, cost: 3, ratio: 0.38, label: 'grayscale PNG, 16 levels, 200 dpi' },
  { encoding: 'png-gray', gray: true, colours: 16, dpi: 175, cost: 4, ratio: 0.32, label: 'grayscale PNG, 16 levels, 175 dpi' },
  { encoding: 'png-gray', gray: true, colours: 16, dpi: 150, cost: 5, ratio: 0.27, label: 'grayscale PNG, 16 levels, 150 dpi' },
];

const GRAY_PHOTO: readonly Rung[] = PHOTO.map((rung) => ({ ...rung, gray: true, label: `grayscale ${rung.label}` }));

/** Full resolution, truecolour, no size limit: the reference the bench measures against. */
export const LOSSLESS: readonly Rung[] = [{ encoding: 'png-rgb', dpi: Number.POSITIVE_INFINITY, cost: 0, ratio: 1, label: 'truecolour PNG, full resolution' }];

const GRAY_PHOTO_TEXT_APART: readonly Rung[] = PHOTO_TEXT_APART.map((rung) => ({ ...rung, gray: true, label: `grayscale ${rung.label}` }));

/** The ladder of an image: a photo's or a screenshot's; for a photo whose text is shown enlarged apart (`textApart`), one that goes lower. */
export function ladderFor(isPhoto: boolean, grayscale: boolean, textApart = false): readonly Rung[] {
  if (isPhoto && textApart) return grayscale ? GRAY_PHOTO_TEXT_APART : PHOTO_TEXT_APART;
  if (isPhoto) return grayscale ? GRAY_PHOTO : PHOTO;
  return grayscale ? GRAY_SCREENSHOT : SCREENSHOT;
}
