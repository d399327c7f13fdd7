import { describe, expect, it } from 'vitest';
import { type PacketInput, type PacketPlan, planPacket } from '../../src/document/index.js';
import { judgedTextPx } from '../../src/document/exhibits/share-page.js';
import { CONTENT_BOTTOM, CONTENT_TOP_GAP } from '../../src/document/page/geometry.js';
import { visibleSize } from '../../src/imaging/visible.js';
import { MIN_TEXT_PT } from '../../src/rules/visible-facts.js';
import { randomCaseInput } from '../helpers/random-exhibits.js';

/**
 * Packed under a page limit, an image may sit under the transcript excerpt before it, in
 * the room that excerpt leaves on its last page, over its start, or beside it: seeded random
 * cases (short chat exports among captures and photos), laid out as tightly as they can be.
 */

type Shared = { chat: number; image: number; page: number; under: boolean };
/** The shared pages where the transcript is in a column beside the image. */
const besides: Shared[] = [];

/** The pages a transcript excerpt shares with the image next to it: the image under its end, or over its start. */
function tails(input: PacketInput, plan: PacketPlan): Shared[] {
  const found: Shared[] = [];
  input.exhibits.forEach((e, i) => {
    const next = input.exhibits[i + 1];
    if (plan.exhibitStartPages[i + 1] !== plan.exhibitEndPages[i]) return;
    const page = plan.exhibitEndPages[i]!;
    if (e.kind === 'chat' && next?.kind === 'image') found.push({ chat: i, image: i + 1, page, under: true });
    if (e.kind === 'image' && next?.kind === 'chat') found.push({ chat: i + 1, image: i, page, under: false });
  });
  return found;
}

function checkTails(seed: number, input: PacketInput, plan: PacketPlan): Shared[] {
  const found = tails(input, plan);
  const { height } = input.paper;
  for (const { chat, image, page, under } of found) {
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
    // In time order: down the page (the image under every line of the transcript, or over
    // every line), or across it, the transcript in a column beside the image (on its left
    // when it comes first), none of its lines level with the image on the image's side.
    const chatLines = texts.filter((t) => / · /.test(t.text) && t.size === 10);
    const imageTop = Math.max(...placed.map((p) => (p.clip ?? p).y + (p.clip ?? p).height));
    const imageBottom = Math.min(...placed.map((p) => (p.clip ?? p).y));
    const imageLeft = Math.min(...placed.map((p) => (p.clip ?? p).x));
    const imageRight = Math.max(...placed.map((p) => (p.clip ?? p).x + (p.clip ?? p).width));
    expect([seed, chat, chatLines.length > 0]).toEqual([seed, chat, true]);
    const level = chatLines.filter((line) => line.y <= imageTop && line.y >= imageBottom);
    if (level.length > 0) besides.push({ chat, image, page, under });
    for (const line of level) expect([seed, image, under ? line.x < imageLeft : line.x >= imageRight]).toEqual([seed, image, true]);
    if (level.length === 0) for (const line of chatLines) expect([seed, image, under ? line.y > imageTop : line.y < imageBottom]).toEqual([seed, image, true]);
  }
  return found;
}

describe('an image next to a transcript excerpt', () => {
  it('shares the excerpt’s page (under its end, over its start) when packing needs it, in time order, over no line, at the floor or over', async () => {
    const shared: Shared[] = [];
    for (let seed = 1; seed <= 12; seed++) {
      const { fonts, input } = await randomCaseInput(seed, { shape: 'random' });
      const tight = planPacket(fonts, { ...input, pageLimit: 1 });
      shared.push(...checkTails(seed, input, tight));
      tight.exhibitStartPages.forEach((start, i) => expect(start).toBeGreaterThanOrEqual(tight.exhibitEndPages[i - 1] ?? 0));
      // Without a limit nothing is packed: each image after an excerpt starts a page of its own.
      const loose = planPacket(fonts, { ...input, pageLimit: undefined });
      expect([seed, tails(input, loose)]).toEqual([seed, []]);
    }
    // Short chat exports leave room: across these cases images use it, under an excerpt and over one.
    expect(shared.filter((s) => s.under).length).toBeGreaterThan(0);
    expect(shared.filter((s) => !s.under).length).toBeGreaterThan(0);
    // Under or over the excerpt, not only beside it.
    expect(shared.length).toBeGreaterThan(besides.length);
  }, 600_000);
});
