import { createHash } from 'node:crypto';
import { join } from 'node:path';
import sharp from 'sharp';
import { createOcrEngine, type OcrEngine } from '../../src/ocr/ocr-engine.js';
import { TEST_CACHE } from './run-cli.js';

/**
 * The OCR engine a test reads its own renderings with (one worker). Results are kept by each
 * image's SHA-256 in the tests' cache, as the CLI runs keep theirs: an image that changed is
 * read afresh, and no worker starts when every image was read before.
 */
export function testOcrEngine(): OcrEngine {
  return createOcrEngine({ workers: 1, cacheDir: join(TEST_CACHE, 'test-ocr') });
}

/** The text OCR reads in a PNG, marked nowhere. */
export async function readPngText(engine: OcrEngine, png: Buffer): Promise<string> {
  const { width, height } = await sharp(png).metadata();
  const sha256 = createHash('sha256').update(png).digest('hex');
  return (await engine.recognize({ file: 'page.png', sha256, bytes: png, marks: { highlight: [], redact: [] }, image: { width: width!, height: height! } }))
    .text;
}
