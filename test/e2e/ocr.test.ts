import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkCase } from '../../src/pipeline/check.js';
import { readPngText, testOcrEngine } from '../helpers/read-png-text.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-case.js';

const hasPdftoppm = spawnSync('pdftoppm', ['-v'], { stdio: 'ignore' }).status === 0;
const hasPdftotext = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;

/** A screenshot-like PNG with the given lines of text, large enough for OCR to read. */
async function screenshot(lines: string[], width = 1000, height = 120 + lines.length * 60): Promise<Buffer> {
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const text = lines.map((l, i) => `<text x="40" y="${80 + i * 60}" font-size="30" font-family="DejaVu Sans" fill="#111">${esc(l)}</text>`).join('');
  return sharp(
    Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${text}</svg>`),
  )
    .png()
    .toBuffer();
}

async function makeCase(files: Record<string, Buffer>, items = ''): Promise<string> {
  const dir = join(await tempDir(), 'case');
  await mkdir(join(dir, 'shots'), { recursive: true });
  await writeFile(
    join(dir, 'case.yaml'),
    `case: dp_ocr\nprofile: stripe\ntimezone: Europe/London\nclient: { name: Jane Doe, email: jane.doe@example.com }\n${items}`,
  );
  for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, 'shots', name), bytes);
  return dir;
}

interface JsonExhibit {
  file: string;
  date: { source: string; utc: string };
  ocr?: { visible: { name: boolean; email: boolean; date: boolean }; cached: boolean; textPt: number | null };
}

describe('OCR of screenshots', () => {
  it('says which facts each screenshot shows, warns for the missing ones, dates an undated one from its text, and caches', async () => {
    const dir = await makeCase({
      'Screenshot_20240314-102200.png': await screenshot(['Jane Doe <jane.doe@example.com>', 'Thu, 14 Mar 2024, 10:22', 'Approved, thanks!']),
      'Screenshot_20240314-103000.png': await screenshot(['Jane Doe', 'Sure, go ahead', '10:30']),
      'chat.png': await screenshot(['From: Jane Doe', 'Date: 15 March 2024 09:41', 'Received the files']),
      'Screenshot_20240314-110000.png': await sharp({ create: { width: 800, height: 600, channels: 3, background: '#3366cc' } })
        .png()
        .toBuffer(),
      'Screenshot_20240314-120000.png': await sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } })
        .png()
        .toBuffer(),
    });
    const cacheDir = join(dir, '..', 'cache');
    const r = await runCli(['check', dir, '--json', '--cache-dir', cacheDir]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const byFile = Object.fromEntries((json.exhibits as JsonExhibit[]).map((e) => [e.file, e]));
    expect(byFile['shots/Screenshot_20240314-102200.png']!.ocr).toMatchObject({ visible: { name: true, email: true, date: true }, cached: false });
    expect(byFile['shots/Screenshot_20240314-103000.png']!.ocr!.visible).toEqual({ name: true, email: false, date: true });
    expect(byFile['shots/chat.png']!.date).toMatchObject({ source: 'ocr', utc: '2024-03-15T09:41:00.000Z' });
    const codes = (json.findings as { code: string; file: string; args: Record<string, string> }[]).map((f) => [f.code, f.file, f.args.missing ?? '']);
    expect(codes).toEqual([
      ['ITEM_CLIENT_NOT_VISIBLE', 'shots/chat.png', 'email'],
      ['ITEM_DATE_FROM_OCR', 'shots/chat.png', ''],
      ['ITEM_CLIENT_NOT_VISIBLE', 'shots/Screenshot_20240314-103000.png', 'email'],
      ['ITEM_IMAGE_BLANK', 'shots/Screenshot_20240314-110000.png', ''],
      ['ITEM_IMAGE_TOO_SMALL', 'shots/Screenshot_20240314-120000.png', ''],
    ]);

    const again = JSON.parse((await runCli(['check', dir, '--json', '--cache-dir', cacheDir])).stdout);
    expect((again.exhibits as JsonExhibit[]).filter((e) => e.ocr).every((e) => e.ocr!.cached)).toBe(true);
    // The image reads are kept beside the OCR text, and the warm check says the same.
    expect((await readdir(join(cacheDir, 'facts'))).length).toBeGreaterThan(0);
    expect(again.exhibits.map((e: JsonExhibit) => ({ ...e, ocr: { ...e.ocr, cached: false } }))).toEqual(
      json.exhibits.map((e: JsonExhibit) => ({ ...e, ocr: { ...e.ocr, cached: false } })),
    );

    // Without OCR nothing is read: the undated screenshot has no date at all.
    const off = JSON.parse((await runCli(['check', dir, '--json', '--no-ocr'])).stdout);
    expect((off.exhibits as JsonExhibit[]).some((e) => e.ocr)).toBe(false);
    // The 1 x 1 image is too small whether or not OCR runs.
    expect(off.findings.map((f: { code: string }) => f.code)).toEqual(['ITEM_DATE_MISSING', 'ITEM_IMAGE_TOO_SMALL']);
  });

  it.skipIf(!hasPdftotext)(
    'lays an invisible OCR text layer over a screenshot: pdftotext finds its words where they show, and none that were redacted',
    async () => {
      const shot = await screenshot(['Jane Doe asked for a refund', 'Secret code MOONBEAM', 'Card 4242 4242 4242 4242', 'Thanks, Jane']);
      const file = 'Screenshot_20240314-102200.png';
      // The user's redaction over the second line; the card number OCR finds is blacked out by itself.
      const dir = await makeCase({ [file]: shot }, `items:\n  - file: shots/${file}\n    redact: [[30, 105, 700, 50]]\n    trim: false\n`);
      const pdf = join(dir, '..', 'out.pdf');
      const r = await runCli(['build', dir, '-o', pdf]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('ITEM_CARD_REDACTED');
      const text = execFileSync('pdftotext', [pdf, '-']).toString('utf8');
      expect(text).toMatch(/asked for a\s+refund/);
      expect(text).toContain('Thanks, Jane');
      expect(text).not.toContain('MOONBEAM');
      expect(text).not.toMatch(/Secret|code/);
      expect(text).not.toContain('4242');
      // The word is where the picture shows it: inside the image on the exhibit's page.
      const placement = (await checkCase(dir, {})).plan!.placements[0]!;
      const html = execFileSync('pdftotext', ['-bbox', '-f', String(placement.page), '-l', String(placement.page), pdf, '-']).toString('utf8');
      const box = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">refund<\/word>/.exec(html);
      expect(box).not.toBeNull();
      const [x0, y0, x1, y1] = box!.slice(1).map(Number) as [number, number, number, number];
      const pageHeight = Number(/<page width="[\d.]+" height="([\d.]+)"/.exec(html)![1]);
      const scale = placement.width / 1000;
      // "refund" ends the first line: about 360 to 455 px of 1000 across, 58 to 80 down (the 30 px letters above the baseline at 80).
      const px = (pt: number, from: number) => (pt - from) / scale;
      const top = pageHeight - placement.y - placement.height;
      expect([px(x0, placement.x), px(x1, placement.x)]).toEqual([expect.closeTo(362, -1.3), expect.closeTo(455, -1.3)]);
      expect(px(y0, top)).toBeGreaterThan(45);
      expect(px(y1, top)).toBeLessThan(95);
      // Without OCR there is no text layer: the word was only in the picture.
      const plain = join(dir, '..', 'plain.pdf');
      expect((await runCli(['build', dir, '-o', plain, '--no-ocr'])).code).toBe(0);
      expect(execFileSync('pdftotext', [plain, '-']).toString('utf8')).not.toContain('refund');
    },
  );

  it.skipIf(!hasPdftoppm)('destroys a redacted email: OCR cannot read it on the rendered page, and it is nowhere in the PDF', async () => {
    const secret = ['Jane Doe wrote at 10:22:', 'Forward it to mark.smith@example.org', 'Thanks, Jane'];
    const shot = await screenshot(secret);
    const engine = testOcrEngine();
    try {
      // The test can fail: unredacted, OCR does read the address.
      expect(await readPngText(engine, shot)).toContain('mark.smith@example.org');

      const dir = await makeCase(
        { 'Screenshot_20240314-102200.png': shot },
        'items:\n  - file: shots/Screenshot_20240314-102200.png\n    redact: [[30, 100, 700, 50]]\n    highlight: [[30, 40, 420, 50]]\n    trim: false\n',
      );
      const pdf = join(dir, '..', 'out.pdf');
      const r = await runCli(['build', dir, '-o', pdf, '--no-ocr']);
      expect(r.code).toBe(0);
      const bytes = await readFile(pdf);
      const streams = [...bytes.toString('latin1').matchAll(/stream\r?\n/g)].map((m) => {
        const start = m.index! + m[0].length;
        const end = bytes.indexOf('endstream', start);
        try {
          return inflateSync(bytes.subarray(start, end)).toString('latin1');
        } catch {
          return bytes.subarray(start, end).toString('latin1');
        }
      });
      for (const text of [bytes.toString('latin1'), ...streams]) expect(text).not.toContain('mark.smith');

      const report = await checkCase(dir, {});
      const placement = report.plan!.placements[0]!;
      const prefix = join(dir, '..', 'page');
      execFileSync('pdftoppm', ['-png', '-r', '144', '-f', String(placement.page), '-l', String(placement.page), '-singlefile', pdf, prefix]);
      const page = await readFile(`${prefix}.png`);
      const read = await readPngText(engine, page);
      expect(read).toContain('Thanks, Jane');
      expect(read).not.toMatch(/mark\.?smith|example\.org/);

      // The highlight's outline is drawn where asked: dark pixels on its left edge, none just inside.
      const { data, info } = await sharp(page).greyscale().raw().toBuffer({ resolveWithObject: true });
      const scale = placement.width / 1000; // points per image pixel
      const px = (pt: number) => Math.round(pt * 2); // 144 dpi = 2 px per point
      const left = px(placement.x + 30 * scale);
      const midY = info.height - px(placement.y + placement.height - (40 + 25) * scale);
      const at = (x: number, y: number) => data[y * info.width + x]!;
      expect(Math.min(at(left - 1, midY), at(left, midY), at(left + 1, midY))).toBeLessThan(80);
      expect(at(left + px(6), midY)).toBeGreaterThan(200);
    } finally {
      await engine.close();
    }
  });
});

describe('a 20 000 px tall scroll capture', () => {
  it('is split across pages at a readable size, embedded once, with its highlight on the page that shows it', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => `Message ${i} from Jane Doe at 10:${String(i % 60).padStart(2, '0')}`);
    const svgLines = lines.map((l, i) => `<text x="30" y="${60 + i * 48}" font-size="28" font-family="DejaVu Sans">${l}</text>`).join('');
    const tall = await sharp(
      Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1170" height="20000"><rect width="100%" height="100%" fill="#fff"/>${svgLines}</svg>`),
      { limitInputPixels: false },
    )
      .png()
      .toBuffer();
    const dir = await makeCase(
      { 'Screenshot_20240314-102200.png': tall },
      'items:\n  - file: shots/Screenshot_20240314-102200.png\n    highlight: [[20, 9580, 600, 60]]\n    trim: false\n',
    );
    const pdf = join(dir, '..', 'tall.pdf');
    const r = await runCli(['build', dir, '-o', pdf, '--no-ocr', '--report', join(dir, '..', 'tall.json')]);
    expect(r.code).toBe(0);
    const report = JSON.parse(await readFile(join(dir, '..', 'tall.json'), 'utf8'));
    const exhibit = report.exhibits[0];
    const parts = exhibit.pages.end - exhibit.pages.start + 1;
    expect(parts).toBeGreaterThanOrEqual(12);
    // Readable: the full 1170 px width across the page (about 0.46 pt a pixel), not shrunk to fit one page.
    expect(exhibit.embedded.width).toBeGreaterThan(1000);
    const { readPdf } = await import('../helpers/read-pdf.js');
    const text = await readPdf(pdf);
    expect(text.pageCount).toBe(report.output.pages);
    for (let p = exhibit.pages.start; p <= exhibit.pages.end; p++)
      expect(text.pages[p - 1]).toContain(`part ${p - exhibit.pages.start + 1} of ${parts} of a tall capture`);
    const bytes = (await readFile(pdf)).toString('latin1');
    expect(bytes.match(/\/Subtype\s*\/Image/g)).toHaveLength(1);

    const check = await checkCase(dir, {});
    const placements = check.plan!.placements;
    expect(placements).toHaveLength(parts);
    // The highlight (source rows 9580–9640) is outlined on exactly the page(s) whose slice holds it.
    const withOutline = check.plan!.pages.filter((page) => page.kind === 'exhibit' && page.ops.some((op) => op.op === 'rect' && op.strokeWidth === 2.5));
    expect(withOutline.length).toBeGreaterThanOrEqual(1);
    expect(withOutline.length).toBeLessThanOrEqual(2);
  });
});
