import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FontSet, type PacketInput, type PacketPlan, planPacket } from '../../src/document/index.js';
import { planAppendix } from '../../src/document/front/appendix.js';
import { planFront } from '../../src/document/front/plan-front.js';
import { planContext } from '../../src/document/plan-context.js';
import type { DrawOp, PlannedPage } from '../../src/document/types.js';
import { inspectCase } from '../../src/pipeline/inspect.js';
import { seeded } from '../helpers/card-corpus.js';
import { writeChatCase } from '../helpers/chat-case.js';
import { tempDir } from '../helpers/temp-case.js';

/**
 * Issue 39, point 2: under a page limit the roomy layout breaks, the cover, letter and index
 * take at most two pages and the appendix one, at sizes a reviewer reads at 100 %; without
 * a limit (or when the roomy layout fits) nothing changes. Laid out in-process, no PDF drawn.
 */

const LIMIT = 19;
const front = (plan: PacketPlan) => plan.pages.filter((p) => p.kind === 'cover' || p.kind === 'index');
const appendix = (plan: PacketPlan) => plan.pages.filter((p) => p.kind === 'appendix');
const texts = (pages: readonly PlannedPage[]) => pages.flatMap((p) => p.ops.filter((op): op is Extract<DrawOp, { op: 'text' }> => op.op === 'text'));
const hashOf = (pages: readonly PlannedPage[]) => createHash('sha256').update(JSON.stringify(pages)).digest('hex');

let fonts: FontSet;
let input: PacketInput;

beforeAll(async () => {
  // 17 exports of 12 messages: each exhibit about a page, the letter lists all 17.
  const dir = await tempDir('ep-compact-');
  await writeChatCase(dir, { chats: 17, messages: 12, seed: 39 });
  const inspected = await inspectCase(dir, {});
  fonts = inspected.fonts;
  input = { ...inspected.input, pageLimit: undefined };
  expect(input.exhibits).toHaveLength(17);
  expect(input.letter).toBeDefined();
}, 120_000);

describe('front matter and appendix under a page limit', () => {
  it('sets a 17-exhibit case with a letter, over 19 pages roomy, in two front pages and a one-page appendix', () => {
    const roomy = planPacket(fonts, input);
    const compact = planPacket(fonts, { ...input, pageLimit: LIMIT });
    expect(roomy.pages.length).toBeGreaterThan(LIMIT);
    expect(front(roomy).length).toBe(3);
    expect(appendix(roomy).length).toBe(2);
    expect(front(compact).length).toBeLessThanOrEqual(2);
    expect(appendix(compact)).toHaveLength(1);
    expect(compact.pages.length).toBe(roomy.pages.length - 2);
    // Readable at 100 %: text at the product's 10 pt or more, hashes (monospaced) at 7 pt or more.
    for (const op of texts([...front(compact), ...appendix(compact)])) expect(op.size).toBeGreaterThanOrEqual(op.face === 'mono' ? 7 : 10);
    expect(texts(appendix(compact)).some((op) => op.face === 'mono' && op.size === 7)).toBe(true);
  });

  it('keeps true page numbers in the index, the sections’ labels and the headings’ levels', () => {
    const compact = planPacket(fonts, { ...input, pageLimit: LIMIT });
    const pages = front(compact);
    expect(compact.exhibitStartPages[0]).toBe(pages.length + 1);
    const pageColumn = texts(pages).filter((op) => op.face === 'regular' && op.x > input.paper.width * 0.8);
    expect(pageColumn.map((op) => Number(op.text))).toEqual(compact.exhibitStartPages);
    const labels = compact.pages.map((p) => p.label).filter((l) => !l.startsWith('Exhibit'));
    expect(labels[0]).toMatch(/^Cover/);
    expect(labels.filter((l) => l.includes('Index of exhibits')).length).toBeGreaterThan(0);
    expect(labels.at(-1)).toBe('Appendix');
    const roles = (plan: PacketPlan) => texts([...front(plan), ...appendix(plan)]).flatMap((op) => (op.role ? [`${op.role} ${op.text}`] : []));
    expect(roles(compact)).toEqual(roles(planPacket(fonts, input)));
  });

  it('lists every source with its whole SHA-256 in the one-page appendix', () => {
    const text = texts(appendix(planPacket(fonts, { ...input, pageLimit: LIMIT })))
      .map((op) => op.text)
      .join('\n');
    for (const source of input.sources) {
      expect(text).toContain(source.file);
      expect(text).toContain(`${source.sha256.slice(0, 32)}\n${source.sha256.slice(32)}`);
    }
  });

  it('leaves the packet as it was without a limit, and when the roomy layout fits', () => {
    const ctx = planContext(fonts, input);
    const roomyFront = planFront(
      ctx,
      input.exhibits.map(() => 0),
    );
    // The layout before the compact one existed (a93d276), for this case: the same ops, bit for bit.
    expect(hashOf(roomyFront)).toBe('989a060620941832483fac3f73946a6a4a0564d7dca4eefa4f000c73b58f8378');
    expect(hashOf(planAppendix(ctx))).toBe('340f6276b9adcb47c81d989cbfe858106ccd39705214e28a7036923638471fa6');
    const plain = planPacket(fonts, input);
    expect(front(plain)).toEqual(planFront(ctx, plain.exhibitStartPages));
    expect(appendix(plain)).toEqual(planAppendix(ctx));
    expect(planPacket(fonts, { ...input, pageLimit: plain.pages.length })).toEqual(plain);
  });
});

