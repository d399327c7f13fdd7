#!/usr/bin/env node
// Writes a PDF of scanned pages, as a flatbed scanner or a phone scan app saves them: each
// page one 300 dpi JPEG (q90, paper grain and all), no text layer. Used by the benchmark
// (40 pages, about 30 MB) and by the budget test (a few pages).
//   node scripts/scanned-pdf.mjs out.pdf [pages=40] [dpi=300]
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import sharp from 'sharp';

const require = createRequire(import.meta.url);
const { PDFDocument } = require('pdf-lib');

export async function scannedPdf(pages = 40, dpi = 300) {
  const width = Math.round(8.5 * dpi);
  const height = Math.round(11 * dpi);
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setCreationDate(new Date('2024-03-04T11:00:00Z'));
  doc.setModificationDate(new Date('2024-03-04T11:00:00Z'));
  doc.setProducer('evidence-packet scanned-pdf');
  for (let n = 1; n <= pages; n++) {
    const lines = Array.from({ length: 28 }, (_, i) => `<text x='${dpi}' y='${dpi * 1.5 + i * dpi * 0.32}' font-size='${dpi * 0.14}' fill='#1a1a1a'>Clause ${n}.${i + 1}: the client Jane Doe accepts delivery of the work on page ${n}.</text>`).join('');
    const svg = `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' font-family='DejaVu Sans, sans-serif'><rect width='100%' height='100%' fill='#f3efe6'/>${lines}</svg>`;
    // Paper grain: what makes real scans large.
    const grain = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 14 } } }).png().toBuffer();
    const jpeg = await sharp(Buffer.from(svg)).composite([{ input: grain, blend: 'soft-light' }]).jpeg({ quality: 90 }).toBuffer();
    const image = await doc.embedJpg(jpeg);
    doc.addPage([612, 792]).drawImage(image, { x: 0, y: 0, width: 612, height: 792 });
  }
  return doc.save({ useObjectStreams: false });
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const [out, pages = '40', dpi = '300'] = process.argv.slice(2);
  await writeFile(out, await scannedPdf(Number(pages), Number(dpi)));
}
