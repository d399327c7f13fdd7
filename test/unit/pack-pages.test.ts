import { describe, expect, it } from 'vitest';
import { choosePacking, type PackOption } from '../../src/document/exhibits/pack-pages.js';
import { MIN_TEXT_PT } from '../../src/rules/visible-facts.js';
import { seeded } from '../helpers/seeded.js';

/** An exhibit alone on `pages` pages printing its text at `pt` (none for a transcript). */
const alone = (pages: number, pt?: number): PackOption => ({ span: 1, pages, pt: pt === undefined ? [] : [pt] });
/** Two exhibits sharing one page, printing their text at a and b. */
const shared = (a: number, b: number): PackOption => ({ span: 2, pages: 1, pt: [a, b] });

/** The grouping chosen, as the spans laid out from the first exhibit ("1 2 1": alone, a shared page, alone), and its pages. */
function grouping(options: PackOption[][], budget: number): string {
  const packing = choosePacking(options, budget);
  const spans = [...packing.chosen].sort((a, b) => a[0] - b[0]).map(([i, k]) => options[i]![k]!.span);
  return `${spans.join(' ')} (${packing.pages} pages)`;
}

interface Row {
  readonly name: string;
  readonly options: PackOption[][];
  readonly budget: number;
  readonly chosen: string;
}

const TABLE: readonly Row[] = [
  {
    name: 'within the budget alone: nothing shares a page',
    options: [[alone(1, 10), shared(7, 7)], [alone(1, 9)]],
    budget: 2,
    chosen: '1 1 (2 pages)',
  },
  {
    name: 'one page short: the pair that keeps the smaller text largest shares',
    options: [[alone(1, 10), shared(6.5, 8)], [alone(1, 10), shared(7, 7)], [alone(1, 10)]],
    budget: 2,
    chosen: '1 2 (2 pages)',
  },
  {
    name: 'only as tight as needed: one pair, not two',
    options: [[alone(1, 10), shared(8, 8)], [alone(1, 10), shared(8, 8)], [alone(1, 10), shared(8, 8)], [alone(1, 10)]],
    budget: 3,
    chosen: '1 1 2 (3 pages)',
  },
  {
    name: 'two pages short: two pairs that do not overlap',
    options: [[alone(1, 10), shared(8, 8)], [alone(1, 10), shared(9, 9)], [alone(1, 10), shared(8, 8)], [alone(1, 10)]],
    budget: 2,
    chosen: '2 2 (2 pages)',
  },
  {
    name: 'a transcript between two images keeps its pages; the images cannot share across it',
    options: [[alone(1, 10)], [alone(2)], [alone(1, 10), shared(7, 7)], [alone(1, 10)]],
    budget: 4,
    chosen: '1 1 2 (4 pages)',
  },
  {
    name: 'the smallest text decides before the sum: a large text kept whole does not buy a tiny one',
    options: [[alone(1, 6.2), shared(6.1, 30)], [alone(1, 20), shared(12, 12)], [alone(1, 20)]],
    budget: 2,
    chosen: '1 2 (2 pages)',
  },
  {
    name: 'with equal smallest text, the most text summed',
    options: [[alone(1, 6), shared(6, 9)], [alone(1, 12), shared(7, 12)], [alone(1, 12)]],
    budget: 2,
    chosen: '2 1 (2 pages)',
  },
  {
    // A capture printing at 5 pt whatever is chosen sets the smallest text; of the two pairs
    // that may share, the one whose text stays over the sure size shares, and the photo whose text
    // would print just over the floor shared keeps its page (more text summed in full the
    // other way: 7.2 + 6.6 lost against 10.4 + 8.7).
    name: 'the page the limit leaves goes to the text that would print under the sure size',
    options: [[alone(1, 5)], [alone(1, 10.8), shared(7.2, 6.6)], [alone(1, 8.3)], [alone(1, 14), shared(10.4, 8.7)], [alone(1, 11.8)]],
    budget: 4,
    chosen: '1 1 1 2 (4 pages)',
  },
  {
    name: 'when no grouping fits, the fewest pages',
    options: [[alone(1, 10), shared(7, 7)], [alone(1, 10)], [alone(3, 8)]],
    budget: 2,
    chosen: '2 1 (4 pages)',
  },
  {
    name: 'a lossless pair (a stack at the size each has alone) is taken on a tie',
    options: [[alone(1, 8), shared(8, 8)], [alone(1, 8)]],
    budget: 5,
    chosen: '2 (1 pages)',
  },
];

