import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { folderCache } from '../io/fact-cache.js';
import { maskOcrCards } from './mask-ocr.js';
import { isPhotoFormat, type ImageInfo, type ImageMarks, type OcrText } from '../evidence/model.js';
import { visibleSize } from '../imaging/visible.js';
import { findTextLines } from '../imaging/text-lines.js';
import { cutGrey, prepareImage, textRegion, toPgm, type PreparedImage, type Region } from './prepare-image.js';
import type { TextLineBox } from '../imaging/text-lines.js';
import { findNativeTesseract, readNative } from './native-tesseract.js';
import { barsAsL, movedBy, readResult, type Reading } from './read-lines.js';
import { VERSION } from '../version.js';
import { FEW_WORDS, mostlyRead, PixelBudget, readAgain, usableWords, type Reader, type ReadMode } from './read-again.js';

export { mostlyRead } from './read-again.js';

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
  /** Tesseract workers (each holds its own copy of the model, about 70 MB); default 2. */
  readonly workers?: number;
  /**
   * Pixels the readings after the first may hand to tesseract, per image (default
   * EXTRA_PIXELS): a reading starts only while some is left. Counted in pixels, not seconds,
   * so the same image gives the same result on any machine.
   */
  readonly extraPixels?: number;
  /**
   * The system's tesseract command (a name looked up on PATH, or a path), used instead of the
   * bundled engine when it is version 4 or later with an English model; none = the bundled
   * engine only. Its results are cached under its own version and model.
   */
  readonly native?: string;
}

const require = createRequire(import.meta.url);
/**
 * The bundled engine's model folder and name, looked up when it is first needed: through the
 * system tesseract they never are, and resolving three package paths is a few ms of a run's start.
 * The English model's LSTM-only file: the package's default file holds the same LSTM network
 * plus the legacy engine's data, which LSTM-only reading never uses but each worker would load
 * (about 80 MB more per worker, and a slower start).
 */
function bundledModel(): { langPath: string; version: string } {
  const version = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
  return {
    langPath: join(dirname((require('@tesseract.js-data/eng') as { langPath: string }).langPath), '4.0.0_best_int'),
    version: `tesseract.js ${version('tesseract.js')}, eng ${version('@tesseract.js-data/eng')} best_int`,
  };
}

/** Bump when what is stored or how the image is prepared changes: old entries are then ignored. */
const FORMAT = 14;
/**
 * The readings after the first read at most this many pixels of an image: a phone photo of a
 * few megapixels is read whole twice more and its small lines alone; a 12 MP one read at
 * over this size (its text small) is read first with tesseract's own layout and then only its
 * small lines alone (whole readings of it would take minutes).
 */
const EXTRA_PIXELS = 8_000_000;

/**
 * OCR with tesseract.js and English data from npm (nothing is downloaded). Workers start on
 * the first image not in the cache, so a warm run never loads the engine. Results are cached
 * by the image's SHA-256 and its crop and redactions: OCR reads the image as the packet shows it.
 */
export function createOcrEngine(options: OcrOptions = {}): OcrEngine {
  const cache = options.cacheDir ? folderCache(options.cacheDir) : undefined;
  // Which engine reads is settled once, before any cache look-up: the cache keeps each engine's results apart.
  const found = options.native ? findNativeTesseract(options.native) : Promise.resolve(undefined);
  const engine = found.then((native) => native?.identity ?? bundledModel().version);
  const worker = async (): Promise<Reader> => {
    const native = await found;
    if (native) return { read: (image, mode, scale) => readNative(native, image, mode, scale), close: async () => undefined };
    const { createWorker, OEM } = await import('tesseract.js');
    const w = await createWorker('eng', OEM.LSTM_ONLY, { langPath: bundledModel().langPath, gzip: true, cacheMethod: 'none' });
    // Screenshots carry no real resolution: without one tesseract guesses and warns. Its
    // diagnostics ("Detected 9 diacritics") would land on stdout, which --json keeps clean.
    await w.setParameters({ user_defined_dpi: '300', debug_file: '/dev/null' });
    return new ModeWorker(w);
  };
  const pool = workerPool(Math.max(1, options.workers ?? 2), worker);
  return {
    async recognize(input) {
      const key = cacheKey(input, await engine);
      const cached = await cache?.get(key, isStoredText);
      if (cached) return { ...cached, cached: true };
      const isPhoto = isPhotoFormat(input.image.format);
      // The image is decoded while a worker is found (or started: loading the model takes seconds).
      const preparing = prepareImage(input, isPhoto);
      preparing.catch(() => undefined);
      const budget = options.extraPixels ?? EXTRA_PIXELS;
      const result = await pool.use(async (w) => {
        const prepared = await preparing;
        const reading = readFirst(w, prepared, isPhoto, budget);
        // A small photo's lines of text are looked for while the worker reads it (once the job
        // is posted to it: a turn of the event loop); a large one's after, and only if need be.
        const searched =
          isPhoto && !prepared.probeLines ? await new Promise<TextLineBox[]>((resolve) => setImmediate(() => resolve(linesIn(prepared.grey)))) : undefined;
        const { first, mode, region } = await reading;
        const found = isPhoto ? (searched ?? linesToCover(prepared, first, region)) : [];
        const { width, height } = visibleSize(input);
        // An image too small to hold a line of text is not read again.
        const again = (isPhoto || usableWords(first) < FEW_WORDS) && Math.min(width, height) >= 32;
        return again ? await readAgain(first, prepared, found, isPhoto, new PixelBudget(budget), w, mode) : first;
      });
      // Card numbers are masked before the result is kept or passed on; their boxes stay for the redaction.
      const masked = maskOcrCards(barsAsL(result));
      await cache?.set(key, masked);
      return { ...masked, cached: false };
    },
    close: () => pool.close(),
  };
}

