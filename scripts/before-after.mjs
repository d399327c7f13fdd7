#!/usr/bin/env node
// Renders the README's before/after picture: the sample case's desktop capture as the packet
// lays it out (on a landscape page, since that shows it larger) beside the same page with
// `landscape: false` on the item (upright, as every page was before). Both built from the
// bundled sample case with the built tool (npm run build first), rendered with pdf.js.
//   node scripts/before-after.mjs [out.png=docs/before-after.png]
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { buildPacket } = await import('../dist/index.js');
const { openPdf } = await import('../dist/io/pdfjs.js');
const FILE = 'screenshots/live-site.png';
const DPI = 72;

async function renderExhibitPage(pdf, caption) {
  const doc = await openPdf(pdf);
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const text = (await page.getTextContent()).items.map((i) => i.str ?? '').join(' ');
      if (!text.includes(FILE) || !text.includes('Exhibit 4 of')) continue;
      const viewport = page.getViewport({ scale: DPI / 72 });
      const { canvas, context } = doc.canvasFactory.create(Math.round(viewport.width), Math.round(viewport.height));
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvasContext: context, canvas, viewport }).promise;
      const image = await sharp(canvas.data(), { raw: { width: canvas.width, height: canvas.height, channels: 4 } })
        .removeAlpha()
        .png()
        .toBuffer();
      const label = Buffer.from(
        `<svg xmlns='http://www.w3.org/2000/svg' width='${canvas.width}' height='40'><rect width='100%' height='100%' fill='#ffffff'/><text x='8' y='27' font-size='20' font-family='DejaVu Sans' fill='#222'>${caption}</text></svg>`,
      );
      return sharp({ create: { width: canvas.width + 2, height: canvas.height + 42, channels: 3, background: '#888888' } })
        .composite([
          { input: await sharp(label).png().toBuffer(), left: 1, top: 1 },
          { input: image, left: 1, top: 41 },
        ])
        .png()
        .toBuffer({ resolveWithObject: true });
    }
    throw new Error(`no page shows ${FILE}`);
  } finally {
    await doc.destroy();
  }
}

const out = process.argv[2] ?? join(root, 'docs', 'before-after.png');
const work = await mkdtemp(join(tmpdir(), 'ep-before-after-'));
try {
  const after = join(work, 'after');
  const before = join(work, 'before');
  await cp(join(root, 'fixtures', 'sample-case'), after, { recursive: true });
  await cp(join(root, 'fixtures', 'sample-case'), before, { recursive: true });
  const yaml = await readFile(join(before, 'case.yaml'), 'utf8');
  if (!yaml.includes(`  - file: ${FILE}\n`)) throw new Error(`${FILE} is not an item of the sample case.yaml`);
  await writeFile(join(before, 'case.yaml'), yaml.replace(`  - file: ${FILE}\n`, `  - file: ${FILE}\n    landscape: false\n`));
  const pages = [];
  for (const [dir, caption] of [
    [before, 'Before: upright page (landscape: false)'],
    [after, 'After: landscape page (the default), drawn larger'],
  ]) {
    const built = await buildPacket(dir, { sourceDateEpoch: 1_700_000_000 });
    if (!built.ok) throw new Error(`the sample case did not build: ${built.check.findings.map((f) => f.code).join(', ')}`);
    pages.push(await renderExhibitPage(built.pdf, caption));
  }
  const width = pages.reduce((w, p) => w + p.info.width, 0) + 24;
  const height = Math.max(...pages.map((p) => p.info.height));
  await mkdir(dirname(out), { recursive: true });
  await sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite([
      { input: pages[0].data, left: 0, top: 0 },
      { input: pages[1].data, left: pages[0].info.width + 24, top: 0 },
    ])
    .png({ compressionLevel: 9, palette: true, colours: 64 })
    .toFile(out);
  console.log(`wrote ${out}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
