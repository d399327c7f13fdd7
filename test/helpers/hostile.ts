import { createHash } from 'node:crypto';
import { cp, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { expect } from 'vitest';
import { FIXTURES } from './paths.js';
import { readPdf } from './read-pdf.js';
import { runCli, type CliResult } from './run-cli.js';
import { tempDir } from './temp-case.js';

/** SHA-256 of every file under a folder, by path: the inputs must come out as they went in. */
export async function hashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length)] = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  }
  return out;
}

/** A copy of a committed hostile case, in a temporary folder. */
export async function hostileCase(name: string): Promise<string> {
  const dir = join(await tempDir('ep-hostile-'), name);
  await cp(join(FIXTURES, 'hostile', name), dir, { recursive: true });
  return dir;
}

export interface BothRuns {
  readonly check: CliResult;
  readonly build: CliResult;
  /** The folder -o wrote into (made by the build: it does not exist before). */
  readonly out: string;
  readonly written: string[];
}

/**
 * check --json and build on the case: inputs unchanged, no stack trace, --json output valid JSON.
 * The build writes under `work` (a run several tests share keeps it), else a folder of the test's own.
 */
export async function runBoth(dir: string, extra: string[] = ['--no-ocr'], work?: string): Promise<BothRuns> {
  const before = await hashes(dir);
  const out = join(work ?? (await tempDir('ep-hostile-out-')), 'missing', 'folder');
  const check = await runCli(['check', dir, '--json', ...extra]);
  const build = await runCli(['build', dir, '-o', join(out, 'packet.pdf'), '--report', join(out, 'report.json'), ...extra]);
  expect(await hashes(dir)).toEqual(before);
  const written = await readdir(out).catch(() => [] as string[]);
  for (const result of [check, build]) expect(result.stdout + result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+|internal error|This is a bug/);
  expect(() => JSON.parse(check.stdout)).not.toThrow();
  return { check, build, out, written };
}

export type JsonFinding = { code: string; file?: string; severity: string; message: string };

export function findings(check: CliResult): JsonFinding[] {
  return (JSON.parse(check.stdout) as { findings: JsonFinding[] }).findings;
}

/** A failed build writes nothing: no PDF, no report, not even the folder -o named. */
export async function expectNothingWritten(out: string): Promise<void> {
  expect(
    await stat(join(out, '..')).then(
      () => true,
      () => false,
    ),
  ).toBe(false);
}

/** A PDF string's bytes as text: literal strings as they are, hex strings decoded. */
const unhex = (text: string) => text.replace(/<([0-9a-fA-F\s]+)>/g, (_, hex: string) => Buffer.from(hex.replace(/\s/g, ''), 'hex').toString('latin1'));

/**
 * Every byte of a PDF that could hold a number: the file as it is, every stream inflated
 * (objects nobody references included: pdf-lib reads them all), hex strings decoded, and the
 * text pdf.js extracts from every page.
 */
export async function pdfBytesText(path: string): Promise<string> {
  const bytes = await readFile(path);
  const parts = [bytes.toString('latin1')];
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFRawStream) {
      const filter = object.dict.get(PDFName.of('Filter'));
      const raw = Buffer.from(object.contents);
      const data = filter === PDFName.of('FlateDecode') ? inflateSync(raw) : raw;
      parts.push(unhex(data.toString('latin1')), data.toString('utf8'));
    } else parts.push(unhex(object.toString()));
  }
  parts.push(...(await readPdf(path)).pages);
  return parts.join('\n');
}

/** Digits as they may be written: ASCII, full-width, Devanagari. */
const DIGIT_SETS = [0x30, 0xff10, 0x0966];

/** A card number in any digit set, with any run of non-digits (separators, operators, line breaks) of up to 12 characters between digits. */
export function panPatterns(pans: readonly string[]): RegExp[] {
  return pans.flatMap((pan) =>
    DIGIT_SETS.map((zero) => new RegExp([...pan].map((d) => String.fromCodePoint(zero + Number(d))).join('[^0-9\\uff10-\\uff19\\u0966-\\u096f]{0,12}'), 'u')),
  );
}

export function expectNoPan(text: string, pans: readonly string[], where: string): void {
  for (const pattern of panPatterns(pans)) expect(pattern.test(text), `${where} holds a card number (${pattern})`).toBe(false);
}

/** Every output of a run free of card numbers: stdout, stderr, the PDF's bytes and text, the report. */
export async function expectNoPanAnywhere(runs: BothRuns, pans: readonly string[]): Promise<void> {
  for (const result of [runs.check, runs.build]) {
    expectNoPan(result.stdout, pans, 'stdout');
    expectNoPan(result.stderr, pans, 'stderr');
  }
  if (runs.written.includes('packet.pdf')) expectNoPan(await pdfBytesText(join(runs.out, 'packet.pdf')), pans, 'the PDF');
  if (runs.written.includes('report.json')) expectNoPan(await readFile(join(runs.out, 'report.json'), 'utf8'), pans, 'report.json');
}
