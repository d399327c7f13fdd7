import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { cp, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/paths.js';
import { readPdf } from '../helpers/read-pdf.js';
import { readPngText, testOcrEngine } from '../helpers/read-png-text.js';
import { runCli } from '../helpers/run-cli.js';
import { shareRuns } from '../helpers/share-runs.js';
import { copyCase, tempDir } from '../helpers/temp-case.js';

const DOCUMENTS = join(FIXTURES, 'cases', 'documents');
const BAD_PDFS = join(FIXTURES, 'cases', 'bad-pdfs');
const hasPoppler = spawnSync('pdftoppm', ['-v'], { stdio: 'ignore' }).status === 0;

async function hashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort())
    out[name] = createHash('sha256')
      .update(await readFile(join(dir, name)))
      .digest('hex');
  return out;
}

/** What OCR reads on one page of a packet rendered by poppler at `dpi` (kept in the tests' cache by the rendering's SHA-256). */
async function ocrPage(pdf: string, page: number, dpi: number): Promise<string> {
  const png = execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-png', pdf]);
  const engine = testOcrEngine();
  try {
    return await readPngText(engine, png);
  } finally {
    await engine.close();
  }
}

/** The packet page (1-based) whose text holds `needle`. */
const pageWith = (pages: string[], needle: string) => pages.findIndex((p) => p.includes(needle)) + 1;

const EPOCH = { env: { SOURCE_DATE_EPOCH: '1712000000' } };

/**
 * The documents case, copied and built once with a report and SOURCE_DATE_EPOCH: read by the
 * test of what the packet shows and by the test that a second build gives the same bytes.
 */
const documentsBuilt = shareRuns(async (_, work) => {
  const dir = join(work, 'case');
  await cp(DOCUMENTS, dir, { recursive: true });
  const before = await hashes(dir);
  const out = join(work, 'packet.pdf');
  const built = await runCli(['build', dir, '-o', out, '--report', join(work, 'report.json')], EPOCH);
  return { dir, before, out, built };
});

