import { createRequire } from 'node:module';
import { folderCache } from '../io/fact-cache.js';
import type { ImageInfo, ImageMarks, OcrLine, OcrText } from '../evidence/model.js';
import { openVisible, visibleSize } from '../imaging/visible.js';

export type OcrResult = OcrText;

export interface OcrInput {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: Buffer;
  readonly marks: ImageMarks;
  /** As the image adapter read it: upright size, and whether an alpha channel is all opaque. */
  readonly image: Pick<ImageInfo, 'width' | 'height' | 'opaque'>;
}

export interface OcrEngine {
  recognize(input: OcrInput): Promise<OcrResult>;
  close(): Promise<void>;
}

export interface OcrOptions {
  /** Where results are kept by key (image SHA-256, marks, engine); none = no cache. */
  readonly cacheDir?: string;
  /** Tesseract workers (each holds about 40 MB); default 2. */
  readonly workers?: number;
}

const require = createRequire(import.meta.url);
const ENGINE_VERSION = `tesseract.js ${(require('tesseract.js/package.json') as { version: string }).version}, eng ${(require('@tesseract.js-data/eng/package.json') as { version: string }).version}`;
/** Bump when what is stored or how the image is prepared changes: old entries are then ignored. */
const FORMAT = 2;
/** Larger images are scaled down for OCR: beyond this, time grows and reading does not improve. */
const MAX_OCR_PIXELS = 12_000_000;

/**
 * OCR with tesseract.js and English data from npm (nothing is downloaded). Workers start on
 * the first image not in the cache, so a warm run never loads the engine. Results are cached
 * by the image's SHA-256 and its crop and redactions: OCR reads the image as the packet shows it.
 */
export function createOcrEngine(options: OcrOptions = {}): OcrEngine {
  let scheduler: Promise<import('tesseract.js').Scheduler> | undefined;
  const cache = options.cacheDir ? folderCache(options.cacheDir) : undefined;
  const start = async () => {
    const { createScheduler, createWorker, OEM } = await import('tesseract.js');
    const { langPath } = require('@tesseract.js-data/eng') as { langPath: string };
    const s = createScheduler();
    const workers = await Promise.all(
      Array.from({ length: Math.max(1, options.workers ?? 2) }, () => createWorker('eng', OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: 'none' })),
    );
    for (const w of workers) {
      // Screenshots carry no real resolution: without one tesseract guesses and warns. Its
      // diagnostics ("Detected 9 diacritics") would land on stdout, which --json keeps clean.
      await w.setParameters({ user_defined_dpi: '300', debug_file: '/dev/null' });
      s.addWorker(w);
    }
    return s;
  };
  return {
    async recognize(input) {
      const key = cacheKey(input);
      const cached = await cache?.get(key, isStoredText);
      if (cached) return { ...cached, cached: true };
      scheduler ??= start();
      const s = await scheduler;
      const { png, scale } = await prepare(input);
      const { data } = await s.addJob('recognize', png, {}, { text: true, blocks: true });
      const lines: OcrLine[] = [];
      const words: OcrLine[] = [];
      const read = (item: { text: string; confidence: number; bbox: { x0: number; y0: number; x1: number; y1: number } }, into: OcrLine[]) => {
        const text = item.text.trim();
        if (text === '') return;
        const b = item.bbox;
        const box = [b.x0 / scale, b.y0 / scale, (b.x1 - b.x0) / scale, (b.y1 - b.y0) / scale].map((v) => Math.round(v)) as [number, number, number, number];
        into.push({ text, confidence: Math.round(item.confidence), bbox: box });
      };
      for (const block of data.blocks ?? []) {
        for (const paragraph of block.paragraphs) {
          for (const line of paragraph.lines) {
            read(line, lines);
            for (const word of line.words) read(word, words);
          }
        }
      }
      const result = { text: data.text, lines, words };
      await cache?.set(key, result);
      return { ...result, cached: false };
    },
    async close() {
      if (scheduler) await (await scheduler).terminate();
    },
  };
}

function cacheKey(input: OcrInput): unknown {
  const marks = { crop: input.marks.crop ?? null, redact: input.marks.redact };
  return { FORMAT, ENGINE_VERSION, sha256: input.sha256, marks };
}

function isStoredText(value: unknown): value is Omit<OcrResult, 'cached'> {
  const v = value as Partial<OcrResult> | null;
  return typeof v?.text === 'string' && Array.isArray(v.lines);
}

/** The first frame upright, redacted and cropped, in grey; large images scaled down. */
async function prepare(input: OcrInput): Promise<{ png: Buffer; scale: number }> {
  let pipeline = await openVisible(input, input.bytes);
  const { width, height } = visibleSize(input);
  const pixels = width * height;
  const scale = pixels > MAX_OCR_PIXELS ? Math.sqrt(MAX_OCR_PIXELS / pixels) : 1;
  if (scale < 1) pipeline = pipeline.resize({ width: Math.max(1, Math.round(width * scale)) });
  const png = await pipeline.grayscale().png({ compressionLevel: 1 }).toBuffer();
  return { png, scale };
}
