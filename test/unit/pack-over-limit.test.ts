import { describe, expect, it } from 'vitest';
import { exhibitNumbering, type PacketInput, type PacketPlan, planPacket } from '../../src/document/index.js';
import { judgedTextPx } from '../../src/document/exhibits/share-page.js';
import { visibleSize } from '../../src/imaging/visible.js';
import { pagesDropAdvice } from '../../src/pipeline/page-advice.js';
import { MIN_TEXT_PT } from '../../src/rules/visible-facts.js';
import { randomCaseInput } from '../helpers/random-exhibits.js';
import { seeded } from '../helpers/seeded.js';

/**
 * No page goes under the floor to save a page: seeded random cases given a page limit
 * below the tightest layout they have. The plan stays over the limit with every image at
 * its floor (or at the size it has alone, when that is smaller), the advice the build's
 * BUDGET_PAGES gives names exhibits, and the case without them fits.
 */

function printedPt(input: PacketInput, plan: PacketPlan): Map<number, number> {
  const pt = new Map<number, number>();
  for (const p of plan.placements) {
    const exhibit = input.exhibits[p.exhibit]!;
    if (exhibit.kind !== 'image') continue;
    pt.set(p.exhibit, Math.max(pt.get(p.exhibit) ?? 0, judgedTextPx(exhibit) * (p.width / visibleSize(exhibit).width)));
  }
  return pt;
}

describe('a case that cannot fit its page limit', () => {
  it('keeps every image at its floor, and names exhibits whose removal fits', async () => {
    const random = seeded(39);
    for (let seed = 1; seed <= 6; seed++) {
      const { fonts, input } = await randomCaseInput(seed, { shape: 'random' });
      const tightest = planPacket(fonts, { ...input, pageLimit: 1 }).pages.length;
      const limit = tightest - 1 - Math.floor(random() * 3);
      const over = { ...input, pageLimit: limit };
      const plan = planPacket(fonts, over);
      expect([seed, plan.pages.length > limit]).toEqual([seed, true]);
      const alone = printedPt(input, planPacket(fonts, { ...input, pageLimit: undefined }));
      for (const [i, pt] of printedPt(input, plan)) expect([seed, i, pt + 1e-9 >= Math.min(MIN_TEXT_PT, alone.get(i)!)]).toEqual([seed, i, true]);
      const advice = pagesDropAdvice(fonts, over, plan, limit);
      expect([seed, advice]).toEqual([seed, expect.stringMatching(/^exhibits? \d+(, \d+)*$/)]);
      const named = new Set([...advice!.matchAll(/\d+/g)].map((m) => Number(m[0])));
      const { number } = exhibitNumbering(input);
      const kept = input.exhibits.filter((_, i) => !named.has(number(i)));
      expect([seed, kept.length > 0 && kept.length < input.exhibits.length]).toEqual([seed, true]);
      expect([seed, planPacket(fonts, { ...over, exhibits: kept }).pages.length <= limit]).toEqual([seed, true]);
    }
  }, 900_000);
});
