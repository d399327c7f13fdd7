import { describe, expect, it } from 'vitest';
import { type PacketInput, type PacketPlan, planPacket } from '../../src/document/index.js';
import { judgedTextPx } from '../../src/document/exhibits/share-page.js';
import { CONTENT_BOTTOM, CONTENT_TOP_GAP } from '../../src/document/page/geometry.js';
import { visibleSize } from '../../src/imaging/visible.js';
import { MIN_TEXT_PT } from '../../src/rules/visible-facts.js';
import { randomCaseInput } from '../helpers/random-exhibits.js';

/**
 * Packed under a page limit, an image may sit under the transcript excerpt before it, in
 * the room that excerpt leaves on its last page: seeded random cases (short chat exports
 * among captures and photos), laid out as tightly as they can be.
 */

/** The pages on which a transcript excerpt ends and the image after it is drawn. */
function tails(input: PacketInput, plan: PacketPlan): { chat: number; image: number; page: number }[] {
  const found: { chat: number; image: number; page: number }[] = [];
  input.exhibits.forEach((e, i) => {
    const next = input.exhibits[i + 1];
    if (e.kind !== 'chat' || next?.kind !== 'image') return;
    if (plan.exhibitStartPages[i + 1] === plan.exhibitEndPages[i]) found.push({ chat: i, image: i + 1, page: plan.exhibitEndPages[i]! });
  });
  return found;
}

function checkTails(seed: number, input: PacketInput, plan: PacketPlan): number {
  const found = tails(input, plan);
  const { height } = input.paper;
  for (const { chat, image, page } of found) {
    const ops = plan.pages[page - 1]!.ops;
    const texts = ops.filter((op) => op.op === 'text');
    const exhibit = input.exhibits[image]!;
    if (exhibit.kind !== 'image') throw new Error('not an image');
    const placed = plan.placements.filter((p) => p.exhibit === image && p.page === page);
    expect([seed, chat, placed.length > 0]).toEqual([seed, chat, true]);
    for (const placement of placed) {
      // What shows of it (a photo's text band is the image drawn clipped): inside the content
      // area, and no line of the transcript or of any caption drawn over it.
      const p = placement.clip ?? placement;
      expect([seed, image, p.y >= CONTENT_BOTTOM - 1e-6, p.y + p.height <= height - CONTENT_TOP_GAP + 1e-6]).toEqual([seed, image, true, true]);
      const over = texts.filter((t) => t.x >= p.x && t.x < p.x + p.width && t.y > p.y && t.y < p.y + p.height);
      expect([seed, image, over.map((t) => t.text)]).toEqual([seed, image, []]);
    }
    // Every line on the page is generated text at 10 pt or more; the image's text at the floor or over.
    expect([seed, page, Math.min(...texts.map((t) => t.size)) >= 10]).toEqual([seed, page, true]);
    const pt = Math.max(...placed.map((p) => judgedTextPx(exhibit) * (p.width / visibleSize(exhibit).width)));
    expect([seed, image, pt >= MIN_TEXT_PT]).toEqual([seed, image, true]);
    expect(plan.pages[page - 1]!.label).toMatch(/^Exhibits \d+–\d+$/);
  }
  return found.length;
}

describe('an image under the transcript excerpt before it', () => {
  it('shares the excerpt’s last page when packing needs it, in time order, over no line, at the floor or over', async () => {
    let shared = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const { fonts, input } = await randomCaseInput(seed, { shape: 'random' });
      const tight = planPacket(fonts, { ...input, pageLimit: 1 });
      shared += checkTails(seed, input, tight);
      tight.exhibitStartPages.forEach((start, i) => expect(start).toBeGreaterThanOrEqual(tight.exhibitEndPages[i - 1] ?? 0));
      // Without a limit nothing is packed: each image after an excerpt starts a page of its own.
      const loose = planPacket(fonts, { ...input, pageLimit: undefined });
      expect([seed, tails(input, loose)]).toEqual([seed, []]);
    }
    // Short chat exports leave room: across these cases some image uses it.
    expect(shared).toBeGreaterThan(0);
  }, 600_000);
});
