import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharp } from '../io/cjs.js';
import type { OcrLine } from '../evidence/model.js';
import type { Reading } from './read-lines.js';
import type { ReadMode } from './read-again.js';

/** The system's tesseract command, found usable: what reads with it, and what names its results in the cache. */
export interface NativeTesseract {
  readonly command: string;
  /** Its version and English model (path and size): the same image read by another model gives other words. */
  readonly identity: string;
}

/** Oldest major version whose command reads from stdin and writes TSV with the LSTM engine. */
const MIN_MAJOR = 4;
/** A version or language query that takes longer than this says the command is not one to rely on. */
const QUERY_MS = 10_000;

/**
 * The system tesseract at `command` when it can read English with the LSTM engine (version 4
 * or later, with `eng` among its languages); undefined when it is missing, older, lacks the
 * model or fails in any way: reading then falls back to the engine shipped with the package.
 */
export async function findNativeTesseract(command: string): Promise<NativeTesseract | undefined> {
  try {
    const version = /tesseract v?(\d+)\.(\d+)\.(\d+)/i.exec(await query(command, ['--version']));
    if (!version || Number(version[1]) < MIN_MAJOR) return undefined;
    const langs = await query(command, ['--list-langs']);
    const dir = /"([^"]+)"/.exec(langs)?.[1];
    if (!dir || !langs.split(/\r?\n/).some((l) => l.trim() === 'eng')) return undefined;
    const model = await stat(join(dir, 'eng.traineddata'));
    return { command, identity: `tesseract ${version[1]}.${version[2]}.${version[3]} native, eng ${model.size} bytes` };
  } catch {
    return undefined;
  }
}

/** What a command prints on stdout and stderr together (versions print on either, depending on the build). */
function query(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: QUERY_MS, maxBuffer: 1 << 20, env: { ...process.env, OMP_THREAD_LIMIT: '1' } }, (error, stdout, stderr) =>
      error ? reject(error) : resolve(`${stdout}\n${stderr}`),
    );
  });
}

/**
 * One reading by the system tesseract: the image (any format it decodes) is written to a
 * private temporary file that tesseract opens by name, words come back as TSV, one thread
 * (each image has its own process, as each has its own tesseract.js worker). Page mode 6 reads
 * one block, 11 sparse text, 3 with tesseract's own layout, 4 that layout for one column. Not piped in: tesseract reads
 * standard input a character at a time through C++ streams, a cost that grows with the image;
 * a file it reads in one go.
 */
export async function readNative(tesseract: NativeTesseract, image: Buffer, mode: ReadMode, scale: number): Promise<Reading> {
  const dir = await mkdtemp(join(tmpdir(), 'evidence-packet-ocr-'));
  try {
    const file = join(dir, 'image');
    await writeFile(file, await asPng(image), { mode: 0o600 });
    const args = [file, 'stdout', '--oem', '1', '--psm', PAGE_MODES[mode], '--dpi', '300', '-l', 'eng', 'tsv'];
    return parseTsv(await run(tesseract.command, args), scale);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Tesseract's page mode for each way of reading. */
const PAGE_MODES: Record<ReadMode, string> = { block: '6', sparse: '11', auto: '3', column: '4' };

/** A binary PGM's header: its width and height (8-bit grey, as toPgm writes it). */
const PGM_HEADER = /^P5\n(\d+) (\d+)\n255\n/;

/**
 * A grey PGM as a PNG of the same pixels, stored without compression (other images as they
 * are): leptonica reads a PGM a byte at a time through fread, about a twentieth of a
 * screenshot's reading, where a PNG's rows it copies whole. Same pixels, so the same words.
 */
export async function asPng(image: Buffer): Promise<Buffer> {
  const header = PGM_HEADER.exec(image.subarray(0, 32).toString('latin1'));
  if (!header) return image;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const data = image.subarray(header[0].length);
  if (data.length !== width * height) return image;
  return sharp(data, { raw: { width, height, channels: 1 } })
    .toColourspace('b-w')
    .png({ compressionLevel: 0, adaptiveFiltering: false })
    .toBuffer();
}

/** What a tesseract command prints on stdout, once it exits with 0; its stderr in the error otherwise. */
function run(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`tesseract exited with ${code}: ${Buffer.concat(err).toString('utf8').trim().slice(0, 200)}`));
    });
  });
}

/**
 * Tesseract's TSV as a reading: words (level 5) with their boxes and confidences, gathered
 * into their lines (level 4) in the order given; a line's confidence is its words' mean, its
 * text its words joined by spaces. Boxes are mapped to the source's pixels (÷ `scale`).
 * Lines of one paragraph are joined by a newline, paragraphs by an empty line, as tesseract's text output.
 */
export function parseTsv(tsv: string, scale: number): Reading {
  const lines: OcrLine[] = [];
  const words: OcrLine[] = [];
  const paragraphs: string[][] = [];
  let current: { key: string; box: OcrLine['bbox']; words: OcrLine[] } | undefined;
  let paragraph = '';
  const box = (c: readonly string[]) => [c[6], c[7], c[8], c[9]].map((v) => Math.round(Number(v) / scale)) as [number, number, number, number];
  const close = () => {
    if (!current || current.words.length === 0) return;
    const confidence = Math.round(current.words.reduce((sum, w) => sum + w.confidence, 0) / current.words.length);
    const text = current.words.map((w) => w.text).join(' ');
    lines.push({ text, confidence, bbox: current.box });
    const para = current.key.split(':').slice(0, 3).join(':');
    if (para !== paragraph || paragraphs.length === 0) paragraphs.push([]);
    paragraph = para;
    paragraphs[paragraphs.length - 1]?.push(text);
  };
  for (const row of tsv.split(/\r?\n/)) {
    const c = row.split('\t');
    if (c.length < 12 || !/^\d+$/.test(c[0] ?? '')) continue;
    const key = c.slice(1, 5).join(':');
    if (c[0] === '4') {
      close();
      current = { key, box: box(c), words: [] };
    } else if (c[0] === '5' && current?.key === key) {
      const text = c.slice(11).join('\t').trim();
      if (text === '') continue;
      const word: OcrLine = { text, confidence: Math.round(Number(c[10])), bbox: box(c) };
      words.push(word);
      current.words.push(word);
    }
  }
  close();
  return { text: paragraphs.map((p) => `${p.join('\n')}\n`).join('\n'), lines, words };
}
