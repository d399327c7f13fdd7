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
export const MAX_DPI = 200;

// Screenshots are flat colour and text: an undithered palette keeps edges crisp, and 16
// colours loses little on them. Resolution goes last because small grey text goes first.
const SCREENSHOT: readonly Rung[] = [
  { encoding: 'png-palette', colours: 256, dpi: 200, cost: 0, ratio: 1, label: 'palette PNG, 256 colours, 200 dpi' },
  { encoding: 'png-palette', colours: 16, dpi: 200, cost: 1, ratio: 0.42, label: 'palette PNG, 16 colours, 200 dpi' },
  { encoding: 'png-palette', colours: 16, dpi: 175, cost: 3, ratio: 0.34, label: 'palette PNG, 16 colours, 175 dpi' },
  { encoding: 'png-palette', colours: 16, dpi: 150, cost: 4, ratio: 0.28, label: 'palette PNG, 16 colours, 150 dpi' },
];

// Photos want JPEG (mozjpeg); a palette makes them larger.
const PHOTO: readonly Rung[] = [
  { encoding: 'jpeg', quality: 80, dpi: 200, cost: 0, ratio: 1, label: 'JPEG q80, 200 dpi' },
  { encoding: 'jpeg', quality: 65, dpi: 200, cost: 1, ratio: 0.59, label: 'JPEG q65, 200 dpi' },
  { encoding: 'jpeg', quality: 50, dpi: 175, cost: 2, ratio: 0.32, label: 'JPEG q50, 175 dpi' },
  { encoding: 'jpeg', quality: 50, dpi: 150, cost: 3, ratio: 0.24, label: 'JPEG q50, 150 dpi' },
];

const GRAY_SCREENSHOT: readonly Rung[] = [
  { encoding: 'png-gray', gray: true, colours: 256, dpi: 200, cost: 0, ratio: 1, label: 'grayscale PNG, 200 dpi' },
  { encoding: 'png-gray', gray: true, colours: 16, dpi: 200, cost: 1, ratio: 0.42, label: 'grayscale PNG, 16 levels, 200 dpi' },
  { encoding: 'png-gray', gray: true, colours: 16, dpi: 175, cost: 3, ratio: 0.34, label: 'grayscale PNG, 16 levels, 175 dpi' },
  { encoding: 'png-gray', gray: true, colours: 16, dpi: 150, cost: 4, ratio: 0.28, label: 'grayscale PNG, 16 levels, 150 dpi' },
];

const GRAY_PHOTO: readonly Rung[] = PHOTO.map((rung) => ({ ...rung, gray: true, label: `grayscale ${rung.label}` }));

/** Full resolution, truecolour, no size limit: the reference the bench measures against. */
export const LOSSLESS: readonly Rung[] = [{ encoding: 'png-rgb', dpi: Number.POSITIVE_INFINITY, cost: 0, ratio: 1, label: 'truecolour PNG, full resolution' }];

export function ladderFor(isPhoto: boolean, grayscale: boolean): readonly Rung[] {
  if (isPhoto) return grayscale ? GRAY_PHOTO : PHOTO;
  return grayscale ? GRAY_SCREENSHOT : SCREENSHOT;
}
