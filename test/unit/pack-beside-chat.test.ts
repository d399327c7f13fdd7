import { describe, expect, it } from 'vitest';
import { type FontSet, type PacketInput, type PacketPlan, planPacket } from '../../src/document/index.js';
import type { ChatExhibit, ChatMessage, Exhibit } from '../../src/evidence/model.js';
import { MIN_TEXT_PT } from '../../src/rules/visible-facts.js';
import { judgedTextPx } from '../../src/document/exhibits/share-page.js';
import { visibleSize } from '../../src/imaging/visible.js';
// @ts-expect-error the bench's generator is plain JavaScript
import { rng } from '../../scripts/bench-corpus.mjs';
import { randomCaseInput } from '../helpers/random-exhibits.js';

/**
 * A phone capture beside a short transcript excerpt, under a page limit: the excerpt in a
 * column of its own (text at its usual size, wrapped), the capture in the other, the earlier
 * on the left, and no line of the transcript on an image.
 */

const WORDS = ['the', 'order', 'files', 'invoice', 'delivered', 'approved', 'theme', 'licence', 'download', 'refund', 'support', 'thanks'];

/** `count` messages of a seeded length, a minute apart, from the export's first message. */
function messages(chat: ChatExhibit, count: number, seed: number): ChatMessage[] {
  const r = rng(seed);
  const first = chat.messages[0]!;
  return Array.from({ length: count }, (_, k) => ({
    ...first,
    seq: k,
    sender: k % 2 === 0 ? 'Jane Doe' : 'Acme Themes',
    isClient: k % 2 === 0,
    date: { ...first.date, epochMs: first.date.epochMs! + k * 60_000 },
    text: Array.from({ length: 6 + Math.floor(r() * 14) }, () => WORDS[Math.floor(r() * WORDS.length)]).join(' '),
    where: `line ${k + 1}`,
  }));
}

/** Phone captures of random case `seed`, each followed (or preceded) by an excerpt of `count` messages. */
async function phonesAndChats(seed: number, count: number, chatFirst: boolean): Promise<{ fonts: FontSet; input: PacketInput }> {
  const { fonts, input } = await randomCaseInput(seed);
  const phones = input.exhibits.filter((e) => e.kind === 'image' && e.image.format === 'png' && e.image.height > e.image.width);
  const chat = input.exhibits.find((e): e is ChatExhibit => e.kind === 'chat')!;
  const exhibits: Exhibit[] = phones.flatMap((phone, k) => {
    const excerpt: ChatExhibit = { ...chat, file: `chat-${k}.txt`, messages: messages(chat, count, seed * 31 + k), totalMessages: count };
    return chatFirst ? [excerpt, phone] : [phone, excerpt];
  });
  return { fonts, input: { ...input, exhibits } };
}

type Box = { x0: number; x1: number; y0: number; y1: number };
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Each page's image boxes and the boxes of its text lines (a line's ink from under its baseline to its cap height). */
function pagesOf(fonts: FontSet, plan: PacketPlan) {
  return plan.pages.map((page, p) => {
    // A placement of a region (a focus page's enlarged view) is clipped to its box: the whole image's placements are the ink.
    const images = plan.placements
      .filter((pl) => pl.page === p + 1 && !pl.region)
      .map((pl) => ({ x0: pl.x, x1: pl.x + pl.width, y0: pl.y, y1: pl.y + pl.height }));
    const lines = page.ops.flatMap((op) =>
      op.op === 'text' ? [{ x0: op.x, x1: op.x + fonts.measure(op.text, op.size, op.face), y0: op.y - 0.25 * op.size, y1: op.y + 0.8 * op.size }] : [],
    );
    return { page, images, lines };
  });
}

