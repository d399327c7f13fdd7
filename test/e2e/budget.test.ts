import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFRawStream, PDFHexString, PDFArray, type PDFDict } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { PROFILES } from '../../src/budget/profiles.js';
import { SAMPLE_CASE } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { shareRuns } from '../helpers/share-runs.js';
import { tempDir } from '../helpers/temp-case.js';

/** Every image XObject in a PDF, with its colour space as written and its pixel size. */
async function imagesOf(path: string): Promise<{ colorSpace: string; palette?: Buffer; size: string }[]> {
  const doc = await PDFDocument.load(await readFile(path));
  const out: { colorSpace: string; palette?: Buffer; size: string }[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream) || object.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    const size = `${object.dict.get(PDFName.of('Width'))}x${object.dict.get(PDFName.of('Height'))}`;
    const cs = object.dict.get(PDFName.of('ColorSpace'));
    if (cs instanceof PDFArray) {
      const lookup = cs.get(3);
      out.push({
        size,
        colorSpace: `${cs.get(0)} ${cs.get(1)}`,
        ...(lookup instanceof PDFHexString ? { palette: Buffer.from(lookup.asString(), 'hex') } : {}),
      });
    } else out.push({ size, colorSpace: String(cs ?? (object.dict as PDFDict).get(PDFName.of('ColorSpace'))) });
  }
  return out;
}

/** The sample case built once under each profile, its packet and report read by every test that needs that profile's. */
const builtFor = shareRuns(async (profile, dir) => {
  const out = join(dir, 'p.pdf');
  const report = join(dir, 'r.json');
  const r = await runCli(['build', SAMPLE_CASE, '--profile', profile, '-o', out, '--report', report]);
  expect(r.code, `${profile}: ${r.stderr}`).toBe(0);
  return { out, report };
});

/** The sample case at a tight budget (124 KB), dated so that a second build must give the same bytes. */
const TIGHT = ['build', SAMPLE_CASE, '--max-size', '124KB'];
const TIGHT_EPOCH = { env: { SOURCE_DATE_EPOCH: '1712000000' } };
const tight = shareRuns(async (_, dir) => {
  const out = join(dir, 'a.pdf');
  const report = join(dir, 'a.json');
  expect((await runCli([...TIGHT, '-o', out, '--report', report], TIGHT_EPOCH)).code).toBe(0);
  return { out, report };
});

describe('check predicts the size of the packet build writes', () => {
  it('gives the same prediction on every run when SOURCE_DATE_EPOCH dates the packet', async () => {
    // The packet's /ID and date come from its date: a check dated by the clock predicted a
    // size a few bytes apart on each run.
    const runs = await Promise.all([0, 1].map(() => runCli(['check', SAMPLE_CASE, '--json', '--no-ocr'], TIGHT_EPOCH)));
    const sizes = runs.map((r) => JSON.parse(r.stdout).predictedSize);
    expect(sizes[0].fixed).toBeGreaterThan(0);
    expect(sizes[1]).toEqual(sizes[0]);
  });
});

describe('fitting the packet to each profile', () => {
  it.each(PROFILES.map((p) => [p.name, p] as const))('%s: within its size and page limits', async (name, profile) => {
    const { out, report } = await builtFor(name);
    const written = JSON.parse(await readFile(report, 'utf8'));
    expect(written.output.bytes).toBe((await readFile(out)).length);
    if (profile.maxBytes) expect(written.output.bytes).toBeLessThanOrEqual(profile.maxBytes);
    if (profile.maxPages) expect(written.output.pages).toBeLessThanOrEqual(profile.maxPages);
  });

  it('amex-optblue embeds no colour image', async () => {
    const images = await imagesOf((await builtFor('amex-optblue')).out);
    expect(images).toHaveLength(4);
    for (const image of images) {
      if (image.palette) {
        for (let i = 0; i < image.palette.length; i += 3) expect(new Set(image.palette.subarray(i, i + 3)).size).toBe(1);
      } else expect(image.colorSpace).toBe('/DeviceGray');
    }
    // The same case under stripe keeps its colours.
    expect(
      (await imagesOf((await builtFor('stripe')).out)).some(
        (i) => i.colorSpace === '/DeviceRGB' || i.palette?.some((_, k, p) => k % 3 === 0 && (p[k] !== p[k + 1] || p[k] !== p[k + 2])),
      ),
    ).toBe(true);
  });

  it("takes every step in colours and JPEG quality before it lowers any image's resolution", async () => {
    const dir = await tempDir();
    const report = join(dir, 'r.json');
    // 134 KB: every screenshot in 16 colours and the photo at q65 fit (at 130 KB the photo goes
    // to 175 dpi since PNGs are deflated at level 7), so the colour and quality steps are all taken.
    expect((await runCli(['build', SAMPLE_CASE, '--max-size', '134KB', '-o', join(dir, 'p.pdf'), '--report', report])).code).toBe(0);
    const exhibits = JSON.parse(await readFile(report, 'utf8')).exhibits as { embedded?: { rung: string; dpi: number } }[];
    const rungs = exhibits.flatMap((e) => (e.embedded ? [e.embedded.rung] : []));
    expect(rungs.filter((rung) => /16 colours|q65/.test(rung)).length).toBeGreaterThanOrEqual(3);
    // Screenshots keep the pixels they were captured with, the photo its 200 dpi.
    expect(rungs.every((rung) => rung.endsWith('up to 300 dpi') || /^JPEG q\d+, 200 dpi$/.test(rung))).toBe(true);
  });

  it('embeds the images the report names also when real sizes make the fitter step some down after its first pass', async () => {
    // At 124 KB the sample case's first pass comes out over (the fitter's guess from its
    // sample is low), so some images are encoded again lower: those must be the ones embedded.
    const { out, report } = await tight('124KB');
    const named = (JSON.parse(await readFile(report, 'utf8')).exhibits as { embedded?: { width: number; height: number } }[]).flatMap((e) =>
      e.embedded ? [`${e.embedded.width}x${e.embedded.height}`] : [],
    );
    const embedded = (await imagesOf(out)).map((image) => image.size);
    expect(embedded.sort()).toEqual(named.sort());
  });

  it('never goes below the legibility floor, and is deterministic at a tight budget', async () => {
    const dir = await tempDir();
    const first = await tight('124KB');
    expect((await runCli([...TIGHT, '-o', join(dir, 'b.pdf')], TIGHT_EPOCH)).code).toBe(0);
    expect((await readFile(first.out)).equals(await readFile(join(dir, 'b.pdf')))).toBe(true);
    const exhibits = JSON.parse(await readFile(first.report, 'utf8')).exhibits as {
      file: string;
      embedded: { rung: string; dpi: number; width: number; trimmed?: number[] };
    }[];
    // An image is never reduced below the floor: under 150 dpi only when it keeps every pixel
    // it has (a small capture placed larger on a landscape page). The sample crops one capture.
    const crops: Record<string, number> = { 'screenshots/Screenshot 2024-03-14 at 10.22.33.png': 1110 };
    for (const e of exhibits) {
      const own = crops[e.file] ?? e.embedded.trimmed?.[2] ?? (await sharp(join(SAMPLE_CASE, e.file)).metadata()).width;
      expect([e.file, e.embedded.dpi >= 149 || e.embedded.width === own]).toEqual([e.file, true]);
    }
    expect(exhibits.some((e) => /, 1[57][05] dpi$/.test(e.embedded!.rung))).toBe(true);
  });
});