/**
 * How an image is read first: as one block of text (page mode 6), which reads a screenshot,
 * a scan or a photo of a page whole, and leaves a photo's sparse text to the sparse readings
 * after it; but a photo too large to be read whole again within `budget` (a 12 MP photo whose
 * text is small: a parcel's label, a receipt on a table) with tesseract's own layout, which
 * finds text standing in a part of it. Read as one block such a photo gives next to nothing,
 * slowly (the whole photo's grain is recognised as text), and only its small lines read alone
 * and a second, reduced reading were left to find its text.
 */
export function firstReadMode(prepared: Pick<PreparedImage, 'grey'>, isPhoto: boolean, budget: number): ReadMode {
  const { width, height } = prepared.grey.info;
  return isPhoto && width * height > budget ? 'auto' : 'block';
}

/**
 * A tesseract worker that reads the image as one block of text (the library's default
 * page mode, which a worker starts in) or as sparse text, as each reading asks: one worker serves both, so an image's readings need no second worker (each
 * holds its own copy of the model).
 */
class ModeWorker implements Reader {
  private mode: ReadMode = 'block';
  constructor(readonly worker: import('tesseract.js').Worker) {}

  async read(image: Buffer, mode: ReadMode, scale: number): Promise<Reading> {
    if (mode !== this.mode) {
      const { PSM } = await import('tesseract.js');
      const modes: Record<ReadMode, (typeof PSM)[keyof typeof PSM]> = {
        block: PSM.SINGLE_BLOCK,
        sparse: PSM.SPARSE_TEXT,
        auto: PSM.AUTO,
        column: PSM.SINGLE_COLUMN,
      };
      await this.worker.setParameters({ tessedit_pageseg_mode: modes[mode] });
      this.mode = mode;
    }
    return readResult((await this.worker.recognize(image, {}, { text: true, blocks: true })).data, scale);
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** Workers started as images need them, at most `most`; an image keeps its worker for all its readings. */
function workerPool(most: number, make: () => Promise<Reader>) {
  const started: Promise<Reader>[] = [];
  const idle: Reader[] = [];
  const waiting: ((w: Reader) => void)[] = [];
  const acquire = (): Promise<Reader> => {
    const free = idle.pop();
    if (free) return Promise.resolve(free);
    if (started.length < most) {
      const made = make();
      started.push(made);
      return made;
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (w: Reader) => {
    const next = waiting.shift();
    if (next) next(w);
    else idle.push(w);
  };
  return {
    async use<T>(job: (w: Reader) => Promise<T>): Promise<T> {
      const w = await acquire();
      try {
        return await job(w);
      } finally {
        release(w);
      }
    },
    async close(): Promise<void> {
      const all = await Promise.allSettled(started);
      for (const r of all) if (r.status === 'fulfilled') await r.value.close();
    },
  };
}

const linesIn = (grey: PreparedImage['grey']) => findTextLines(grey.data, grey.info.width, grey.info.height);

/**
 * The lines of text a large photo's readings are checked against: its probe's, when the first
 * reading covered them all but a few (the whole image is then not searched: on 12 MP that
 * search costs about two readings); else those found in the image read, or only in the
 * `region` its text stands in when it was read there (the probe saw none elsewhere).
 */
export function linesToCover(prepared: PreparedImage, first: Reading, region: Region | undefined): readonly TextLineBox[] {
  const probe = prepared.probeLines ?? [];
  if (mostlyRead(probe, first, prepared.scale)) return probe;
  if (!region) return linesIn(prepared.grey);
  return linesIn(cutGrey(prepared.grey, region)).map((l) => ({ ...l, x: l.x + region.left, y: l.y + region.top }));
}

/**
 * An image's first reading, as firstReadMode says; but a large photo to be read with
 * tesseract's layout whose text stands in a part of it (textRegion: a parcel's label, a
 * receipt on a table) is read there only, as one column of lines: the layout analysis and the
 * grain it takes for text cost by the pixel (on 12 MP photos of the random cases, half the
 * time), and read whole, or that part with the page's layout, tesseract took each row's time
 * at its far end for a column of its own and dropped it (stamps 118 → 133 of 150). Boxes are
 * in the whole image's source pixels; `region` says where the photo was read.
 */
export async function readFirst(
  w: Reader,
  prepared: PreparedImage,
  isPhoto: boolean,
  budget: number,
): Promise<{ first: Reading; mode: ReadMode; region?: Region }> {
  const mode = firstReadMode(prepared, isPhoto, budget);
  const region = mode === 'auto' ? textRegion(prepared) : undefined;
  if (!region) return { first: await w.read(prepared.pgm, mode, prepared.scale), mode };
  const read = await w.read(toPgm(cutGrey(prepared.grey, region)), 'column', prepared.scale);
  const first = movedBy(read, Math.round(region.left / prepared.scale), Math.round(region.top / prepared.scale));
  return { first, mode: 'column', region };
}

/**
 * What a reading is stored under: the image as OCR sees it, the engine, and this release of
 * the tool as well as FORMAT. A release that reads differently without bumping FORMAT must
 * not hand an upgraded user the old reading (a packet then differs from a clean build's).
 */
function cacheKey(input: OcrInput, engine: string): unknown {
  const marks = { crop: input.marks.crop ?? null, redact: input.marks.redact };
  return { FORMAT, TOOL: VERSION, ENGINE_VERSION: engine, sha256: input.sha256, marks };
}

function isStoredText(value: unknown): value is Omit<OcrResult, 'cached'> {
  const v = value as Partial<OcrResult> | null;
  return typeof v?.text === 'string' && Array.isArray(v.lines) && Array.isArray(v.cardBoxes) && typeof v.cardCount === 'number';
}
