// Benchmark part for PDF evidence (BENCH_ONLY=pdf): a case holding one 40-page PDF of 300 dpi
// scans (about 38 MB) built into 4.5 MB and without a limit, timed beside qpdf and
// Ghostscript's /ebook on the same file, and read back by OCR at fit-width (each page
// rendered 1920 px wide): how many of the scan's clause lines are still read.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { scannedPdf } from './scanned-pdf.mjs';

const run = promisify(execFile);
const PAGES = 40;

async function timed(command, args) {
  const start = performance.now();
  await run(command, args, { maxBuffer: 1 << 26 });
  return performance.now() - start;
}

/** Clause lines ("Clause 12.3") OCR reads on every 4th page of a packet, each page rendered 1920 px wide. */
async function clausesRead(pdf, dir, firstPage) {
  if (spawnSync('tesseract', ['--version'], { stdio: 'ignore' }).status !== 0) return undefined;
  let found = 0;
  let total = 0;
  for (let page = firstPage; page < firstPage + PAGES; page += 4) {
    const base = join(dir, `ocr-${page}`);
    await run('pdftoppm', ['-scale-to-x', '1920', '-scale-to-y', '-1', '-f', String(page), '-l', String(page), '-png', '-singlefile', pdf, base]);
    const { stdout } = await run('tesseract', [`${base}.png`, '-', '--psm', '3'], { maxBuffer: 1 << 24 });
    found += new Set([...stdout.matchAll(/Clause (\d+)\.(\d+)/g)].map((m) => m[0])).size;
    total += 28;
  }
  return { found, total };
}

export async function benchPdf(work, build) {
  const dir = join(work, 'pdf-case');
  await mkdir(dir, { recursive: true });
  const scan = join(dir, 'scanned-contract.pdf');
  if (!existsSync(scan)) await writeFile(scan, await scannedPdf(PAGES, 300));
  await writeFile(
    join(dir, 'case.yaml'),
    'case: bench_pdf\nclient: { name: Jane Doe, email: jane.doe@example.com }\ntimezone: UTC\nitems:\n  - file: scanned-contract.pdf\n    note: The signed terms\n',
  );
  const input = (await stat(scan)).size;
  const fitted = build(dir, join(work, 'pdf-fitted.pdf'), 4_500_000);
  const unlimited = build(dir, join(work, 'pdf-unlimited.pdf'), 'lossless');
  console.log(`PDF evidence: a ${PAGES}-page 300 dpi scan, ${(input / 1e6).toFixed(1)} MB`);
  console.log(`  ours, 4.5 MB:   ${(fitted.ms / 1000).toFixed(1)} s, peak RSS ${fitted.maxRssMB.toFixed(0)} MiB, ${(fitted.bytes / 1e6).toFixed(2)} MB`);
  console.log(
    `  ours, no limit: ${(unlimited.ms / 1000).toFixed(1)} s, peak RSS ${unlimited.maxRssMB.toFixed(0)} MiB, ${(unlimited.bytes / 1e6).toFixed(2)} MB (pages copied as they are)`,
  );
  if (spawnSync('qpdf', ['--version'], { stdio: 'ignore' }).status === 0) {
    const ms = await timed('qpdf', ['--object-streams=generate', '--recompress-flate', scan, join(work, 'pdf-qpdf.pdf')]);
    console.log(`  qpdf (restructure only): ${(ms / 1000).toFixed(1)} s, ${((await stat(join(work, 'pdf-qpdf.pdf'))).size / 1e6).toFixed(2)} MB`);
  } else console.log('  qpdf not installed: skipped');
  if (spawnSync('gs', ['--version'], { stdio: 'ignore' }).status === 0) {
    const out = join(work, 'pdf-gs-ebook.pdf');
    const ms = await timed('gs', ['-q', '-dBATCH', '-dNOPAUSE', '-dSAFER', '-sDEVICE=pdfwrite', '-dPDFSETTINGS=/ebook', `-sOutputFile=${out}`, scan]);
    console.log(`  gs -dPDFSETTINGS=/ebook: ${(ms / 1000).toFixed(1)} s, ${((await stat(out)).size / 1e6).toFixed(2)} MB`);
  } else console.log('  Ghostscript not installed: skipped');
  // Our packets start the PDF's pages after the cover and index (page 3 in both builds).
  const first = fitted.exhibits[0]?.start ?? 3;
  const read = [];
  for (const [name, pdf] of [
    ['ours, 4.5 MB', join(work, 'pdf-fitted.pdf')],
    ['ours, no limit', join(work, 'pdf-unlimited.pdf')],
  ]) {
    const r = await clausesRead(pdf, work, first);
    if (!r) return console.log('  tesseract not installed: legibility not read');
    read.push(`${name} ${((r.found / r.total) * 100).toFixed(0)} % (${r.found}/${r.total})`);
  }
  console.log(`  clause lines OCR reads at fit-width (1920 px, every 4th page): ${read.join(', ')}`);
}
