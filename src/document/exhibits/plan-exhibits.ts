import type { Exhibit } from '../../evidence/model.js';
import { InternalError } from '../../errors.js';
import type { PlanContext } from '../plan-context.js';
import { packOptions } from './pack-options.js';
import { choosePacking } from './pack-pages.js';
import { ExhibitPageFlow, type PackedLayout } from './page-flow.js';
import { PLANNERS, type Planner } from './planners.js';

/**
 * The exhibit pages in packet order, each exhibit laid out by the planner for its kind, so
 * that none is spent for little: two phone captures in a row share a page side by side, two
 * small images one above the other, and a short transcript excerpt is followed on its page
 * by the next excerpt. Pages are numbered from `firstPage`. When that takes more than
 * `budget` pages (the page limit less the front matter and appendix), the exhibits are
 * packed: see packExhibits.
 */
export function planExhibits(ctx: PlanContext, firstPage: number, budget?: number): ExhibitPageFlow {
  const flow = layOut(new ExhibitPageFlow(ctx, firstPage));
  if (budget === undefined || flow.pages.length <= budget) return flow;
  return packExhibits(ctx, firstPage, budget);
}

/**
 * The exhibits grouped onto pages as one problem over their order: any two images in a row
 * may share a page, and an image may sit under the transcript excerpt before it in the room
 * that excerpt leaves, when each keeps its text at the floor or over, and of the groupings that
 * fit `budget` pages the one that keeps the most text legible is laid out (choosePacking).
 * No exhibit goes under its floor to save a page: when none fits, the tightest grouping is
 * laid out and the page advice names exhibits to drop.
 */
function packExhibits(ctx: PlanContext, firstPage: number, budget: number): ExhibitPageFlow {
  const at = packOptions(layOut(new ExhibitPageFlow(ctx, firstPage, new Map())));
  const packing = choosePacking(
    at.map((p) => p.options),
    budget,
  );
  const packed = new Map<number, PackedLayout>();
  for (const [i, k] of packing.chosen) {
    const layout = at[i]!.layouts[k];
    if (layout) packed.set(i, layout);
  }
  return layOut(new ExhibitPageFlow(ctx, firstPage, packed));
}

function layOut(flow: ExhibitPageFlow): ExhibitPageFlow {
  const { exhibits } = flow.ctx.input;
  for (let i = 0; i < exhibits.length; ) i = plannerFor(exhibits[i]!)(flow, exhibits[i]!, i);
  return flow;
}

function plannerFor(exhibit: Exhibit): Planner {
  const planner = (PLANNERS as Record<string, Planner | undefined>)[exhibit.kind];
  if (!planner) throw new InternalError(`no page planner for an exhibit of kind "${exhibit.kind}"`);
  return planner;
}
