import { describe, expect, it } from 'vitest';
import { planPacket } from '../../src/document/index.js';
import type { ImageExhibit } from '../../src/evidence/model.js';
import { SCREEN_PX } from '../../src/imaging/find-focus.js';
import { visibleSize } from '../../src/imaging/visible.js';
import { randomCaseInput } from '../helpers/random-exhibits.js';

/**
 * Legibility as a reviewer reads, laid out in-process, each page fitted to a SCREEN_PX wide
 * screen (a 1920 px capture drawn whole on a landscape page gets 0.88 of its pixels there):
 * on the five cases (scripts/random-case.mjs: 1920 × 1080 desktop captures, text
 * 0.9–1.5 times 14 px), without a page limit, every timestamp of a desktop capture shown as
 * a focus page is in an enlarged view drawn at 1.1 screen pixels a pixel or more.
 */

/** The screen pixels per pixel of the largest view that shows a stamp (its centre in the view's clip). */
function shownAt(plan: ReturnType<typeof planPacket>, paperWidth: number, index: number, exhibit: ImageExhibit, bbox: readonly number[]) {
  const visible = visibleSize(exhibit);
  let best = { perPx: 0 };
  for (const p of plan.placements) {
    if (p.exhibit !== index || p.detail) continue;
    const s = p.width / visible.width;
    const [cx, cy] = [p.x + (bbox[0]! + bbox[2]! / 2) * s, p.y + p.height - (bbox[1]! + bbox[3]! / 2) * s];
    if (p.clip && (cx < p.clip.x || cx > p.clip.x + p.clip.width || cy < p.clip.y || cy > p.clip.y + p.clip.height)) continue;
    const perPx = (s * SCREEN_PX) / (plan.pages[p.page - 1]!.size?.width ?? paperWidth);
    if (perPx > best.perPx) best = { perPx };
  }
  return best;
}

describe('desktop timestamps at fit-width', () => {
  it('every stamp of a desktop capture shown as a focus page is enlarged to 1.1 screen pixels a pixel or more', async () => {
    let desktops = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const { fonts, input, kinds } = await randomCaseInput(seed, { shape: 'alternating' });
      const plan = planPacket(fonts, { ...input, pageLimit: undefined });
      input.exhibits.forEach((e, i) => {
        if (e.kind !== 'image' || kinds[i] !== 'desktop' || !plan.focus.some((f) => f.exhibit === i)) return;
        desktops++;
        for (const w of e.ocr!.words!.filter((w) => /^\d\d:\d\d$/.test(w.text))) {
          const { perPx } = shownAt(plan, input.paper.width, i, e, w.bbox);
          expect(perPx, `seed ${seed}, ${e.file}, ${w.text}`).toBeGreaterThanOrEqual(1.1);
        }
      });
    }
    expect(desktops).toBeGreaterThan(5);
  }, 600_000);
});
