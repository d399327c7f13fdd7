import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { copyCase } from '../helpers/temp-case.js';

const FIRST_NIGHT = join(FIXTURES, 'cases', 'first-night');

interface Checked {
  exhibits: { file: string; date: { source: string; utc: string } }[];
  findings: { code: string; file?: string; hint: string; args: Record<string, string> }[];
}

const check = async (dir: string) => JSON.parse((await runCli(['check', dir, '--no-ocr', '--json'])).stdout) as Checked;

/** Meeting notes printed to PDF in December that mention an October date: not an invoice. */
async function notesPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  ['Call notes with Jane Doe <jane.doe@example.com>', 'She mentioned the launch on 5 October 2026.'].forEach((t, i) =>
    page.drawText(t, { x: 56, y: 760 - i * 24, size: 12, font }),
  );
  doc.setCreationDate(new Date('2026-12-05T21:14:00Z'));
  return Buffer.from(await doc.save());
}

describe('a PDF dated by when it was printed (issue 36, point 3)', () => {
  it('an invoice printed weeks later is dated by its text, placed in time order, and ITEM_DATE_CONFLICT says why', async () => {
    const json = await check(FIRST_NIGHT);
    const invoice = json.exhibits.find((e) => e.file === 'invoice.pdf')!;
    expect(invoice.date.source).toBe('text');
    expect(invoice.date.utc.slice(0, 10)).toBe('2026-10-04');
    const files = json.exhibits.map((e) => e.file);
    expect(files.indexOf('invoice.pdf')).toBeLessThan(files.indexOf('delivery.eml'));
    const conflict = json.findings.find((f) => f.code === 'ITEM_DATE_CONFLICT' && f.file === 'invoice.pdf')!;
    expect(conflict.args).toMatchObject({ used: 'text', other: 'metadata', difference: '62 days' });
    expect(conflict.hint).toContain('an invoice, receipt or agreement is dated by what it says');
    expect(json.findings.map((f) => f.code)).not.toContain('ITEM_DATE_FROM_TEXT');
  });

  it('any other document keeps its metadata date, and the conflict is said', async () => {
    const dir = await copyCase(FIRST_NIGHT);
    await writeFile(join(dir, 'call-notes.pdf'), await notesPdf());
    const json = await check(dir);
    expect(json.exhibits.find((e) => e.file === 'call-notes.pdf')!.date.source).toBe('metadata');
    expect(json.findings.find((f) => f.code === 'ITEM_DATE_CONFLICT' && f.file === 'call-notes.pdf')?.args).toMatchObject({ used: 'metadata', other: 'text' });
  });
});
