import type { ChatExhibit, DocumentExhibit, Exhibit, ImageExhibit } from '../../evidence/model.js';
import { CONTENT_BOTTOM } from '../page/geometry.js';
import type { ExhibitPageFlow } from './page-flow.js';
import { type ChatPageContext, planChatPages } from './plan-chat.js';
import { planDocumentPages } from './plan-document.js';
import { planImagePages, planImagePair, planImageStack } from './plan-image.js';
import { withInsets } from './plan-insets.js';

/** Lays out exhibit `index` (and the ones after it it shares a page with) on the flow; returns the index of the next to lay out. */
export type Planner<E extends Exhibit = Exhibit> = (flow: ExhibitPageFlow, exhibit: E, index: number) => number;

/** A transcript excerpt that ends with this much of its page left lets the next excerpt start there. */
const ROOM_TO_SHARE = 160;
/** Between two excerpts on one page. */
const EXCERPT_GAP = 18;

/** What a transcript excerpt's pages need to know of the packet: the case, the paper, its number, the exhibits its messages refer to. */
export function chatContext(flow: ExhibitPageFlow, exhibit: ChatExhibit, i: number): ChatPageContext {
  const { number, total } = flow.ctx.numbering;
  const { info, paper } = flow.ctx.input;
  return { info, paper, number: number(i), total, mediaExhibits: flow.mediaExhibits.get(exhibit.file) ?? new Map<string, number>() };
}

/**
 * A transcript excerpt: on the page the one before left room on (a short excerpt's, or an
 * image's packed at a page's head), else on pages of its own; packed, the image after it
 * may follow in the room it leaves, or share a page with it side by side.
 */
function planChat(flow: ExhibitPageFlow, exhibit: ChatExhibit, i: number): number {
  const packed = flow.packed?.get(i);
  if (packed?.kind === 'pair') {
    // Packed beside the image after it, in a column of a page of their own.
    flow.open = undefined;
    flow.addSharedPage(i, packed.page);
    return i + 2;
  }
  const { number } = flow.ctx.numbering;
  const chatCtx = chatContext(flow, exhibit, i);
  const open = flow.open;
  const openPage = open ? flow.pages[open.page]! : undefined;
  const chat = planChatPages(flow.ctx.fonts, chatCtx, exhibit, i, open && openPage ? { ops: openPage.ops, y: open.y } : undefined);
  if (chat.shared && open && openPage) {
    // Two parts of one chat on a page are one exhibit.
    const first = number(openPage.exhibit!);
    flow.pages[open.page] = { ...openPage, label: first === number(i) ? `Exhibit ${first}` : `Exhibits ${first}–${number(i)}` };
  }
  flow.startPages.push(flow.firstPage + (chat.shared && open ? open.page : flow.pages.length));
  flow.pages.push(...chat.pages);
  flow.endPages.push(flow.nextPage - 1);
  flow.chatEnds.set(i, chat.endY);
  flow.open = chat.endY - CONTENT_BOTTOM >= ROOM_TO_SHARE ? { page: flow.pages.length - 1, y: chat.endY - EXCERPT_GAP } : undefined;
  if (packed?.kind !== 'tail') return i + 1;
  flow.open = undefined;
  flow.addTail(i + 1, packed.tail);
  return i + 2;
}

/** A PDF's pages, each copied or painted under its caption. */
function planDocument(flow: ExhibitPageFlow, exhibit: DocumentExhibit, i: number): number {
  flow.open = undefined;
  flow.addPages(i, planDocumentPages(flow.ctx, exhibit, i));
  return i + 1;
}

/**
 * An image: as a focus page when its text needs one; else sharing a page with the next
 * image (two phone captures side by side, two small images one above the other) when
 * neither needs a focus page or detail insets; else on its own page (or slices of a tall capture).
 * Packed under a page limit, the flow says which images share a page (see packExhibits).
 */
function planImage(flow: ExhibitPageFlow, exhibit: ImageExhibit, i: number): number {
  flow.open = undefined;
  const { ctx } = flow;
  const packed = flow.packed?.get(i);
  if (packed?.kind === 'pair') {
    flow.addSharedPage(i, packed.page);
    return i + 2;
  }
  if (packed?.kind === 'head') {
    flow.addHead(i, packed.head);
    return i + 1;
  }
  const focus = flow.focusOf(exhibit, i);
  if (focus) {
    flow.focus.push(focus.focus);
    flow.addPages(i, withInsets(ctx, exhibit, i, focus.result));
    return i + 1;
  }
  const next = ctx.input.exhibits[i + 1];
  if (!flow.packed && flow.sharesPage(exhibit, i) && flow.sharesPage(next, i + 1)) {
    const alone = [flow.fit(exhibit, i), flow.fit(next, i + 1)] as const;
    const pair = planImagePair(ctx, [exhibit, next], [i, i + 1], alone) ?? planImageStack(ctx, [exhibit, next], [i, i + 1], alone);
    if (pair) {
      flow.addSharedPage(i, pair);
      return i + 2;
    }
  }
  const pages = planImagePages(ctx, exhibit, i, flow.fit(exhibit, i));
  flow.addPages(i, pages.length === 1 ? withInsets(ctx, exhibit, i, pages[0]!) : pages);
  return i + 1;
}

/** One planner per exhibit kind: a new kind does not compile until it has one. */
export const PLANNERS = {
  chat: planChat,
  document: planDocument,
  image: planImage,
} satisfies { readonly [K in Exhibit['kind']]: Planner<Extract<Exhibit, { kind: K }>> };
