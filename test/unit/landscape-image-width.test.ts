import { describe, expect, it } from 'vitest';
import { planPacket } from '../../src/document/index.js';
import { IMAGE_MARGIN_X, MARGIN_X } from '../../src/document/page/geometry.js';
import { randomCaseInput } from '../helpers/random-exhibits.js';

/**
 * An image drawn alone on a landscape page reaches IMAGE_MARGIN_X from the paper's sides, wider
 * than the text column: a reviewer's screen shows the page at its width, so a desktop capture's
 * small text shows larger, and its edges do not run on from the running head's and caption's.
 * Checked on seeded random cases (scripts/random-case.mjs), laid out in-process.
 */
describe('images alone on a landscape page', () => {
  it('are drawn up to IMAGE_MARGIN_X from the sides, centred, and a wide capture wider than the text column', async () => {
    let wide = 0;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const { fonts, input } = await randomCaseInput(seed);
      const plan = planPacket(fonts, input);
      for (const placement of plan.placements) {
        const page = plan.pages[placement.page - 1]!;
        const size = page.size ?? input.paper;
        if (size.width <= size.height || placement.clip || placement.region) continue;
        if (plan.placements.filter((p) => p.page === placement.page && !p.region).length !== 1) continue;
        const { x, width } = placement;
        // Within the paper's edge room, centred.
        expect([seed, x]).toEqual([seed, expect.closeTo(Math.max(x, IMAGE_MARGIN_X), 3)]);
        expect([seed, x + width]).toEqual([seed, expect.closeTo(Math.min(x + width, size.width - IMAGE_MARGIN_X), 3)]);
        expect([seed, x + width / 2]).toEqual([seed, expect.closeTo(size.width / 2, 3)]);
        // Wider than the text column: a desktop capture (16:9) drawn alone is, up to the page's height.
        if (width > size.width - 2 * MARGIN_X + 1) wide++;
      }
    }
    // The random cases hold desktop captures, which landscape pages show at their width.
    expect(wide).toBeGreaterThan(5);
  });
});
