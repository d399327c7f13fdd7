import type { ImageExhibit } from '../../evidence/model.js';
import { findTextBand, type FocusRegion } from '../../imaging/find-focus.js';
import { NATURAL_PT_PER_PX } from '../../imaging/encode.js';
import { visibleSize } from '../../imaging/visible.js';
import { textHeightPx } from '../../rules/visible-facts.js';
import { ASSUMED_TEXT_PX } from './plan-insets.js';

/** The text height an image's legibility is judged by: what OCR measured, else the height the insets assume. */
export function judgedTextPx(exhibit: ImageExhibit): number {
  return (exhibit.ocr ? textHeightPx(exhibit.ocr) : undefined) ?? ASSUMED_TEXT_PX;
}

/**
 * How an image is shown on a page it shares: whole; or, for a photo whose text lies in a
 * band of it, whole and smaller with that band again under it, enlarged (as its focus page
 * shows it), the caption saying so in `line`.
 */
export type ShareForm = { readonly kind: 'whole' } | { readonly kind: 'below'; readonly band: FocusRegion; readonly line: string };

/** A form fitted in a box: the scales of the whole image and of its band, the height it takes, and the size its text prints at. */
export type FittedForm = { readonly form: ShareForm; readonly whole: number; readonly scale: number; readonly height: number; readonly pt: number };

/** Under its text band, the whole photo keeps at least this share of the scale it has alone. */
const WHOLE_KEEPS = 0.35;
/** The band takes at most this share of the box's height. */
const BAND_MOST = 0.6;
/** Between the whole image and its band. */
const GAP = 12;

export function formsOf(exhibit: ImageExhibit): ShareForm[] {
  const band = findTextBand(exhibit);
  if (!band) return [{ kind: 'whole' }];
  const { width, height } = visibleSize(exhibit);
  return [{ kind: 'whole' }, { kind: 'below', band, line: bandLine(band, width, height) }];
}

/** The caption's line for a photo's text band shown under it (its view's text is darkened: see pipeline/packet-images.ts). */
export function bandLine(band: FocusRegion, width: number, height: number): string {
  return `Enlarged and darkened below: the text read in it (x ${band.x}–${band.x + band.width}, y ${band.y}–${band.y + band.height} of the ${width} × ${height} px image), outlined in the whole view.`;
}

/** The form in a box `width` × `height`: undefined when the whole photo would shrink under WHOLE_KEEPS of `alone`. */
export function fitForm(exhibit: ImageExhibit, form: ShareForm, box: { width: number; height: number }, alone: number): FittedForm | undefined {
  const visible = visibleSize(exhibit);
  const px = judgedTextPx(exhibit);
  if (form.kind === 'whole') {
    const whole = Math.max(0, Math.min(box.width / visible.width, box.height / visible.height, NATURAL_PT_PER_PX));
    return { form, whole, scale: whole, height: visible.height * whole, pt: px * whole };
  }
  const { band } = form;
  const scale = Math.min(box.width / band.width, NATURAL_PT_PER_PX, (box.height * BAND_MOST - GAP) / band.height);
  const whole = Math.min(box.width / visible.width, NATURAL_PT_PER_PX, (box.height - GAP - band.height * scale) / visible.height);
  if (scale <= 0 || whole < alone * WHOLE_KEEPS) return undefined;
  return { form, whole, scale, height: visible.height * whole + GAP + band.height * scale, pt: px * scale };
}
