import { describe, expect, it } from 'vitest';
import type { ImageExhibit, OcrLine } from '../../src/evidence/model.js';
import { findFocus, findTextBand, mayFocus } from '../../src/imaging/find-focus.js';

/**
 * A desktop chat capture with a known layout, as OCR's word boxes (1920 × 1080): a side bar
 * of channels (x 20–260) and a member list (x 1660–1900) whose lines stand beside the
 * messages row by row, and a message pane where the client's bubbles (x 340–860) and the
 * merchant's (x 1060–1580) alternate, with a timestamp under each bubble.
 */
function capture(): OcrLine[] {
  const words: OcrLine[] = [];
  const word = (text: string, x: number, y: number, w = text.length * 8, h = 14) => words.push({ text, confidence: 90, bbox: [x, y, w, h] });
  // Side bar and member list: a line every 30 px, as lists are set.
  for (let row = 0; row < 32; row++) {
    word(`channel${row}`, 20, 40 + row * 30);
    word(`member${row}`, 1660, 40 + row * 30);
  }
  // Bubbles of three lines (20 px apart) and a timestamp, left and right in turn.
  for (let bubble = 0; bubble < 12; bubble++) {
    const y = 40 + bubble * 84;
    const left = bubble % 2 === 0 ? 340 : 1060;
    for (let line = 0; line < 3; line++) {
      const text = bubble === 5 && line === 0 ? ['the', 'theme', 'works', 'approved'] : ['revision', 'menu', 'fonts', 'footer', 'colours', 'layout'];
      let x = left;
      for (const t of text) {
        word(t, x, y + line * 20);
        x += t.length * 8 + 6;
      }
    }
    word(`10:${String(bubble).padStart(2, '0')}`, left + 460, y + 62, 40, 10);
  }
  return words;
}

function exhibit(extra: Partial<ImageExhibit> = {}): ImageExhibit {
  const words = capture();
  return {
    kind: 'image',
    file: 'desktop.png',
    source: { file: 'desktop.png', sha256: '0'.repeat(64), bytes: 1 },
    image: { format: 'png', width: 1920, height: 1080, frames: 1, orientation: 1, hasAlpha: false },
    date: { epochMs: 0, source: 'manifest', text: '', zone: 'UTC' },
    dateCandidates: [],
    marks: { highlight: [], redact: [] },
    ocr: { text: words.map((w) => w.text).join(' '), lines: words, words, cached: false },
    ...extra,
  } as ImageExhibit;
}

const room = { width: 696, height: 400 };

