import { createRequire } from 'node:module';
import { folderCache } from '../io/fact-cache.js';
import { maskOcrCards } from './mask-ocr.js';
import { sharp } from '../io/cjs.js';
import { isPhotoFormat, type ImageInfo, type ImageMarks, type OcrLine, type OcrText } from '../evidence/model.js';
import { openVisible, visibleSize } from '../imaging/visible.js';
import { findTextLines, type TextLineBox } from '../imaging/text-lines.js';

export type OcrResult = OcrText;

export interface OcrInput {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: Buffer;
  readonly marks: ImageMarks;
  /** As the image adapter read it: upright size, whether an alpha channel is all opaque, and its format (a JPEG or HEIC is a photo). */
  readonly image: Pick<ImageInfo, 'width' | 'height' | 'opaque'> & { readonly format?: ImageInfo['format'] };
}

export interface OcrEngine {
  recognize(input: OcrInput): Promise<OcrResult>;
  close(): Promise<void>;
}

export interface OcrOptions {
  /** Where results are kept by key (image SHA-256, marks, engine); none = no cache. */
  readonly cacheDir?: string;
  /** Tesseract workers (each holds its own copy of the model in memory); default 2. */
  readonly workers?: number;
}

const require = createRequire(import.meta.url);
const ENGINE_VERSION = `tesseract.js ${(require('tesseract.js/package.json') as { version: string }).version}, eng ${(require('@tesseract.js-data/eng/package.json') as { version: string }).version}`;
/** Bump when what is stored or how the image is prepared changes: old entries are then ignored. */
const FORMAT = 7;
/** Larger images are scaled down for OCR: beyond this, time grows and reading does not improve. */
const MAX_OCR_PIXELS = 12_000_000;

/** A tesseract worker reading English, in sparse-text mode or with its page layout analysis. */
async function startWorker(sparse: boolean): Promise<import('tesseract.js').Worker> {
  const { createWorker, OEM, PSM } = await import('tesseract.js');
  const { langPath } = require('@tesseract.js-data/eng') as { langPath: string };
  const w = await createWorker('eng', OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: 'none' });
  // Screenshots carry no real resolution: without one tesseract guesses and warns. Its
  // diagnostics ("Detected 9 diacritics") would land on stdout, which --json keeps clean.
  await w.setParameters({ user_defined_dpi: '300', debug_file: '/dev/null', ...(sparse ? { tessedit_pageseg_mode: PSM.SPARSE_TEXT } : {}) });
  return w;
}

/** A scheduler over `workers` workers (two by default). */
async function startScheduler(workers: number | undefined): Promise<import('tesseract.js').Scheduler> {
  const { createScheduler } = await import('tesseract.js');
  const s = createScheduler();
  for (const w of await Promise.all(Array.from({ length: Math.max(1, workers ?? 2) }, () => startWorker(false)))) s.addWorker(w);
  return s;
}

/**
 * OCR with tesseract.js and English data from npm (nothing is downloaded). Workers start on
 * the first image not in the cache, so a warm run never loads the engine. Results are cached
 * by the image's SHA-256 and its crop and redactions: OCR reads the image as the packet shows it.
 */
