import type { PlanContext } from '../plan-context.js';
import { COMPACT_STYLE, ROOMY_STYLE } from '../text/flow-style.js';
import { FlowWriter } from '../text/flow-writer.js';
import type { PlannedPage } from '../types.js';
import { writeCover } from './cover.js';
import { writeIndex } from './exhibit-index.js';

/**
 * How the front matter and the appendix are set: roomy (the packet's own sizes), or compact
 * (smaller, tighter, the appendix in two columns) when a page limit needs their pages back.
 */
export type MatterLayout = 'roomy' | 'compact';

/** The cover, then the index of exhibits, on as few pages as their text needs. */
export function planFront(ctx: PlanContext, startPages: readonly number[], layout: MatterLayout = 'roomy'): PlannedPage[] {
  const w = new FlowWriter(ctx.fonts, ctx.input.paper, 'cover', 'Cover', layout === 'compact' ? COMPACT_STYLE : ROOMY_STYLE);
  writeCover(w, ctx);
  w.section('index', 'Index of exhibits');
  writeIndex(w, ctx, startPages, layout === 'compact');
  return w.pages;
}
