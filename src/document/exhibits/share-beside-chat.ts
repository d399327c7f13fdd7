import type { ImageExhibit } from '../../evidence/model.js';
import { visibleSize } from '../../imaging/visible.js';
import { MIN_TEXT_PT } from '../../rules/visible-facts.js';
import { belowBand, contentTop } from '../page/content-area.js';
import { CONTENT_BOTTOM, MARGIN_X } from '../page/geometry.js';
import type { PlanContext } from '../plan-context.js';
import type { DrawOp } from '../types.js';
import { captionBand } from './caption-band.js';
import type { SharedStart } from './plan-chat.js';
import { orientationFor, type SharedImagePage } from './plan-image.js';
import { type FittedForm, fitForm, formsOf, judgedTextPx, type ShareForm } from './share-forms.js';
import { drawInBox } from './share-page.js';

/** Between the image's column and the transcript's. */
const COLUMN_GAP = 14;
/** A transcript column narrower than this wraps its lines a word or two at a time (and leaves a noted message's text no room beside its note). */
const MIN_CHAT_WIDTH = 240;
/** The shares of the width the image's column is tried at, besides the width that prints its text at the floor. */
const SHARES = [0.25, 0.33, 0.4, 0.5, 0.6];

/** A transcript excerpt laid in a column from a page begun: the pages it adds after that one, and whether it started there. */
export type LayChatColumn = (column: { x: number; width: number }, start: SharedStart) => { pages: number; shared: boolean };

type Column = { x: number; width: number };
type Trial = { form: ShareForm; image: Column; chat: Column; fitted: FittedForm; top: number };

/**
 * An image and a short transcript excerpt next to it in time, side by side on one upright
 * page, the earlier on the left: the image in a column under its own caption band, the
 * excerpt in the other column, its text at its usual size wrapped to the column. Of the
 * column widths where the image prints its text at the floor or over and the whole excerpt
 * fits beside it, the one that prints the image's text largest. Undefined when none does:
 * the excerpt is too long, or the image too small to read in a column.
 */
export function planImageBesideChat(
  ctx: PlanContext,
  image: ImageExhibit,
  index: number,
  imageFirst: boolean,
  layChat: LayChatColumn,
): (SharedImagePage & { readonly pt: number }) | undefined {
  const { paper } = ctx.input;
  const room = paper.width - 2 * MARGIN_X - COLUMN_GAP;
  const alone = orientationFor(ctx, image, index).fitted;
  // The width at which the whole image prints its text at the floor: the narrowest it may be.
  const floorWidth = Math.ceil((visibleSize(image).width * MIN_TEXT_PT) / judgedTextPx(image));
  const widths = [...new Set([floorWidth, ...SHARES.map((s) => Math.floor(room * s))])].filter((w) => w > 0 && room - w >= MIN_CHAT_WIDTH);
  let best: Trial | undefined;
  for (const form of formsOf(image)) {
    for (const width of widths.sort((a, b) => a - b)) {
      const trial = tryColumns(ctx, image, index, { form, width, imageFirst, alone });
      if (!trial || (best && trial.fitted.pt <= best.fitted.pt + 1e-6)) continue;
      if (fitsBeside(paper, trial.chat, layChat)) best = trial;
    }
  }
  if (!best) return undefined;
  const chatOps: DrawOp[] = [];
  layChat(best.chat, { ops: chatOps, y: contentTop(paper) });
  const box = { ...best.image, top: best.top, height: best.top - CONTENT_BOTTOM };
  const drawn = drawInBox(ctx, image, index, { box, bandTop: contentTop(paper) }, best.fitted, alone);
  const [first, second] = imageFirst ? [index, index + 1] : [index - 1, index];
  const { number } = ctx.numbering;
  return {
    page: { kind: 'exhibit', label: `Exhibits ${number(first)}–${number(second)}`, ops: [...drawn.ops, ...chatOps], exhibit: first },
    placements: drawn.placements,
    owners: drawn.placements.map(() => (imageFirst ? 0 : 1)),
    ...(drawn.focus ? { focus: [drawn.focus] } : {}),
    pt: best.fitted.pt,
  };
}

/** The image in a column `width` wide on the side its time puts it, and the transcript's column the rest. */
function tryColumns(
  ctx: PlanContext,
  image: ImageExhibit,
  index: number,
  { form, width, imageFirst, alone }: { form: ShareForm; width: number; imageFirst: boolean; alone: number },
): Trial | undefined {
  const { paper } = ctx.input;
  const rest = paper.width - 2 * MARGIN_X - COLUMN_GAP - width;
  const imageColumn = { x: imageFirst ? MARGIN_X : MARGIN_X + rest + COLUMN_GAP, width };
  const chatColumn = { x: imageFirst ? MARGIN_X + width + COLUMN_GAP : MARGIN_X, width: rest };
  const band = captionBand(ctx, image, index, undefined, { ...imageColumn, top: contentTop(paper) }, form.kind === 'below' ? [form.line] : []);
  const top = belowBand(paper, band.height);
  if (top <= CONTENT_BOTTOM) return undefined;
  const fitted = fitForm(image, form, { width, height: top - CONTENT_BOTTOM }, alone);
  if (!fitted || fitted.pt < MIN_TEXT_PT) return undefined;
  return { form, image: imageColumn, chat: chatColumn, fitted, top };
}

/** Whether the whole excerpt fits in its column on the page: it starts at the head and adds no page. */
function fitsBeside(paper: { width: number; height: number }, column: Column, layChat: LayChatColumn): boolean {
  const laid = layChat(column, { ops: [], y: contentTop(paper) });
  return laid.shared && laid.pages === 0;
}
