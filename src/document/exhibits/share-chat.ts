import type { ImageExhibit } from '../../evidence/model.js';
import { MIN_TEXT_PT } from '../../rules/visible-facts.js';
import { BAND_GAP } from '../page/content-area.js';
import { CONTENT_BOTTOM, MARGIN_X } from '../page/geometry.js';
import type { PlanContext } from '../plan-context.js';
import type { DrawOp, ImagePlacement, PlannedFocus } from '../types.js';
import { captionBand } from './caption-band.js';
import { orientationFor } from './plan-image.js';
import { fitForm, formsOf, type FittedForm } from './share-forms.js';
import { drawInBox } from './share-page.js';

/**
 * An image drawn in the room a transcript excerpt left at the foot of its last page: what
 * to add to that page, where the image sits, the text band shown enlarged (a photo's), and
 * the size its text prints at.
 */
export type ImageTail = {
  readonly ops: DrawOp[];
  readonly placements: Omit<ImagePlacement, 'exhibit' | 'page'>[];
  readonly focus?: PlannedFocus;
  readonly pt: number;
};

/** Between the end of a transcript and the caption band of the image under it. */
const TAIL_GAP = 18;

/**
 * The image that follows a transcript excerpt, under it on the page it ends on (`endY`, the
 * last page upright, as a transcript is): its caption band across the page, then the image
 * whole, or (a photo whose text lies in a band) whole and smaller with that band enlarged
 * under it, whichever prints its text larger. Undefined when neither keeps the text at the
 * floor: the image then takes a page of its own.
 */
export function planImageUnderChat(ctx: PlanContext, exhibit: ImageExhibit, index: number, endY: number): ImageTail | undefined {
  const bandTop = endY - TAIL_GAP;
  const width = ctx.input.paper.width - 2 * MARGIN_X;
  const alone = orientationFor(ctx, exhibit, index).fitted;
  let best: { fitted: FittedForm; top: number } | undefined;
  for (const form of formsOf(exhibit)) {
    const band = captionBand(ctx, exhibit, index, undefined, { x: MARGIN_X, width, top: bandTop }, form.kind === 'below' ? [form.line] : []);
    const top = bandTop - band.height - BAND_GAP;
    if (top <= CONTENT_BOTTOM) continue;
    const fitted = fitForm(exhibit, form, { width, height: top - CONTENT_BOTTOM }, alone);
    if (!fitted || fitted.pt < MIN_TEXT_PT) continue;
    if (!best || fitted.pt > best.fitted.pt + 1e-6) best = { fitted, top };
  }
  if (!best) return undefined;
  const box = { x: MARGIN_X, width, top: best.top, height: best.top - CONTENT_BOTTOM };
  const drawn = drawInBox(ctx, exhibit, index, { box, bandTop }, best.fitted, alone);
  return { ...drawn, pt: best.fitted.pt };
}
