import type { FontSet } from './fonts/load-fonts.js';
import { planExhibits } from './exhibits/plan-exhibits.js';
import { withTextLayer } from './exhibits/text-layer.js';
import { planAppendix } from './front/appendix.js';
import { withBookmarks } from './front/bookmarks.js';
import { planFront } from './front/plan-front.js';
import { planContext } from './plan-context.js';
import type { PacketInput, PacketPlan } from './types.js';

/**
 * Lays out every page before anything is drawn, so the index can name true page numbers:
 * the front matter (cover and index), the exhibits in packet order, the appendix; then each
 * exhibit page gets its bookmark and each screenshot its text layer.
 */
export function planPacket(fonts: FontSet, input: PacketInput): PacketPlan {
  const ctx = planContext(fonts, input);
  // The index names true page numbers, so the front matter is laid out twice: first to count its pages.
  const frontPages = planFront(
    ctx,
    input.exhibits.map(() => 0),
  ).length;
  const appendix = planAppendix(ctx);
  // Under a page limit, what the front matter and appendix leave is the exhibits' budget.
  const budget = input.pageLimit === undefined ? undefined : input.pageLimit - frontPages - appendix.length;
  const exhibits = planExhibits(ctx, frontPages + 1, budget);
  const front = planFront(ctx, exhibits.startPages);
  return {
    pages: [...front, ...withBookmarks(ctx, exhibits.pages), ...appendix],
    placements: withTextLayer(input, exhibits.placements),
    focus: exhibits.focus,
    exhibitStartPages: exhibits.startPages,
    exhibitEndPages: exhibits.endPages,
  };
}