export function createOcrEngine(options: OcrOptions = {}): OcrEngine {
  let scheduler: Promise<import('tesseract.js').Scheduler> | undefined;
  const cache = options.cacheDir ? folderCache(options.cacheDir) : undefined;
  const worker = startWorker;
  const start = () => startScheduler(options.workers);
  /** One more worker, in sparse-text mode, started the first time a page layout finds next to no text. */
  let sparse: ReturnType<typeof worker> | undefined;
  return {
    async recognize(input) {
      const key = cacheKey(input);
      const cached = await cache?.get(key, isStoredText);
      if (cached) return { ...cached, cached: true };
      scheduler ??= start();
      const s = await scheduler;
      const { png, grey, scale } = await prepare(input);
      let result = readResult((await s.addJob('recognize', png, {}, { text: true, blocks: true })).data, scale);
      // Tesseract's page layout analysis takes a busy photo for one picture and reads none of
      // the captions or timestamps on it; read word by word ("sparse text") it finds them. On
      // a grainy one it finds them only with the grain smoothed (a 3-pixel median), which
      // also rubs out thin grey digits: the words of both readings are kept.
      // A photo is always read both ways, since the layout analysis may also take its grain for
      // a few words. (An image too small to hold a line of text is not read again.)
      const { width, height } = visibleSize(input);
      const isPhoto = isPhotoFormat(input.image.format);
      if ((isPhoto || usableWords(result) < FEW_WORDS) && Math.min(width, height) >= 32) {
        sparse ??= worker(true);
        result = await readSparse(await sparse, png, grey, scale, result, isPhoto);
      }
      // Card numbers are masked before the result is kept or passed on; their boxes stay for the redaction.
      const masked = maskOcrCards(result);
      await cache?.set(key, masked);
      return { ...masked, cached: false };
    },
    async close() {
      if (scheduler) await (await scheduler).terminate();
      if (sparse) await (await sparse).terminate();
    },
  };
}

/** A page read again word by word ("sparse text"), as it is and smoothed, and on a photo its small lines read alone; what the readings add is kept. */
async function readSparse(
  w: import('tesseract.js').Worker,
  png: Buffer,
  grey: Parameters<typeof rawGrey>[0],
  scale: number,
  first: Omit<OcrResult, 'cached'>,
  isPhoto: boolean,
): Promise<Omit<OcrResult, 'cached'>> {
  let result = first;
  const smoothed = await rawGrey(grey).median(3).png({ compressionLevel: 1 }).toBuffer();
  const read = async (image: Buffer) => readResult((await w.recognize(image, {}, { text: true, blocks: true })).data, scale);
  // A second reading is a try: if it fails, the first stands.
  const again = await Promise.all([read(png), read(smoothed)])
    .then(([a, b]) => mergeReadings(a, b))
    .catch(() => undefined);
  // On a photo the layout analysis may read the captions, joining rows into tall lines, and
  // still miss the small timestamps beside them: what the sparse readings add is kept.
  if (again && isPhoto) result = mergeReadings(result, again);
  else if (again && usableWords(again) > usableWords(result)) result = again;
  // Even so, small grey timestamps in grain go unread: lines of small marks found in the
  // pixels (findTextLines) that no word covers are read again, enlarged, on their own.
  if (isPhoto) {
    const lines = await readLinesAlone(w, grey, result, scale).catch(() => undefined);
    if (lines) result = preferSurer(result, lines);
  }
  return result;
}

/** Fewer words than this read with confidence, and the image is read again as sparse text. */
const FEW_WORDS = 4;
const usableWords = (result: Omit<OcrResult, 'cached'>) => (result.words ?? []).filter((w) => w.confidence >= 50 && /[\p{L}\p{N}]{2}/u.test(w.text)).length;

/** Two readings of one image as one: the second's lines and words where the first read nothing. */
function mergeReadings(first: Omit<OcrResult, 'cached'>, second: Omit<OcrResult, 'cached'>): Omit<OcrResult, 'cached'> {
  const add = (mine: readonly OcrLine[], theirs: readonly OcrLine[]) => [...mine, ...theirs.filter((t) => !mine.some((m) => sharedArea(m.bbox, t.bbox) > 0))];
  const words = add(first.words ?? [], second.words ?? []);
  const lines = add(first.lines, second.lines);
  lines.sort(readingOrder);
  words.sort(readingOrder);
  return { text: lines.map((l) => l.text).join('\n'), lines, words };
}

type Box = readonly [number, number, number, number];

