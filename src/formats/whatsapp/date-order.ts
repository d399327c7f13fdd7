import type { DateOrder, Header } from './header.js';

interface ShapeVotes {
  maxA: number;
  maxB: number;
  readonly yearFirst: boolean;
  readonly last: Record<'dmy' | 'mdy', number>;
  readonly backwards: Record<'dmy' | 'mdy', number>;
  readonly sample: string;
  readonly firstLine: number;
  lines: number;
  /** Lines that name a sender: the export's own messages, not the app's info lines. */
  messages: number;
}

/** A shape whose order was taken from the lines that decide it: said per line, the export still read. */
export interface BorrowedOrder {
  readonly sample: string;
  readonly line: number;
  readonly lines: number;
  readonly order: DateOrder;
}

/**
 * Learns each line shape's day/month order from the whole file, in one pass and constant
 * memory: a field over 12 settles it; otherwise the order under which the dates never run
 * backwards wins. A shape its own lines cannot settle takes the order of the shapes that are
 * settled, when it has fewer messages than they have (one odd line, or the app's info lines,
 * never make a whole export unreadable); only an export where no shape with most of the
 * messages is settled is ambiguous.
 */
export class DateOrderInference {
  private readonly shapes = new Map<string, ShapeVotes>();

  add(h: Header, line = 0, hasSender = true): void {
    let s = this.shapes.get(h.shape);
    if (!s) {
      const yearFirst = h.shape.replace('[', '').startsWith('Y');
      s = { maxA: 0, maxB: 0, yearFirst, last: { dmy: 0, mdy: 0 }, backwards: { dmy: 0, mdy: 0 }, sample: h.timeText, firstLine: line, lines: 0, messages: 0 };
      this.shapes.set(h.shape, s);
    }
    s.lines++;
    if (hasSender) s.messages++;
    s.maxA = Math.max(s.maxA, h.a);
    s.maxB = Math.max(s.maxB, h.b);
    const year = h.c < 100 ? 2000 + h.c : h.c;
    for (const order of ['dmy', 'mdy'] as const) {
      const [day, month] = order === 'dmy' ? [h.a, h.b] : [h.b, h.a];
      const key = year * 10000 + month * 100 + day;
      if (key < s.last[order]) s.backwards[order]++;
      s.last[order] = key;
    }
  }

  /** The order of each shape, the shapes that took another's order, or the shapes that cannot be settled. */
  resolve(forced: DateOrder | undefined): { orders: Map<string, DateOrder>; borrowed: BorrowedOrder[]; ambiguous?: { sample: string } } {
    const orders = new Map<string, DateOrder>();
    const borrowed: BorrowedOrder[] = [];
    const unsettled: [string, ShapeVotes][] = [];
    for (const [shape, s] of this.shapes) {
      const order = forced ?? settledOrder(s);
      if (order) orders.set(shape, order);
      else unsettled.push([shape, s]);
    }
    let ambiguous: { sample: string } | undefined;
    // The settled shape with most messages lends its order to the shapes with fewer.
    const lender = [...this.shapes]
      .filter(([shape, s]) => orders.has(shape) && !s.yearFirst)
      .sort((a, b) => b[1].messages - a[1].messages || b[1].lines - a[1].lines)[0];
    for (const [shape, s] of unsettled) {
      if (lender && s.messages < lender[1].messages) {
        const order = orders.get(lender[0])!;
        orders.set(shape, order);
        borrowed.push({ sample: s.sample, line: s.firstLine, lines: s.lines, order });
      } else {
        orders.set(shape, 'dmy');
        ambiguous ??= { sample: s.sample };
      }
    }
    return { orders, borrowed, ...(ambiguous ? { ambiguous } : {}) };
  }
}

function settledOrder(s: ShapeVotes): DateOrder | undefined {
  if (s.yearFirst) return 'ymd';
  if (s.maxA > 12 && s.maxB <= 12) return 'dmy';
  if (s.maxB > 12 && s.maxA <= 12) return 'mdy';
  if (s.backwards.dmy < s.backwards.mdy) return 'dmy';
  if (s.backwards.mdy < s.backwards.dmy) return 'mdy';
  return undefined;
}
