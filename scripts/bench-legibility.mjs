// BENCH_ONLY=legibility: legibility as a reviewer reads (measure-legibility.mjs: pages at
// fit-width 1920 px, native tesseract defaults, no enlargement), per kind, of a packet built
// under 4.5 MB with OCR on, beside img2pdf-style one image per page at 1:1 — on the bench
// corpus and on a second corpus of other sizes and stamp sizes (bench-other-corpus.mjs)
// that nothing was tuned on.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { makeCorpus } from './bench-corpus.mjs';
import { makeOtherCorpus } from './bench-other-corpus.mjs';
import { buildImg2pdf } from './bench-img2pdf.mjs';
import { legibilityUnavailable, measureLegibility, stampsOf } from './measure-legibility.mjs';

const BUDGET = 4_500_000;
const KINDS = ['desktop', 'photo', 'phone'];
// BENCH_LEGIBILITY=bench or =other reads one corpus; BENCH_IMG2PDF=0 leaves out the
// img2pdf row (it does not change with our code: measure it once when comparing two builds).
const CORPORA = (process.env.BENCH_LEGIBILITY ?? 'bench,other').split(',');
const WITH_IMG2PDF = process.env.BENCH_IMG2PDF !== '0';

/** The bench corpus's truth (file → times) with each file's kind, as the measure wants it. */
async function benchTruth(caseDir, times) {
  const truth = {};
  for (const [file, stamps] of Object.entries(times)) {
    const { width, height, format } = await sharp(join(caseDir, file)).metadata();
    truth[file] = { kind: format === 'jpeg' ? 'photo' : width > height ? 'desktop' : 'phone', stamps };
  }
  return truth;
}

const cell = (v) => (v ? `${(v.found / Math.max(1, v.total)).toFixed(2)} (${v.found}/${v.total})` : '—').padEnd(18);

async function measureCase(name, work, caseDir, truth, build, ocrDir) {
  const files = (await readdir(caseDir)).filter((f) => !f.endsWith('.yaml')).sort();
  // OCR's results of the source images are kept between runs (they do not depend on how the
  // packet is encoded): the build is the same bytes with them cached or read afresh.
  const fitted = build(caseDir, join(work, `${name}-fitted.pdf`), BUDGET, ocrDir);
  const img2pdf = await buildImg2pdf(caseDir, files, join(work, `${name}-img2pdf.pdf`));
  const rows = [
    [`ours, ${(fitted.bytes / 1e6).toFixed(2)} MB`, join(work, `${name}-fitted.pdf`), fitted],
    ...(WITH_IMG2PDF ? [[`img2pdf 1:1, ${(img2pdf.bytes / 1e6).toFixed(1)} MB`, join(work, `${name}-img2pdf.pdf`), img2pdf]] : []),
  ];
  const counts = {};
  for (const t of Object.values(truth)) counts[t.kind] = (counts[t.kind] ?? 0) + 1;
  console.log(
    `legibility, ${name} corpus (${KINDS.map((k) => `${counts[k] ?? 0} ${k}`).join(', ')}), built under ${(BUDGET / 1e6).toFixed(1)} MB with OCR on:`,
  );
  const rungs = {};
  for (const e of fitted.exhibits) rungs[e.rung] = (rungs[e.rung] ?? 0) + 1;
  for (const [rung, n] of Object.entries(rungs)) console.log(`    ${String(n).padStart(3)} × ${rung}`);
  console.log(`  ${'packet'.padEnd(24)} ${[...KINDS, 'all'].map((k) => k.padEnd(18)).join(' ')}`);
  for (const [label, pdf, report] of rows) {
    const r = await measureLegibility(pdf, stampsOf(report.exhibits, truth));
    console.log(`  ${label.padEnd(24)} ${[...KINDS.map((k) => cell(r.byKind[k])), cell(r.all)].join(' ')}`);
  }
}

/** `build(caseDir, out, limit, ocrDir)`: one measured build (bench.mjs). */
export async function benchLegibility(work, build) {
  const why = legibilityUnavailable();
  if (why) return console.log(why);
  if (CORPORA.includes('bench')) {
    const bench = await makeCorpus(join(work, 'corpus'));
    await measureCase('bench', work, bench.caseDir, await benchTruth(bench.caseDir, bench.truth), build, join(work, 'ocr-bench'));
  }
  if (CORPORA.includes('other')) {
    const other = await makeOtherCorpus(join(work, 'other-corpus'));
    await measureCase('other', work, other.caseDir, other.truth, build, join(work, 'ocr-other'));
  }
}
