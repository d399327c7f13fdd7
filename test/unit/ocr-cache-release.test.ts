import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { OcrInput } from '../../src/ocr/ocr-engine.js';
import { desktopCapture } from '../helpers/desktop-capture.js';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The OCR engine of a release numbered `version` (the tool's version module mocked), reading with the cache in `dir`. */
async function engineOf(version: string, dir: string) {
  vi.resetModules();
  vi.doMock('../../src/version.js', () => ({ VERSION: version }));
  const { createOcrEngine } = await import('../../src/ocr/ocr-engine.js');
  return createOcrEngine({ workers: 1, cacheDir: dir, extraPixels: 0 });
}

// A release may read images differently without its author bumping the cache's FORMAT: an
// upgraded user must get a fresh reading, or the packet differs from a clean machine's.
describe('the OCR cache across releases', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    vi.doUnmock('../../src/version.js');
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('keeps a reading for the same release and reads again under another', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ep-ocr-release-'));
    dirs.push(dir);
    const bytes = await desktopCapture();
    const input: OcrInput = {
      file: 'desktop.png',
      sha256: sha(bytes),
      bytes,
      marks: { highlight: [], redact: [] },
      image: { width: 1920, height: 1080, opaque: true, format: 'png' },
    };
    for (const [version, cached] of [
      ['1.0.0', false],
      ['1.0.0', true],
      ['1.0.1', false],
    ] as const) {
      const engine = await engineOf(version, dir);
      try {
        expect((await engine.recognize(input)).cached, `release ${version}`).toBe(cached);
      } finally {
        await engine.close();
      }
    }
  });
});
