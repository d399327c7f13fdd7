// Legibility of only the pages two builds of one random case draw differently (a packet
// page's content stream, its font subsets' glyph numbers aside: both builds must be of the
// same case, whose text is the same): each such page is read in
// both packets as measure-legibility.mjs reads it, and the stamps of the exhibits on it are
// counted by kind. Pages drawn alike read alike (same pixels), so the difference between two
// packets is the difference on these pages.
// Usage: node scripts/legibility-changed-pages.mjs <seed|truth.json> <before.pdf> <before-report.json> <after.pdf> <after-report.json>
// (a seed of random-case.mjs, or the truth of another case: { file: { kind, stamps } }).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { measureLegibility, stampsOf } from './measure-legibility.mjs';
import { makeRandomCase } from './random-case.mjs';

const [seed, beforePdf, beforeReport, afterPdf, afterReport] = process.argv.slice(2);

/** Each page's drawing, with glyph numbers and resource names left out (they follow the whole packet's text). */
async function pageDrawings(file) {
  const doc = await PDFDocument.load(readFileSync(file));
  return doc.getPages().map((page) => {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
    const text = refs.map((r) => Buffer.from(decodePDFRawStream(doc.context.lookup(r, PDFRawStream)).decode()).toString('latin1')).join('\n');
    return createHash('sha1')
      .update(text.replace(/<[0-9A-Fa-f]*>/g, '<>').replace(/\/([A-Za-z-]+)-\d+/g, '/$1'))
      .digest('hex');
  });
}

const [a, b] = await Promise.all([pageDrawings(beforePdf), pageDrawings(afterPdf)]);
if (a.length !== b.length) throw new Error(`the packets have ${a.length} and ${b.length} pages: not comparable page by page`);
const changed = a.flatMap((h, i) => (h !== b[i] ? [i + 1] : []));
const work = mkdtempSync(join(tmpdir(), 'changed-'));
const truth = /^\d+$/.test(seed)
  ? Object.fromEntries((await makeRandomCase(Number(seed), join(work, 'case'))).exhibits.filter((e) => e.stamps.length > 0).map((e) => [e.file, e]))
  : JSON.parse(readFileSync(seed, 'utf8'));
const cell = (v) => (v ? `${v.found}/${v.total}` : '—');
console.log(`${seed}: pages drawn otherwise ${changed.join(', ') || 'none'}`);
for (const [label, pdf, report] of [
  ['before', beforePdf, beforeReport],
  ['after', afterPdf, afterReport],
]) {
  const stamps = stampsOf(JSON.parse(readFileSync(report, 'utf8')).exhibits, truth).filter((s) => changed.some((p) => p >= s.pages[0] && p <= s.pages[1]));
  const r = await measureLegibility(pdf, stamps);
  console.log(`  ${label}: ${['desktop', 'photo', 'phone'].map((k) => `${k} ${cell(r.byKind[k])}`).join(', ')}, all ${cell(r.all)}`);
}
rmSync(work, { recursive: true, force: true });
