// Legibility of one random case (random-case.mjs) exhibit by exhibit, to find where stamps
// are lost: for each image, its page(s), whether it has its page alone or shares it, each
// image drawn there (pixel size, colour, encoding) with its drawn scale in screen px per
// image px at 1920 px fit-width, and the stamps read back from its pages, ours and img2pdf 1:1
// (read as measure-legibility.mjs reads: pdftoppm -scale-to-x 1920, native tesseract defaults).
// Each page's OCR text is kept in <work>/random-<seed>/<packet>-texts.json and not read again.
// Usage: node scripts/legibility-by-exhibit.mjs <seed> <work-dir> [--build] [--img2pdf]
// (--build builds the case with the CLI, OCR on, under its page limit, cache <work-dir>/cache).
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildImg2pdf } from './bench-img2pdf.mjs';
import { makeRandomCase, randomCaseSpec } from './random-case.mjs';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [seed, work] = process.argv.slice(2);
const dir = join(work, `random-${seed}`);
const squeeze = (text) => text.replace(/\s+/g, '');

/** Each page's OCR text (squeezed), read two at a time, kept in `store` between runs. */
async function readPages(pdf, pages, store) {
  const texts = existsSync(store) ? JSON.parse(await readFile(store, 'utf8')) : {};
  const todo = pages.filter((p) => texts[p] === undefined);
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const p = todo[next++];
      const prefix = join(dir, `read-${p}-${Math.random().toString(36).slice(2)}`);
      await run('pdftoppm', ['-png', '-f', String(p), '-l', String(p), '-scale-to-x', '1920', '-scale-to-y', '-1', '-singlefile', pdf, prefix]);
      texts[p] = squeeze((await run('tesseract', [`${prefix}.png`, '-'], { maxBuffer: 1 << 24 })).stdout);
      await rm(`${prefix}.png`, { force: true });
    }
  };
  await Promise.all([worker(), worker()]);
  await writeFile(store, JSON.stringify(texts));
  return texts;
}

/** The images pdfimages lists, by page: pixel size, colour, bits, encoding, x ppi. */
function imagesOf(pdf) {
  const rows = spawnSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).stdout.split('\n').slice(2).filter(Boolean);
  return rows.map((l) => l.trim().split(/\s+/)).map((c) => ({ page: +c[0], type: c[2], w: +c[3], h: +c[4], color: c[5], bpc: +c[7], enc: c[8], ppi: +c[12] }));
}

function pageInches(pdf, p) {
  const info = spawnSync('pdfinfo', ['-f', String(p), '-l', String(p), pdf], { encoding: 'utf8' }).stdout;
  const m = info.match(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/);
  return { w: +m[1] / 72, h: +m[2] / 72 };
}

const spanOf = ({ start, end }) => Array.from({ length: end - start + 1 }, (_, k) => start + k);

await mkdir(dir, { recursive: true });
const made = await makeRandomCase(Number(seed), join(dir, 'case'));
const spec = Object.fromEntries(randomCaseSpec(Number(seed)).map((s) => [s.file, s]));
const truth = Object.fromEntries(made.exhibits.filter((e) => e.stamps.length > 0).map((e) => [e.file, e]));
const packet = join(dir, 'packet.pdf');
if (process.argv.includes('--build') || !existsSync(packet)) {
  const args = ['build', join(dir, 'case'), '-o', packet, '--report', join(dir, 'report.json'), '--cache-dir', join(work, 'cache')];
  const child = spawnSync(process.execPath, [join(root, 'bin', 'evidence-packet.js'), ...args], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`build failed (exit ${child.status}): ${child.stderr}`);
  await rm(join(dir, 'packet-texts.json'), { force: true });
}
const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
const pages = [...new Set(report.exhibits.filter((e) => truth[e.file]).flatMap((e) => spanOf(e.pages)))];
const texts = await readPages(packet, pages, join(dir, 'packet-texts.json'));
let ref;
if (process.argv.includes('--img2pdf')) {
  const files = Object.keys(truth).sort();
  const refPdf = join(dir, 'img2pdf.pdf');
  if (!existsSync(refPdf)) await buildImg2pdf(join(dir, 'case'), files, refPdf);
  const refTexts = await readPages(
    refPdf,
    files.map((_, i) => i + 1),
    join(dir, 'img2pdf-texts.json'),
  );
  ref = Object.fromEntries(files.map((f, i) => [f, refTexts[i + 1]]));
}
const images = imagesOf(packet);
const onPage = {};
for (const e of report.exhibits) for (const p of spanOf(e.pages)) onPage[p] = (onPage[p] ?? 0) + 1;
const desktop = { ours: 0, ref: 0, total: 0 };
for (const e of report.exhibits) {
  const t = truth[e.file];
  if (!t) continue;
  const s = spec[e.file];
  const found = t.stamps.filter((x) => spanOf(e.pages).some((p) => texts[p]?.includes(squeeze(x)))).length;
  const refFound = ref ? t.stamps.filter((x) => ref[e.file]?.includes(squeeze(x))).length : undefined;
  const drawn = spanOf(e.pages).flatMap((p) => {
    const size = pageInches(packet, p);
    const turn = size.w > size.h ? 'landscape' : 'portrait';
    return images
      .filter((im) => im.page === p && im.type === 'image')
      .map((im) => `p${p} ${turn} ${im.w}×${im.h} ${im.color}${im.bpc} ${im.enc} ${(1920 / size.w / im.ppi).toFixed(2)}`);
  });
  const layout = onPage[e.pages.start] > 1 ? 'shared' : e.pages.end > e.pages.start ? 'several pages' : 'alone';
  if (t.kind === 'desktop') {
    desktop.ours += found;
    desktop.ref += refFound ?? 0;
    desktop.total += t.stamps.length;
  }
  const stampPx = ((t.kind === 'phone' ? 11 : t.kind === 'desktop' ? 11.5 : 12) * s.scale).toFixed(1);
  console.log(
    `#${e.number} ${t.kind} ${s.width}×${s.height}, stamps ${stampPx} px, ${layout} | ours ${found}/${t.stamps.length}, img2pdf ${refFound ?? '—'} | ${drawn.join('; ')}`,
  );
}
console.log(`desktop: ours ${desktop.ours}/${desktop.total}, img2pdf ${ref ? desktop.ref : '—'}/${desktop.total}; ${report.output.pages} pages`);
