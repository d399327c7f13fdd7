/**
 * The encodings the fitter may choose for one image, best first. Each rung names its
 * encoding, resolution at the placed size, and a `cost`: how much legibility the step to it
 * gives up. The fitter spends cheap steps everywhere before any dearer one, so small text
 * (resolution) is the last thing it touches. `ratio` is the expected size against rung 0,
 * measured on the bench corpus; it only guides the first guess, real bytes decide.
 */
export interface Rung {
  readonly encoding: 'png-palette' | 'png-gray' | 'png-rgb' | 'jpeg';
  /** Palette size for PNG rungs (sharp changes output only at 2, 4, 16 and 256). */
  readonly colours?: 256 | 16;
  readonly quality?: number;
  /** Drop colour (profiles that take only black and white). */
  readonly gray?: true;
  readonly dpi: number;
  readonly cost: number;
  readonly ratio: number;
  readonly label: string;
}

/** The lowest resolution an image is embedded at: below it, 11–12 px screen text blurs. */
export const LEGIBILITY_FLOOR_DPI = 150;
/** The highest: a screenshot keeps the pixels it was captured with, up to this. */
export const MAX_DPI = 300;
/** "Sharp": no step below this resolution yet (what `check` and a split plan with). */
export const SHARP_DPI = 200;

// Screenshots are flat colour and text. When the budget allows, they keep the pixels they
// were captured with (up to 300 dpi) in 256 colours: any resampling blurs small text, and
// on the bench's 1920 × 1080 chat captures OCR then reads the 11 px grey timestamps as
// often as in a lossless packet (25 vs 26 of 511), for 6 % more bytes than 256 colours at
// 200 dpi (which reads 3). The next rung, 16 colours at 200 dpi, is less than half the
// bytes and the sharp rung a tight budget starts from (OCR reads 5 of those timestamps,
// a reviewer all of them); resolution goes last because small grey text goes first.
const SCREENSHOT: readonly Rung[] = [
  { encoding: 'png-palette', colours: 256, dpi: MAX_DPI, cost: 0, ratio: 1, label: 'palette PNG, 256 colours, up to 300 dpi' },
  { encoding: 'png-palette', colours: 16, dpi: 200, cost: 1, ratio: 0.2, label: 'palette PNG, 16 colours, 200 dpi' },
  { encoding: 'png-palette', colours: 16, dpi: 175, cost: 3, ratio: 0.17, label: 'palette PNG, 16 colours, 175 dpi' },
  { encoding: 'png-palette', colours: 16, dpi: 150, cost: 4, ratio: 0.14, label: 'palette PNG, 16 colours, 150 dpi' },
];

// Photos want JPEG (mozjpeg); a palette makes them larger. Their text lost little down to
// q50 at 175 dpi, and most of it at 150 dpi (5 of 120 timestamps read, then 1).
const PHOTO: readonly Rung[] = [
  { encoding: 'jpeg', quality: 80, dpi: 200, cost: 0, ratio: 1, label: 'JPEG q80, 200 dpi' },
  { encoding: 'jpeg', quality: 65, dpi: 200, cost: 1, ratio: 0.59, label: 'JPEG q65, 200 dpi' },
  { encoding: 'jpeg', quality: 50, dpi: 175, cost: 2, ratio: 0.32, label: 'JPEG q50, 175 dpi' },
  { encoding: 'jpeg', quality: 50, dpi: 150, cost: 3, ratio: 0.24, label: 'JPEG q50, 150 dpi' },
];

const GRAY_SCREENSHOT: readonly Rung[] = [
  { encoding: 'png-gray', gray: true, colours: 256, dpi: MAX_DPI, cost: 0, ratio: 1, label: 'grayscale PNG, up to 300 dpi' },
  { encoding: 'png-gray', gray: true, colours: 16, dpi: 200, cost: 1, ratio: 0.2, label: 'grayscale PNG, 16 levels, 200 dpi' },
  { encoding: 'png-gray', gray: true, colours: 16, dpi: 175, cost: 3, ratio: 0.17, label: 'grayscale PNG, 16 levels, 175 dpi' },
  { encoding: 'png-gray', gray: true, colours: 16, dpi: 150, cost: 4, ratio: 0.14, label: 'grayscale PNG, 16 levels, 150 dpi' },
];

const GRAY_PHOTO: readonly Rung[] = PHOTO.map((rung) => ({ ...rung, gray: true, label: `grayscale ${rung.label}` }));

/** Full resolution, truecolour, no size limit: the reference the bench measures against. */
export const LOSSLESS: readonly Rung[] = [{ encoding: 'png-rgb', dpi: Number.POSITIVE_INFINITY, cost: 0, ratio: 1, label: 'truecolour PNG, full resolution' }];

export function ladderFor(isPhoto: boolean, grayscale: boolean): readonly Rung[] {
  if (isPhoto) return grayscale ? GRAY_PHOTO : PHOTO;
  return grayscale ? GRAY_SCREENSHOT : SCREENSHOT;
}
