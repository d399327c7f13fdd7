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

/** The most text summed and the fewest pages, for the exhibits from each position on, by page count. */
type Best = { sum: number; option: number }[];

/**
 * Groups the exhibits, in their order, into pages: at each position `options[i]` says how
 * exhibit i (and the ones after it it may share a page with) can be laid out; option 0 is
 * the exhibit alone. Among the groupings that fit `budget` pages, the one whose smallest
 * printed text is largest, then whose printed text summed is largest, then the one with
 * the fewest pages; when none fits, the one with the fewest pages (then the most text).
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
    const [pages] = fits.reduce((a, b) => (b[1]!.sum > a[1]!.sum + EPSILON ? b : a));
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
function bestByPages(options: readonly (readonly PackOption[])[], floor: number): (Best[number] | undefined)[][] {
  const n = options.length;
  const table: (Best[number] | undefined)[][] = Array.from({ length: n + 1 }, () => []);
  table[n]![0] = { sum: 0, option: -1 };
  for (let i = n - 1; i >= 0; i--) {
    options[i]!.forEach((option, k) => {
      if (option.pt.some((pt) => pt < floor - EPSILON)) return;
      const rest = table[i + option.span];
      if (!rest) return;
      const own = option.pt.reduce((a, b) => a + b, 0);
      rest.forEach((after, pages) => {
        if (!after) return;
        const total = pages + option.pages;
        const here = table[i]![total];
        if (!here || after.sum + own > here.sum + EPSILON) table[i]![total] = { sum: after.sum + own, option: k };
      });
    });
  }
  return table;
}

/** The options the table chose, from the first position, for `pages` pages in all. */
function walk(options: readonly (readonly PackOption[])[], table: (Best[number] | undefined)[][], pages: number): Map<number, number> {
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
