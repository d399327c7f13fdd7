import type { ChatExhibit, Exhibit, ImageExhibit } from '../../evidence/model.js';
import { visibleSize } from '../../imaging/visible.js';
import type { DrawOp, ImagePlacement } from '../types.js';
import type { PackOption } from './pack-pages.js';
import type { ExhibitPageFlow, PackedLayout } from './page-flow.js';
import { planChatPages } from './plan-chat.js';
import { needsSlices, planImagePair, planImageStack, type SharedImagePage } from './plan-image.js';
import { needsInsets } from './plan-insets.js';
import { chatContext } from './planners.js';
import { type LayChatColumn, planImageBesideChat } from './share-beside-chat.js';
import { planImageOverChat, planImageUnderChat } from './share-chat.js';
import { judgedTextPx, planSharedPage } from './share-page.js';

/** What can be laid out from one position: each option, and for those that share a page, how (see PackedLayout). */
export type PositionOptions = { options: PackOption[]; layouts: (PackedLayout | undefined)[] };

/**
 * The ways each exhibit can be laid out, from a plan where every exhibit is alone (`solo`):
 * alone, as that plan laid it (the pages it added, the size its text printed at); for two
 * images in a row that may share a page, each page they could share (as pairing lays two
 * phone captures or stacks two small images, and any split of a page that keeps both over
 * the floor); and for an image next to a transcript excerpt, the image in the room the
 * excerpt leaves under it, at the head of the page the excerpt starts on, or beside a short
 * excerpt in a column of its own.
 */
export function packOptions(solo: ExhibitPageFlow): PositionOptions[] {
  const { exhibits } = solo.ctx.input;
  return exhibits.map((exhibit, i) => {
    const alone: PackOption = { span: 1, pages: addedPages(solo, i), pt: exhibit.kind === 'image' ? [printedPt(exhibit, solo.placements, i)] : [] };
    const at: PositionOptions = { options: [alone], layouts: [undefined] };
    const next = exhibits[i + 1];
    if (exhibit.kind === 'chat') return besideChat(solo, underChat(solo, at, i), i, false);
    if (next?.kind === 'chat') return besideChat(solo, overChat(solo, at, i, next), i, true);
    if (!mayShare(solo, exhibit, i) || !mayShare(solo, next, i + 1)) return at;
    for (const shared of sharedPages(solo, [exhibit, next], [i, i + 1])) {
      const pt = [0, 1].map((k) =>
        Math.max(...shared.placements.filter((_, n) => (shared.owners?.[n] ?? n) === k).map((p) => ptAt(k === 0 ? exhibit : next, p))),
      );
      at.options.push({ span: 2, pages: 1, pt });
      at.layouts.push({ kind: 'pair', page: shared });
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
  at.layouts.push({ kind: 'tail', tail });
  return at;
}

/**
 * An image followed by a transcript excerpt: the image at the head of a page, the excerpt
 * starting under it, when that lays the two on fewer pages than alone. Only when no excerpt
 * follows that one: it ends elsewhere on its page than alone, and an excerpt after it would
 * start elsewhere too.
 */
function overChat(solo: ExhibitPageFlow, at: PositionOptions, i: number, next: ChatExhibit): PositionOptions {
  const { exhibits } = solo.ctx.input;
  const image = exhibits[i]!;
  if (exhibits[i + 2]?.kind === 'chat' || !mayShare(solo, image, i)) return at;
  const chatCtx = chatContext(solo, next, i + 1);
  const layChat = (start: { ops: DrawOp[]; y: number }) => {
    const laid = planChatPages(solo.ctx.fonts, chatCtx, next, i + 1, start);
    return { pages: laid.pages.length, shared: laid.shared };
  };
  const over = planImageOverChat(solo.ctx, image, i, layChat);
  if (!over || over.pages >= at.options[0]!.pages + addedPages(solo, i + 1)) return at;
  at.options.push({ span: 2, pages: over.pages, pt: [over.head.pt] });
  at.layouts.push({ kind: 'head', head: over.head });
  return at;
}

/**
 * An image and a short transcript excerpt side by side on one page, the earlier on the left
 * (see planImageBesideChat). Not when an excerpt follows the pair: alone, it may start in the
 * room the one before it leaves; beside, it starts a page.
 */
function besideChat(solo: ExhibitPageFlow, at: PositionOptions, i: number, imageFirst: boolean): PositionOptions {
  const { exhibits } = solo.ctx.input;
  const [imageAt, chatAt] = imageFirst ? [i, i + 1] : [i + 1, i];
  const chat = exhibits[chatAt];
  const image = exhibits[imageAt];
  if (chat?.kind !== 'chat' || !mayShare(solo, image, imageAt) || exhibits[i + 2]?.kind === 'chat') return at;
  const chatCtx = chatContext(solo, chat, chatAt);
  const layChat: LayChatColumn = (column, start) => {
    const laid = planChatPages(solo.ctx.fonts, { ...chatCtx, column }, chat, chatAt, start);
    return { pages: laid.pages.length, shared: laid.shared };
  };
  const shared = planImageBesideChat(solo.ctx, image, imageAt, imageFirst, layChat);
  if (!shared) return at;
  at.options.push({ span: 2, pages: 1, pt: [shared.pt] });
  at.layouts.push({ kind: 'pair', page: shared });
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
