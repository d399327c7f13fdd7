import type { Exhibit, ImageExhibit } from '../../evidence/model.js';
import { visibleSize } from '../../imaging/visible.js';
import type { ImagePlacement } from '../types.js';
import type { PackOption } from './pack-pages.js';
import type { ExhibitPageFlow } from './page-flow.js';
import { needsSlices, planImagePair, planImageStack, type SharedImagePage } from './plan-image.js';
import { needsInsets } from './plan-insets.js';
import { type ImageTail, planImageUnderChat } from './share-chat.js';
import { judgedTextPx, planSharedPage } from './share-page.js';

/**
 * What can be laid out from one position: each option, and for those that share a page,
 * that page (two images) or the image drawn under the transcript before it (`tails`).
 */
export type PositionOptions = { options: PackOption[]; shared: (SharedImagePage | undefined)[]; tails: (ImageTail | undefined)[] };

/**
 * The ways each exhibit can be laid out, from a plan where every exhibit is alone (`solo`):
 * alone, as that plan laid it (the pages it added, the size its text printed at); and, for
 * two images in a row that may share a page, each page they could share (as pairing lays
 * two phone captures or stacks two small images, and any split of a page that keeps both
 * over the floor).
 */
export function packOptions(solo: ExhibitPageFlow): PositionOptions[] {
  const { exhibits } = solo.ctx.input;
  return exhibits.map((exhibit, i) => {
    const alone: PackOption = { span: 1, pages: addedPages(solo, i), pt: exhibit.kind === 'image' ? [printedPt(exhibit, solo.placements, i)] : [] };
    const at: PositionOptions = { options: [alone], shared: [undefined], tails: [undefined] };
    const next = exhibits[i + 1];
    if (exhibit.kind === 'chat') return underChat(solo, at, i);
    if (!mayShare(solo, exhibit, i) || !mayShare(solo, next, i + 1)) return at;
    for (const shared of sharedPages(solo, [exhibit, next], [i, i + 1])) {
      const pt = [0, 1].map((k) =>
        Math.max(...shared.placements.filter((_, n) => (shared.owners?.[n] ?? n) === k).map((p) => ptAt(k === 0 ? exhibit : next, p))),
      );
      at.options.push({ span: 2, pages: 1, pt });
      at.shared.push(shared);
      at.tails.push(undefined);
    }
    return at;
  });
}

/**
 * A transcript excerpt followed by an image: the image may be drawn in the room the excerpt
 * leaves on its last page, which adds no page for it. The excerpt is laid out as it is
 * alone, and the image leaves no room after it, so what follows is laid out as alone too.
 */
function underChat(solo: ExhibitPageFlow, at: PositionOptions, i: number): PositionOptions {
  const next = solo.ctx.input.exhibits[i + 1];
  const endY = solo.chatEnds.get(i);
  if (endY === undefined || !mayShare(solo, next, i + 1)) return at;
  const tail = planImageUnderChat(solo.ctx, next, i + 1, endY);
  if (!tail) return at;
  at.options.push({ span: 2, pages: at.options[0]!.pages, pt: [tail.pt] });
  at.shared.push(undefined);
  at.tails.push(tail);
  return at;
}

/** The pages the plan added for exhibit i (a transcript excerpt that starts on the page the one before left room on adds fewer). */
function addedPages(flow: ExhibitPageFlow, i: number): number {
  const before = i === 0 ? flow.firstPage - 1 : flow.endPages[i - 1]!;
  return flow.endPages[i]! - before;
}

/** The largest size an image's text prints at in a plan: on a focus page, the enlarged view's. */
function printedPt(exhibit: ImageExhibit, placements: readonly ImagePlacement[], i: number): number {
  return Math.max(...placements.filter((p) => p.exhibit === i).map((p) => ptAt(exhibit, p)));
}

function ptAt(exhibit: ImageExhibit, placement: Pick<ImagePlacement, 'width' | 'region'>): number {
  // A placement of a region (the text band under a photo) spans the whole image's width at its scale.
  return judgedTextPx(exhibit) * (placement.width / visibleSize(exhibit).width);
}

/** An image shown whole on one page (not sliced, no detail insets) may share it. */
function mayShare(flow: ExhibitPageFlow, exhibit: Exhibit | undefined, i: number): exhibit is ImageExhibit {
  if (exhibit?.kind !== 'image') return false;
  const fit = flow.fit(exhibit, i);
  return !needsSlices(exhibit, fit) && !needsInsets(exhibit, fit.fitted, fit.page);
}

function sharedPages(flow: ExhibitPageFlow, pair: readonly [ImageExhibit, ImageExhibit], indexes: readonly [number, number]): SharedImagePage[] {
  const { ctx } = flow;
  const pages: SharedImagePage[] = [];
  if (flow.sharesPage(pair[0], indexes[0]) && flow.sharesPage(pair[1], indexes[1])) {
    const alone = [flow.fit(pair[0], indexes[0]), flow.fit(pair[1], indexes[1])] as const;
    for (const plan of [planImagePair, planImageStack]) {
      const shared = plan(ctx, pair, indexes, alone);
      if (shared) pages.push(shared);
    }
  }
  const any = planSharedPage(ctx, pair, indexes);
  if (any) pages.push(any);
  return pages;
}
