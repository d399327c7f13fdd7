import { describeDrop } from '../budget/drop-advice.js';
import { type FontSet, exhibitNumbering, type PacketInput, type PacketPlan, planPacket } from '../document/index.js';
import type { Exhibit } from '../evidence/model.js';

/** Re-plans tried at most, each without one more exhibit. */
const MOST_TRIES = 60;

/** An exhibit the user marked (a note, a highlight) matters more than one they did not. */
const isMarked = (e: Exhibit): boolean =>
  e.note !== undefined ||
  (e.kind === 'image' && e.marks.highlight.length > 0) ||
  (e.kind === 'document' && e.pages.some((p) => p.highlight.length > 0 || p.note !== undefined));

/**
 * When a packet laid out as tightly as the planner can still has too many pages: the
 * exhibits whose removal makes it fit, least important first (no note or highlight, then
 * those that take most pages), each removal laid out again so the count is the real one.
 * "exhibits 3, 7", or undefined when no such set is found.
 */
export function pagesDropAdvice(fonts: FontSet, input: PacketInput, full: PacketPlan, maxPages: number): string | undefined {
  const { number } = exhibitNumbering(input);
  const pagesOf = (i: number) => full.exhibitEndPages[i]! - full.exhibitStartPages[i]! + 1;
  const order = input.exhibits
    .map((exhibit, i) => ({ i, marked: isMarked(exhibit), pages: pagesOf(i) }))
    .sort((a, b) => Number(a.marked) - Number(b.marked) || b.pages - a.pages || b.i - a.i);
  const dropped = new Set<number>();
  for (const candidate of order.slice(0, MOST_TRIES)) {
    dropped.add(candidate.i);
    if (dropped.size === input.exhibits.length) return undefined;
    const kept = input.exhibits.filter((_, i) => !dropped.has(i));
    if (planPacket(fonts, { ...input, exhibits: kept }).pages.length <= maxPages) return describeDrop([...dropped].map(number));
  }
  return undefined;
}
