import type { ImageExhibit } from '../../evidence/model.js';
import { MIN_TEXT_PT } from '../../rules/visible-facts.js';
import { BAND_GAP, contentTop } from '../page/content-area.js';
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

/**
 * An image at the head of a page with the transcript excerpt after it starting under it:
 * what the page holds before the excerpt, where the image sits, and the `y` the excerpt
 * starts at.
 */
export type ImageHead = Omit<ImageTail, 'pt'> & { readonly pt: number; readonly y: number };

/** The shares of the content area's height the image at a page's head is tried at. */
const HEAD_SHARES = [0.25, 0.33, 0.4, 0.5, 0.6, 0.67, 0.75];

/**
 * The image before a transcript excerpt at the head of a page, and the excerpt starting
 * under it (`layChat` lays the excerpt from a page begun; it counts the pages it adds and
 * says whether it started there): of the heights the image may take keeping its text at
 * the floor, the one that lays both on the fewest pages, then prints the image's text
 * largest. Undefined when none starts the excerpt on the image's page.
 */
export function planImageOverChat(
  ctx: PlanContext,
  exhibit: ImageExhibit,
  index: number,
  layChat: (start: { ops: DrawOp[]; y: number }) => { pages: number; shared: boolean },
): { head: ImageHead; pages: number } | undefined {
  const { paper } = ctx.input;
  const width = paper.width - 2 * MARGIN_X;
  const bandTop = contentTop(paper);
  const alone = orientationFor(ctx, exhibit, index).fitted;
  let best: { head: ImageHead; pages: number } | undefined;
  for (const form of formsOf(exhibit)) {
    const band = captionBand(ctx, exhibit, index, undefined, { x: MARGIN_X, width, top: bandTop }, form.kind === 'below' ? [form.line] : []);
    const top = bandTop - band.height - BAND_GAP;
    for (const share of HEAD_SHARES) {
      const fitted = fitForm(exhibit, form, { width, height: (top - CONTENT_BOTTOM) * share }, alone);
      if (!fitted || fitted.pt < MIN_TEXT_PT) continue;
      const box = { x: MARGIN_X, width, top, height: (top - CONTENT_BOTTOM) * share };
      const drawn = drawInBox(ctx, exhibit, index, { box, bandTop }, fitted, alone);
      const y = top - fitted.height - TAIL_GAP;
      const chat = layChat({ ops: [...drawn.ops], y });
      if (!chat.shared) continue;
      const pages = 1 + chat.pages;
      if (!best || pages < best.pages || (pages === best.pages && fitted.pt > best.head.pt + 1e-6)) best = { head: { ...drawn, pt: fitted.pt, y }, pages };
    }
  }
  return best;
}
