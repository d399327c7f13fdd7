// BENCH_ONLY=packing: page packing over cases nobody chose. Builds BENCH_PACKING_CASES random
// 17-exhibit cases (default 30) and BENCH_ALTERNATING cases of the issue's shape (default 5:
// 7 desktop, 6 phone captures never two in a row, 4 photos), each with a cover letter under
// Mastercard's 19 pages, and BENCH_PACKING_OTHER cases (default 10, seeds 101 on) of sizes
// the layout was never tuned on (random-case.mjs `sizes: 'other'`), and BENCH_PACKING_DARK
// cases (default 5: the first random cases again, their captures in a dark theme), with OCR on as a user
// builds, two cases at a time, and prints the pages of every case (worst, median, best, and
// each) and the build time per case. Reading
// pages back is what takes long, so legibility per kind as a reviewer reads
// (measure-legibility.mjs: pages at fit-width 1920 px, native tesseract defaults, no
// enlargement) is measured on the first BENCH_PACKING_LEGIBILITY cases of each group
// (default 3; printed as "3 of 30"), one case at a time with its pages read two at a time,
// beside img2pdf 1:1 of the same images (BENCH_IMG2PDF=0 leaves that row out). The cases
// share one OCR cache kept between runs (.bench/packing/cache, by file hash; a case's files
// are the same bytes every run): the first run reads every image cold, later runs print
// that the cache was warm and build in seconds.
import { spawn } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
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

/** One case made and built; its pages, exhibits kept, limit and build time, and what a reader needs to read it. */
async function buildOne(root, work, cache, name, seed, shape, sizes, theme) {
  const dir = join(work, name);
  await rm(dir, { recursive: true, force: true });
  const made = await makeRandomCase(seed, join(dir, 'case'), { shape, sizes, theme });
  const started = performance.now();
  const report = await buildCase(root, dir, cache);
  const seconds = (performance.now() - started) / 1000;
  if (!report) return { name, over: true, seconds };
  return { name, dir, made, report, seconds, pages: report.output.pages, kept: report.exhibits.length, limit: report.limits.maxPages };
}

