import type { PlanContext } from '../plan-context.js';
import { FlowWriter } from '../text/flow-writer.js';
import type { PlannedPage } from '../types.js';
import { writeCover } from './cover.js';
import { writeIndex } from './exhibit-index.js';

/** The cover, then the index of exhibits, on as few pages as their text needs. */
export function planFront(ctx: PlanContext, startPages: readonly number[]): PlannedPage[] {
  const w = new FlowWriter(ctx.fonts, ctx.input.paper, 'cover', 'Cover');
  writeCover(w, ctx);
  w.section('index', 'Index of exhibits');
  writeIndex(w, ctx, startPages);
  return w.pages;
}
