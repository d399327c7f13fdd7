import type { Exhibit } from '../../evidence/model.js';
import { InternalError } from '../../errors.js';
import type { PlanContext } from '../plan-context.js';
import { ExhibitPageFlow } from './page-flow.js';
import { PLANNERS, type Planner } from './planners.js';

/**
 * The exhibit pages in packet order, each exhibit laid out by the planner for its kind, so
 * that none is spent for little: two phone captures in a row share a page side by side, two
 * small images one above the other, and a short transcript excerpt is followed on its page
 * by the next excerpt. Pages are numbered from `firstPage`.
 */
export function planExhibits(ctx: PlanContext, firstPage: number): ExhibitPageFlow {
  const flow = new ExhibitPageFlow(ctx, firstPage);
  const { exhibits } = ctx.input;
  for (let i = 0; i < exhibits.length; ) i = plannerFor(exhibits[i]!)(flow, exhibits[i]!, i);
  return flow;
}

function plannerFor(exhibit: Exhibit): Planner {
  const planner = (PLANNERS as Record<string, Planner | undefined>)[exhibit.kind];
  if (!planner) throw new InternalError(`no page planner for an exhibit of kind "${exhibit.kind}"`);
  return planner;
}