describe('PDF evidence', () => {
  it('copies PDF pages in as vector pages, in time order with the other exhibits, and destroys a redacted IBAN in text and pixels', async () => {
    const { dir, before, out, built } = await documentsBuilt('documents');
    expect(built.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(built.code).toBe(0);
    const pdf = await readPdf(out);
    const all = pdf.pages.join('\n');
    // The invoice's own text is in the packet as text: it was copied, not painted.
    expect(all).toContain('Total paid: USD 499.00');
    expect(all).toContain('Billed to: Jane Doe <jane.doe@example.com>');
    // The agreement's pages 1 and 3 keep their text; page 2's IBAN is in no text layer.
    expect(all).toContain('Between Acme Themes and Jane Doe');
    expect(all).toContain('The client approves the delivered theme in writing.');
    expect(all).not.toMatch(/DE89|0532 0130/);
    // Time order: agreement (4 March 09:00), scanned contract (10:30), capture (12:00), invoice (5 March).
    const order = [
      'page 1 of 3 of agreement.pdf',
      'page 1 of 1 of scanned-contract.pdf',
      'of 4 · Screenshot · Screenshot_20240304-120000.png',
      'page 1 of 1 of invoice-INV-0042.pdf',
    ].map((n) => pageWith(pdf.pages, n));
    expect(order.every((p) => p > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // One packet page per PDF page shown, with the page's note in its caption.
    const agreementPages = pdf.pages.filter((p) => /of 3 of agreement\.pdf/.test(p));
    expect(agreementPages).toHaveLength(3);
    expect(agreementPages[2]).toContain('On this page: The client agrees to approve the delivered theme in writing');
    expect(agreementPages[1]).toContain('shown as a picture so that the redacted areas are destroyed');
    // The report says how each page went in.
    const report = JSON.parse(await readFile(join(dir, '..', 'report.json'), 'utf8')) as {
      exhibits: { file: string; document?: { pages: { number: number; treatment: string }[] } }[];
    };
    expect(report.exhibits.find((e) => e.file === 'agreement.pdf')?.document?.pages).toEqual([
      { number: 1, treatment: 'vector', text: 'layer' },
      { number: 2, treatment: 'raster', reason: 'redact', text: 'layer' },
      { number: 3, treatment: 'vector', text: 'layer' },
    ]);
    expect(await hashes(dir)).toEqual(before);

    if (!hasPoppler) return console.warn('pdftoppm not installed: the redacted page is not read back in pixels');
    const redactedPage = pageWith(pdf.pages, 'page 2 of 3 of agreement.pdf');
    const read = await ocrPage(out, redactedPage, 150);
    // The test can fail: the line before the redaction is read, the IBAN is not.
    expect(read).toMatch(/client pays USD 499/);
    expect(read).not.toMatch(/DE89|3704|0532/);
  });

  it('reads the date from XMP, then the Info dictionary, and says where it came from', async () => {
    const result = await runCli(['check', DOCUMENTS, '--json']);
    const json = JSON.parse(result.stdout) as {
      exhibits: {
        file: string;
        date: { source: string; text: string; utc: string };
        ocr?: { visible: { name: boolean; email: boolean } };
        document?: { pages: unknown[] };
      }[];
    };
    const invoice = json.exhibits.find((e) => e.file === 'invoice-INV-0042.pdf')!;
    expect(invoice.date).toMatchObject({ source: 'metadata', text: 'XMP xmp:CreateDate 2024-03-05T14:15:00+00:00', utc: '2024-03-05T14:15:00.000Z' });
    const agreement = json.exhibits.find((e) => e.file === 'agreement.pdf')!;
    expect(agreement.date).toMatchObject({ source: 'metadata', text: 'Info CreationDate D:20240304090000Z' });
    // The client is found in the text layer, and on the scanned contract (no text layer) by OCR of its page.
    expect(agreement.ocr?.visible).toMatchObject({ name: true, email: true });
    const scanned = json.exhibits.find((e) => e.file === 'scanned-contract.pdf')!;
    expect(json.exhibits.find((e) => e.file === 'scanned-contract.pdf')?.document?.pages).toEqual([{ number: 1, treatment: 'vector', text: 'ocr' }]);
    expect(scanned.ocr?.visible).toMatchObject({ name: true, email: true });
  });

  it('gives each bad PDF its finding, naming the file, and builds what is left only when they are removed', async () => {
    const result = await runCli(['check', BAD_PDFS, '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
    const json = JSON.parse(result.stdout) as { findings: { code: string; file?: string }[]; exhibits: { file: string }[] };
    const codes = (file: string) => json.findings.filter((f) => f.file === file).map((f) => f.code);
    expect(codes('needs-password.pdf')).toEqual(['ITEM_PDF_PASSWORD']);
    expect(codes('locked-owner-only.pdf')).toEqual(['ITEM_PDF_RASTERISED']);
    expect(codes('broken-xref.pdf')).toEqual(['ITEM_PDF_REPAIRED']);
    expect(codes('damaged-objects.pdf')).toEqual(['ITEM_PDF_RASTERISED']);
    expect(codes('truncated.pdf')).toEqual(['ITEM_UNREADABLE']);
    expect(codes('not-really.pdf')).toEqual(['ITEM_UNREADABLE']);
    expect(codes('server-log.pdf')).toEqual(['ITEM_PDF_TOO_MANY_PAGES']);
    expect(codes('huge-image.pdf')).toEqual(['ITEM_PDF_IMAGE_TOO_LARGE']);
    expect(json.exhibits.map((e) => e.file).sort()).toEqual(['broken-xref.pdf', 'damaged-objects.pdf', 'locked-owner-only.pdf']);
  });

  it('shows an encrypted (owner password only) PDF as pictures of its pages, and takes pages: from a long one', async () => {
    const dir = await copyCase(BAD_PDFS);
    const { rm, writeFile } = await import('node:fs/promises');
    for (const name of ['needs-password.pdf', 'truncated.pdf', 'not-really.pdf', 'huge-image.pdf']) await rm(join(dir, name));
    await writeFile(
      join(dir, 'case.yaml'),
      `case: bad_pdfs\nclient: { name: Jane Doe, email: jane.doe@example.com }\ntimezone: UTC\nitems:\n  - file: server-log.pdf\n    pages: [2, "74-75"]\n`,
    );
    const out = join(await tempDir(), 'packet.pdf');
    const built = await runCli(['build', dir, '-o', out]);
    expect(built.code).toBe(0);
    const pdf = await readPdf(out);
    const log = pdf.pages.filter((p) => /of 75 of server-log\.pdf/.test(p));
    expect(log.map((p) => /Log page (\d+)/.exec(p)?.[1])).toEqual(['2', '74', '75']);
    // The server log never names the client: a reviewer would look for them in vain.
    const checked = JSON.parse((await runCli(['check', dir, '--json'])).stdout) as { findings: { code: string; file?: string }[] };
    expect(checked.findings.filter((f) => f.file === 'server-log.pdf').map((f) => f.code)).toEqual(['ITEM_PDF_CLIENT_NOT_VISIBLE']);
    const locked = pdf.pages.find((p) => p.includes('page 1 of 1 of locked-owner-only.pdf'))!;
    expect(locked).toContain('the PDF is encrypted');
    // Painted, so the invoice's text is not in the packet's text layer for that page.
    expect(locked).not.toContain('Total paid');
    // One pdf-lib cannot parse is painted from what pdf.js read.
    const damaged = pdf.pages.find((p) => p.includes('page 1 of 1 of damaged-objects.pdf'))!;
    expect(damaged).toContain('the PDF is damaged');
    expect(damaged).not.toContain('Total paid');
  });

  it('draws filled-in form fields into the copied page, and turns a page stored on its side as a viewer does', async () => {
    const out = join(await tempDir(), 'packet.pdf');
    const built = await runCli(['build', join(FIXTURES, 'cases', 'pdf-forms'), '-o', out, '--json']);
    expect(built.code).toBe(0);
    expect(JSON.parse(built.stdout).findings.map((f: { code: string }) => f.code)).toContain('ITEM_PDF_ANNOTATIONS');
    const pdf = await readPdf(out);
    // The field's value is drawn from its appearance: without flattening the copied page would show an empty box.
    expect(pdf.pages.find((p) => p.includes('page 1 of 1 of order-form.pdf'))).toContain('Jane Doe, jane.doe@example.com');
    if (!hasPoppler) return console.warn('pdftoppm not installed: the turned page is not read back in pixels');
    const page = pageWith(pdf.pages, 'page 1 of 1 of rotated-receipt.pdf');
    // OCR reads only upright text: on its side the receipt line would not be read.
    expect(await ocrPage(out, page, 100)).toMatch(/RECEIPT 2024-0305 PAID IN FULL/);
  });

  it('keeps the size limit with large scanned PDFs among the inputs: JPEG scans are recompressed and keep their text, others are painted', async () => {
    const dir = await tempDir();
    const { mkdir, stat, writeFile } = await import('node:fs/promises');
    const caseDir = join(dir, 'case');
    await mkdir(caseDir);
    const script = join(FIXTURES, '..', 'scripts', 'scanned-pdf.mjs');
    execFileSync(process.execPath, [script, join(caseDir, 'searchable-scan.pdf'), '2', '200', 'jpeg', 'text']);
    execFileSync(process.execPath, [script, join(caseDir, 'lossless-scan.pdf'), '1', '150', 'png']);
    await writeFile(join(caseDir, 'case.yaml'), 'case: dp_big\nclient: { name: Jane Doe, email: jane.doe@example.com }\ntimezone: UTC\n');
    const inputs = (await stat(join(caseDir, 'searchable-scan.pdf'))).size + (await stat(join(caseDir, 'lossless-scan.pdf'))).size;
    const limit = 700 * 1000;
    // The test can fail: copied as they are, the scans alone are over the limit.
    expect(inputs).toBeGreaterThan(limit * 1.5);
    const out = join(dir, 'packet.pdf');
    const built = await runCli(['build', caseDir, '--max-size', '700KB', '-o', out, '--report', join(dir, 'report.json')]);
    expect(built.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(built.code).toBe(0);
    expect((await stat(out)).size).toBeLessThanOrEqual(limit);
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as {
      exhibits: { file: string; document?: { pages: { treatment: string; reason?: string; resampled?: true }[] } }[];
    };
    const pagesOf = (file: string) => report.exhibits.find((e) => e.file === file)!.document!.pages;
    expect(pagesOf('searchable-scan.pdf')).toEqual([
      { number: 1, treatment: 'vector', resampled: true, text: 'layer' },
      { number: 2, treatment: 'vector', resampled: true, text: 'layer' },
    ]);
    expect(pagesOf('lossless-scan.pdf')).toEqual([{ number: 1, treatment: 'raster', reason: 'budget', text: 'ocr' }]);
    const pdf = await readPdf(out);
    // Its JPEGs were recompressed, its page copied: the scan's text layer is still text.
    expect(pdf.pages.join('\n')).toContain('Searchable scan, page 2 of 2');
    expect(pdf.pages.find((p) => p.includes('page 1 of 2 of searchable-scan.pdf'))).toContain(
      'Its images were recompressed so that the packet fits the size limit',
    );
    expect(pdf.pages.find((p) => p.includes('page 1 of 1 of lossless-scan.pdf'))).toContain(
      'painted again at a lower resolution so that the packet fits the size limit',
    );
  });

  it('names the PDF whose pages, copied as they are, take the packet over the limit when none of them can be painted smaller', async () => {
    const dir = join(await tempDir(), 'case');
    const { cp, mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(dir);
    await cp(join(DOCUMENTS, 'agreement.pdf'), join(dir, 'agreement.pdf'));
    await writeFile(join(dir, 'case.yaml'), 'case: dp_text\nclient: { name: Jane Doe, email: jane.doe@example.com }\ntimezone: UTC\n');
    const out = join(dir, '..', 'packet.pdf');
    const free = await runCli(['build', dir, '-o', out, '--report', join(dir, '..', 'r.json')]);
    expect(free.code).toBe(0);
    const size = (JSON.parse(await readFile(join(dir, '..', 'r.json'), 'utf8')) as { output: { bytes: number } }).output.bytes;
    // The test can fail: a limit just under the packet's own size, which is text pages only.
    const tight = await runCli(['build', dir, '-o', join(dir, '..', 'tight.pdf'), '--max-size', String(size - 500)]);
    expect(tight.code).toBe(4);
    expect(tight.stderr).toContain('with the pages of agreement.pdf copied in as they are');
    expect(tight.stderr).toContain('pages: in case.yaml');
    expect(tight.stderr).not.toMatch(/Please report this|at .*\.js:\d+/);
  });

  it('writes the same bytes for the same PDFs and attachments, built twice', async () => {
    // The documents case's first build is the one the test above reads (with a report: the
    // report never changes the packet's bytes).
    const documents = await documentsBuilt('documents');
    expect(documents.built.code).toBe(0);
    for (const [name, source, first] of [
      ['documents', documents.dir, documents.out],
      ['attachments', join(FIXTURES, 'cases', 'attachments'), undefined],
    ] as const) {
      const dir = await tempDir();
      const outs = [first ?? join(dir, 'a.pdf'), join(dir, 'b.pdf')];
      for (const out of outs.slice(first ? 1 : 0)) expect([name, (await runCli(['build', source, '-o', out, '--quiet'], EPOCH)).code]).toEqual([name, 0]);
      const [a, b] = await Promise.all(outs.map((o) => readFile(o)));
      expect([name, a!.equals(b!)]).toEqual([name, true]);
    }
  });

  it('dates a PDF without metadata dates by a date in its text, with a warning to confirm it', async () => {
    const { createRequire } = await import('node:module');
    const { PDFDocument, StandardFonts } = createRequire(import.meta.url)('pdf-lib') as typeof import('pdf-lib');
    const doc = await PDFDocument.create({ updateMetadata: false });
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([612, 792]).drawText('Receipt issued 5 March 2024 at 14:20 to Jane Doe, jane.doe@example.com', { x: 56, y: 700, size: 11, font });
    const dir = join(await tempDir(), 'case');
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(dir);
    await writeFile(join(dir, 'receipt.pdf'), await doc.save());
    await writeFile(join(dir, 'case.yaml'), 'case: dp_text\nclient: { name: Jane Doe, email: jane.doe@example.com }\ntimezone: Europe/London\n');
    const json = JSON.parse((await runCli(['check', dir, '--json'])).stdout) as {
      exhibits: { date: { source: string; utc: string; text: string } }[];
      findings: { code: string }[];
    };
    expect(json.exhibits[0]!.date).toMatchObject({ source: 'text', utc: '2024-03-05T14:20:00.000Z', text: '"5 March 2024 at 14:20" on page 1' });
    expect(json.findings.map((f) => f.code)).toContain('ITEM_DATE_FROM_TEXT');
  });
});