describe('page packing: which exhibits share a page', () => {
  for (const row of TABLE) {
    it(row.name, () => {
      expect(grouping(row.options, row.budget)).toBe(row.chosen);
    });
  }

  it('never chooses an option that is not offered, over 200 random sequences', () => {
    let seed = 7;
    const r = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    for (let run = 0; run < 200; run++) {
      const n = 1 + Math.floor(r() * 9);
      const options = Array.from({ length: n }, (_, i) => {
        const own = [alone(1 + Math.floor(r() * 2), 6 + r() * 6)];
        if (i + 1 < n && r() < 0.6) own.push(shared(6 + r() * 4, 6 + r() * 4));
        return own;
      });
      const budget = Math.floor(r() * n * 1.5);
      const packing = choosePacking(options, budget);
      let covered = 0;
      let pages = 0;
      for (const [i, k] of [...packing.chosen].sort((a, b) => a[0] - b[0])) {
        expect(i).toBe(covered);
        covered += options[i]![k]!.span;
        pages += options[i]![k]!.pages;
      }
      expect(covered).toBe(n);
      expect(pages).toBe(packing.pages);
      const tightest = choosePacking(options, -1).pages;
      expect(packing.pages).toBeLessThanOrEqual(Math.max(budget, tightest));
    }
  });

  it('chooses what every grouping within the budget would: the largest smallest text, then the most text up to the sure size (a quarter over the floor), then in full (60 seeded sequences, all groupings tried)', () => {
    const sure = MIN_TEXT_PT * 1.25;
    const r = seeded(43);
    for (let run = 0; run < 60; run++) {
      const n = 2 + Math.floor(r() * 7);
      const options = Array.from({ length: n }, (_, i) => {
        const own = [alone(1, 4 + r() * 10)];
        if (i + 1 < n && r() < 0.7) own.push(shared(5 + r() * 7, 5 + r() * 7));
        return own;
      });
      const budget = n - 1 - Math.floor(r() * 2);
      const score = (chosen: readonly (readonly [number, number])[]) => {
        const picked = chosen.map(([i, k]) => options[i]![k]!);
        const pts = picked.flatMap((o) => o.pt);
        const sum = (f: (pt: number) => number) => pts.reduce((a, pt) => a + f(pt), 0);
        return { pages: picked.reduce((a, o) => a + o.pages, 0), min: Math.min(...pts), sure: sum((pt) => Math.min(pt, sure)), all: sum((pt) => pt) };
      };
      // Every grouping, by brute force.
      const all: (readonly [number, number])[][] = [];
      const walk = (i: number, chosen: (readonly [number, number])[]) => {
        if (i === n) return void all.push(chosen);
        options[i]!.forEach((o, k) => i + o.span <= n && walk(i + o.span, [...chosen, [i, k] as const]));
      };
      walk(0, []);
      const within = all.map(score).filter((s) => s.pages <= budget);
      const got = score([...choosePacking(options, budget).chosen]);
      if (within.length === 0) continue;
      const best = within.reduce((a, b) => {
        if (Math.abs(a.min - b.min) > 1e-9) return a.min > b.min ? a : b;
        if (Math.abs(a.sure - b.sure) > 1e-9) return a.sure > b.sure ? a : b;
        return b.all > a.all + 1e-9 ? b : a;
      });
      expect([run, got.pages <= budget]).toEqual([run, true]);
      expect([run, got.min, got.sure, got.all].map((v) => +v.toFixed(6))).toEqual([run, best.min, best.sure, best.all].map((v) => +v.toFixed(6)));
    }
  });
});