/** A built case read back as a reviewer reads it, ours and img2pdf's, its pages two at a time. */
async function readOne(built) {
  const { dir, made, report } = built;
  const started = performance.now();
  const truth = Object.fromEntries(made.exhibits.filter((e) => e.stamps.length > 0).map((e) => [e.file, e]));
  built.ours = shares(await measureLegibility(join(dir, 'packet.pdf'), stampsOf(report.exhibits, truth), { workers: AT_ONCE }));
  if (WITH_IMG2PDF) {
    const images = Object.keys(truth).sort();
    const ref = await buildImg2pdf(join(dir, 'case'), images, join(dir, 'img2pdf.pdf'));
    built.img2pdf = shares(await measureLegibility(join(dir, 'img2pdf.pdf'), stampsOf(ref.exhibits, truth), { workers: AT_ONCE }));
  }
  built.readSeconds = (performance.now() - started) / 1000;
  // Reading a case takes minutes: each case's shares are printed as it is read, so a long run shows progress.
  const cells = (r) =>
    [...KINDS, 'all']
      .filter((k) => r?.[k] !== undefined)
      .map((k) => `${k} ${two(r[k])}`)
      .join(', ');
  console.log(
    `  read ${built.name} (${built.pages} pages) in ${built.readSeconds.toFixed(0)} s: ours ${cells(built.ours)}${built.img2pdf ? `; img2pdf 1:1 ${cells(built.img2pdf)}` : ''}`,
  );
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

function printLegibility(results, total) {
  const rows = [['ours', 'ours'], ...(WITH_IMG2PDF ? [['img2pdf 1:1', 'img2pdf']] : [])];
  const read = results.filter((r) => r.ours);
  const seconds = read.map((r) => r.readSeconds);
  console.log(
    `  legibility over ${read.length} of ${total} cases, worst / median / best (fit-width 1920 px, native tesseract defaults, no enlargement; ${spread(
      seconds.map((v) => -v),
      (v) => `${(-v).toFixed(0)} s`,
    )} per case to read):`,
  );
  console.log(`    ${'packet'.padEnd(12)} ${[...KINDS, 'all'].map((k) => k.padEnd(20)).join(' ')}`);
  for (const [label, key] of rows) {
    const cells = [...KINDS, 'all'].map((kind) =>
      spread(
        read.flatMap((r) => (r[key]?.[kind] === undefined ? [] : [r[key][kind]])),
        two,
      ).padEnd(20),
    );
    console.log(`    ${label.padEnd(12)} ${cells.join(' ')}`);
  }
}

function printPages(title, results) {
  const built = results.filter((r) => !r.over);
  const within = built.filter((r) => r.pages <= r.limit && r.kept === 17).length;
  const over = results.length - built.length;
  // Pages: fewer is better, so the worst is the most.
  const pages = built.map((r) => -r.pages);
  const seconds = results.map((r) => r.seconds);
  console.log(`${title}, ${results.length} cases of 17 exhibits (OCR on, letter, Mastercard's 19 pages):`);
  console.log(
    `  pages worst / median / best: ${spread(pages, (v) => String(-v))}; ${within}/${results.length} within the limit with every exhibit kept${over ? `; ${over} over it even packed (exit 4)` : ''}`,
  );
  console.log(`  pages by case: ${results.map((r) => (r.over ? 'over' : r.pages)).join(', ')}`);
  // Build time: less is better, so the worst is the most.
  console.log(
    `  build time per case, worst / median / best: ${spread(
      seconds.map((v) => -v),
      (v) => `${(-v).toFixed(1)} s`,
    )}`,
  );
}

/**
 * Every case built for its pages (no page read: quick on a warm OCR cache), then the first
 * `legible` of each group read back, one case at a time with its pages read two at a time.
 */
export async function benchPacking(root, work) {
  const cases = Number(process.env.BENCH_PACKING_CASES ?? process.env.BENCH_CASES ?? 30);
  const alternating = Number(process.env.BENCH_ALTERNATING ?? 5);
  const legible = Number(process.env.BENCH_PACKING_LEGIBILITY ?? 3);
  const other = Number(process.env.BENCH_PACKING_OTHER ?? 10);
  const dark = Number(process.env.BENCH_PACKING_DARK ?? 5);
  const dir = join(work, 'packing');
  const cache = join(dir, 'cache');
  const why = legibilityUnavailable();
  if (why) console.log(`packing: ${why}`);
  const cached = await readdir(join(cache, 'ocr')).then(
    (entries) => entries.length,
    () => 0,
  );
  console.log(`packing: OCR cache ${cached === 0 ? 'cold (every image read)' : `warm (${cached} entries from an earlier run)`}`);
  const groups = [
    { title: 'packing: random cases', name: 'random', shape: 'random', count: cases },
    { title: "packing: the issue's shape (kinds alternating)", name: 'alternating', shape: 'alternating', count: alternating },
    {
      title: 'packing: random cases of other sizes (12 MP photos, Retina and laptop captures, newer phones)',
      name: 'other',
      shape: 'random',
      sizes: 'other',
      count: other,
    },
    {
      title: 'packing: random cases in dark mode (the first random cases, their captures in a dark theme)',
      name: 'dark',
      shape: 'random',
      theme: 'dark',
      count: dark,
    },
  ];
  for (const group of groups) {
    if (group.count <= 0) continue;
    const jobs = Array.from(
      { length: group.count },
      (_, k) => () => buildOne(root, dir, cache, `${group.name}-${k + 1}`, k + 1 + (group.sizes ? 100 : 0), group.shape, group.sizes, group.theme),
    );
    const results = await inTwos(jobs);
    printPages(group.title, results);
    if (why || legible <= 0) continue;
    const read = results.filter((r) => !r.over).slice(0, legible);
    for (const built of read) await readOne(built);
    printLegibility(read, results.length);
  }
}
