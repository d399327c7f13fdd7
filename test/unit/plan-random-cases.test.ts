import { describe, expect, it } from 'vitest';
import { type PacketInput, type PacketPlan, planPacket } from '../../src/document/index.js';
import { judgedTextPx } from '../../src/document/exhibits/share-page.js';
import { visibleSize } from '../../src/imaging/visible.js';
import { MIN_TEXT_PT } from '../../src/rules/visible-facts.js';
import { randomCaseInput } from '../helpers/random-exhibits.js';

/**
 * Page packing over cases whose kinds, sizes, text sizes and order nobody chose: 30 seeded
 * random 17-exhibit cases (scripts/random-case.mjs), and the shape (7 desktop, 6
 * phone captures never two in a row, 4 photos), laid out in-process with OCR lines as drawn.
 */

/** Mastercard's page limit, and what the compact front matter and appendix take of it. */
const LIMIT = 19;
const COMPACT_FRONT_AND_APPENDIX = 3;

/** The largest size each image's text prints at in a plan (a focus page's enlarged view counts). */
function printedPt(input: PacketInput, plan: PacketPlan): Map<number, number> {
  const pt = new Map<number, number>();
  for (const p of plan.placements) {
    const exhibit = input.exhibits[p.exhibit]!;
    if (exhibit.kind !== 'image') continue;
    const size = judgedTextPx(exhibit) * (p.width / visibleSize(exhibit).width);
    pt.set(p.exhibit, Math.max(pt.get(p.exhibit) ?? 0, size));
  }
  return pt;
}

async function checkPacked(seed: number, shape: 'random' | 'alternating', sizes: 'usual' | 'other' = 'usual'): Promise<number> {
  const { fonts, input } = await randomCaseInput(seed, { shape, sizes });
  const loose = planPacket(fonts, { ...input, pageLimit: undefined });
  const plan = planPacket(fonts, input);
  const exhibitPages = plan.pages.filter((p) => p.kind === 'exhibit').length;
  // The exhibits within what the limit leaves them once the front matter is compact, and the
  // packet within 19 pages in all: every case, with no exception for a case that cannot fit.
  expect([seed, exhibitPages]).toEqual([seed, Math.min(exhibitPages, LIMIT - COMPACT_FRONT_AND_APPENDIX)]);
  expect([seed, plan.pages.length]).toEqual([seed, Math.min(plan.pages.length, LIMIT)]);
  // Every exhibit kept, on pages in order, each image drawn.
  expect(plan.exhibitStartPages).toHaveLength(input.exhibits.length);
  plan.exhibitStartPages.forEach((start, i) => expect(start).toBeGreaterThanOrEqual(plan.exhibitStartPages[i - 1] ?? 0));
  const pt = printedPt(input, plan);
  const alone = printedPt(input, loose);
  input.exhibits.forEach((e, i) => {
    if (e.kind !== 'image') return;
    // None under its floor to save a page: at 6 pt or over, or no smaller than it prints alone.
    expect([seed, i, pt.has(i)]).toEqual([seed, i, true]);
    expect(pt.get(i)! + 1e-9).toBeGreaterThanOrEqual(Math.min(MIN_TEXT_PT, alone.get(i)!));
  });
  return exhibitPages;
}

describe('page packing on cases nobody chose', () => {
  it('30 random 17-exhibit cases: every one within 19 pages (the exhibits within 16), every exhibit kept, none under its floor', async () => {
    for (let seed = 1; seed <= 30; seed++) await checkPacked(seed, 'random');
  }, 1_800_000);

  it('the issue’s shape (kinds alternating, no two phone captures in a row), five cases', async () => {
    for (let seed = 1; seed <= 5; seed++) await checkPacked(seed, 'alternating');
  }, 1_800_000);

  // Sizes the layout was never tuned on: 12 MP photos either way up, Retina and laptop
  // captures (2880 × 1800, 3024 × 1964, 1536 × 864…), newer phones (1440 × 3200, 828 × 1792…).
  it('10 random cases of other sizes: the same, every one within 19 pages', async () => {
    for (let seed = 101; seed <= 110; seed++) await checkPacked(seed, 'random', 'other');
  }, 1_800_000);

  it('gives up the front matter’s room before any exhibit shares a page', async () => {
    const exhibitPages = (plan: PacketPlan) => plan.pages.filter((p) => p.kind === 'exhibit').length;
    for (const seed of [1, 2, 3]) {
      const { fonts, input } = await randomCaseInput(seed, { shape: 'alternating' });
      const loose = planPacket(fonts, { ...input, pageLimit: undefined });
      // One page short: the compact front matter and appendix give it back, so nothing is packed.
      const plan = planPacket(fonts, { ...input, pageLimit: loose.pages.length - 1 });
      expect([seed, plan.pages.length <= loose.pages.length - 1]).toEqual([seed, true]);
      expect([seed, exhibitPages(plan)]).toEqual([seed, exhibitPages(loose)]);
    }
  }, 1_800_000);

  it('without a page limit, the layout is the one it always was', async () => {
    const { fonts, input } = await randomCaseInput(3, { shape: 'alternating' });
    const plan = planPacket(fonts, { ...input, pageLimit: undefined });
    expect(plan.pages.filter((p) => p.kind === 'exhibit')).toHaveLength(17);
  }, 1_800_000);
});