/** The area two boxes (x, y, width, height) have in common. */
function sharedArea(a: Box, b: Box): number {
  const w = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

/** A line OCR reads alone is enlarged so that its marks stand this many pixels tall (tesseract reads 20–40 px text best), at most READ_LINE_MOST times. */
const READ_LINE_PX = 36;
const READ_LINE_MOST = 4;
/** Words read alone with less confidence than this are not kept. */
const MIN_LINE_CONFIDENCE = 50;
/** Lines read alone at most, per image. */
const READ_LINES_MOST = 32;

/**
 * The lines of small text findTextLines finds in the image (`grey`, as OCR read it, `scale`
 * times the source) that no word read with confidence covers, each cut out with a margin,
 * enlarged, light text inverted to dark, and stacked one under another into one image that
 * the sparse-text worker reads in one pass. The words are mapped back to the source's pixels;
 * what each line gave is one line.
 */
async function readLinesAlone(
  worker: import('tesseract.js').Worker,
  grey: Grey,
  read: Omit<OcrResult, 'cached'>,
  scale: number,
): Promise<Omit<OcrResult, 'cached'> | undefined> {
  const { data, info } = grey;
  const sure = (read.words ?? []).filter((w) => w.confidence >= 75).map((w) => w.bbox.map((v) => v * scale) as unknown as Box);
  const covered = (l: TextLineBox) => {
    const box: Box = [l.x, l.y, l.width, l.height];
    return sure.some((s) => sharedArea(s, box) >= 0.5 * Math.min(s[2] * s[3], l.width * l.height));
  };
  const lines = findTextLines(data, info.width, info.height)
    .filter((l) => !covered(l))
    .slice(0, READ_LINES_MOST);
  if (lines.length === 0) return undefined;
  const slots: { left: number; top: number; f: number; x: number; y: number; width: number; height: number }[] = [];
  const parts: { input: Buffer; left: number; top: number }[] = [];
  let top = 16;
  let width = 0;
  for (const l of lines) {
    const f = Math.min(READ_LINE_MOST, Math.max(1, READ_LINE_PX / l.height));
    const x = Math.max(0, l.x - l.height);
    const y = Math.max(0, l.y - Math.ceil(l.height / 2));
    const cw = Math.min(info.width, l.x + l.width + l.height) - x;
    const ch = Math.min(info.height, l.y + l.height + Math.ceil(l.height / 2)) - y;
    const [ow, oh] = [Math.round(cw * f), Math.round(ch * f)];
    let cut = rawGrey(grey).extract({ left: x, top: y, width: cw, height: ch }).resize(ow, oh, { kernel: 'cubic' });
    if (l.polarity === 'light') cut = cut.negate();
    parts.push({ input: await cut.png().toBuffer(), left: 16, top });
    slots.push({ left: 16, top, f, x, y, width: ow, height: oh });
    top += oh + Math.max(16, Math.round(oh / 2));
    width = Math.max(width, ow + 32);
  }
  const strip = await sharp(Buffer.alloc(width * top, 255), { raw: { width, height: top, channels: 1 } })
    .composite(parts)
    .grayscale()
    .png({ compressionLevel: 1 })
    .toBuffer();
  const page = readResult((await worker.recognize(strip, {}, { text: true, blocks: true })).data, 1);
  // Back to the image OCR read (its slot's cut, reduced), then to the source (÷ scale).
  const back = (word: OcrLine): { slot: number; word: OcrLine } | undefined => {
    const [bx, by, bw, bh] = word.bbox;
    const slot = slots.findIndex((s) => by + bh / 2 >= s.top && by + bh / 2 < s.top + s.height);
    const s = slots[slot];
    if (!s) return undefined;
    const box = [(s.x + (bx - s.left) / s.f) / scale, (s.y + (by - s.top) / s.f) / scale, bw / s.f / scale, bh / s.f / scale].map((v) => Math.round(v)) as [
      number,
      number,
      number,
      number,
    ];
    return { slot, word: { ...word, bbox: box } };
  };
  // A mark that was not text (an edge in the photo) reads as a word OCR is unsure of: dropped.
  const placed = (page.words ?? [])
    .filter((w) => w.confidence >= MIN_LINE_CONFIDENCE)
    .map(back)
    .filter((p) => p !== undefined);
  const words = placed.map((p) => p.word);
  const outLines = slots.flatMap((_, k) => {
    const mine = placed.filter((p) => p.slot === k).map((p) => p.word);
    if (mine.length === 0) return [];
    const x0 = Math.min(...mine.map((w) => w.bbox[0]));
    const y0 = Math.min(...mine.map((w) => w.bbox[1]));
    const x1 = Math.max(...mine.map((w) => w.bbox[0] + w.bbox[2]));
    const y1 = Math.max(...mine.map((w) => w.bbox[1] + w.bbox[3]));
    const confidence = Math.round(mine.reduce((sum, w) => sum + w.confidence, 0) / mine.length);
    return [{ text: mine.map((w) => w.text).join(' '), confidence, bbox: [x0, y0, x1 - x0, y1 - y0] as const }];
  });
  return { text: outLines.map((l) => l.text).join('\n'), lines: outLines, words };
}

/**
 * Two readings of one image as one, word by word and line by line: where both read the same
 * thing (their boxes share half the larger one), the surer reading stands; what only one read is kept.
 */
function preferSurer(first: Omit<OcrResult, 'cached'>, second: Omit<OcrResult, 'cached'>): Omit<OcrResult, 'cached'> {
  const same = (a: OcrLine, b: OcrLine) => sharedArea(a.bbox, b.bbox) >= 0.5 * Math.max(a.bbox[2] * a.bbox[3], b.bbox[2] * b.bbox[3]);
  const pick = (mine: readonly OcrLine[], theirs: readonly OcrLine[]) => {
    const kept = mine.filter((m) => !theirs.some((t) => same(m, t) && t.confidence > m.confidence));
    return [...kept, ...theirs.filter((t) => !kept.some((k) => same(k, t)))].sort(readingOrder);
  };
  const lines = pick(first.lines, second.lines);
  return { text: lines.map((l) => l.text).join('\n'), lines, words: pick(first.words ?? [], second.words ?? []) };
}

/** Top to bottom, then left to right, as one reading gives them. */
const readingOrder = (a: OcrLine, b: OcrLine) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0];

