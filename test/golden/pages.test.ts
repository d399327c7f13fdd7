import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openPdf } from '../../src/io/pdfjs.js';
import { buildPacket } from '../../src/pipeline/build.js';
import { REPO, SAMPLE_CASE, FIXTURES } from '../helpers/paths.js';

const GOLDEN = join(REPO, 'test', 'golden', 'pages');
/** Pages are compared at this resolution: enough to see layout, captions and marks move. */
const DPI = 40;
/**
 * A pixel has changed when it is more than this many grey levels (of 255) off: the stored
 * 16-level PNG is off by 8 at most, and rasterisers differ by a few levels at glyph edges.
 */
const CHANGED = 64;
/** A page has changed when more than this share of its pixels have: one word moved is about 0.1 %. */
const MOST_CHANGED = 0.0005;

type Grey = { data: Buffer; width: number; height: number };

/** Each page of a packet (or only `only`) rendered by pdf.js at `dpi`, as raw greyscale pixels. */
async function renderPages(pdf: Uint8Array, dpi = DPI, only?: number): Promise<Grey[]> {
  const doc = await openPdf(pdf);
  const pages = [];
  try {
    for (let n = only ?? 1; n <= (only ?? doc.numPages); n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: dpi / 72 });
      const { canvas, context } = (
        doc as unknown as {
          canvasFactory: {
            create(
              w: number,
              h: number,
            ): { canvas: { data(): Buffer; width: number; height: number }; context: { fillStyle: string; fillRect(...a: number[]): void } };
          };
        }
      ).canvasFactory.create(Math.round(viewport.width), Math.round(viewport.height));
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvasContext: context as never, canvas: canvas as never, viewport }).promise;
      const grey = await sharp(canvas.data(), { raw: { width: canvas.width, height: canvas.height, channels: 4 } })
        .removeAlpha()
        .greyscale()
        .raw()
        .toBuffer();
      pages.push({ data: grey, width: canvas.width, height: canvas.height });
    }
  } finally {
    await doc.destroy();
  }
  return pages;
}

/** Compares each page with its committed PNG; UPDATE_GOLDEN=1 writes them after a deliberate change. */
async function matchPages(name: string, pdf: Uint8Array): Promise<void> {
  await matchImages(name, await renderPages(pdf));
}

async function matchImages(name: string, pages: Grey[]): Promise<void> {
  await mkdir(GOLDEN, { recursive: true });
  const stored = (n: number) => join(GOLDEN, `${name}-${String(n).padStart(2, '0')}.png`);
  if (process.env.UPDATE_GOLDEN) {
    for (const [i, p] of pages.entries())
      await writeFile(
        stored(i + 1),
        await sharp(p.data, { raw: { width: p.width, height: p.height, channels: 1 } })
          .png({ compressionLevel: 9, palette: true, colours: 16 })
          .toBuffer(),
      );
  }
  expect(existsSync(stored(pages.length + 1)), `${name}: more golden pages than the packet has`).toBe(false);
  for (const [i, page] of pages.entries()) {
    const golden = await sharp(await readFile(stored(i + 1)))
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect({ width: golden.info.width, height: golden.info.height }, `${name} page ${i + 1} size`).toEqual({ width: page.width, height: page.height });
    let changed = 0;
    for (let k = 0; k < page.data.length; k++) if (Math.abs(page.data[k]! - golden.data[k]!) > CHANGED) changed++;
    expect(changed / page.data.length, `${name} page ${i + 1} differs from ${stored(i + 1)} (UPDATE_GOLDEN=1 after a deliberate change)`).toBeLessThanOrEqual(
      MOST_CHANGED,
    );
  }
}

/** The sample case built once: its plan and its pages are both compared with what is committed. */
let sampleBuild: ReturnType<typeof buildPacket> | undefined;
const buildSample = () => (sampleBuild ??= buildPacket(SAMPLE_CASE));