/** The fewest pages the packet fits with every exhibit kept, and its plan. */
function tightest(fonts: FontSet, input: PacketInput): PacketPlan {
  let best = planPacket(fonts, { ...input, pageLimit: undefined });
  for (let limit = best.pages.length - 1; limit > 0; limit--) {
    const plan = planPacket(fonts, { ...input, pageLimit: limit });
    if (plan.pages.length > limit) break;
    best = plan;
  }
  return best;
}

/** The pages where an image and a transcript share the page side by side: the image's exhibit, the first on the page, and whether the transcript is left of the image. */
function besidePages(fonts: FontSet, plan: PacketPlan, input: PacketInput) {
  return pagesOf(fonts, plan).flatMap(({ page, images, lines }) => {
    if (images.length === 0 || page.exhibit === undefined) return [];
    const [left, right, top] = [Math.min(...images.map((b) => b.x0)), Math.max(...images.map((b) => b.x1)), Math.max(...images.map((b) => b.y1))];
    // Lines level with the image (under its caption band), wholly on one side of it.
    const level = lines.filter((l) => l.y1 < top);
    const chatLeft = level.some((l) => l.x1 <= left);
    if (!chatLeft && !level.some((l) => l.x0 >= right)) return [];
    const image = plan.placements.find((p) => plan.pages[p.page - 1] === page)!.exhibit;
    return [{ image, first: page.exhibit, chatLeft, kinds: [input.exhibits[page.exhibit]!.kind, input.exhibits[page.exhibit + 1]!.kind] }];
  });
}

describe('a phone capture beside a transcript excerpt', () => {
  it('six captures each before an excerpt of 9 messages fit 11 pages only side by side (under or over, 17), the earlier on the left', async () => {
    const { fonts, input } = await phonesAndChats(9, 9, false);
    const plan = planPacket(fonts, { ...input, pageLimit: 11 });
    expect(plan.pages.length).toBeLessThanOrEqual(11);
    const beside = besidePages(fonts, plan, input);
    expect(beside.length).toBeGreaterThanOrEqual(5);
    for (const b of beside) {
      expect(b.kinds.sort()).toEqual(['chat', 'image']);
      // The earlier exhibit on the left: the transcript is left of the image when it comes first.
      expect(b.chatLeft).toBe(b.image !== b.first);
    }
  }, 600_000);

  it('an excerpt of 9 messages then a capture: one page, the excerpt on the left', async () => {
    const { fonts, input } = await phonesAndChats(9, 9, true);
    const pair = { ...input, exhibits: input.exhibits.slice(0, 2) };
    const plan = tightest(fonts, pair);
    expect(plan.pages.filter((p) => p.kind === 'exhibit')).toHaveLength(1);
    expect(besidePages(fonts, plan, pair).map((b) => [b.first, b.image, b.chatLeft])).toEqual([[0, 1, true]]);
  }, 600_000);

  it('no transcript line on an image, every capture at its floor or over, in any layout packing chooses (seeded cases)', async () => {
    for (const [seed, count, chatFirst] of [
      [9, 9, false],
      [9, 9, true],
      [12, 6, false],
      [24, 12, true],
      [25, 3, false],
    ] as const) {
      const { fonts, input } = await phonesAndChats(seed, count, chatFirst);
      const plan = tightest(fonts, input);
      for (const { images, lines } of pagesOf(fonts, plan)) for (const line of lines) for (const image of images) expect(overlaps(line, image)).toBe(false);
      // Each capture's text at the floor or over (on a focus page, its enlarged view's), and every one drawn.
      const pt = new Map<number, number>();
      for (const p of plan.placements) {
        const e = input.exhibits[p.exhibit]!;
        if (e.kind === 'image') pt.set(p.exhibit, Math.max(pt.get(p.exhibit) ?? 0, judgedTextPx(e) * (p.width / visibleSize(e).width)));
      }
      expect(pt.size).toBe(input.exhibits.filter((e) => e.kind === 'image').length);
      for (const size of pt.values()) expect(size + 1e-9).toBeGreaterThanOrEqual(MIN_TEXT_PT);
    }
  }, 600_000);
});
