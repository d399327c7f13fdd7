import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/paths.js';
import { readPdf } from '../helpers/read-pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { copyCase, tempDir } from '../helpers/temp-case.js';

const CASE = join(FIXTURES, 'cases', 'attachments');
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('email attachments and HEIC photos', () => {
  it('shows the PDF and the PNG an email carries right after it, hashed as attachments of it, and an iPhone HEIC photo by its EXIF date', async () => {
    const dir = await copyCase(CASE);
    const before = await Promise.all((await readdir(dir)).sort().map(async (n) => sha(await readFile(join(dir, n)))));
    const out = join(await tempDir(), 'packet.pdf');
    const report = join(dir, '..', 'report.json');
    const built = await runCli(['build', dir, '-o', out, '--report', report]);
    expect(built.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(built.code).toBe(0);
    const pdf = await readPdf(out);
    const at = (needle: string) => pdf.pages.findIndex((p) => p.includes(needle)) + 1;
    const order = [
      at('Exhibit 1 of 4 · Email (mbox) · correspondence.mbox'),
      at('PDF document · page 1 of 1 of correspondence.mbox/INV-0042.pdf'),
      at('Screenshot · correspondence.mbox/installed.png'),
      at('Photo · IMG_0042.HEIC'),
    ];
    expect(order.every((p) => p > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const all = pdf.pages.join('\n');
    // The transcript names the exhibit each attachment became.
    expect(all).toContain('Attachment: INV-0042.pdf (shown as Exhibit 2)');
    expect(all).toContain('Attachment: installed.png (shown as Exhibit 3)');
    // The attached invoice is copied in as it is: its text is the packet's text.
    expect(all).toContain('Total paid: USD 499.00');
    expect(all).toContain('Attachment "INV-0042.pdf" of the message <reply-2@acme.dev> from Acme Themes <support@acme.dev> in correspondence.mbox');
    // The appendix lists each attachment with its own SHA-256 (the invoice is the same file as the documents fixture's).
    const invoice = await readFile(join(FIXTURES, 'cases', 'documents', 'invoice-INV-0042.pdf'));
    expect(all).toMatch(/correspondence\.mbox\/INV-0042\.pdf — 2,331 bytes · attachment of message <reply-2@acme\.dev> in\s+correspondence\.mbox/);
    expect(all).toContain(`SHA-256 ${sha(invoice)}`);
    const json = JSON.parse(await readFile(report, 'utf8')) as {
      exhibits: { file: string; date: { utc: string; source: string }; embedded?: { encoding: string } }[];
      sources: { file: string; sha256: string }[];
    };
    const photo = json.exhibits.find((e) => e.file === 'IMG_0042.HEIC')!;
    expect(photo.date).toMatchObject({ utc: '2024-03-13T16:42:10Z', source: 'exif' });
    // A HEIC is a photo: it goes in as JPEG.
    expect(photo.embedded?.encoding).toBe('jpeg');
    expect(json.exhibits.find((e) => e.file === 'correspondence.mbox/INV-0042.pdf')?.date).toMatchObject({ utc: '2024-03-13T10:05:00Z', source: 'export' });
    expect(json.sources.map((s) => s.file)).toEqual(expect.arrayContaining(['correspondence.mbox/INV-0042.pdf', 'correspondence.mbox/installed.png']));
    const after = await Promise.all(
      (await readdir(dir))
        .filter((n) => n !== 'report.json')
        .sort()
        .map(async (n) => sha(await readFile(join(dir, n)))),
    );
    expect(after).toEqual(before);
  });

  it('leaves out the attachments of messages the selection does not show', async () => {
    const dir = await copyCase(CASE);
    const { writeFile } = await import('node:fs/promises');
    const yaml = (await readFile(join(dir, 'case.yaml'), 'utf8')) + '  - file: correspondence.mbox\n    select: { to: 2024-03-12T23:00:00Z }\n';
    await writeFile(join(dir, 'case.yaml'), yaml);
    const result = await runCli(['check', dir, '--json']);
    const json = JSON.parse(result.stdout) as { exhibits: { file: string }[] };
    expect(json.exhibits.map((e) => e.file)).toEqual(['correspondence.mbox', 'IMG_0042.HEIC']);
  });

  it('shows the images and PDFs a helpdesk export carries inline (base64) after their message; one given only by a URL stays named', async () => {
    const out = join(await tempDir(), 'packet.pdf');
    const built = await runCli(['build', join(FIXTURES, 'cases', 'helpdesk-inline'), '-o', out]);
    expect(built.code).toBe(0);
    const pdf = await readPdf(out);
    const all = pdf.pages.join('\n');
    expect(all).toContain('Attachment: INV-0042.pdf (shown as Exhibit 2)');
    expect(all).toContain('Attachment: delivered.png (shown as Exhibit 3)');
    expect(all).toMatch(/Attachment: logo\.zip(?! \(shown)/);
    // Decoded from base64 and copied in as it is: the invoice's text is the packet's text.
    expect(all).toContain('Total paid: USD 499.00');
    const invoice = await readFile(join(FIXTURES, 'cases', 'documents', 'invoice-INV-0042.pdf'));
    expect(all).toContain(`SHA-256 ${sha(invoice)}`);
    expect(all).toMatch(/conversation-349\.json\/INV-0042\.pdf — 2,331 bytes · attachment of message/);
  });
});
