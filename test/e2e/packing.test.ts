import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error the generator is plain JavaScript
import { makeRandomCase } from '../../scripts/random-case.mjs';
import { readPdf } from '../helpers/read-pdf.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * The case, built as a user builds it (OCR on): 17 exhibits whose kinds alternate
 * (7 desktop captures, 6 phone captures never two in a row, 4 photos), a cover letter, and
 * Mastercard's 19 pages. Every exhibit alone would need more pages than that.
 */
let work: string;
let report: { exhibits: { number: number; file: string; pages: { start: number; end: number } }[]; output: { pages: number } };
let made: { exhibits: { file: string; kind: string }[] };

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ep-packing-'));
  made = await makeRandomCase(1, join(work, 'case'), { shape: 'alternating' });
  // OCR results come from the tests' cache (the case is the same bytes on every run): what is
  // checked is the packing, which OCR feeds (focus pages), not the reading itself.
  const built = await runCli(['build', join(work, 'case'), '-o', join(work, 'packet.pdf'), '--report', join(work, 'report.json')]);
  expect(built.code).toBe(0);
  report = JSON.parse(await readFile(join(work, 'report.json'), 'utf8'));
}, 1_800_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('page packing on the issue’s case', () => {
  it('fits Mastercard’s 19 pages with every exhibit kept', () => {
    expect(report.exhibits.map((e) => e.file).sort()).toEqual(made.exhibits.map((e) => e.file).sort());
    expect(report.output.pages).toBeLessThanOrEqual(19);
    // Some exhibits share a page: that is how it fits.
    expect(report.exhibits.some((e, i) => i > 0 && e.pages.start === report.exhibits[i - 1]!.pages.end)).toBe(true);
  });

  it('names every exhibit in the index and in a bookmark, those sharing a page together', async () => {
    const pdf = await readPdf(join(work, 'packet.pdf'));
    // A file name may wrap in its index column: compared without spaces.
    const index = pdf.pages
      .filter((text) => text.includes('Index of exhibits'))
      .join('')
      .replace(/\s+/g, '');
    const outline = pdf.outline.join('\n');
    for (const exhibit of report.exhibits) {
      expect(index).toContain(exhibit.file);
      const shared = report.exhibits.filter((e) => e.pages.start <= exhibit.pages.start && e.pages.end >= exhibit.pages.start);
      const named = shared.length === 1 ? `Exhibit ${exhibit.number} ` : `Exhibits ${shared[0]!.number}–${shared[shared.length - 1]!.number}`;
      expect(outline).toContain(named);
    }
  });
});
