import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error the bench's generator is plain JavaScript
import { makeMixedCase } from '../../scripts/bench-corpus.mjs';
import { readPageSizes, readPdfLines } from '../helpers/read-pdf.js';
import { runCli } from '../helpers/run-cli.js';

/** The 17-screenshot case: desktop captures, phone captures (some in a row) and photos, with a cover letter. */
let caseDir: string;
let kinds: Record<string, 'desktop' | 'phone' | 'photo'>;
let work: string;
let report: { exhibits: { number: number; file: string; pages: { start: number; end: number } }[]; output: { pages: number } };
const pdf = () => join(work, 'mixed.pdf');

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ep-layout-'));
  caseDir = join(work, 'case');
  kinds = await makeMixedCase(caseDir);
  const built = await runCli(['build', caseDir, '-o', pdf(), '--report', join(work, 'report.json'), '--no-ocr']);
  // Only the plain progress lines a pipe gets, and the checklist's true word: 17 screenshots hold
  // no conversation and no delivery record for the case's reason.
  const checklist = /^(warning EVIDENCE_MISSING| {2}no exhibit is .* evidence, which| {2}→ Add a file that shows it)/;
  expect(built.stderr.split('\n').filter((l) => l !== '' && !/^(reading|OCR|encoding|rendering) \d+\/\d+/.test(l) && !checklist.test(l))).toEqual([]);
  expect(built.code).toBe(0);
  report = JSON.parse(await readFile(join(work, 'report.json'), 'utf8'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('layout for the reviewer', () => {
  it('builds 17 screenshots within Mastercard’s 19 pages, every exhibit kept', () => {
    expect(report.exhibits).toHaveLength(17);
    expect(report.output.pages).toBeLessThanOrEqual(19);
  });

  it('puts wide captures and photos on landscape pages and phone captures upright, as pdf.js reads them', async () => {
    const sizes = await readPageSizes(pdf());
    expect(sizes.every((s) => s.rotate === 0)).toBe(true);
    for (const exhibit of report.exhibits) {
      const size = sizes[exhibit.pages.start - 1]!;
      const landscape = size.width > size.height;
      expect([exhibit.file, landscape]).toEqual([exhibit.file, kinds[exhibit.file] !== 'phone']);
      expect([size.width, size.height].sort()).toEqual([612, 792]);
    }
    // The cover, index and appendix stay upright.
    expect(sizes[0]).toEqual({ width: 612, height: 792, rotate: 0 });
    expect(sizes[sizes.length - 1]).toEqual({ width: 612, height: 792, rotate: 0 });
  });

  it('reads right in poppler and qpdf too', () => {
    const info = spawnSync('pdfinfo', ['-f', '1', '-l', '40', pdf()], { encoding: 'utf8' });
    if (info.error) return console.warn('pdfinfo not installed (apt-get install poppler-utils): skipped');
    const sizes = [...info.stdout.matchAll(/Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => [Number(m[2]), Number(m[3])]);
    const desktop = report.exhibits.find((e) => kinds[e.file] === 'desktop')!;
    expect(sizes[desktop.pages.start - 1]).toEqual([792, 612]);
    const qpdf = spawnSync('qpdf', ['--check', pdf()], { encoding: 'utf8' });
    if (qpdf.error) return console.warn('qpdf not installed: skipped');
    expect(qpdf.status).toBe(0);
  });

  it('with OCR (as a user builds), shows the desktop captures as focus pages and still fits 19 pages', async () => {
    const out = join(work, 'ocr.pdf');
    const built = await runCli(['build', caseDir, '-o', out, '--report', join(work, 'ocr.json')]);
    expect(built.code).toBe(0);
    const ocr = JSON.parse(await readFile(join(work, 'ocr.json'), 'utf8')) as {
      exhibits: { file: string; focus?: { x: number; layout: string } }[];
      output: { pages: number };
    };
    expect(ocr.exhibits).toHaveLength(17);
    expect(ocr.output.pages).toBeLessThanOrEqual(19);
    const desktops = ocr.exhibits.filter((e) => kinds[e.file] === 'desktop');
    // The bench captures' side bar is 320 px wide: the focus starts past it.
    expect(desktops.every((e) => e.focus && e.focus.layout === 'beside' && e.focus.x > 300)).toBe(true);
    // The photos' captions are shown again below them; phone captures need nothing.
    expect(ocr.exhibits.filter((e) => kinds[e.file] === 'photo').every((e) => e.focus?.layout === 'below')).toBe(true);
    expect(ocr.exhibits.filter((e) => kinds[e.file] === 'phone').every((e) => !e.focus)).toBe(true);
  });

  it('puts two phone captures in a row on one page, side by side, each with its caption', async () => {
    const phones = report.exhibits.filter((e) => kinds[e.file] === 'phone');
    const shared = phones.filter((e, k) => phones[k + 1] && phones[k + 1]!.number === e.number + 1 && phones[k + 1]!.pages.start === e.pages.start);
    expect(shared.length).toBeGreaterThan(0);
    const first = shared[0]!;
    const lines = (await readPdfLines(pdf(), first.pages.start)).join('\n');
    expect(lines).toContain(`Exhibit ${first.number} of 17`);
    expect(lines).toContain(`Exhibit ${first.number + 1} of 17`);
    expect(lines).toContain(`Exhibits ${first.number}–${first.number + 1}`);
  });

  it('over a page limit, names the exhibits whose removal fits, least important first, and that advice holds', async () => {
    const checked = await runCli(['check', caseDir, '--no-ocr', '--max-pages', '15', '--json']);
    // The same problem, the same exit code from check and build (issue 36): 4, the budget.
    expect(checked.code).toBe(4);
    const finding = JSON.parse(checked.stdout).findings.find((f: { code: string }) => f.code === 'PACKET_OVER_PAGE_LIMIT');
    expect(finding.args.drop).toMatch(/^exhibits? [\d, ]+$/);
    const built = await runCli(['build', caseDir, '-o', join(work, 'over.pdf'), '--no-ocr', '--max-pages', '15']);
    expect(built.code).toBe(checked.code);
    expect(built.stderr).toContain(`Leaving out ${finding.args.drop}`);
    // Taking the advice: those files out, the packet fits.
    const numbers = (finding.args.drop as string)
      .replace(/^exhibits? /, '')
      .split(', ')
      .map(Number);
    for (const n of numbers) await unlink(join(caseDir, report.exhibits.find((e) => e.number === n)!.file));
    const again = await runCli(['check', caseDir, '--no-ocr', '--max-pages', '15', '--json']);
    expect(JSON.parse(again.stdout).predictedPages).toBeLessThanOrEqual(15);
  });

  it('starts a short transcript excerpt on the page of the one before, instead of a page of its own', async () => {
    const dir = join(work, 'chats');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'whatsapp.txt'),
      '14/03/2024, 10:22 - Dana Client: Hi Sam, the logo files arrived.\n14/03/2024, 10:25 - Sam Seller: Glad you like them.\n',
    );
    await writeFile(join(dir, 'later.txt'), '20/03/2024, 09:00 - Dana Client: The site is live now.\n20/03/2024, 09:05 - Sam Seller: Great to hear.\n');
    await writeFile(join(dir, 'case.yaml'), 'case: dp_two\nprofile: stripe\ntimezone: UTC\nclient:\n  name: Dana Client\n  email: dana@example.com\n');
    const out = join(work, 'chats.pdf');
    const built = await runCli(['build', dir, '-o', out, '--report', join(work, 'chats.json'), '--no-ocr']);
    expect(built.code).toBe(0);
    const exhibits = JSON.parse(await readFile(join(work, 'chats.json'), 'utf8')).exhibits as { pages: { start: number; end: number } }[];
    expect(exhibits).toHaveLength(2);
    expect(exhibits[1]!.pages.start).toBe(exhibits[0]!.pages.end);
    const lines = (await readPdfLines(out, exhibits[0]!.pages.start)).join('\n');
    expect(lines).toContain('Exhibits 1–2');
    expect(lines).toContain('Hi Sam, the logo files arrived.');
    expect(lines).toContain('The site is live now.');
  });
});
