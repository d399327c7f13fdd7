import { MIN_TEXT_PT } from '../../rules/visible-facts.js';

/**
 * A way to lay out the exhibits from one position on: `span` exhibits (1, or 2 sharing a
 * page) on `pages` new pages, printing the text of each image among them at `pt` points
 * at 100 % (chats and documents print none that is measured: `pt` is empty).
 */
export interface PackOption {
  readonly span: number;
  readonly pages: number;
  readonly pt: readonly number[];
}

/** The option chosen at each position where a group starts (a key per group), and the pages they take. */
export interface Packing {
  readonly chosen: ReadonlyMap<number, number>;
  readonly pages: number;
}

/** Printed sizes closer than this are the same size. */
const EPSILON = 1e-6;

/**
 * Text printed just over the floor is still misread now and then (a time's colon read as a
 * digit, a column of small figures left out); from this size on it reads surely, and printing
 * it larger gains a reader little. The pages a limit leaves go first to the text under it:
 * the sums compared count each size up to this, then in full.
 */
export const SURE_PT = MIN_TEXT_PT * 1.25;

/** Printed text summed, each size counted up to SURE_PT (`sure`) and in full (`sum`). */
type Sums = { sure: number; sum: number };

/** The most text summed and the fewest pages, for the exhibits from each position on, by page count. */
type Best = Sums & { option: number };

/** Whether `a` keeps more text legible than `b`: more text under the sure size first, then more in all. */
function more(a: Sums, b: Sums): boolean {
  if (Math.abs(a.sure - b.sure) > EPSILON) return a.sure > b.sure;
  return a.sum > b.sum + EPSILON;
}

/**
 * Groups the exhibits, in their order, into pages: at each position `options[i]` says how
 * exhibit i (and the ones after it it may share a page with) can be laid out; option 0 is
 * the exhibit alone. Among the groupings that fit `budget` pages, the one whose smallest
 * printed text is largest, then whose printed text summed is largest, then the one with
 * the fewest pages; when none fits, the one with the fewest pages (then the most text).
 * Sums are compared first counting each size only up to SURE_PT, then in full.
 * Exact: for each candidate smallest size, a dynamic program over the sequence keeps, for
 * each position and page count, the most text summed.
 */
export function choosePacking(options: readonly (readonly PackOption[])[], budget: number): Packing {
  const sizes = [...new Set(options.flat().flatMap((o) => o.pt))].sort((a, b) => b - a);
  for (const floor of [...sizes, -Infinity]) {
    const table = bestByPages(options, floor);
    const fits = [...table[0]!.entries()].filter(([pages, best]) => best !== undefined && pages <= budget);
    if (fits.length === 0) continue;
    // The most text; on a tie, the fewest pages (entries run by page count).
    const [pages] = fits.reduce((a, b) => (more(b[1]!, a[1]!) ? b : a));
    return { chosen: walk(options, table, pages), pages };
  }
  const table = bestByPages(options, -Infinity);
  const pages = table[0]!.findIndex((best) => best !== undefined);
  return { chosen: walk(options, table, pages), pages };
}

/**
 * For each position i and page count p, the most printed text summed over the exhibits from
 * i on laid out on exactly p pages, with no option printing under `floor` (an exhibit alone
 * is always allowed when nothing else covers it, so a grouping always exists at -Infinity).
 */
function bestByPages(options: readonly (readonly PackOption[])[], floor: number): (Best | undefined)[][] {
  const n = options.length;
  const table: (Best | undefined)[][] = Array.from({ length: n + 1 }, () => []);
  table[n]![0] = { sure: 0, sum: 0, option: -1 };
  for (let i = n - 1; i >= 0; i--) {
    options[i]!.forEach((option, k) => {
      if (option.pt.some((pt) => pt < floor - EPSILON)) return;
      const rest = table[i + option.span];
      if (!rest) return;
      const own = option.pt.reduce((a, b) => a + b, 0);
      const sure = option.pt.reduce((a, b) => a + Math.min(b, SURE_PT), 0);
      rest.forEach((after, pages) => {
        if (!after) return;
        const total = pages + option.pages;
        const here = table[i]![total];
        const sums = { sure: after.sure + sure, sum: after.sum + own };
        if (!here || more(sums, here)) table[i]![total] = { ...sums, option: k };
      });
    });
  }
  return table;
}

/** The options the table chose, from the first position, for `pages` pages in all. */
function walk(options: readonly (readonly PackOption[])[], table: (Best | undefined)[][], pages: number): Map<number, number> {
  const chosen = new Map<number, number>();
  let left = pages;
  for (let i = 0; i < options.length; ) {
    const k = table[i]![left]!.option;
    const option = options[i]![k]!;
    chosen.set(i, k);
    left -= option.pages;
    i += option.span;
  }
  return chosen;
}