/** A letter of seeded random words (unlike any the cover says), in paragraphs, a list and a heading. */
function randomLetter(random: () => number, words: number): { text: string; words: string[] } {
  const used: string[] = [];
  const word = () => {
    const w = `zq${Array.from({ length: 1 + Math.floor(random() * 10) }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('')}`;
    used.push(w);
    return w;
  };
  const blocks: string[] = [];
  while (used.length < words) {
    const kind = random();
    const n = 5 + Math.floor(random() * 60);
    if (kind < 0.15) blocks.push(`## ${Array.from({ length: 1 + (n % 5) }, word).join(' ')}`);
    else if (kind < 0.35) blocks.push(Array.from({ length: 1 + (n % 6) }, () => `- ${Array.from({ length: 3 + (n % 9) }, word).join(' ')}`).join('\n'));
    else blocks.push(Array.from({ length: n }, word).join(' '));
  }
  return { text: blocks.join('\n\n'), words: used };
}

describe('compact front matter, property over seeded random letters and exhibit counts', () => {
  it('is never longer than the roomy one and never leaves a word of the letter out', () => {
    const random = seeded(3939);
    for (let run = 0; run < 24; run++) {
      const count = 1 + Math.floor(random() * (run % 4 === 0 ? 200 : 40));
      const exhibits = Array.from({ length: count }, (_, i) => input.exhibits[i % input.exhibits.length]!);
      const letter = randomLetter(random, 20 + Math.floor(random() * (run % 5 === 0 ? 2500 : 600)));
      const ctx = planContext(fonts, { ...input, exhibits, letter: letter.text });
      const starts = exhibits.map((_, i) => i + 3);
      const roomy = planFront(ctx, starts);
      const compact = planFront(ctx, starts, 'compact');
      const label = `run ${run}: ${count} exhibits, ${letter.words.length} words`;
      expect(compact.length, label).toBeLessThanOrEqual(roomy.length);
      const drawn = new Map<string, number>();
      for (const op of texts(compact)) for (const w of op.text.split(/\s+/)) drawn.set(w, (drawn.get(w) ?? 0) + 1);
      const wanted = new Map<string, number>();
      for (const w of letter.words) wanted.set(w, (wanted.get(w) ?? 0) + 1);
      for (const [w, n] of wanted) expect(drawn.get(w) ?? 0, `${label}: "${w}"`).toBeGreaterThanOrEqual(n);
      // Set smaller than the roomy letter, and never under the floors.
      const letterSizes = texts(compact)
        .filter((op) => op.text.startsWith('zq'))
        .map((op) => op.size);
      expect(Math.max(...letterSizes), label).toBeLessThan(
        Math.min(
          ...texts(roomy)
            .filter((op) => op.text.startsWith('zq'))
            .map((op) => op.size),
        ),
      );
      for (const op of texts(compact)) expect(op.size, label).toBeGreaterThanOrEqual(op.face === 'mono' ? 7 : 10);
      expect(planAppendix(ctx, 'compact').length, label).toBeLessThanOrEqual(planAppendix(ctx).length);
    }
  });
});
