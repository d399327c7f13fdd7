import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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

const TESSERACT_VERSION = (createRequire(import.meta.url)('tesseract.js/package.json') as { version: string }).version;

/**
 * What `read` (OCR of `png` in `lang`, by tesseract.js itself) gives, kept by the image's SHA-256,
 * the language and tesseract.js's version in the tests' cache: a rendering that changed is read afresh.
 */
export async function cachedReading(png: Buffer, lang: string, read: () => Promise<string>): Promise<string> {
  const key = createHash('sha256').update(png).update(`\0${lang}\0${TESSERACT_VERSION}`).digest('hex');
  const path = join(TEST_CACHE, 'test-ocr-text', `${key}.txt`);
  const kept = await readFile(path, 'utf8').catch(() => undefined);
  if (kept !== undefined) return kept;
  const text = await read();
  await mkdir(dirname(path), { recursive: true });
  // Written whole, then named: a test reading the cache at the same time never sees half of it.
  await writeFile(`${path}.${process.pid}`, text);
  await rename(`${path}.${process.pid}`, path);
  return text;
}