/** Compares with a committed file; UPDATE_GOLDEN=1 rewrites it after a deliberate change. */
async function matchGolden(name: string, value: unknown): Promise<void> {
  const path = join(REPO, 'test', 'golden', name);
  const text = JSON.stringify(value, null, 2) + '\n';
  if (process.env.UPDATE_GOLDEN) await writeFile(path, text);
  expect(text).toBe(await readFile(path, 'utf8'));
}

describe('golden: the sample packet plan', () => {
  it('keeps order, pages, dates and bytes per exhibit', async () => {
    const result = await buildSample();
    if (!result.ok) throw new Error(`sample case failed: ${result.check.findings.map((f) => f.code).join(', ')}`);
    const { report, check } = result;
    await matchGolden('sample-plan.json', {
      pages: check.plan!.pages.map((p) => `${p.kind}: ${p.label}`),
      exhibits: report.exhibits.map((e) => ({
        number: e.number,
        file: e.file,
        date: e.date,
        pages: e.pages,
        embedded: e.embedded,
      })),
      sources: report.sources,
    });
  });
});

describe('golden pages, re-rendered', () => {
  it('the sample packet', async () => {
    const result = await buildSample();
    if (!result.ok) throw new Error('sample case failed');
    await matchPages('sample', result.pdf);
  });

  it('the scripts case (Arabic, Persian, Hebrew, Thai, Devanagari, Chinese, Japanese, Korean, and emails in Shift_JIS and KS C 5601: shaped, right-to-left runs in reading order)', async () => {
    const result = await buildPacket(join(FIXTURES, 'cases', 'scripts'), { sourceDateEpoch: 1711616400 });
    if (!result.ok) throw new Error('scripts case failed');
    expect(result.check.findings.map((f) => f.code)).not.toContain('TEXT_GLYPH_MISSING');
    await matchPages('scripts', result.pdf);
  });

  /** One file of the scripts case per script: its messages, cropped from its exhibit page at 100 dpi, where a glyph drawn wrong or a word out of order shows. */
  const SCRIPT_FILES = [
    'arabic.txt',
    'persian.txt',
    'hebrew.txt',
    'thai.txt',
    'devanagari.txt',
    'chinese.txt',
    'japanese.txt',
    'shift-jis.eml',
    'ks-c-5601.eml',
  ];
  it('a page of each script, its messages at 100 dpi', async () => {
    const { copyFile, mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const crops: Grey[] = [];
    const dirs: string[] = [];
    onTestFinished(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))).then(() => undefined));
    for (const file of SCRIPT_FILES) {
      const dir = await mkdtemp(join(tmpdir(), 'ep-script-'));
      dirs.push(dir);
      await copyFile(join(FIXTURES, 'cases', 'scripts', file), join(dir, file));
      await copyFile(join(FIXTURES, 'cases', 'scripts', 'case.yaml'), join(dir, 'case.yaml'));
      const result = await buildPacket(dir, { sourceDateEpoch: 1711616400 });
      if (!result.ok) throw new Error(`${file} failed`);
      expect([file, result.check.findings.map((f) => f.code)]).not.toContainEqual([file, expect.arrayContaining(['TEXT_GLYPH_MISSING'])]);
      // The exhibit's page: its caption band, then the messages, in the top third.
      const [page] = await renderPages(result.pdf, 100, 2);
      const box = { left: 50, top: 220, width: page!.width - 100, height: 230 };
      const { data, info } = await sharp(page!.data, { raw: { width: page!.width, height: page!.height, channels: 1 } })
        .extract(box)
        .toColourspace('b-w')
        .raw()
        .toBuffer({ resolveWithObject: true });
      expect(info.channels).toBe(1);
      crops.push({ data, width: box.width, height: box.height });
    }
    await matchImages('script', crops);
  });

  it('the PDF documents case (copied, redacted and scanned pages)', async () => {
    const result = await buildPacket(join(FIXTURES, 'cases', 'documents'));
    if (!result.ok) throw new Error('documents case failed');
    await matchPages('documents', result.pdf);
  });
});