describe('focus crops', () => {
  it('keeps both sides of the conversation and their timestamps, and drops the side bar and the member list', () => {
    const region = findFocus(exhibit(), room, 0.36, 1.05)!;
    expect(region).toBeDefined();
    expect(region.x).toBeGreaterThan(260);
    expect(region.x).toBeLessThanOrEqual(340);
    expect(region.x + region.width).toBeGreaterThanOrEqual(1560);
    expect(region.x + region.width).toBeLessThan(1660);
    expect(region.words - region.keptWords).toBe(64);
    expect(region.scale).toBeGreaterThan(0.36 * 1.05);
  });

  it('keeps a highlighted region, even in a side bar', () => {
    const region = findFocus(exhibit({ marks: { highlight: [[20, 100, 120, 20]], redact: [] } }), room, 0.36, 1.0)!;
    expect(region).toBeDefined();
    expect(region.x).toBeLessThanOrEqual(20);
    expect(region.x + region.width).toBeLessThan(1660);
    expect(region.highlights).toBe(1);
  });

  it('keeps the lines the note names', () => {
    const region = findFocus(exhibit({ note: { value: 'The client lists member22 as approver', source: 'case.yaml' } }), room, 0.36, 1.0)!;
    expect(region).toBeDefined();
    expect(region.x + region.width).toBeGreaterThanOrEqual(1660 + 64);
    expect(region.notedWords).toBe(1);
  });

  it('gives no focus when it would not place the text larger, or when the user said so', () => {
    expect(findFocus(exhibit(), room, 0.5, 1.05)).toBeUndefined();
    expect(mayFocus(exhibit({ focus: false }))).toBe(false);
    expect(findFocus(exhibit({ focus: false }), room, 0.36, 1.05)).toBeUndefined();
    // A crop of the user's wins; a trim found by the tool does not count as one.
    expect(mayFocus(exhibit({ marks: { highlight: [], redact: [], crop: [300, 0, 1300, 1080] } }))).toBe(false);
    const trimmed = exhibit({ marks: { highlight: [], redact: [], crop: [0, 0, 1920, 1080] } });
    expect(mayFocus({ ...trimmed, image: { ...trimmed.image, trim: [0, 0, 1920, 1080] } })).toBe(true);
    expect(mayFocus(exhibit({ ocr: { text: '', lines: [], cached: false } }))).toBe(false);
  });

  it('finds the band of text a photo carries, captions and the timestamps beside them, and none in a screenshot full of text', () => {
    // A 1600 × 1200 photo with six caption rows (x 50–400) and a timestamp at the end of each (x 696–730), y 900–1140.
    const words: OcrLine[] = [];
    for (let row = 0; row < 6; row++) {
      ['header', 'fine', 'payment', 'footer'].forEach((t, k) => words.push({ text: t, confidence: 92, bbox: [50 + k * 80, 912 + row * 44, t.length * 9, 12] }));
      words.push({ text: `0${row}:4${row}`, confidence: 90, bbox: [696, 915 + row * 44, 33, 9] });
    }
    const photo = exhibit({
      file: 'photo.jpg',
      image: { format: 'jpeg', width: 1600, height: 1200, frames: 1, orientation: 1, hasAlpha: false },
      ocr: { text: '', lines: words, words, cached: false },
    });
    const band = findTextBand(photo)!;
    expect(band).toBeDefined();
    expect(band.x).toBeLessThanOrEqual(50);
    expect(band.x + band.width).toBeGreaterThanOrEqual(729);
    expect(band.y).toBeLessThanOrEqual(912);
    expect(band.y + band.height).toBeGreaterThanOrEqual(915 + 5 * 44 + 9);
    expect(band.height).toBeLessThan(300);
    // A highlight is always inside it.
    const marked = findTextBand({ ...photo, marks: { highlight: [[760, 1150, 200, 30]], redact: [] } })!;
    expect(marked.x + marked.width).toBeGreaterThanOrEqual(960);
    expect(marked.y + marked.height).toBeGreaterThanOrEqual(1180);
    // Judged by its small text: the timestamps (9 px), though fewer than a quarter of its
    // words, not the captions (12 px) that the lower quartile of all its words falls on.
    expect(band.smallPx).toBe(9);
    expect(band.smallPx).toBeLessThanOrEqual(band.textPx);
    // The grain read as a few short "words" of middling confidence does not stretch it over the photo.
    const grainy = [
      ...words,
      { text: 'peda', confidence: 61, bbox: [308, 48, 26, 15] as [number, number, number, number] },
      { text: 'EA', confidence: 66, bbox: [257, 674, 10, 21] as [number, number, number, number] },
    ];
    expect(findTextBand({ ...photo, ocr: { text: '', lines: grainy, words: grainy, cached: false } })).toEqual(band);
    // Nor does a short word read surely, far from any text (an edge in the photo read as "23");
    // a date stamped alone on a photo is text.
    const stray = [...words, { text: '23', confidence: 81, bbox: [1087, 1042, 15, 10] as [number, number, number, number] }];
    expect(findTextBand({ ...photo, ocr: { text: '', lines: stray, words: stray, cached: false } })).toEqual(band);
    const stamped = [...words, { text: '2024-03-14', confidence: 90, bbox: [1400, 1160, 90, 12] as [number, number, number, number] }];
    const withStamp = findTextBand({ ...photo, ocr: { text: '', lines: stamped, words: stamped, cached: false } })!;
    expect(withStamp.x + withStamp.width).toBeGreaterThanOrEqual(1490);
    // Text standing far apart on a photo (a caption group at the top left, the captions at the
    // foot): the band holds the larger group, the other stays in the whole view. A screenshot
    // with the same words gets no band: its text is findFocus's.
    const corner = [0, 1, 2].map((k): OcrLine => ({ text: ['taken', 'by', 'courier'][k]!, confidence: 90, bbox: [1200 + k * 70, 40, 60, 14] }));
    const apart = [...words, ...corner];
    const partial = findTextBand({ ...photo, ocr: { text: '', lines: apart, words: apart, cached: false } })!;
    expect(partial).toEqual({ ...band, words: band.words + 3 });
    expect(partial.keptWords).toBe(words.length);
    const asPng = { ...photo, image: { ...photo.image, format: 'png' as const }, ocr: { text: '', lines: apart, words: apart, cached: false } };
    expect(findTextBand(asPng)).toBeUndefined();
    // The desktop capture's text fills it: nothing to show again under it.
    expect(findTextBand(exhibit())).toBeUndefined();
    expect(findTextBand({ ...photo, focus: false })).toBeUndefined();
  });
});
