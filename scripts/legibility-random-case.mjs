// Legibility of one random case (random-case.mjs) as a reviewer reads it, built with OCR on
// under its page limit as a user builds (the CLI), beside img2pdf 1:1 of the same images.
// Usage: node scripts/legibility-random-case.mjs <seed> <work-dir> [--no-img2pdf]
import { spawnSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildImg2pdf } from './bench-img2pdf.mjs';
import { measureLegibility, stampsOf } from './measure-legibility.mjs';
import { makeRandomCase } from './random-case.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [seed, work] = process.argv.slice(2);
const dir = join(work, `random-${seed}`);
await rm(join(dir, 'case'), { recursive: true, force: true });
const made = await makeRandomCase(Number(seed), join(dir, 'case'));
const args = ['build', join(dir, 'case'), '-o', join(dir, 'packet.pdf'), '--report', join(dir, 'report.json'), '--cache-dir', join(work, 'cache')];
const child = spawnSync(process.execPath, [join(root, 'bin', 'evidence-packet.js'), ...args], { encoding: 'utf8' });
if (child.status !== 0) throw new Error(`build failed (exit ${child.status}): ${child.stderr}`);
const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
const truth = Object.fromEntries(made.exhibits.filter((e) => e.stamps.length > 0).map((e) => [e.file, e]));
const cell = (v) => (v ? `${(v.found / v.total).toFixed(2)} (${v.found}/${v.total})` : '—');
const show = (label, r) => console.log(`${label}: ${['desktop', 'photo', 'phone'].map((k) => `${k} ${cell(r.byKind[k])}`).join(', ')}, all ${cell(r.all)}`);
console.log(`random case ${seed}: ${report.output.pages} pages, ${report.output.bytes ?? ''} bytes`);
show('ours', await measureLegibility(join(dir, 'packet.pdf'), stampsOf(report.exhibits, truth)));
if (!process.argv.includes('--no-img2pdf')) {
  const ref = await buildImg2pdf(join(dir, 'case'), Object.keys(truth).sort(), join(dir, 'img2pdf.pdf'));
  show('img2pdf 1:1', await measureLegibility(join(dir, 'img2pdf.pdf'), stampsOf(ref.exhibits, truth)));
}
