// BENCH_ONLY=packing: page packing over cases nobody chose. Builds BENCH_PACKING_CASES random
// 17-exhibit cases (default 30) and BENCH_ALTERNATING cases of the issue's shape (default 5:
// 7 desktop, 6 phone captures never two in a row, 4 photos), each with a cover letter under
// Mastercard's 19 pages, with OCR on as a user builds, two cases at a time. Prints the
// distribution over the cases: pages worst, median and best, and legibility per kind as a
// reviewer reads (measure-legibility.mjs: pages at fit-width 1920 px, native tesseract
// defaults, no enlargement) worst, median and best, beside img2pdf 1:1 of the same images
// (BENCH_IMG2PDF=0 leaves that row out). The cases share one OCR cache, kept between runs:
// the first run reads every image cold; later runs print that the cache was warm.
import { spawn } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildImg2pdf } from './bench-img2pdf.mjs';
import { legibilityUnavailable, measureLegibility, stampsOf } from './measure-legibility.mjs';
import { makeRandomCase } from './random-case.mjs';

const KINDS = ['desktop', 'phone', 'photo'];
const AT_ONCE = 2;
const WITH_IMG2PDF = process.env.BENCH_IMG2PDF !== '0';

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

/** The build's report; undefined when it wrote no packet (over the page limit even packed: exit 4 names exhibits to drop). */
async function buildCase(root, dir, cache) {
  const args = ['build', join(dir, 'case'), '-o', join(dir, 'packet.pdf'), '--report', join(dir, 'report.json'), '--cache-dir', cache];
  const child = await run(process.execPath, [join(root, 'bin', 'evidence-packet.js'), ...args]);
  if (child.status === 4) return undefined;
  if (child.status !== 0) {
    const errors = child.stderr.split('\n').filter((l) => /^error/.test(l));
    throw new Error(`build of ${dir} failed (exit ${child.status}): ${errors.join('; ')}`);
  }
  return JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
}

/** Found / total per kind and in all, for the kinds the case has. */
function shares(reading) {
  const out = {};
  for (const [kind, v] of Object.entries({ ...reading.byKind, all: reading.all })) if (v.total > 0) out[kind] = v.found / v.total;
  return out;
}

/** One case: made, built, and (when the tools are there) read back as a reviewer reads it, ours and img2pdf's. */
async function measureOne(root, work, cache, name, seed, shape, readable) {
  const dir = join(work, name);
  await rm(dir, { recursive: true, force: true });
  const made = await makeRandomCase(seed, join(dir, 'case'), { shape });
  const report = await buildCase(root, dir, cache);
  const result = { name, over: !report };
  if (!report) return result;
  Object.assign(result, { pages: report.output.pages, kept: report.exhibits.length, limit: report.limits.maxPages });
  if (!readable) return result;
  const truth = Object.fromEntries(made.exhibits.filter((e) => e.stamps.length > 0).map((e) => [e.file, e]));
  // Each case reads one page at a time: two cases run at once on the two cores.
  result.ours = shares(await measureLegibility(join(dir, 'packet.pdf'), stampsOf(report.exhibits, truth), { workers: 1 }));
  if (WITH_IMG2PDF) {
    const images = Object.keys(truth).sort();
    const ref = await buildImg2pdf(join(dir, 'case'), images, join(dir, 'img2pdf.pdf'));
    result.img2pdf = shares(await measureLegibility(join(dir, 'img2pdf.pdf'), stampsOf(ref.exhibits, truth), { workers: 1 }));
  }
  return result;
}

/** Runs the jobs AT_ONCE at a time, keeping their order in the results. */
async function inTwos(jobs) {
  const results = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: AT_ONCE }, async () => {
      while (next < jobs.length) {
        const k = next++;
        results[k] = await jobs[k]();
      }
    }),
  );
  return results;
}

const median = (sorted) => sorted[Math.floor((sorted.length - 1) / 2)];

/** "worst / median / best" of numbers where more is better, or a dash when there are none. */
function spread(values, format) {
  if (values.length === 0) return '—';
  const sorted = [...values].sort((a, b) => a - b);
  return `${format(sorted[0])} / ${format(median(sorted))} / ${format(sorted[sorted.length - 1])}`;
}

const two = (v) => v.toFixed(2);

function printLegibility(results) {
  const rows = [['ours', 'ours'], ...(WITH_IMG2PDF ? [['img2pdf 1:1', 'img2pdf']] : [])];
  console.log(`  legibility per case, worst / median / best (fit-width 1920 px, native tesseract defaults, no enlargement):`);
  console.log(`    ${'packet'.padEnd(12)} ${[...KINDS, 'all'].map((k) => k.padEnd(20)).join(' ')}`);
  for (const [label, key] of rows) {
    const cells = [...KINDS, 'all'].map((kind) =>
      spread(
        results.flatMap((r) => (r[key]?.[kind] === undefined ? [] : [r[key][kind]])),
        two,
      ).padEnd(20),
    );
    console.log(`    ${label.padEnd(12)} ${cells.join(' ')}`);
  }
}

function printCases(title, results) {
  const built = results.filter((r) => !r.over);
  const within = built.filter((r) => r.pages <= r.limit && r.kept === 17).length;
  const over = results.length - built.length;
  // Pages: fewer is better, so the worst is the most.
  const pages = built.map((r) => -r.pages);
  console.log(`${title}, ${results.length} cases of 17 exhibits (OCR on, letter, Mastercard's 19 pages):`);
  console.log(
    `  pages worst / median / best: ${spread(pages, (v) => String(-v))}; ${within}/${results.length} within the limit with every exhibit kept${over ? `; ${over} over it even packed (exit 4)` : ''}`,
  );
  if (built.some((r) => r.ours)) printLegibility(built);
}

export async function benchPacking(root, work) {
  const cases = Number(process.env.BENCH_PACKING_CASES ?? process.env.BENCH_CASES ?? 30);
  const alternating = Number(process.env.BENCH_ALTERNATING ?? 5);
  const dir = join(work, 'packing');
  const cache = join(dir, 'cache');
  const why = legibilityUnavailable();
  if (why) console.log(`packing: ${why}`);
  const cached = await readdir(join(cache, 'ocr')).then(
    (entries) => entries.length,
    () => 0,
  );
  console.log(`packing: OCR cache ${cached === 0 ? 'cold (every image read)' : `warm (${cached} entries from an earlier run)`}`);
  const job = (name, seed, shape) => () => measureOne(root, dir, cache, name, seed, shape, !why);
  const random = await inTwos(Array.from({ length: cases }, (_, k) => job(`random-${k + 1}`, k + 1, 'random')));
  if (random.length > 0) printCases('packing: random cases', random);
  const shaped = await inTwos(Array.from({ length: alternating }, (_, k) => job(`alternating-${k + 1}`, k + 1, 'alternating')));
  if (shaped.length > 0) {
    printCases("packing: the issue's shape (kinds alternating)", shaped);
    console.log(`  pages by case: ${shaped.map((r) => (r.over ? 'over the limit' : r.pages)).join(', ')}`);
  }
}
