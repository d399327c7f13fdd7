// BENCH_ONLY=packing: page packing over cases nobody chose. Builds BENCH_CASES random 17-exhibit
// cases (default 30) and BENCH_ALTERNATING cases of the issue's shape (default 5: 7 desktop,
// 6 phone captures never two in a row, 4 photos), each with a cover letter under Mastercard's
// 19 pages, with OCR on as a user builds, and prints the pages: worst, median and best.
import { spawnSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeRandomCase } from './random-case.mjs';

/** The build's report; undefined when it wrote no packet (over the page limit even packed: exit 4 names exhibits to drop). */
async function buildCase(root, dir) {
  const args = ['build', join(dir, 'case'), '-o', join(dir, 'packet.pdf'), '--report', join(dir, 'report.json'), '--cache-dir', join(dir, 'cache')];
  const child = spawnSync(process.execPath, [join(root, 'bin', 'evidence-packet.js'), ...args], { encoding: 'utf8' });
  if (child.status === 4) return undefined;
  if (child.status !== 0)
    throw new Error(
      `build failed (exit ${child.status}): ${child.stderr
        .split('\n')
        .filter((l) => /^error/.test(l))
        .join('; ')}`,
    );
  return JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
}

async function pagesOf(root, work, name, seed, shape) {
  const dir = join(work, name);
  await rm(dir, { recursive: true, force: true });
  const made = await makeRandomCase(seed, join(dir, 'case'), { shape });
  // The stamps drawn in each image, for a legibility reading of the packet.
  await writeFile(join(dir, 'stamps.json'), JSON.stringify(made.exhibits, null, 1));
  const report = await buildCase(root, dir);
  return report ? { name, pages: report.output.pages, kept: report.exhibits.length, limit: report.limits.maxPages } : { name, over: true };
}

export async function benchPacking(root, work) {
  const cases = Number(process.env.BENCH_CASES ?? 30);
  const alternating = Number(process.env.BENCH_ALTERNATING ?? 5);
  const dir = join(work, 'packing');
  const random = [];
  for (let seed = 1; seed <= cases; seed++) random.push(await pagesOf(root, dir, `random-${seed}`, seed, 'random'));
  const shaped = [];
  for (let seed = 1; seed <= alternating; seed++) shaped.push(await pagesOf(root, dir, `alternating-${seed}`, seed, 'alternating'));
  const sorted = random
    .filter((r) => !r.over)
    .map((r) => r.pages)
    .sort((a, b) => a - b);
  const within = random.filter((r) => !r.over && r.pages <= r.limit && r.kept === 17).length;
  const over = random.filter((r) => r.over).length;
  if (sorted.length > 0) {
    console.log(
      `packing: ${cases} random cases of 17 exhibits (OCR on, letter, limit 19): pages worst ${sorted[sorted.length - 1]}, median ${sorted[Math.floor((sorted.length - 1) / 2)]}, best ${sorted[0]}; ${within}/${cases} within the limit with every exhibit kept${over ? `, ${over} over it even packed (exit 4)` : ''}`,
    );
  }
  if (shaped.length > 0)
    console.log(
      `packing: the issue's shape (kinds alternating), ${shaped.length} cases: ${shaped.map((r) => (r.over ? 'over the limit' : `${r.pages} pages`)).join(', ')}`,
    );
}
