#!/usr/bin/env node
// Writes a PDF of scanned pages, as a flatbed scanner or a phone scan app saves them: each
// page one 300 dpi JPEG (q90, paper grain and all), no text layer. Used by the benchmark
// (40 pages, about 30 MB) and by the budget test (a few pages).
// With `png` each page is a PNG instead (Flate, as some scanners save bilevel or lossless
// scans); with `text` each page also carries a line of real text, as a searchable scan does.
//   node scripts/scanned-pdf.mjs out.pdf [pages=40] [dpi=300] [jpeg|png] [text]
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import sharp from 'sharp';

const require = createRequire(import.meta.url);
const { PDFDocument, StandardFonts } = require('pdf-lib');

export async function scannedPdf(pages = 40, dpi = 300, { png = false, text = false } = {}) {
  const width = Math.round(8.5 * dpi);
  const height = Math.round(11 * dpi);
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setCreationDate(new Date('2024-03-04T11:00:00Z'));
  doc.setModificationDate(new Date('2024-03-04T11:00:00Z'));
  doc.setProducer('evidence-packet scanned-pdf');
  const font = text ? await doc.embedFont(StandardFonts.Helvetica) : undefined;
  for (let n = 1; n <= pages; n++) {
    const lines = Array.from(
      { length: 28 },
      (_, i) =>
        `<text x='${dpi}' y='${dpi * 1.5 + i * dpi * 0.32}' font-size='${dpi * 0.14}' fill='#1a1a1a'>Clause ${n}.${i + 1}: the client Jane Doe accepts delivery of the work on page ${n}.</text>`,
    ).join('');
    const svg = `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' font-family='DejaVu Sans, sans-serif'><rect width='100%' height='100%' fill='#f3efe6'/>${lines}</svg>`;
    // Paper grain: what makes real scans large.
    const grain = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 14 } } })
      .png()
      .toBuffer();
    const scan = sharp(Buffer.from(svg)).composite([{ input: grain, blend: 'soft-light' }]);
    const image = png ? await doc.embedPng(await scan.png().toBuffer()) : await doc.embedJpg(await scan.jpeg({ quality: 90 }).toBuffer());
    const page = doc.addPage([612, 792]);
    page.drawImage(image, { x: 0, y: 0, width: 612, height: 792 });
    if (font) page.drawText(`Searchable scan, page ${n} of ${pages}`, { x: 72, y: 40, size: 9, font });
  }
  return doc.save({ useObjectStreams: false });
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const [out, pages = '40', dpi = '300', kind = 'jpeg', text] = process.argv.slice(2);
  await writeFile(out, await scannedPdf(Number(pages), Number(dpi), { png: kind === 'png', text: text === 'text' }));
}
