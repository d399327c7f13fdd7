import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { imageAdapter } from '../../src/formats/image/index.js';
import { createOcrEngine } from '../../src/ocr/ocr-engine.js';
import type { OcrInput } from '../../src/ocr/ocr-engine.js';
import { describeFinding } from '../../src/rules/codes.js';
import { photoWithCaptions, PHOTO_LAYOUT } from '../helpers/photo-capture.js';
import { desktopCapture } from '../helpers/desktop-capture.js';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const input = (file: string, bytes: Buffer, format: 'jpeg' | 'png', width: number, height: number): OcrInput => ({
  file,
  sha256: sha(bytes),
  bytes,
  marks: { highlight: [], redact: [] },
  image: { width, height, opaque: true, format },
});

// The budget is counted in pixels read, never in seconds: a budget of nothing is the same on any machine.
describe('the reading budget of an image', () => {
  const engine = createOcrEngine({ workers: 1, extraPixels: 0 });
  afterAll(() => engine.close());

  it('stops a photo after its first reading and says so, when the budget is spent', async () => {
    const bytes = await photoWithCaptions();
    const read = await engine.recognize(input('photo.jpg', bytes, 'jpeg', PHOTO_LAYOUT.width, PHOTO_LAYOUT.height));
    expect(read.partial).toBe(true);
  });

  it('leaves a screenshot whose first reading finds its text whole: it needs no further reading', async () => {
    const bytes = await desktopCapture();
    const read = await engine.recognize(input('desktop.png', bytes, 'png', 1920, 1080));
    expect(read.words!.length).toBeGreaterThan(20);
    expect(read.partial).toBeUndefined();
  });
});

describe('OCR_PARTIAL', () => {
  it('is an info finding on the image whose OCR stopped early, and only on that one', async () => {
    const bytes = await desktopCapture();
    const parse = async (partial: boolean) => {
      const source = { file: 'shots/a.png', absolutePath: '/nowhere/a.png', bytes: bytes.length, sha256: sha(bytes), format: 'image' };
      const ocr = async () => ({
        text: 'Jane Doe 09:12',
        lines: [{ text: 'Jane Doe 09:12', confidence: 90, bbox: [10, 10, 200, 20] as const }],
        cached: false,
        ...(partial ? { partial } : {}),
      });
      return imageAdapter.parse!({ source, bytes, open: async function* () {}, ocr });
    };
    const stopped = (await parse(true)).findings.filter((f) => f.code === 'OCR_PARTIAL');
    expect(stopped).toHaveLength(1);
    expect(stopped[0]).toMatchObject({ severity: 'info', file: 'shots/a.png' });
    expect(describeFinding(stopped[0]!).message).toContain('budget');
    expect((await parse(false)).findings.some((f) => f.code === 'OCR_PARTIAL')).toBe(false);
  });
});
