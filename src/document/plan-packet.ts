import type { FontSet } from './fonts/load-fonts.js';
import { planExhibits } from './exhibits/plan-exhibits.js';
import { withTextLayer } from './exhibits/text-layer.js';
import { planAppendix } from './front/appendix.js';
import { withBookmarks } from './front/bookmarks.js';
import { type MatterLayout, planFront } from './front/plan-front.js';
import { type PlanContext, planContext } from './plan-context.js';
import type { PacketInput, PacketPlan } from './types.js';

/**
 * Lays out every page before anything is drawn, so the index can name true page numbers:
 * the front matter (cover and index), the exhibits in packet order, the appendix; then each
 * exhibit page gets its bookmark and each screenshot its text layer. When that is over the
 * page limit, the front matter and the appendix are set compact first, and only then are
 * exhibits packed onto shared pages: a reviewer reads the evidence, so the cover gives up
 * its room before any exhibit gives up size.
 */
export function planPacket(fonts: FontSet, input: PacketInput): PacketPlan {
  const ctx = planContext(fonts, input);
  const roomy = layOut(ctx, 'roomy', false);
  if (input.pageLimit === undefined || roomy.pages.length <= input.pageLimit) return roomy;
  const compact = layOut(ctx, 'compact', true);
  return compact.pages.length < roomy.pages.length ? compact : roomy;
}

function layOut(ctx: PlanContext, layout: MatterLayout, pack: boolean): PacketPlan {
  const { input } = ctx;
  // The index names true page numbers, so the front matter is laid out twice: first to count its pages.
  const frontPages = planFront(
    ctx,
    input.exhibits.map(() => 0),
    layout,
  ).length;
  const appendix = planAppendix(ctx, layout);
  // Under a page limit, what the front matter and appendix leave is the exhibits' budget.
  const budget = !pack || input.pageLimit === undefined ? undefined : input.pageLimit - frontPages - appendix.length;
  const exhibits = planExhibits(ctx, frontPages + 1, budget);
  const front = planFront(ctx, exhibits.startPages, layout);
  return {
    pages: [...front, ...withBookmarks(ctx, exhibits.pages), ...appendix],
    placements: withTextLayer(input, exhibits.placements),
    focus: exhibits.focus,
    exhibitStartPages: exhibits.startPages,
    exhibitEndPages: exhibits.endPages,
  };
}
