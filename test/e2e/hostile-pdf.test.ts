import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
// @ts-expect-error the fixture generator is plain JavaScript
import { HOSTILE_PANS } from '../../scripts/make-hostile-fixtures.mjs';
import { expectNothingWritten, expectNoPanAnywhere, findings, hostileCase, pdfBytesText, runBoth } from '../helpers/hostile.js';
import { readPdf } from '../helpers/read-pdf.js';

const PANS = HOSTILE_PANS as string[];

describe('hostile PDFs (fixtures/hostile, written by scripts/make-hostile-fixtures.mjs)', () => {
  it('a filled form field and a FreeText comment holding card numbers leave no number in any byte', async () => {
    const runs = await runBoth(await hostileCase('pdf-form-pan'));
    expect(runs.check.code).toBe(0);
    expect(runs.build.code, runs.build.stderr).toBe(0);
    expect(findings(runs.check)).toContainEqual(expect.objectContaining({ code: 'ITEM_PDF_CARD_REDACTED', file: 'order-form.pdf' }));
    await expectNoPanAnywhere(runs, PANS);
    // The page is still there, as a picture with the fields blacked out.
    expect((await readPdf(join(runs.out, 'packet.pdf'))).pageCount).toBeGreaterThanOrEqual(3);
  });

  it('pages: [1] copies page 1 only: no metadata, /PieceInfo, script, other page or unreferenced object', async () => {
    const runs = await runBoth(await hostileCase('pdf-shared-resources'));
    expect(runs.build.code, runs.build.stderr).toBe(0);
    expect(findings(runs.check)).toContainEqual(expect.objectContaining({ code: 'ITEM_PDF_SCRIPT', file: 'delivery.pdf' }));
    const pdf = join(runs.out, 'packet.pdf');
    const text = await pdfBytesText(pdf);
    for (const marker of [
      'SECRET-PAGE-TWO',
      'IMAGE-XMP-MARKER',
      'PAGE-XMP-MARKER',
      'PIECEINFO-MARKER',
      'AA-SCRIPT-MARKER',
      'UNREFERENCED-MARKER',
      '/PieceInfo',
      '/JavaScript',
    ]) {
      expect(text, marker).not.toContain(marker);
    }
    await expectNoPanAnywhere(runs, PANS);
    // Page 1 is copied as it is: its text is still text, and its image is still drawn.
    expect((await readPdf(pdf)).pages.join(' ')).toContain('the theme was delivered');
    const doc = await PDFDocument.load(await readFile(pdf));
    const images = [...doc.context.enumerateIndirectObjects()].filter(
      ([, o]) => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'),
    );
    expect(images.some(([, o]) => (o as PDFRawStream).dict.get(PDFName.of('Width'))?.toString() === '16')).toBe(true);
  });

  it('a card number wrapped over two text rows is blacked out as one number', async () => {
    const runs = await runBoth(await hostileCase('pdf-wrapped-pan'));
    expect(runs.build.code, runs.build.stderr).toBe(0);
    expect(findings(runs.check)).toContainEqual(expect.objectContaining({ code: 'ITEM_PDF_CARD_REDACTED', file: 'invoice.pdf' }));
    await expectNoPanAnywhere(runs, PANS);
  });

  it('a page tree that contains itself is a finding naming the file, not an internal error', async () => {
    const runs = await runBoth(await hostileCase('pdf-cyclic-tree'));
    expect(runs.check.code).toBe(1);
    expect(findings(runs.check)).toContainEqual(expect.objectContaining({ code: 'ITEM_UNREADABLE', file: 'receipt.pdf' }));
    expect(runs.build.code).toBe(1);
    await expectNothingWritten(runs.out);
  });
});