type TesseractPage = Awaited<ReturnType<import('tesseract.js').Worker['recognize']>>['data'];

/** Lines and words with their boxes in the source image's pixels (the image OCR read may have been scaled down). */
function readResult(data: TesseractPage, scale: number): Omit<OcrResult, 'cached'> {
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
  return { text: data.text, lines, words };
}

function cacheKey(input: OcrInput): unknown {
  const marks = { crop: input.marks.crop ?? null, redact: input.marks.redact };
  return { FORMAT, ENGINE_VERSION, sha256: input.sha256, marks };
}

function isStoredText(value: unknown): value is Omit<OcrResult, 'cached'> {
  const v = value as Partial<OcrResult> | null;
  return typeof v?.text === 'string' && Array.isArray(v.lines) && Array.isArray(v.cardBoxes) && typeof v.cardCount === 'number';
}

/** The first frame upright, redacted and cropped, in grey; large images scaled down. */
async function prepare(input: OcrInput): Promise<{ png: Buffer; grey: Grey; scale: number }> {
  let pipeline = await openVisible(input, input.bytes);
  const { width, height } = visibleSize(input);
  const pixels = width * height;
  const scale = pixels > MAX_OCR_PIXELS ? Math.sqrt(MAX_OCR_PIXELS / pixels) : 1;
  if (scale < 1) pipeline = pipeline.resize({ width: Math.max(1, Math.round(width * scale)) });
  // Decoded once: the grey pixels feed the photo passes (the median, the lines read alone) too.
  const grey = await pipeline.grayscale().raw().toBuffer({ resolveWithObject: true });
  const png = await rawGrey(grey).png({ compressionLevel: 1 }).toBuffer();
  return { png, grey, scale };
}

/** The image OCR reads, as grey pixels, one byte each. */
interface Grey {
  readonly data: Buffer;
  readonly info: { readonly width: number; readonly height: number };
}

const rawGrey = ({ data, info }: Grey) => sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } });
